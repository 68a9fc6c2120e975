"""Developer shortcut: load a landing folder into a warehouse without Dagster.

    uv run python -m dagster_project.defs.ingestion [LANDING_DIR]

Settings come from the environment (AUXFORCE_LANDING_DIR, AUXFORCE_WAREHOUSE_DIR, …).
Production runs go through the Dagster job (`make pipeline`), which records every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dagster_project.contract import LOAD_ORDER, SOURCES
from dagster_project.defs.ingestion.lake import Lake
from dagster_project.defs.ingestion.load_log import summarise
from dagster_project.defs.ingestion.loading import load_source
from dagster_project.defs.ingestion.warehouse import connect, ensure_tables
from dagster_project.identity import load_secret
from dagster_project.settings import get_settings


def main(argv: list[str]) -> None:
    settings = get_settings()
    landing = Path(argv[0]) if argv else settings.landing_dir
    secret = load_secret(settings.secret_file)
    lake = Lake.of(settings)
    with connect(settings) as con:
        ensure_tables(con)
        for name in LOAD_ORDER:
            outcomes = load_source(
                con, SOURCES[name], landing, secret, lake_out=lake, province=settings.province_code
            )
            print(name, summarise(outcomes))


if __name__ == "__main__":
    main(sys.argv[1:])
