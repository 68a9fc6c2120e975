"""Command line: `python -m dagster_project.synthetic --out DIR [options]`."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dagster_project.settings import get_settings
from dagster_project.synthetic.generator import generate
from dagster_project.synthetic.people import Volumes


def main(argv: list[str] | None = None) -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m dagster_project.synthetic",
        description="Generate the demo province's landing files and the truth manifest.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=settings.landing_dir,
        help="output folder (default: the landing folder from settings)",
    )
    parser.add_argument("--seed", type=int, default=settings.seed)
    parser.add_argument(
        "--scale", type=float, default=settings.scale, help="1.0 ≈ 6,000 auxiliaries in service"
    )
    parser.add_argument("--months", type=int, default=settings.months)
    parser.add_argument("--end-month", default=settings.end_month, help="YYYY-MM")
    parser.add_argument(
        "--formats",
        choices=("mixed", "csv", "clerk"),
        default="mixed",
        help="clerk: .xls workbooks, titles, two-row headers, typed values (needs LibreOffice)",
    )
    parser.add_argument(
        "--incident-rate",
        type=float,
        default=Volumes().incidents_per_10k_population_month,
        help="incidents per 10,000 population per month (times scale)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    manifest = generate(
        args.out,
        seed=args.seed,
        scale=args.scale,
        months=args.months,
        end_month=args.end_month,
        formats=args.formats,
        volumes=Volumes(incidents_per_10k_population_month=args.incident_rate),
    )
    summary = manifest.summary()
    summary["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
