"""Command line: `python -m dagster_project.synthetic --out DIR [options]`; with
`--provinces A,B,...` one landing root per province, `DIR/<code>/landing/`."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dagster_project.settings import get_settings
from dagster_project.synthetic.divisions import DEMO_PROVINCE
from dagster_project.synthetic.generator import generate
from dagster_project.synthetic.people import Volumes


def main(argv: list[str] | None = None) -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m dagster_project.synthetic",
        description="Generate a province's landing files and the truth manifest.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--province",
        default=settings.province_code,
        help="GB/T 2260 code of the province written to --out (default: AUXFORCE_PROVINCE, "
        f"else the demo province {DEMO_PROVINCE} 云南)",
    )
    where.add_argument(
        "--provinces",
        type=lambda text: text.split(","),
        help="comma-separated codes: each province to OUT/<code>/landing/ (national simulation)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=settings.landing_dir,
        help="output folder (default: the landing folder from settings)",
    )
    parser.add_argument("--seed", type=int, default=settings.seed)
    parser.add_argument(
        "--scale",
        type=float,
        default=settings.scale,
        help="1.0 ≈ 6,000 auxiliaries in service in 云南, other provinces by census population",
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

    targets = (
        {code: args.out / code / "landing" for code in args.provinces}
        if args.provinces
        else {args.province: args.out}
    )
    for province, out in targets.items():
        started = time.perf_counter()
        manifest = generate(
            out,
            seed=args.seed,
            scale=args.scale,
            months=args.months,
            end_month=args.end_month,
            formats=args.formats,
            volumes=Volumes(incidents_per_10k_population_month=args.incident_rate),
            province=province,
        )
        summary = manifest.summary()
        summary["seconds"] = round(time.perf_counter() - started, 1)
        if args.provinces:
            summary = {"province": province, "out": str(out), **summary}
        print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
