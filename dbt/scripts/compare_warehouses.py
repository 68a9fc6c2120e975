"""Compare the marts (and the incremental intermediate tables) of two DuckDB warehouses.

    uv run python dbt/scripts/compare_warehouses.py A.duckdb B.duckdb

Every table of schema marts (plus intermediate tables with a loaded_at_watermark column) must
hold the same multiset of rows in both files; `loaded_at_watermark` (incremental bookkeeping)
is left out. DOUBLE columns are compared to 9 significant digits: a float sum depends on the
order rows arrive in, which differs between a table built in one go and one built month by
month (the difference seen is ~1e-14 relative). Prints one line per table and exits 1 on any
difference.

With `tolerance=(rel, abs)` DOUBLEs are compared as numbers instead, math.isclose-style
(|a - b| <= max(rel x max(|a|, |b|), abs)): rows are paired on every other column (and on
the order of their doubles among rows that share them). Two engines (DuckDB and Spark,
tests/spark/) need it: their exp/ln and sums differ in the last bits, and a value the model
rounds sits on either side of a rounding edge.
"""

from __future__ import annotations

import sys

import duckdb

IGNORED = {"loaded_at_watermark"}
# when the data a finding rests on was loaded (compliance_finding_history): differs between
# two warehouses of the same files loaded at other times or in another order
LOAD_TIMES = {"first_seen", "last_seen", "closed_at", "reopened_at"}


def _tolerant_diff(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    cols: list[tuple[str, str]],
    tolerance: tuple[float, float],
) -> int:
    """Rows of tables a and b without a partner in the other: equal on every non-DOUBLE
    column, DOUBLEs close."""
    keys = [f'"{c}"' for c, t in cols if t not in ("DOUBLE", "FLOAT")]
    floats = [f'"{c}"' for c, t in cols if t in ("DOUBLE", "FLOAT")]
    rel, absolute = tolerance
    ranked = (
        f"select *, row_number() over (partition by {', '.join(keys) or '1'} "
        f"order by {', '.join(floats) or '1'}) as _pair from {{}}"
    )
    paired = " and ".join(
        [f"x.{c} is not distinct from y.{c}" for c in keys] + ["x._pair = y._pair"]
    )
    close = " and ".join(
        f"(x.{c} is not distinct from y.{c} or abs(x.{c} - y.{c}) "
        f"<= greatest({rel} * greatest(abs(x.{c}), abs(y.{c})), {absolute}))"
        for c in floats
    )
    # a row without a partner counts once, a pair that is not close twice (a row of each)
    return con.execute(
        f"""select coalesce(sum(case when x._pair is null or y._pair is null then 1
            when not ({close or "true"}) then 2 else 0 end), 0)
        from ({ranked.format(a)}) x full join ({ranked.format(b)}) y on {paired}"""
    ).fetchone()[0]


def compare(
    a: str,
    b: str,
    ignored: frozenset[str] = frozenset(),
    tolerance: tuple[float, float] | None = None,
) -> dict[str, tuple[int, int, int]]:
    """table -> (rows in a, rows in b, rows in one and not the other); columns `ignored`
    (and IGNORED) left out; DOUBLEs within `tolerance` (relative, absolute) if given."""
    skipped = IGNORED | ignored
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    tables = con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where table_catalog = 'a' and table_type = 'BASE TABLE'
            and (table_schema = 'marts'
                 or (table_schema = 'intermediate' and table_name in (
                     select table_name from information_schema.columns
                     where table_catalog = 'a' and column_name = 'loaded_at_watermark')))
        order by 1, 2
        """
    ).fetchall()
    result = {}
    for schema, table in tables:
        cols = [
            (c, t)
            for (c, t) in con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_catalog = 'a' and table_schema = ? and table_name = ? "
                "order by ordinal_position",
                [schema, table],
            ).fetchall()
            if c not in skipped
        ]
        sel = ", ".join(
            f"printf('%.9e', \"{c}\")" if t in ("DOUBLE", "FLOAT") else f'"{c}"' for c, t in cols
        )
        n_a = con.execute(f"select count(*) from a.{schema}.{table}").fetchone()[0]
        n_b = con.execute(f"select count(*) from b.{schema}.{table}").fetchone()[0]
        if tolerance is not None:
            diff = _tolerant_diff(
                con, f"a.{schema}.{table}", f"b.{schema}.{table}", cols, tolerance
            )
            result[f"{schema}.{table}"] = (n_a, n_b, diff)
            continue
        diff = con.execute(
            f"""select count(*) from (
                (select {sel} from a.{schema}.{table}
                 except all select {sel} from b.{schema}.{table})
                union all
                (select {sel} from b.{schema}.{table}
                 except all select {sel} from a.{schema}.{table})
            )"""
        ).fetchone()[0]
        result[f"{schema}.{table}"] = (n_a, n_b, diff)
    con.close()
    return result


if __name__ == "__main__":
    res = compare(sys.argv[1], sys.argv[2])
    bad = False
    for name, (n_a, n_b, diff) in res.items():
        print(f"{name:55s} {n_a:>10} {n_b:>10} diff={diff}")
        bad |= diff != 0 or n_a != n_b
    sys.exit(1 if bad or not res else 0)
