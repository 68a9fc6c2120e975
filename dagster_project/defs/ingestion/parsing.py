"""Turn text cells into typed values, one column at a time, recording every bad cell.

Each parser returns an expression for the typed value; a cell that had text but parsed to
null is a bad cell. All of it is vectorised polars: millions of incident rows parse in
seconds, and the failure of one cell never hides the others in the same row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import polars as pl

from dagster_project.contract import Column, Source

_ISSUE_SCHEMA = {"_row": pl.Int64, "column_name": pl.String, "value": pl.String, "rule": pl.String}
_TRUE = ("true", "t", "1", "yes", "y", "是", "真", "有", "√", "✓", "✔")
_FALSE = ("false", "f", "0", "no", "n", "否", "假", "无", "×", "✗", "✘", "x")
_EXCEL_EPOCH = date(1899, 12, 30)
_SPACES = re.compile(r"\s+")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def empty_issues() -> pl.DataFrame:
    return pl.DataFrame(schema=_ISSUE_SCHEMA)


def _chinese_numerals() -> dict[str, str]:
    """一 … 九十九 (and 两, 〇) → '1' … '99': levels and counts typed in words (一级)."""
    digits = "〇一二三四五六七八九"
    out = {d: str(i) for i, d in enumerate(digits)} | {"两": "2", "十": "10"}
    for tens in range(1, 10):
        head = "" if tens == 1 else digits[tens]
        out[f"{head}十"] = str(tens * 10)
        for unit in range(1, 10):
            out[f"{head}十{digits[unit]}"] = str(tens * 10 + unit)
    return out


_CHINESE_NUMERALS = _chinese_numerals()


def _clean(col: str) -> pl.Expr:
    """A cell's text without surrounding spaces and tabs; empty is null."""
    text = pl.col(col).cast(pl.String).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def normalised(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Text columns in NFKC, which turns full-width digits, letters and ideographic spaces
    into plain ones (２ → 2, Ｘ → X). Only columns holding a non-ASCII character are
    rewritten: ASCII is its own NFKC form, and most cells of a province's files are ASCII."""
    text = [c for c in columns if frame.schema[c] == pl.String]
    if not text:
        return frame
    wide = frame.select(pl.col(text).str.contains(r"[^\x00-\x7F]").any())
    rewrite = [c for c in text if wide[c][0]]
    return frame.with_columns(pl.col(rewrite).str.normalize("NFKC")) if rewrite else frame


def _date_from_text(text: pl.Expr) -> pl.Expr:
    """YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日, YYYY.MM.DD, compact YYYYMMDD (+ a 00:00:00
    time), Excel serials."""
    unified = (
        text.str.replace(r"^(\d{4})(\d{2})(\d{2})$", "$1-$2-$3")
        .str.replace_all(r"[年/.]", "-")
        .str.replace("月", "-")
        .str.replace("日", "")
        .str.replace(r"[ T]00:00(:00(\.0+)?)?$", "")
    )
    parts = unified.str.extract_groups(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
    iso = pl.concat_str(
        parts.struct.field("1"),
        parts.struct.field("2").str.zfill(2),
        parts.struct.field("3").str.zfill(2),
        separator="-",
    )
    serial = (
        pl.when(text.str.contains(r"^\d{5}$"))
        .then(text.cast(pl.Int32, strict=False))
        .otherwise(None)
    )
    from_serial = pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial)
    return pl.coalesce(iso.str.to_date("%Y-%m-%d", strict=False), from_serial.cast(pl.Date))


def _month_from_text(text: pl.Expr) -> pl.Expr:
    """YYYY-MM, YYYY/MM, YYYY年MM月, YYYYMM, or a full date: the month's first day."""
    unified = text.str.replace_all(r"[年/.]", "-").str.replace(r"月$", "")
    parts = unified.str.extract_groups(r"^(\d{4})-?(\d{1,2})$")
    iso = pl.concat_str(
        parts.struct.field("1"), parts.struct.field("2").str.zfill(2), pl.lit("01"), separator="-"
    )
    return pl.coalesce(
        iso.str.to_date("%Y-%m-%d", strict=False), _date_from_text(text).dt.month_start()
    )


def _timestamp_from_text(text: pl.Expr) -> pl.Expr:
    unified = (
        text.str.replace_all(r"[年/.]", "-")
        .str.replace("月", "-")
        .str.replace("日", " ")
        .str.replace("T", " ")
        .str.replace(r"\s+", " ")
        .str.strip_chars()
    )
    parts = unified.str.extract_groups(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
    )
    iso = pl.concat_str(
        parts.struct.field("1"),
        pl.lit("-"),
        parts.struct.field("2").str.zfill(2),
        pl.lit("-"),
        parts.struct.field("3").str.zfill(2),
        pl.lit(" "),
        parts.struct.field("4").fill_null("0").str.zfill(2),
        pl.lit(":"),
        parts.struct.field("5").fill_null("00"),
        pl.lit(":"),
        parts.struct.field("6").fill_null("00"),
    )
    return iso.str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False, time_unit="us")


def _decimal_from_text(text: pl.Expr, precision: int) -> pl.Expr:
    plain = text.str.replace_all(r"[,，¥￥元\s]", "")
    ok = plain.str.contains(r"^[+-]?\d+(\.\d{1,2})?$")
    return pl.when(ok).then(plain).otherwise(None).cast(pl.Decimal(precision, 2), strict=False)


def _int_from_text(text: pl.Expr) -> pl.Expr:
    """Digits (1,234 / 3.0), or a number in words with a unit word (一级, 三级, 十二人)."""
    plain = (
        text.str.replace_all(r"[,，\s]", "")
        .str.replace(r"^(.+?)[级人名个岗]$", "$1")
        .replace(_CHINESE_NUMERALS)
    )
    ok = plain.str.contains(r"^[+-]?\d+(\.0+)?$")
    return (
        pl.when(ok)
        .then(plain.str.replace(r"\.0+$", ""))
        .otherwise(None)
        .cast(pl.Int64, strict=False)
    )


def _bool_from_text(text: pl.Expr) -> pl.Expr:
    low = text.str.to_lowercase()
    return pl.when(low.is_in(_TRUE)).then(True).when(low.is_in(_FALSE)).then(False).otherwise(None)


def _enum_from_text(column: Column) -> Callable[[pl.Expr], pl.Expr]:
    assert column.enum is not None
    spellings = {code: code for code in column.enum}
    spellings.update({label: code for code, label in column.enum.items()})
    spellings.update(column.value_synonyms or {})
    # matched without case or spaces: 男 性, Bachelor
    lookup = {_SPACES.sub("", k).lower(): v for k, v in spellings.items()}

    def parse(text: pl.Expr) -> pl.Expr:
        key = text.str.replace_all(r"\s", "").str.to_lowercase()
        return key.replace_strict(lookup, default=None, return_dtype=pl.String)

    return parse


def _code_from_text(digits: int) -> Callable[[pl.Expr], pl.Expr]:
    def parse(text: pl.Expr) -> pl.Expr:
        plain = text.str.replace(r"\.0+$", "")
        return pl.when(plain.str.contains(rf"^\d{{{digits}}}$")).then(plain).otherwise(None)

    return parse


def _parser(column: Column) -> Callable[[pl.Expr], pl.Expr]:
    match column.type:
        case "date":
            return _date_from_text
        case "month":
            return _month_from_text
        case "timestamp":
            return _timestamp_from_text
        case "money":
            return lambda t: _decimal_from_text(t, 18)
        case "number":
            return lambda t: _decimal_from_text(t, 12)
        case "int":
            return _int_from_text
        case "bool":
            return _bool_from_text
        case "enum":
            return _enum_from_text(column)
        case "code12":
            return _code_from_text(12)
        case "code6":
            return _code_from_text(6)
        case "id_number":
            return id_text
        case _:
            return lambda t: t


_NATIVE: dict[str, tuple[type[pl.DataType], ...]] = {
    "date": (pl.Date,),
    "timestamp": (pl.Datetime,),
    "bool": (pl.Boolean,),
    "int": (pl.Int64, pl.Int32, pl.Int16, pl.Int8, pl.UInt32, pl.UInt16, pl.UInt8),
}


def _native(column: Column, dtype: pl.DataType) -> bool:
    """A column that already carries the contract's type (a typed Parquet file)."""
    if column.type == "month":
        return isinstance(dtype, pl.Date | pl.Datetime)
    return any(isinstance(dtype, t) for t in _NATIVE.get(column.type, ()))


# Types whose cells repeat (codes, categories, yes/no): each distinct text is parsed once and
# mapped back, instead of running the parser's regexes on every row.
_BY_DISTINCT = {"enum", "code12", "code6", "bool"}


def _typed(frame: pl.DataFrame, column: Column) -> pl.Expr:
    """Already-typed Parquet columns pass through; everything else is parsed from text."""
    dtype = frame.schema[column.name]
    if _native(column, dtype):
        expr = pl.col(column.name)
        if column.type == "month":
            return expr.cast(pl.Date).dt.month_start()
        if column.type == "timestamp":
            return expr.dt.replace_time_zone(None).dt.cast_time_unit("us")
        return expr.cast(pl.Int64) if column.type == "int" else expr
    parse = _parser(column)
    if column.type not in _BY_DISTINCT:
        return parse(_clean(column.name))
    distinct = frame.select(_clean(column.name).unique().drop_nulls().alias("text"))
    parsed = distinct.select(parse(pl.col("text")).alias("value"))
    return _clean(column.name).replace_strict(
        distinct["text"], parsed["value"], default=None, return_dtype=parsed.schema["value"]
    )


def id_text(text: pl.Expr) -> pl.Expr:
    """An ID as typed, without the spaces, tabs and leading apostrophe (Excel's text marker)
    that clerks put in to keep a spreadsheet from turning it into a number."""
    return text.str.replace_all(r"\s", "").str.strip_chars_start("'").str.to_uppercase()


def id_number_issue(col: str) -> pl.Expr:
    """Reason an ID number is invalid (GB 11643), or null when it is valid."""
    v = pl.col(col)
    # a spreadsheet that took the ID for a number shows it as 5.30102E+17, or keeps 15
    # significant digits and fills the rest with zeros: the digits are gone either way
    as_number = v.str.contains(r"^\d+(\.\d+)?E\+?\d+$") | (v.str.contains(r"^\d{15}000$"))
    shaped = v.str.contains(r"^\d{17}[\dX]$")
    total = pl.sum_horizontal(
        v.str.slice(i, 1).cast(pl.Int32, strict=False) * w for i, w in enumerate(_ID_WEIGHTS)
    )
    expected = total.mod(11).replace_strict(
        list(range(11)), list("10X98765432"), return_dtype=pl.String
    )
    born = v.str.slice(6, 8).str.to_date("%Y%m%d", strict=False)
    return (
        pl.when(v.is_null())
        .then(None)
        .when(as_number & ~(shaped & (v.str.slice(17, 1) == expected)))
        .then(pl.lit("id_stored_as_number"))
        .when(~shaped)
        .then(pl.lit("id_format"))
        .when(v.str.slice(17, 1) != expected)
        .then(pl.lit("id_checksum"))
        .when(born.is_null())
        .then(pl.lit("id_birth_date"))
        .otherwise(None)
    )


def parse_columns(
    frame: pl.DataFrame, source: Source, today: date
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Typed frame (bad cells null) and the issues found: one row per bad cell."""
    present = set(frame.columns)
    frame = normalised(frame, [c.name for c in source.columns if c.name in present])
    typed_exprs: list[pl.Expr] = []
    for column in source.columns:
        if column.name not in present:
            default = pl.lit(column.default, dtype=pl.String)
            typed_exprs.append(_parser(column)(default).alias(column.name))
            continue
        typed_exprs.append(_typed(frame, column).alias(column.name))
    # a typed column is its own raw value: it is spelled out as text for bad rows only
    native = {
        c.name for c in source.columns if c.name in present and _native(c, frame.schema[c.name])
    }
    raw_text = frame.select(
        "_row",
        *(
            (pl.col(c.name) if c.name in native else _clean(c.name)).alias(f"__raw_{c.name}")
            for c in source.columns
            if c.name in present
        ),
    )
    typed = frame.select("_row", "_extra", *typed_exprs)
    checks: list[pl.Expr] = []
    for column in source.columns:
        if column.name not in present:
            continue
        raw, value = pl.col(f"__raw_{column.name}"), pl.col(column.name)
        rule = pl.when(raw.is_not_null() & value.is_null()).then(pl.lit(f"bad_{column.type}"))
        if not column.nullable and column.default is None:
            rule = rule.when(raw.is_null()).then(pl.lit("required_missing"))
        if column.type == "id_number":
            rule = rule.when(id_number_issue(column.name).is_not_null()).then(
                id_number_issue(column.name)
            )
        if column.min_value is not None:
            rule = rule.when(value < column.min_value).then(
                pl.lit("negative_value" if column.min_value == 0 else "below_minimum")
            )
        if column.max_value is not None:
            rule = rule.when(value > column.max_value).then(pl.lit("above_maximum"))
        if column.not_future:
            day = value.cast(pl.Date) if column.type == "timestamp" else value
            rule = rule.when(day > today).then(pl.lit("future_date"))
        checks.append(rule.otherwise(None).alias(f"__rule_{column.name}"))

    judged = pl.concat([typed, raw_text.drop("_row")], how="horizontal").with_columns(checks)
    rule_columns = [f"__rule_{c.name}" for c in source.columns if c.name in present]
    # Most files are clean: find the bad rows once, then spell out their cells.
    judged = judged.filter(pl.any_horizontal(pl.col(rule_columns).is_not_null()))
    issues = [
        judged.filter(pl.col(f"__rule_{c.name}").is_not_null()).select(
            "_row",
            pl.lit(c.name).alias("column_name"),
            pl.col(f"__raw_{c.name}").cast(pl.String).alias("value"),
            pl.col(f"__rule_{c.name}").alias("rule"),
        )
        for c in source.columns
        if c.name in present
    ]
    all_issues = pl.concat([empty_issues(), *issues]) if issues else empty_issues()
    # Defaults fill empty optional cells only after judging, so a bad value is never masked.
    fills = []
    for column in source.columns:
        if column.default is not None:
            default = pl.lit(column.default)
            parsed_default = _parser(column)(default)
            fills.append(pl.col(column.name).fill_null(parsed_default).alias(column.name))
    if fills:
        typed = typed.with_columns(fills)
    return typed, all_issues
