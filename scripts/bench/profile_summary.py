"""Summarise a py-spy raw (collapsed-stack) profile: inclusive share per function.

    uv run --with py-spy py-spy record --pid PID --duration 120 --rate 20 --nonblocking \\
        --format raw -o data/bench/profiles/x.txt
    uv run python scripts/bench/profile_summary.py data/bench/profiles/x.txt [--match TEXT]

Each line of the raw format is `frame;frame;...;frame COUNT`, outermost first; a frame is
`function (file:line)`. Prints the functions that hold the most samples anywhere on the
stack (inclusive), keeping only frames whose text contains --match (default: the project's
own code and the DuckDB/polars entry points).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<fn>.+?) \((?P<file>[^:()]+)(?::\d+)?\)$")
DEFAULT_MATCH = ("dagster_project", "duckdb", "polars", "hashlib", "sqlite", "dagster_dbt")


def summarise(path: Path, match: tuple[str, ...], top: int) -> list[tuple[str, int, float]]:
    total = 0
    inclusive: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        seen: set[str] = set()
        for frame in stack.split(";"):
            m = _FRAME.match(frame.strip())
            name = f"{m['fn']} ({Path(m['file']).name})" if m else frame.strip()
            if any(x in frame for x in match) and name not in seen:
                seen.add(name)
                inclusive[name] += n
    return [(name, n, n / total if total else 0.0) for name, n in inclusive.most_common(top)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--match", action="append")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    match = tuple(args.match) if args.match else DEFAULT_MATCH
    for name, n, share in summarise(args.profile, match, args.top):
        print(f"{share:6.1%} {n:7d}  {name}")


if __name__ == "__main__":
    main()
