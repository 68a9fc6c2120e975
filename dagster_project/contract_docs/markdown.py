"""The per-source tables of docs/data-contract.md, spliced between its marker comments (the
prose around them is written by hand)."""

from __future__ import annotations

from pathlib import Path

from dagster_project.contract import Column, Source
from dagster_project.contract_docs.common import REPLACES, number, summary

PATH = Path("docs/data-contract.md")
BEGIN = "<!-- BEGIN generated: contract tables -->"
END = "<!-- END generated -->"
NOTE = "<!-- from dagster_project/contract.py by `make contract`: edit there, not here -->"

TYPE_LABELS = {
    "text": "text",
    "code12": "text, 12 digits",
    "code6": "text, 6 digits",
    "int": "integer",
    "number": "number",
    "money": "money (yuan, ≤ 2 decimals)",
    "date": "date",
    "month": "month",
    "timestamp": "timestamp",
    "bool": "boolean",
    "enum": "code",
    "id_number": "resident ID number",
}


def _range(column: Column) -> str:
    low, high = column.min_value, column.max_value
    if low is not None and high is not None:
        return f"{number(low)}..{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    return f"≤ {number(high)}" if high is not None else ""


def _rule(column: Column) -> str:
    parts = ["required column" if column.required else "optional column"]
    if column.default is not None:
        parts.append(f"default `{column.default}`")
    parts.append("may be empty" if column.nullable else "not empty")
    if column.type == "id_number":
        parts.append("valid GB 11643 checksum")
    if column.enum:
        parts.append(", ".join(f"`{code}` {label}" for code, label in column.enum.items()))
    parts.append(_range(column))
    if column.not_future:
        parts.append("not after the load date")
    rules = "; ".join(part for part in parts if part)
    return f"{rules}. {column.doc}" if column.doc else rules


def _row(column: Column) -> str:
    values = ", ".join(f"{v} → `{code}`" for v, code in (column.value_synonyms or {}).items())
    cells = (
        f"`{column.name}` / {column.zh}",
        TYPE_LABELS[column.type],
        _rule(column),
        ", ".join(column.synonyms),
        values,
    )
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _delivery(source: Source) -> str:
    key = ", ".join(f"`{REPLACES.get(k, k)}`" for k in source.key)
    parts = [f"Key, unique within a load: ({key})."]
    if source.full_replacement:
        parts.append("Each new file replaces the whole table.")
    if source.month_column:
        parts.append(f"Monthly, by `{source.month_column}`.")
    if source.derived_month:
        parts.append(
            f"Monthly: ingestion fills `{source.derived_month}` with the month of the row "
            "each one references."
        )
    return " ".join(parts)


def _section(source: Source) -> str:
    return "\n".join(
        [
            f"### {source.name} — {source.zh}",
            "",
            summary(source),
            _delivery(source),
            "",
            "| column / 中文 | type | rule | other headers accepted | other values accepted |",
            "|---|---|---|---|---|",
            *(_row(c) for c in source.columns),
            "",
        ]
    )


def contract_tables(sources: list[Source]) -> str:
    return "\n".join([NOTE, "", *(_section(s) for s in sources)])


def splice(doc: str, body: str) -> str:
    """`doc` with everything between the markers replaced by `body`."""
    head, begin, rest = doc.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not (begin and end):
        raise ValueError(f"{PATH}: markers {BEGIN} … {END} not found")
    return f"{head}{BEGIN}\n{body}{END}{tail}"
