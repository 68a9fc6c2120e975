"""The approval documents (报批材料) of a whole province from the command line (make documents):

    python -m dashboards.documents --out data/documents
    python -m dashboards.documents --out docs-en --lang en --basis proposed --targets 60 80

Reads the published snapshot (AUXFORCE_WAREHOUSE_DIR) through the dashboards' scoped reader
with the province-wide scope, as the 省厅 login reads, and writes one folder of workbooks: the
province's four documents (filed by the province bureau, every bureau's lines, a subtotal per
prefecture) and one set per prefecture (filed by the prefecture bureau, its own bureau and its
counties'). County bureaus download theirs from the dashboards. Every read and every workbook
written is in the access log (user "make documents").
"""

# ruff: noqa: E402  (the cache warning is silenced before lib.db creates its caches)
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `lib` as the app imports it
# no Streamlit session here: each of the reader's caches would warn that it lives in memory
logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True

import lib  # noqa: F401  (puts the project root on sys.path for the settings)
from lib import db
from lib.access_log import Actor
from lib.documents import DOCUMENTS
from lib.documents.recruitment_plan import BASES
from lib.documents.salary_adjustment import DEFAULT_TARGETS
from lib.scope import Scope

ACTOR = Actor("make documents", "province", "documents")


def levels(province: Scope) -> list[Scope]:
    """The province's scope, then each prefecture's (its bureaus, narrowed from the province's:
    the same reader, never a wider one)."""
    bureaus = db.read(
        province,
        "select bureau_code, prefecture_code from dim_bureau where tier <> 'province' "
        "order by prefecture_code",
    )
    out = [province]
    for (prefecture,), group in bureaus.group_by("prefecture_code", maintain_order=True):
        out.append(province.narrowed(set(group["bureau_code"]), {str(prefecture)}))
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboards.documents", description=__doc__)
    parser.add_argument("--out", required=True, type=Path, help="folder for the workbooks")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--basis", choices=BASES, default="approved", help="招聘计划表's cap")
    parser.add_argument(
        "--targets", nargs="+", type=int, default=list(DEFAULT_TARGETS), help="薪酬调整 targets %%"
    )
    return parser


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    options = {
        "recruitment_plan": {"basis": args.basis},
        "salary_adjustment": {"targets": tuple(args.targets)},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        for scope in levels(db.scope_for("province", None).acting(ACTOR)):
            for key, document in DOCUMENTS.items():
                extra = options.get(key, {})
                path = args.out / document.file_name(scope, args.lang, **extra)
                path.write_bytes(document.download(scope, args.lang, **extra))
                print(path)
                written += 1
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{written} workbooks in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
