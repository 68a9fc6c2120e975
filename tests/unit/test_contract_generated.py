"""The contract is stated once, in dagster_project/contract.py: the files generated from it
are current, and every header spelling it accepts names one column."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dagster_project import contract_docs
from dagster_project.contract import SOURCES, Source
from dagster_project.defs.ingestion.headers import normalise_header


def test_generated_files_are_current() -> None:
    outdated = sorted(map(str, contract_docs.stale()))
    assert not outdated, f"stale, run `make contract`: {', '.join(outdated)}"


@pytest.mark.parametrize("source", SOURCES.values(), ids=list(SOURCES))
def test_every_header_spelling_names_one_column(source: Source) -> None:
    # as the reader matches a header cell; the spellings are exactly Source.header_aliases
    spellings = [(s, c.name) for c in source.columns for s in (c.name, c.zh, *c.synonyms)]
    assert {s for s, _ in spellings} == set(source.header_aliases)
    named: dict[str, set[str]] = defaultdict(set)
    for spelling, column in spellings:
        named[normalise_header(spelling)].add(column)
    ambiguous = {h: sorted(cols) for h, cols in named.items() if len(cols) > 1}
    assert not ambiguous, f"{source.name}: spellings naming several columns: {ambiguous}"
