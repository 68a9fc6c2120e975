"""Two provinces in one warehouse, for the union property of the dbt project (issue 15: one
national build over every province gives each province what a build of it alone gives).

Province A is a small generated Yunnan (530000), ingested as usual. Province B is A's raw
layer re-coded into another real province code: the `53` prefix of every unit, admin, bureau
and incident code becomes B's, person and staff keys are hashed anew (so no person is in
both), file names follow the codes, and a few numbers are shifted (incident minutes, police
strength, duty quotas) and B's last month is left out (not delivered yet), so that B is not
a copy of A and runs on its own months. A∪B is one warehouse whose raw tables
hold both. `build_all` builds the three with dbt (seeds and models), `union_of` writes the
marts of A and B stacked into one DuckDB file, to compare with A∪B's
(compare_warehouses.compare).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.pipeline import small_builds
from tests.pipeline.job import dbt_build

# varchar columns of the raw layer rewritten for B; {c} is the column, {p} B's 2-digit prefix
_CODES = ("unit_code", "parent_code", "admin_code", "incident_id")
_KEYS = ("person_key", "staff_key")
_FILES = ("_file", "file", "batch_files")
_RECODE = {
    **{c: "regexp_replace({c}, '^53', '{p}')" for c in _CODES},
    **{c: "sha256('{p}' || {c})" for c in _KEYS},
    **{c: "replace({c}, '_53', '_{p}')" for c in _FILES},
    "unit_name": "replace({c}, '云南省', '{name}')",
    "approved_by": "replace({c}, '云南省', '{name}')",
    "policy_no": "'{p}' || {c}",
}
# B is not a copy: other incident minutes, police strength and duty quotas, and its bureaus
# have not delivered the last month yet (each province on its own schedule)
_SHIFTS = (
    "update raw.incidents set handling_minutes = handling_minutes + 7 "
    "where handling_minutes is not null and hash(incident_id) % 3 = 0",
    "update raw.police_strength set police_count = police_count + 2 where year % 2 = 0",
    "update raw.quotas set approved = approved + 3 where category = 'duty' and approved > 0",
)
_LAST_MONTH = {
    "roster": "snapshot_month",
    "payroll": "pay_month",
    "incidents": "date_trunc('month', reported_at)",
    "incident_staff": "incident_month",
}


def _raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        t
        for (t,) in con.execute(
            "select table_name from information_schema.tables where table_catalog = "
            "current_database() and table_schema = 'raw' and table_type = 'BASE TABLE' order by 1"
        ).fetchall()
    ]


def recode(warehouse: Path, province_code: str, province_name: str) -> None:
    """Rewrite the raw layer of `warehouse` (a copy of A's) as province `province_code`."""
    prefix = province_code[:2]
    with duckdb.connect(str(warehouse)) as con:
        for table in _raw_tables(con):
            columns = {
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'raw' and table_name = ?",
                    [table],
                ).fetchall()
            }
            sets = [
                f'"{c}" = ' + sql.format(c=f'"{c}"', p=prefix, name=province_name)
                for c, sql in _RECODE.items()
                if c in columns
            ]
            if sets:
                con.execute(f"update raw.{table} set {', '.join(sets)}")
        for shift in _SHIFTS:
            con.execute(shift)
        (last,) = con.execute("select max(snapshot_month) from raw.roster").fetchone()
        for table, month in _LAST_MONTH.items():
            con.execute(f"delete from raw.{table} where {month} = ?", [last])
        con.execute("delete from raw._load_log where partition = ?", [last.strftime("%Y-%m")])
        con.execute("delete from pii.persons")


def merge_raw(target: Path, other: Path) -> None:
    """Append every raw row of warehouse `other` to warehouse `target`."""
    with duckdb.connect(str(target)) as con:
        con.execute(f"attach '{other}' as other (read_only)")
        for table in _raw_tables(con):
            con.execute(f"insert into raw.{table} select * from other.raw.{table}")


def prepare(root: Path, months: int, end_month: str, scale: float, seed: int) -> dict[str, Path]:
    """Roots of A (Yunnan), B (Ningxia 640000, re-coded from A) and A∪B, raw layers loaded."""
    from dagster_project.synthetic import generate

    roots = {name: root / name for name in ("a", "b", "ab")}
    for path in roots.values():
        (path / "tmp").mkdir(parents=True)
    generate(
        roots["a"] / "landing",
        seed=seed,
        scale=scale,
        months=months,
        end_month=end_month,
        formats="csv",
    )
    small_builds.ingest(roots["a"])
    for name in ("b", "ab"):
        small_builds.warehouse(roots[name]).parent.mkdir(parents=True)
        shutil.copy(small_builds.warehouse(roots["a"]), small_builds.warehouse(roots[name]))
    recode(small_builds.warehouse(roots["b"]), "640000", "宁夏回族自治区")
    merge_raw(small_builds.warehouse(roots["ab"]), small_builds.warehouse(roots["b"]))
    return roots


def build_all(roots: dict[str, Path], *extra: str) -> None:
    """dbt build (seeds and models; `extra` arguments) of each root, two at a time (the
    machine has 2 cores)."""
    pending = list(roots.items())
    while pending:
        batch, pending = pending[:2], pending[2:]
        procs = [
            (name, dbt_build(path, small_builds.env(path), "union", *extra)) for name, path in batch
        ]
        for name, proc in procs:
            out, _ = proc.communicate()
            assert proc.returncode == 0, f"{name}: {out[-4000:]}"


def union_of(parts: list[Path], out: Path) -> list[str]:
    """A DuckDB file whose marts are the rows of every warehouse in `parts` stacked; the
    marts written."""
    with duckdb.connect(str(out)) as con:
        names = [f"p{i}" for i in range(len(parts))]
        for name, part in zip(names, parts, strict=True):
            con.execute(f"attach '{part}' as {name} (read_only)")
        con.execute("create schema marts")
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables where table_catalog = 'p0' "
                "and table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
        for table in tables:
            stacked = " union all ".join(f"select * from {n}.marts.{table}" for n in names)
            con.execute(f"create table marts.{table} as {stacked}")
    return tables
