"""Time every dashboard query function against a published snapshot, as the province role.

Each public function of dashboards/lib/queries.py is called through dashboards/lib/db.py
(the scoped reader the pages use), with its default arguments; arguments without a default
are filled as a page fills them on first load (latest year or month of the snapshot, the
published budget assumptions, empty register filters, the first finding's person).

- cold: the snapshot connection is closed and reopened before the call (fresh DuckDB
  buffers; the OS page cache stays warm), and Streamlit's data cache is empty;
- warm: the connection stays open, Streamlit's data cache is cleared before each call, so
  the SQL runs every time (a cache hit would only time a dictionary lookup).

Usage: python scripts/bench/queries.py WAREHOUSE_DIR [--cold N] [--warm N]
Prints one JSON object: {function: {"cold": [ms...], "warm": [ms...], "rows": n}}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import logging
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _import_dashboards(src: Path) -> tuple[Any, Any, Any]:
    sys.path.insert(0, str(src / "dashboards"))
    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from lib import db, queries
    from lib.scope import Scope

    return db, queries, Scope


def _rows(value: object) -> int:
    height = getattr(value, "height", None)
    if isinstance(height, int):
        return height
    if isinstance(value, list | tuple):
        return len(value)
    return 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--cold", type=int, default=3)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--src", type=Path, default=ROOT, help="project tree of the dashboards")
    args = parser.parse_args()
    os.environ["AUXFORCE_WAREHOUSE_DIR"] = str(args.warehouse.resolve())
    db, queries, _ = _import_dashboards(args.src)

    def clear_all() -> None:
        db._read_cached.clear()
        db._resolve_cached.clear()
        db._connection.clear()

    scope = db.scope_for("province", None)
    # arguments a page supplies on first load
    years = queries.quota_years(scope)
    salary_years = queries.salary_years(scope)
    cost_months = queries.cost_months(scope)
    coverage_months = queries.coverage_months(scope)
    growth, rate = queries.budget_defaults(scope)
    bureau_list = queries.bureaus(scope)
    county = bureau_list.filter(bureau_list["tier"] == "county")["bureau_code"]
    register = queries.violations(scope, [], [], [], [])
    delivered = queries.load_log(scope)
    delivery = delivered.row(0, named=True) if delivered.height else {}
    _, targets = queries.adjustment_targets(scope)  # the salary page's slider starts at 60 %
    first = register.row(0, named=True) if register.height else {}
    fills: dict[str, dict[str, object]] = {
        "*": {
            "year": max(years) if years else 2026,
            "month": max(cost_months) if cost_months else dt.date(2026, 10, 1),
            "growth": growth,
            "rate": rate,
            "target": 1.0,
            "target_pct": 60 if 60 in targets else (targets[0] if targets else 60),
            "rules": [],
            "articles": [],
            "bureaus": [],
            "periods": [],
            "person_key": first.get("person_key"),
            "incident_id": first.get("incident_id"),
            "bureau_code": county[0] if county.len() else bureau_list["bureau_code"][0],
            "category": None,
            "lang": "zh",
            # the data-quality page's delivery table and a file's receipt (回执)
            "source": "roster",
            "file": delivery.get("file"),
            "sha256": delivery.get("sha256"),
        },
        "salary_benchmark": {"year": max(salary_years) if salary_years else 2025},
        "coverage_by_type": {"month": max(coverage_months) if coverage_months else None},
        "shortfall": {"month": max(coverage_months) if coverage_months else None},
        "coverage_row": {"month": max(coverage_months) if coverage_months else None},
    }

    functions: list[tuple[str, Callable[..., Any], dict[str, object]]] = []
    for name, fn in inspect.getmembers(queries, inspect.isfunction):
        if fn.__module__ != queries.__name__ or name.startswith("_"):
            continue
        params = list(inspect.signature(fn).parameters.values())
        if not params or params[0].name != "scope":
            continue
        kwargs: dict[str, object] = {}
        for p in params[1:]:
            if p.kind is p.VAR_KEYWORD:  # the what-if: the published proposal's parameters
                kwargs.update(queries.proposal_parameters(scope) or {})
                continue
            if p.default is not inspect.Parameter.empty:
                continue
            kwargs[p.name] = fills.get(name, {}).get(p.name, fills["*"][p.name])
        functions.append((name, fn, kwargs))

    out: dict[str, dict[str, Any]] = {}
    for name, fn, kwargs in functions:
        cold: list[float] = []
        warm: list[float] = []
        rows = 0
        for _ in range(args.cold):
            clear_all()
            started = time.perf_counter()
            value = fn(scope, **kwargs)
            cold.append((time.perf_counter() - started) * 1000)
            rows = _rows(value)
        for _ in range(args.warm):
            db._read_cached.clear()
            started = time.perf_counter()
            fn(scope, **kwargs)
            warm.append((time.perf_counter() - started) * 1000)
        out[name] = {
            "cold": [round(x, 2) for x in cold],
            "warm": [round(x, 2) for x in warm],
            "rows": rows,
            "args": {k: str(v) for k, v in kwargs.items()},
        }
        print(f"{name}: cold {min(cold):.1f} ms, warm {min(warm):.1f} ms", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
