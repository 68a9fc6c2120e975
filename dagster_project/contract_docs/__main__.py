"""`python -m dagster_project.contract_docs [--check]`: write (or check) the files generated
from contract.py."""

from __future__ import annotations

import argparse
import sys

from dagster_project.contract_docs import stale, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="list stale files and exit 1 instead of writing"
    )
    args = parser.parse_args(argv)
    if args.check:
        outdated = sorted(stale())
        for rel in outdated:
            print(f"stale: {rel} (run `make contract`)")
        return 1 if outdated else 0
    for rel in write():
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
