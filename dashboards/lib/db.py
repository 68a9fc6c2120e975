"""The only way the dashboards read data: the published snapshot, read-only, through `read`.

`read` rewrites every query so that each mart it names is replaced by a CTE filtered to the
caller's bureau set; page code can only name relations listed in `_RELATIONS` (no schema
prefixes), so scope is enforced where the data is read, whatever widgets a page shows.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import duckdb
import polars as pl
import streamlit as st

from dagster_project.settings import Settings
from lib.scope import Scope, resolve

# relation name in page SQL -> (table in the snapshot, row filter over scope parameters)
_BY_BUREAU = "list_contains($scope_bureaus::varchar[], bureau_code)"
_RELATIONS: dict[str, tuple[str, str]] = {
    **{
        name: (f"marts.{name}", _BY_BUREAU)
        for name in (
            "dim_bureau",
            "quota_utilization",
            "grassroots_allocation",
            "quota_proposal",
            "workforce_cost_monthly",
            "budget_projection",
            "insurance_coverage",
            "compliance_violations",
        )
    },
    "salary_benchmark": (
        "marts.salary_benchmark",
        "list_contains($scope_prefectures::varchar[], prefecture_code)",
    ),
    "person_names": ("pii.person_names", "$scope_names"),
    "quarantine": ("quality.quarantine", "$scope_unrestricted"),
    "load_log": ("quality.load_log", "true"),
    "check_results": ("quality.check_results", "true"),
    "ref_divisions": ("reference.ref_divisions", "true"),
    "ref_average_wage": ("reference.ref_average_wage", "true"),
    "publish_meta": ("_publish.meta", "true"),
}
_QUALIFIED = re.compile(r"\b(marts|pii|quality|reference|_publish|main|information_schema)\s*\.")
_PARAM = re.compile(r"\$(\w+)")
_NAMES = {name: re.compile(rf"\b{name}\b") for name in _RELATIONS}

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


def _cursor(key: SnapshotKey) -> duckdb.DuckDBPyConnection:
    # one cursor per query: cursors of a connection may be used from different threads
    with _CURSOR_LOCK:
        cursor = _connection(*key).cursor()
    cursor.execute("use snapshot")
    return cursor


def _scoped_sql(sql: str) -> str:
    if _QUALIFIED.search(sql):
        raise ValueError("dashboard SQL must name relations of db._RELATIONS, not schemas")
    ctes = [
        f"{name} as (select * from {table} where {where})"
        for name, (table, where) in _RELATIONS.items()
        if _NAMES[name].search(sql)
    ]
    if not ctes:
        return sql
    body = sql.strip()
    if body[:5].lower() == "with ":
        return f"with {', '.join(ctes)}, {body[5:]}"
    return f"with {', '.join(ctes)} {body}"


def _scope_params(scope: Scope) -> dict[str, object]:
    return {
        "scope_bureaus": list(scope.bureaus),
        "scope_prefectures": list(scope.prefectures),
        "scope_names": scope.names,
        "scope_unrestricted": scope.unrestricted,
    }


@st.cache_data(ttl=3600, max_entries=1000, show_spinner=False)
def _read_cached(
    key: SnapshotKey, scope: Scope, sql: str, params: tuple[tuple[str, object], ...]
) -> pl.DataFrame:
    full_sql = _scoped_sql(sql)
    available = {**_scope_params(scope), **{k: _param(v) for k, v in params}}
    # DuckDB rejects parameters a statement does not use: pass exactly the ones it names
    used = {name: available[name] for name in set(_PARAM.findall(full_sql))}
    return pl.from_arrow(_cursor(key).sql(full_sql, params=used).to_arrow_table())


def _param(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def read(scope: Scope, sql: str, **params: object) -> pl.DataFrame:
    """Run one parameterised query over the snapshot, restricted to `scope`."""
    # lists become tuples so the arguments hash for the cache
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _read_cached(snapshot_key(), scope, sql, frozen)


@st.cache_data(ttl=3600, max_entries=100, show_spinner=False)
def _resolve_cached(key: SnapshotKey, role: str, code: str | None) -> Scope:
    directory = pl.from_arrow(
        _cursor(key)
        .sql("select bureau_code, tier, prefecture_code, admin_code from marts.dim_bureau")
        .to_arrow_table()
    )
    return resolve(role, code, directory)


def scope_for(role: str, code: str | None) -> Scope:
    """The scope of a login; reads the bureau directory, the one read not scoped by `read`."""
    return _resolve_cached(snapshot_key(), role, code)
