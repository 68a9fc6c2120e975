"""What a held-back row leaves in the warehouse: one quarantine row per reason, with the
cell the clerk must mend, and the row itself once, as it was read (names and IDs masked)."""

from __future__ import annotations

import polars as pl

from dagster_project.contract import Source
from dagster_project.defs.ingestion.messages import with_messages
from dagster_project.defs.ingestion.reading import ReadResult

SENSITIVE = ("id_number", "staff_id", "name")


def _masked(value: pl.Expr) -> pl.Expr:
    """First character + *** : a clerk can find the row, nobody can read the person."""
    return pl.when(value.is_not_null()).then(pl.concat_str(value.str.slice(0, 1), pl.lit("***")))


def quarantine_rows(
    issues: pl.DataFrame, source: Source, read: ReadResult, file: str, sha256: str
) -> pl.DataFrame:
    """raw._quarantine rows of one file: reason, message and cell reference per issue."""
    # keys computed from a cell point at that cell (a duplicate person_key at its ID)
    cells = {**read.letters}
    for derived, cell_of in (("person_key", "id_number"), ("staff_key", "staff_id")):
        if cell_of in cells:
            cells[derived] = cells[cell_of]
    # a Parquet file has no sheet to point into: its rows are numbered, not its cells
    if read.header_rows is None:
        cells = {}
    letters = pl.col("column_name").replace_strict(cells, default=None, return_dtype=pl.String)
    value = pl.col("value")
    return with_messages(issues, source).select(
        pl.lit(file).alias("file"),
        pl.lit(sha256).alias("sha256"),
        pl.lit(source.name).alias("source"),
        pl.col("_row").alias("row_number"),
        "column_name",
        pl.when(pl.col("column_name").is_in(SENSITIVE))
        .then(_masked(value))
        .otherwise(value)
        .alias("value"),
        "rule",
        "message_zh",
        "message_en",
        pl.lit(read.sheet, dtype=pl.String).alias("sheet"),
        pl.concat_str(letters, pl.col("_row").cast(pl.String)).alias("cell"),
    )


def held_rows(
    read: ReadResult, rows: pl.Series, source: Source, file: str, sha256: str
) -> pl.DataFrame:
    """raw._quarantine_rows: each held-back row once, its cells by column letter as read."""
    held = read.frame.filter(pl.col("_row").is_in(rows.implode()))
    fields = [
        (
            pl.col(n).cast(pl.String) if n not in SENSITIVE else _masked(pl.col(n).cast(pl.String))
        ).alias(letter)
        for n, letter in read.letters.items()
        if n in held.columns
    ]
    cells = pl.struct(fields).struct.json_encode() if fields else pl.lit("{}")
    return held.select(
        pl.lit(file).alias("file"),
        pl.lit(sha256).alias("sha256"),
        pl.lit(source.name).alias("source"),
        pl.lit(read.sheet, dtype=pl.String).alias("sheet"),
        pl.col("_row").alias("row_number"),
        cells.alias("cells"),
    )
