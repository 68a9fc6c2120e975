"""What the dbt sources and the contract doc both say about a source."""

from __future__ import annotations

from dagster_project.contract import Column, Source

# Raw columns that replace a delivered one (warehouse.raw_columns): the column they come from.
REPLACES = {"person_key": "id_number", "staff_key": "staff_id"}


def origin(source: Source, raw_name: str) -> Column | None:
    """The contract column behind raw column `raw_name`; None for a column ingestion derives."""
    name = REPLACES.get(raw_name, raw_name)
    return next((c for c in source.columns if c.name == name), None)


def summary(source: Source) -> str:
    """The source's description, its notes and the articles it serves, as one paragraph."""
    articles = f"Art. {', '.join(map(str, source.articles))}." if source.articles else ""
    return " ".join(part for part in (source.description, source.doc, articles) if part)


def number(value: float) -> str:
    """2000, not 2000.0: contract bounds are written as ints."""
    return str(int(value)) if float(value).is_integer() else str(value)
