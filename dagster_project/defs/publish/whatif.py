"""The dashboards' what-if functions: DuckDB table macros in the snapshot, rendered from the
dbt macros the marts themselves are built with (dbt/macros/whatif/), so a page's what-if runs
the very SQL of the published mart with other parameters (one formula per figure).

Each dbt macro there takes two relations, `inputs` and `params` (one row of parameters), and
uses nothing else: no ref(), var() or project macros but the type names type_string() and
type_double() (dbt/macros/cross_db/types.sql; DuckDB's names here, as the snapshot is DuckDB).
dbt renders it inside the mart's model; `create_macros` renders the same file with plain
Jinja (StrictUndefined: any other dbt call fails here) over the published input table and a
row of the macro's arguments, and creates
`marts.<name>(p_<parameter>, ...)` in the snapshot. Publish (snapshot.py) and the dashboards'
test fixture (tests/dashboards/snapshot_fixture.py) both call `create_macros`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2

MACRO_DIR = Path(__file__).resolve().parents[3] / "dbt" / "macros" / "whatif"


@dataclass(frozen=True)
class WhatIf:
    name: str  # table macro in the snapshot's marts schema
    macro_file: str  # under dbt/macros/whatif/
    macro: str  # the dbt macro in it
    inputs: str  # the published relation the mart's model runs the macro over
    parameters: tuple[str, ...]  # columns of the macro's `params` row, in argument order


WHATIFS = (
    WhatIf(
        "quota_proposal_whatif",
        "quota_proposal.sql",
        "quota_proposal_sql",
        "marts.quota_proposal_inputs",
        (
            "province_total",
            "damping_bound",
            "grassroots_weight",
            "w_population",
            "w_incidents",
            "w_workload",
            "w_current",
        ),
    ),
    WhatIf(
        "budget_projection_whatif",
        "budget_projection.sql",
        "budget_projection_sql",
        "marts.budget_projection",
        ("salary_growth", "employer_rate"),
    ),
)

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
_ENV.globals.update(type_string=lambda: "varchar", type_double=lambda: "double precision")


def render(whatif: WhatIf) -> str:
    """`create or replace macro marts.<name>(p_a, p_b, …) as table <the dbt macro's SQL>`."""
    template = _ENV.from_string((MACRO_DIR / whatif.macro_file).read_text(encoding="utf-8"))
    arguments = ", ".join(f"p_{p}" for p in whatif.parameters)
    params = ", ".join(f"p_{p} as {p}" for p in whatif.parameters)
    body = getattr(template.module, whatif.macro)(
        inputs=whatif.inputs, params=f"(select {params}) as whatif_parameters"
    )
    return f"create or replace macro marts.{whatif.name}({arguments}) as table\n{body}"


def _published(con: duckdb.DuckDBPyConnection, relation: str) -> bool:
    schema, table = relation.split(".")
    found = con.execute(
        "select 1 from duckdb_tables() where database_name = current_database() "
        "and schema_name = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return found is not None


def create_macros(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Create the what-if macros `names` (default: every one whose input is published) in the
    connection's current database (schema marts). DuckDB binds a table macro when it is
    created, so its input table must exist: a snapshot published before any dbt build (raw
    and quality only) has no what-if, and a macro asked for by name without its input fails."""
    for whatif in WHATIFS:
        if (names and whatif.name in names) or (not names and _published(con, whatif.inputs)):
            con.execute(render(whatif))
