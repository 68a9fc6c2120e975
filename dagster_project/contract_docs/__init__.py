"""Files generated from the data contract (dagster_project/contract.py), so it is written
once: the dbt source of every raw table and the per-source tables of docs/data-contract.md.

`python -m dagster_project.contract_docs` (`make contract`) writes them; with `--check` it
lists the stale ones instead (tests/unit/test_contract_generated.py runs the check).
"""

from __future__ import annotations

from pathlib import Path

from dagster_project.contract import SOURCES
from dagster_project.contract_docs import dbt_sources, markdown
from dagster_project.settings import PROJECT_ROOT


def expected(root: Path = PROJECT_ROOT) -> dict[Path, str]:
    """Each generated file (relative to `root`) → the text it must hold."""
    out = {dbt_sources.path(s): dbt_sources.sources_yml(s) for s in SOURCES.values()}
    doc = (root / markdown.PATH).read_text(encoding="utf-8")
    out[markdown.PATH] = markdown.splice(doc, markdown.contract_tables(list(SOURCES.values())))
    return out


def stale(root: Path = PROJECT_ROOT) -> dict[Path, str]:
    """The generated files that differ from what contract.py says, with their expected text."""
    return {
        rel: text
        for rel, text in expected(root).items()
        if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text
    }


def write(root: Path = PROJECT_ROOT) -> list[Path]:
    """Rewrite the stale files; returns them."""
    changed = stale(root)
    for rel, text in changed.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return list(changed)
