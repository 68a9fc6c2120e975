"""Compare the marts built on PostgreSQL with the marts of a DuckDB warehouse (same raw layer).

    uv run --group bench python dbt/scripts/compare_postgres.py WAREHOUSE.duckdb

Each PostgreSQL mart is copied out as CSV and read back into DuckDB with the DuckDB mart's
column types; DOUBLE columns are compared to 9 significant digits, evidence (JSON text whose
spacing and number formatting differ by engine: 25.0 vs 25.00) as parsed JSON with numbers as
floats, loaded_at_watermark left out. Exits 1 on a difference.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from load_raw_to_postgres import connect

if __name__ == "__main__":
    duck = duckdb.connect()
    duck.create_function(
        "normalise_json",
        lambda text: (
            None
            if text is None
            else json.dumps(json.loads(text, parse_float=float, parse_int=float), sort_keys=True)
        ),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
    )
    duck.execute(f"attach '{sys.argv[1]}' as d (read_only)")
    pg = connect()
    bad = False
    with pg, pg.cursor() as cur, tempfile.TemporaryDirectory() as tmp:
        tables = [
            t
            for (t,) in duck.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'd' and table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        for table in tables:
            cols = duck.execute(
                "select column_name, data_type from information_schema.columns where "
                "table_catalog = 'd' and table_schema = 'marts' and table_name = ? "
                "order by ordinal_position",
                [table],
            ).fetchall()
            cols = [(c, t) for c, t in cols if c != "loaded_at_watermark"]
            csv = Path(tmp) / f"{table}.csv"
            names = ", ".join(f'"{c}"' for c, _ in cols)
            with csv.open("w") as fh:
                cur.copy_expert(f"copy (select {names} from marts.{table}) to stdout with csv", fh)
            types = ", ".join(f"'{c}': '{t}'" for c, t in cols)
            duck.execute(
                f"create or replace temp table pg_{table} as select * from read_csv('{csv}', "
                f"header = false, columns = {{{types}}})"
            )

            def sel(alias: str, cols: list[tuple[str, str]] = cols) -> str:
                out = []
                for c, t in cols:
                    if t == "DOUBLE":
                        out.append(f"printf('%.9e', {alias}.\"{c}\")")
                    elif c == "evidence":
                        out.append(f'normalise_json({alias}."{c}")')
                    else:
                        out.append(f'{alias}."{c}"')
                return ", ".join(out)

            diff = duck.execute(
                f"""select count(*) from (
                    (select {sel("a")} from d.marts.{table} a
                     except all select {sel("b")} from pg_{table} b)
                    union all
                    (select {sel("b")} from pg_{table} b
                     except all select {sel("a")} from d.marts.{table} a))"""
            ).fetchone()[0]
            n_d = duck.execute(f"select count(*) from d.marts.{table}").fetchone()[0]
            n_p = duck.execute(f"select count(*) from pg_{table}").fetchone()[0]
            print(f"marts.{table:30s} duckdb={n_d:>8} postgres={n_p:>8} diff={diff}")
            bad |= diff != 0 or n_d != n_p
    sys.exit(1 if bad else 0)
