"""The raw lake (docs/raw-layer.md, "The lake"; issue 15, must-show 3): ingestion writes every
raw table as Parquet by table x province x month, equal to DuckDB's raw tables row for row; a
rerun touches no file; a corrected file rewrites only its partitions; a SIGKILL mid-write
leaves every partition readable, old or new, and the next run repairs the lake; two
provinces ingest into one lake at the same time with nothing lost or mixed.

The second province is a re-coded copy of a tiny generated Yunnan landing folder (宁夏
640000: unit, division and incident codes and ID numbers with their check digits redone;
lake_helpers.recode): the generator offers no `--province` yet.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion.loading import load_file
from dagster_project.defs.ingestion.warehouse import ensure_tables
from tests.lake.lake_helpers import (
    LOAD_TIMES,
    NINGXIA,
    SECRET,
    YUNNAN,
    assert_lake_equals_duckdb,
    generate,
    ingest,
    lake_files,
    lake_partitions,
    recode,
    same_rows,
    start_ingest,
    temp_files,
    warehouse,
)

CORRECTED = ("roster", "payroll", "incidents")
WITHDRAWN = "incident_staff", "2025-12"  # a file re-sent empty: its partition only loses rows


@pytest.fixture(scope="module")
def landings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """province -> a landing folder: tiny Yunnan, and the same re-coded as Ningxia."""
    root = tmp_path_factory.mktemp("landings")
    generate(root / YUNNAN)
    recode(root / YUNNAN, root / NINGXIA, "64", "宁夏")
    return {YUNNAN: root / YUNNAN, NINGXIA: root / NINGXIA}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, landings: dict[str, Path]) -> Path:
    """A Yunnan root (landing, warehouse, lake under root/lake) ingested once."""
    root = tmp_path_factory.mktemp("yunnan")
    shutil.copytree(landings[YUNNAN], root / "landing")
    ingest(root, root / "lake", YUNNAN)
    return root


def _copy(root: Path, target: Path) -> Path:
    shutil.copytree(root, target)  # copy2: the lake files keep their mtimes
    return target


def _correct(landing: Path) -> dict[str, set[str]]:
    """A clerk re-sends one file of each month of roster, payroll and incidents with its last
    row withdrawn, and one staff file of 2025-12 empty; source -> the months corrected."""
    source, month = WITHDRAWN
    emptied = sorted((landing / source).glob(f"*_{month}.csv"))[-1]
    emptied.write_text(emptied.read_text(encoding="utf-8").splitlines(keepends=True)[0])
    months: dict[str, set[str]] = {source: {month}}
    for source in CORRECTED:
        for path in sorted((landing / source).glob("*.csv")):
            month = path.stem[-7:]
            if month in months.setdefault(source, set()):
                continue
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            if len(lines) > 2:
                path.write_text("".join(lines[:-1]), encoding="utf-8")
                months[source].add(month)
    return months


def test_lake_equals_duckdb_and_a_rerun_touches_no_file(ingested: Path) -> None:
    root = ingested
    assert_lake_equals_duckdb(root / "lake", warehouse(root), YUNNAN)
    parts = lake_partitions(root / "lake", YUNNAN)
    # every month of the tiny province is a partition of each monthly source
    for table in ("roster", "payroll", "incidents", "incident_staff"):
        months = {m for t, m in parts if t == table and parts[t, m].height}
        assert months == {"2025-11", "2025-12", "2026-01"}, (table, months)
    assert parts["org_units", "none"].height > 0 and parts["_load_log", "none"].height > 200
    before = lake_files(root / "lake")
    ingest(root, root / "lake", YUNNAN)
    assert lake_files(root / "lake") == before


def test_a_corrected_file_replaces_exactly_its_partitions(ingested: Path, tmp_path: Path) -> None:
    root = _copy(ingested, tmp_path / "root")
    before = lake_files(root / "lake")
    corrected = _correct(root / "landing")
    ingest(root, root / "lake", YUNNAN)
    after = lake_files(root / "lake")
    assert set(after) == set(before)
    changed = {path for path in after if after[path] != before[path]}
    expected = {
        f"{s}/province={YUNNAN}/month={m}/data.parquet" for s, ms in corrected.items() for m in ms
    }
    bookkeeping = {
        f"{folder}/province={YUNNAN}/month=none/data.parquet"
        for folder in ("load_log", "quarantine", "quarantine_rows")
    }
    assert expected <= changed <= expected | bookkeeping, sorted(changed ^ expected)
    assert len(expected) == 10
    assert_lake_equals_duckdb(root / "lake", warehouse(root), YUNNAN)


def _source_partitions(lake: Path) -> dict[tuple[str, str], pl.DataFrame]:
    return {k: v for k, v in lake_partitions(lake, YUNNAN).items() if k[0] in SOURCES}


def test_a_kill_mid_write_leaves_old_or_new_and_the_next_run_repairs(
    ingested: Path, tmp_path: Path
) -> None:
    """SIGKILL the ingestion of a correction once it has started writing its j-th partition
    file (j = 1, 2, ...) until a run gets through; after each kill every partition file
    reads, and each source partition holds its old rows or its new ones (those of the same
    correction run without a kill), load times aside."""
    root = _copy(ingested, tmp_path / "killed")
    reference = _copy(ingested, tmp_path / "reference")
    _correct(root / "landing")
    _correct(reference / "landing")
    old = _source_partitions(root / "lake")
    ingest(reference, reference / "lake", YUNNAN)
    new = _source_partitions(reference / "lake")
    assert {k for k in new if not same_rows(new[k], old[k], LOAD_TIMES)}, "nothing to rewrite"
    kills = mid_write = 0
    for j in range(1, 40):
        proc = start_ingest(root, root / "lake", YUNNAN)
        seen: set[Path] = set()
        while proc.poll() is None and len(seen) < j:
            seen.update(p.parent for p in temp_files(root / "lake"))
        if proc.poll() is not None:
            assert proc.returncode == 0
            break
        proc.kill()
        proc.wait()
        kills += 1
        mid_write += bool(temp_files(root / "lake"))
        for key, frame in _source_partitions(root / "lake").items():
            assert same_rows(frame, old[key], LOAD_TIMES) or same_rows(
                frame, new[key], LOAD_TIMES
            ), key
        for file in (root / "lake").rglob("data.parquet"):
            pl.read_parquet(file)  # the bookkeeping tables too: every partition reads
    assert kills >= 3, kills
    assert mid_write >= 1, "no kill caught a partition file being written"
    ingest(root, root / "lake", YUNNAN)  # what a kill left pending is written first
    assert not temp_files(root / "lake")
    assert_lake_equals_duckdb(root / "lake", warehouse(root), YUNNAN)
    final = _source_partitions(root / "lake")
    assert set(final) == set(new)
    assert all(same_rows(final[k], new[k], LOAD_TIMES) for k in new)


def test_two_provinces_ingest_into_one_lake_at_the_same_time(
    landings: dict[str, Path], tmp_path: Path
) -> None:
    """Yunnan and Ningxia, each its own root and DuckDB file, one lake, started together:
    both finish, every landing file has a load-log row, each province's partitions equal its
    DuckDB and hold only its own units and files."""
    lake = tmp_path / "lake"
    roots = {}
    for province, landing in landings.items():
        roots[province] = tmp_path / province
        shutil.copytree(landing, roots[province] / "landing")
    procs = {p: start_ingest(root, lake, p) for p, root in roots.items()}
    side_by_side = False  # both running, and each has written into the lake already
    while any(proc.poll() is None for proc in procs.values()):
        running = all(proc.poll() is None for proc in procs.values())
        written = all(
            (lake / "load_log" / f"province={p}" / "month=none" / "data.parquet").exists()
            for p in procs
        )
        side_by_side |= running and written
        time.sleep(0.02)
    for p, proc in procs.items():
        out = proc.stdout.read().decode() if proc.stdout else ""
        assert proc.returncode == 0, (p, out[-3000:])
    assert side_by_side, "one province's ingestion ran only after the other's"
    assert sorted(path.name for path in lake.glob("roster/*")) == [
        f"province={YUNNAN}",
        f"province={NINGXIA}",
    ]
    for province, root in roots.items():
        assert_lake_equals_duckdb(lake, warehouse(root), province)
        parts = lake_partitions(lake, province)
        delivered = {
            str(path.relative_to(root / "landing"))
            for path in (root / "landing").glob("*/*")
            if path.parent.name in SOURCES
        }
        logged = set(parts["_load_log", "none"]["file"])
        assert logged == delivered
        for (table, month), frame in parts.items():
            if "unit_code" in frame.columns and frame.height:
                assert frame["unit_code"].str.starts_with(province[:2]).all(), (table, month)
        assert parts["roster", "2026-01"].height > 0
    yunnan_people = set(lake_partitions(lake, YUNNAN)["roster", "2026-01"]["person_key"])
    ningxia_people = set(lake_partitions(lake, NINGXIA)["roster", "2026-01"]["person_key"])
    assert yunnan_people and not yunnan_people & ningxia_people


def test_an_org_units_file_of_another_province_is_rejected(
    landings: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUXFORCE_PROVINCE", YUNNAN)
    path = next((landings[NINGXIA] / "org_units").glob("*.csv"))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_tables(con)
        outcome = load_file(
            con,
            SOURCES["org_units"],
            path,
            f"org_units/{path.name}",
            SECRET.encode(),
            date(2026, 2, 1),
        )
        assert outcome.status == "rejected"
        assert outcome.message.startswith(
            "机构文件的省级机构（无上级机构的单位）640000000000 不属于本库所管省份 530000"
        )
        assert con.execute("select count(*) from raw.org_units").fetchone() == (0,)


def test_each_partition_is_written_once_per_source_load(
    landings: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of a few rows, so each monthly source's files make many batches over the same
    months: still one write per partition, and the lake equals DuckDB."""
    from dagster_project.contract import LOAD_ORDER
    from dagster_project.defs.ingestion import loading
    from dagster_project.defs.ingestion.lake import Lake

    writes: Counter[tuple[str, str]] = Counter()  # the current source's partition writes
    written: set[str] = set()
    original = Lake._write

    def counted(self: Lake, con: duckdb.DuckDBPyConnection, table: str, month: str, cols) -> None:
        writes[(table, month)] += 1
        written.add(table)
        original(self, con, table, month, cols)

    monkeypatch.setattr(Lake, "_write", counted)
    batches: list[str] = []
    write_batch = loading.write_batch

    def counted_batch(con: duckdb.DuckDBPyConnection, source, batch) -> None:
        batches.append(source.name)
        write_batch(con, source, batch)

    monkeypatch.setattr(loading, "write_batch", counted_batch)
    lake = Lake(tmp_path / "lake", YUNNAN)
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_tables(con)
        lake.sync(con)  # a new lake: every table's empty partition first, so Spark sees it
        written.clear()
        for name in LOAD_ORDER:
            writes.clear()
            loading.load_source(
                con, SOURCES[name], landings[YUNNAN], SECRET.encode(), date(2026, 2, 20),
                batch_rows=200, lake_out=lake, province=YUNNAN, workers=1,
            )  # fmt: skip
            assert all(n == 1 for n in writes.values()), {k: n for k, n in writes.items() if n > 1}
    assert len(batches) > 2 * len(LOAD_ORDER)  # many batches did run
    assert "incident_staff" in written
    assert_lake_equals_duckdb(tmp_path / "lake", path, YUNNAN)
