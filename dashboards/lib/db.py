"""The only way the dashboards read data: the published snapshot, read-only, through `read`.

`read` parses page SQL (sqlglot, DuckDB dialect) and runs what it parsed: one SELECT (or a
set operation of them) naming only relations listed in `_RELATIONS`, each replaced by a CTE
filtered to the caller's bureau set (and, for the pay marts, with the pay averages of small
groups blanked). Anything else is refused before it reaches DuckDB: other statements,
schema- or catalog-qualified names, unknown relations (quoted or not), table functions other
than range/generate_series/unnest, file and catalog functions anywhere, and CTEs named like a
relation. So scope and suppression are enforced where the data is read, whatever widgets or
SQL a page has; every read is appended to the access log (lib/access_log.py).
"""

from __future__ import annotations

import functools
import re
import threading
import warnings
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import duckdb
import polars as pl
import streamlit as st

with warnings.catch_warnings():  # sqlglot's optional Rust tokenizer warns that it is deprecated
    warnings.simplefilter("ignore", DeprecationWarning)
    import sqlglot
    from sqlglot import exp

from dagster_project.settings import Settings
from lib import access_log
from lib.scope import Scope, resolve
from lib.small_cells import ADJUSTMENT, ADJUSTMENT_MONEY, ADJUSTMENT_ROLLUP, MIN_PEOPLE, SMALL

# Pay averages of a group of fewer than MIN_PEOPLE people are blanked for every scope but
# the auditor's (scope.names); the counts beside them stay.
_PAY_AVERAGES = (
    "avg_annual_gross",
    "avg_monthly_min_wage_pay",
    "ratio_to_local_avg",
    "ratio_to_expected_pay",
)


def _pay_blanked(hidden: str, helpers: tuple[str, ...] = ()) -> str:
    """Select list: every column, the pay averages null where `hidden` holds."""
    kept = ", ".join(
        f"case when $scope_names or not ({hidden}) then {c} end as {c}" for c in _PAY_AVERAGES
    )
    exclude = f" exclude ({', '.join(helpers)})" if helpers else ""
    return f"*{exclude} replace ({kept})"


# In the split by level, a blanked level could be recomputed from the category's total in
# salary_benchmark and the other levels. So the next smallest level of the same prefecture,
# year and category is blanked too whenever the blanked ones are a single level or cover
# fewer than MIN_PEOPLE people together (a person who changed level counts in each).
_BY_LEVEL = f"""(select *,
        sum(case when people < {MIN_PEOPLE} then 1 else 0 end) over cell as small_levels,
        sum(case when people < {MIN_PEOPLE} then people else 0 end) over cell as small_people,
        row_number() over (partition by prefecture_code, year, category order by people, level)
            as size_rank
    from marts.salary_benchmark_by_level
    window cell as (partition by prefecture_code, year, category))"""
_BY_LEVEL_HIDDEN = f"""people < {MIN_PEOPLE} or (small_levels > 0 and size_rank = small_levels + 1
    and (small_levels = 1 or small_people < {MIN_PEOPLE}))"""


class _Relation(NamedTuple):
    source: str  # a table of the snapshot, a subquery over one, or a what-if macro's call
    where: str  # row filter over the scope parameters
    columns: str = "*"


_BY_BUREAU = "list_contains($scope_bureaus::varchar[], bureau_code)"
_BY_PREFECTURE = "list_contains($scope_prefectures::varchar[], prefecture_code)"
_BY_PROVINCE = "list_contains($scope_provinces::varchar[], province_code)"
# A landed file belongs to the bureau whose admin_code its name carries (load_log.admin_code;
# a prefecture scope holds its counties' bureaus too); a file that names none is for
# province-wide roles only.
_FILE_IN_SCOPE = f"""case when admin_code is null then $scope_unrestricted
    else admin_code in (select admin_code from marts.dim_bureau where {_BY_BUREAU}) end"""
_SCOPED_FILES = f"(select file, sha256 from quality.load_log where {_FILE_IN_SCOPE})"
_OF_SCOPED_FILE = f"(file, sha256) in {_SCOPED_FILES}"
# A check ran over a batch of files (batch_files: names joined by ", ", cut with " …" past
# 20): shown when every file of the batch is in scope, a cut list to province-wide roles only.
_BATCH_IN_SCOPE = f"""case when batch_files like '% …' then $scope_unrestricted
    else not exists (select 1 from unnest(string_split(batch_files, ', ')) b(name)
        where b.name not in (select file from {_SCOPED_FILES})) end"""
# The what-if table macros (dagster_project/defs/publish/whatif.py: the marts' own SQL) compute
# over the whole province (the proposal allocates the province total); their rows are then
# filtered to the scope's bureaus like any mart's. Page SQL cannot call them itself (schema
# names are refused): it names the relation and passes the arguments as parameters.
_PROPOSAL_WHATIF = """marts.quota_proposal_whatif($province_total, $damping_bound,
    $grassroots_weight, $w_population, $w_incidents, $w_workload, $w_current)"""
_BUDGET_WHATIF = "marts.budget_projection_whatif($salary_growth, $employer_rate)"


def _blanked(columns: tuple[str, ...], hidden: str, helpers: tuple[str, ...] = ()) -> str:
    """Select list: every column, `columns` null where `hidden` holds (auditor: never)."""
    kept = ", ".join(
        f"case when $scope_names or not ({hidden}) then {c} end as {c}" for c in columns
    )
    exclude = f" exclude ({', '.join(helpers)})" if helpers else ""
    return f"*{exclude} replace ({kept})"


# Small cells must stay hidden from what is beside them (issue 13). The routes checked:
# - salary_benchmark: a prefecture-year's categories add up to its payroll in
#   workforce_cost_monthly, so one blanked category (or blanked ones under MIN_PEOPLE people
#   together) would be that total less the others: the next smallest category is blanked
#   too, as the split by level does with levels.
_BENCHMARK = f"""(select *,
        sum(case when people < {MIN_PEOPLE} then 1 else 0 end) over cell as small_cells,
        sum(case when people < {MIN_PEOPLE} then people else 0 end) over cell as small_people,
        row_number() over (partition by prefecture_code, year order by people, category)
            as size_rank
    from marts.salary_benchmark
    window cell as (partition by prefecture_code, year))"""
_BENCHMARK_HIDDEN = f"""people < {MIN_PEOPLE} or (small_cells > 0 and size_rank = small_cells + 1
    and (small_cells = 1 or small_people < {MIN_PEOPLE}))"""
# - workforce_cost_monthly: gross pay ÷ paid people is the average pay of the cell. Every
#   role but the auditor gets one row per bureau and month (categories summed: a category of
#   a bureau is often a handful of people), its money blank where 1–4 people are paid,
#   insured or counted (sums over a scope then leave those bureau-months out).
_COST_MONEY = ("gross_pay", "employer_insurance", "total_cost", "cost_per_head")
_COST = """(select bureau_code, month, case when $scope_names then category end as category,
        any_value(year) as year, any_value(bureau_tier) as bureau_tier,
        any_value(prefecture_code) as prefecture_code,
        sum(headcount)::bigint as headcount, sum(paid_people)::bigint as paid_people,
        sum(insured_people)::bigint as insured_people,
        sum(gross_pay)::decimal(18, 2) as gross_pay,
        sum(employer_insurance)::decimal(18, 2) as employer_insurance,
        sum(accident_premium)::decimal(18, 2) as accident_premium,
        sum(total_cost)::decimal(18, 2) as total_cost,
        case when $scope_names then any_value(cost_per_head)
            else (sum(total_cost) / nullif(sum(headcount), 0))::decimal(18, 2) end
            as cost_per_head,
        max(loaded_at_watermark) as loaded_at_watermark
    from marts.workforce_cost_monthly
    group by bureau_code, month, case when $scope_names then category end)"""
_COST_HIDDEN = f"headcount {SMALL} or paid_people {SMALL} or insured_people {SMALL}"
# - budget_projection (and its what-if): base_monthly_gross is the bureau's average pay, the
#   contribution base and the pay and insurance costs follow from it: blank where the bureau
#   has 1–4 people now.
_BUDGET_MONEY = (
    "pay_cost",
    "employer_insurance",
    "total_cost",
    "cost_per_head",
    "base_monthly_gross",
    "contribution_base",
)
_BUDGET_HIDDEN = f"current_headcount {SMALL}"
# - salary_adjustment_cost and salary_adjustment_rollup: a bureau's money along the grid of
#   targets, and a total less the bureaus shown (lib/small_cells.py).

# relation name in page SQL -> where its rows come from
_RELATIONS: dict[str, _Relation] = {
    **{
        name: _Relation(f"marts.{name}", _BY_BUREAU)
        for name in (
            "dim_bureau",
            "quota_utilization",
            "grassroots_allocation",
            "quota_proposal",
            "insurance_coverage",
            "compliance_violations",
            "quota_proposal_inputs",
            # issue 12: need by component, last year beside this year, units, flows
            "staffing_need",
            "planning_year_over_year",
            "headcount_by_unit",
            "workforce_flows_monthly",
            # issue 14: the recruitment plan's lines
            "recruitment_plan",
            # issue 14: the workforce forecast and its backtest, by bureau
            "workforce_forecast",
            "workforce_forecast_backtest",
        )
    },
    # issue 14: the forecast's rates and accuracy are province-wide figures (no bureau column)
    "workforce_separation_rates": _Relation("marts.workforce_separation_rates", "true"),
    "workforce_forecast_accuracy": _Relation("marts.workforce_forecast_accuracy", "true"),
    # issue 14: the plan's totals; prefecture grain, so whole prefectures only (the province
    # row carries the province's code, covered by province-wide roles alone)
    "recruitment_plan_rollup": _Relation("marts.recruitment_plan_rollup", _BY_PREFECTURE),
    "quota_proposal_parameters": _Relation("marts.quota_proposal_parameters", "true"),
    # issue 15: a province's figures beside the others' (the ministry's national summary);
    # whole provinces only
    "province_summary": _Relation("marts.province_summary", _BY_PROVINCE),
    # issue 13: every finding ever found (closed ones stay), and the rule catalogue
    "compliance_finding_history": _Relation("marts.compliance_finding_history", _BY_BUREAU),
    "compliance_rule_catalog": _Relation("marts.compliance_rule_catalog", "true"),
    # issue 14: the 用人额度申报表's lines, and the regulation's text the documents cite
    "quota_request": _Relation("marts.quota_request", _BY_BUREAU),
    "ref_regulation_articles": _Relation("reference.ref_regulation_articles", "true"),
    "quota_proposal_whatif": _Relation(_PROPOSAL_WHATIF, _BY_BUREAU),
    "budget_projection_whatif": _Relation(
        _BUDGET_WHATIF, _BY_BUREAU, _blanked(_BUDGET_MONEY, _BUDGET_HIDDEN)
    ),
    "budget_projection": _Relation(
        "marts.budget_projection", _BY_BUREAU, _blanked(_BUDGET_MONEY, _BUDGET_HIDDEN)
    ),
    "workforce_cost_monthly": _Relation(_COST, _BY_BUREAU, _blanked(_COST_MONEY, _COST_HIDDEN)),
    "salary_adjustment_cost": _Relation(
        ADJUSTMENT, _BY_BUREAU, _blanked(ADJUSTMENT_MONEY, "not money_shown", ("money_shown",))
    ),
    # issue 14: the 薪酬调整测算表's totals, scoped as recruitment_plan_rollup
    "salary_adjustment_rollup": _Relation(
        ADJUSTMENT_ROLLUP,
        _BY_PREFECTURE,
        _blanked(ADJUSTMENT_MONEY, "not money_shown", ("money_shown",)),
    ),
    "salary_benchmark": _Relation(
        _BENCHMARK,
        _BY_PREFECTURE,
        _pay_blanked(_BENCHMARK_HIDDEN, ("small_cells", "small_people", "size_rank")),
    ),
    "salary_benchmark_by_level": _Relation(
        _BY_LEVEL,
        _BY_PREFECTURE,
        _pay_blanked(_BY_LEVEL_HIDDEN, ("small_levels", "small_people", "size_rank")),
    ),
    "person_names": _Relation("pii.person_names", "$scope_names"),
    "delivery_status": _Relation("marts.delivery_status", _BY_BUREAU),
    "load_log": _Relation("quality.load_log", _FILE_IN_SCOPE),
    "quarantine": _Relation("quality.quarantine", _OF_SCOPED_FILE),
    "quarantine_rows": _Relation("quality.quarantine_rows", _OF_SCOPED_FILE),
    "check_results": _Relation("quality.check_results", _BATCH_IN_SCOPE),
    "ref_divisions": _Relation("reference.ref_divisions", "true"),
    "ref_average_wage": _Relation("reference.ref_average_wage", "true"),
    "publish_meta": _Relation("_publish.meta", "true"),
}
_PARAM = re.compile(r"\$(\w+)")

SnapshotKey = tuple[str, int, int]


def snapshot_key() -> SnapshotKey:
    """Path, inode and mtime of the published file: publish swaps it by rename, so a new
    snapshot gets a new key and every cache below reopens without a restart."""
    path: Path = Settings.from_env().published_path
    stat = path.stat()
    return str(path), stat.st_ino, stat.st_mtime_ns


# Not closed when a new snapshot evicts it: sessions of other threads may be between
# taking a cursor of it and reading, and closing a DuckDB connection closes its cursors
# ("Connection has already been closed"). It closes, and lets go of the replaced file,
# once the cache and the last of its cursors have dropped it.
@st.cache_resource(max_entries=1, show_spinner=False)
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # attached to a private in-memory instance: duckdb.connect(path) would hand back the
    # cached instance of the replaced file while the old connection is still open
    con = duckdb.connect(":memory:")
    quoted = path.replace("'", "''")
    con.execute(f"attach '{quoted}' as snapshot (read_only)")
    return con


# DuckDB refuses a call on a connection that is busy with another one ("connection is
# busy with another call"), cursor() included; every session runs in a thread of its own.
_CURSOR_LOCK = threading.Lock()


def _cursor(connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    # one cursor per query: cursors of a connection may be used from different threads
    with _CURSOR_LOCK:
        cursor = connection.cursor()
    cursor.execute("use snapshot")
    return cursor


class Pin(NamedTuple):
    """One published snapshot, held open: its key, and the connection attached to it."""

    key: SnapshotKey
    connection: duckdb.DuckDBPyConnection


def _pin() -> Pin:
    """The snapshot published now. Checked again after the attach: a swap between the
    stat and the attach would have attached the new file under the old key."""
    while True:
        key = snapshot_key()
        connection = _connection(*key)
        if snapshot_key() == key:
            return Pin(key, connection)


class UnsafeQuery(ValueError):
    """Page SQL the scoped reader refuses to run."""


# the only table functions page SQL may call (pure: no file, catalog or setting behind them)
_TABLE_FUNCTIONS = (exp.GenerateSeries, exp.Unnest)
# functions refused anywhere in page SQL: files, other databases, the catalog, settings and
# SQL given as text (query_table('marts.x') would read around the scope)
_FORBIDDEN_FUNCTION = re.compile(
    r"(read_\w*|\w*_scan|\w*_metadata|\w*_schema|glob|query|query_table|getenv|getvariable"
    r"|current_setting|sniff_csv|duckdb_\w*|pragma_\w*|which_secret|attach|detach|load|install"
    r"|from_\w+_file|\w*_file)"
)
_STATEMENTS = (exp.DML, exp.DDL, exp.Command, exp.Pragma, exp.Copy, exp.Set, exp.Use, exp.Describe)


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def _ctes_in_reach(table: exp.Table) -> bool:
    """Whether `table` names a CTE of a WITH that encloses it (else DuckDB would look the
    name up in the snapshot's catalog)."""
    name = table.name.lower()
    node: exp.Expression | None = table
    while node is not None:
        with_ = node.args.get("with_") if isinstance(node, exp.Query) else None
        if with_ is not None and any(cte.alias.lower() == name for cte in with_.expressions):
            return True
        node = node.parent
    return False


@functools.lru_cache(maxsize=2048)
def _scoped_sql(sql: str) -> tuple[str, tuple[str, ...]]:
    """The SQL DuckDB runs for page SQL `sql`, and the relations it reads. Raises
    UnsafeQuery for anything but one query over `_RELATIONS`."""
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        raise UnsafeQuery(f"dashboard SQL does not parse: {exc}") from exc
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise UnsafeQuery("dashboard SQL must be a single SELECT")
    tree = statements[0]
    for node in tree.walk():
        if isinstance(node, _STATEMENTS):
            raise UnsafeQuery(f"dashboard SQL must only select ({node.key})")
        if isinstance(node, exp.Func) and _FORBIDDEN_FUNCTION.fullmatch(_function_name(node)):
            raise UnsafeQuery(f"function {_function_name(node)} is not allowed in dashboard SQL")
        if isinstance(node, exp.CTE) and node.alias.lower() in _RELATIONS:
            raise UnsafeQuery(f"a CTE may not be named like the relation {node.alias!r}")
    read_: set[str] = set()
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            if isinstance(table.this, _TABLE_FUNCTIONS):
                continue
            raise UnsafeQuery(f"table function {table.this.sql('duckdb')} is not allowed")
        if table.args.get("db") or table.args.get("catalog"):
            raise UnsafeQuery(
                f"dashboard SQL must name relations of db._RELATIONS, not schemas: {table.sql()}"
            )
        name = table.name.lower()
        if name in _RELATIONS:
            read_.add(name)
            # quoted or not, any case: the scoped CTE of that name
            table.set("this", exp.to_identifier(name))
        elif not _ctes_in_reach(table):
            raise UnsafeQuery(f"unknown relation {table.name!r} in dashboard SQL")
    with_ = tree.args.get("with_")
    recursive = bool(with_ is not None and with_.args.get("recursive"))
    page_ctes = [cte.sql("duckdb") for cte in with_.expressions] if with_ is not None else []
    tree.set("with_", None)
    ctes = [
        f"{name} as (select {r.columns} from {r.source} where {r.where})"
        for name, r in _RELATIONS.items()
        if name in read_
    ] + page_ctes
    body = tree.sql("duckdb")
    if not ctes:
        return body, ()
    prefix = "with recursive" if recursive else "with"
    return f"{prefix} {', '.join(ctes)} {body}", tuple(sorted(read_))


def _scope_params(scope: Scope) -> dict[str, object]:
    return {
        "scope_bureaus": list(scope.bureaus),
        "scope_prefectures": list(scope.prefectures),
        "scope_provinces": list(scope.provinces),
        "scope_names": scope.names,
        "scope_unrestricted": scope.unrestricted,
    }


# `_connection` is the snapshot `key` names; Streamlit leaves arguments named _… unhashed
@st.cache_data(ttl=3600, max_entries=1000, show_spinner=False, hash_funcs={Scope: Scope.digest})
def _read_cached(
    key: SnapshotKey,
    scope: Scope,
    sql: str,
    params: tuple[tuple[str, object], ...],
    _connection: duckdb.DuckDBPyConnection,
) -> pl.DataFrame:
    full_sql, _ = _scoped_sql(sql)
    available = {**_scope_params(scope), **{k: _param(v) for k, v in params}}
    # DuckDB rejects parameters a statement does not use: pass exactly the ones it names
    used = {name: available[name] for name in set(_PARAM.findall(full_sql))}
    return pl.from_arrow(_cursor(_connection).sql(full_sql, params=used).to_arrow_table())


def _param(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def read(scope: Scope, sql: str, **params: object) -> pl.DataFrame:
    """Run one parameterised query over the snapshot `scope` was resolved from (every read
    of a page run sees the same snapshot, even when a publish swaps it meanwhile), restricted
    to `scope`; the read is appended to the access log (here, not in the cache: a cached
    result is a read too)."""
    _, relations = _scoped_sql(sql)  # refuses unsafe SQL before anything else
    # lists become tuples so the arguments hash for the cache
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    pin = scope.snapshot if isinstance(scope.snapshot, Pin) else _pin()
    result = _read_cached(pin.key, scope, sql, frozen, pin.connection)
    if relations:
        access_log.open_log(Settings.from_env().access_log_url).append(
            "read",
            scope.actor,
            scope.bureaus,
            params=params,
            relations=relations,
            rows=result.height,
        )
    return result


@st.cache_data(ttl=3600, max_entries=100, show_spinner=False)
def _resolve_cached(
    key: SnapshotKey, role: str, code: str | None, _connection: duckdb.DuckDBPyConnection
) -> Scope:
    directory = pl.from_arrow(
        _cursor(_connection).sql("select * from marts.dim_bureau").to_arrow_table()
    )
    return resolve(role, code, directory)


def scope_for(role: str, code: str | None) -> Scope:
    """The scope of a login over the snapshot published now, which every read through it
    then sees (the directory read here is the one read not scoped by `read`)."""
    pin = _pin()
    return replace(_resolve_cached(pin.key, role, code, pin.connection), snapshot=pin)
