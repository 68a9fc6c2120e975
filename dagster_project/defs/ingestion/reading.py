"""Read one landing file into a frame of text cells under the contract's English names.

Everything is read as text first so that each cell can be judged on its own and a bad cell
quarantines one row, not the whole file. A file that cannot be read at all raises
`FileRejected` with a message a clerk can act on, in Chinese and English. Office layouts
(title lines, two-row headers, totals and signature lines) are handled in `headers`.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from dagster_project.contract import Source
from dagster_project.defs.ingestion.grids import (
    WORKBOOK_SUFFIXES,
    Grid,
    csv_grid,
    workbook_grids,
)
from dagster_project.defs.ingestion.headers import (
    Header,
    column_letter,
    find_header,
    layout_rows,
    normalise_header,
)
from dagster_project.defs.ingestion.rejection import FileRejected

TEXT_SUFFIXES = (".csv", ".txt")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *WORKBOOK_SUFFIXES, ".parquet")
_MONTH_IN_NAME = re.compile(r"(?<!\d)(20\d{2})[-_]?(0[1-9]|1[0-2])(?!\d)")
# GB/T 2260 codes start with a province's two digits (11–15, 21–23, 31–37, 41–46, 50–54,
# 61–65, 71, 81, 82): so a month like 202610 is never taken for a division code
_DIVISION_IN_NAME = re.compile(
    r"(?<!\d)((?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{4})(?!\d)"
)

__all__ = ["SUPPORTED_SUFFIXES", "FileRejected", "ReadResult", "read_landing_file"]


@dataclass(frozen=True)
class ReadResult:
    # contract columns as text (or already-typed Parquet columns), _row (the sheet row the
    # clerk sees), _extra (unknown columns as JSON)
    frame: pl.DataFrame
    encoding: str
    extra_columns: tuple[str, ...]
    sheet: str | None = None
    header_rows: str | None = None  # sheet rows of the header, "3" or "3-4"
    rows_layout: int = 0  # totals and signature lines recognised and left out
    # column letter → header as written; frame column → letter (for cell references)
    header: dict[str, str] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)

    @property
    def layout(self) -> str | None:
        """The header as the clerk wrote it and where each contract column sits (JSON)."""
        if not self.header:
            return None
        fields = {n: c for n, c in self.letters.items() if n not in self.extra_columns}
        return json.dumps({"columns": self.header, "fields": fields}, ensure_ascii=False)


def month_in_file_name(path: Path) -> str | None:
    """`roster_530100_2025-03.csv` → '2025-03'; None when the name names no month."""
    match = _MONTH_IN_NAME.search(path.stem)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def division_in_file_name(path: Path) -> str | None:
    """`roster_530102_202610.xls` → '530102': the bureau the file comes from, if named."""
    match = _DIVISION_IN_NAME.search(_MONTH_IN_NAME.sub("", path.stem))
    return match.group(1) if match else None


def _read_parquet(data: bytes) -> pl.DataFrame:
    try:
        return pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow/polars raise many types for a broken Parquet file
        raise FileRejected(
            f"Parquet 文件已损坏或不完整（{type(exc).__name__}）。请重新导出。",
            f"The Parquet file is damaged or incomplete ({type(exc).__name__}). Export it again.",
        ) from exc


def _required_present(header: Header, source: Source) -> bool:
    named = {t for t in header.targets if t}
    return all(c.name in named for c in source.columns if c.required)


def _choose_sheet(
    grids: list[Grid], source: Source, aliases: dict[str, str]
) -> tuple[Grid, Header | None]:
    """The one sheet whose header carries every required column; a single sheet is read
    whatever it holds (its missing columns are then named in the rejection)."""
    found = [(g, find_header(g.head_rows(), g.merged, aliases, g.fill_groups)) for g in grids]
    if len(found) == 1:
        return found[0]
    complete = [(g, h) for g, h in found if h is not None and _required_present(h, source)]
    if len(complete) == 1:
        return complete[0]
    sheets_zh = "、".join(g.sheet or "" for g, _ in (complete or found))
    sheets_en = ", ".join(g.sheet or "" for g, _ in (complete or found))
    if complete:
        raise FileRejected(
            f"多个工作表都与“{source.zh}”表头相符（{sheets_zh}），无法判断以哪个为准。"
            "请只保留一个数据工作表后重新报送。",
            f"Several sheets have the {source.name} header ({sheets_en}); cannot tell which "
            "one to load. Keep one data sheet and deliver the file again.",
        )
    best = max(found, key=lambda gh: gh[1].score if gh[1] else 0)
    missing = _missing(best[1], source)
    raise FileRejected(
        f"没有与“{source.zh}”表头相符的工作表（工作表：{sheets_zh}）。"
        f"最接近的“{best[0].sheet}”缺少必需列：{'、'.join(c.zh for c in missing)}。",
        f"No sheet has the {source.name} header (sheets: {sheets_en}). The closest, "
        f"'{best[0].sheet}', lacks: {', '.join(c.name for c in missing)}.",
    )


def _missing(header: Header | None, source: Source) -> list:
    named = {t for t in header.targets if t} if header else set()
    return [c for c in source.columns if c.required and c.name not in named]


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    return out


def _sheet_frame(grid: Grid, header: Header | None, source: Source) -> ReadResult:
    """The grid's body under contract names, with sheet row numbers and cell letters."""
    labels = list(header.labels) if header else [None] * grid.frame.width
    labels += [None] * (grid.frame.width - len(labels))
    targets = list(header.targets) if header else [None] * grid.frame.width
    targets += [None] * (grid.frame.width - len(targets))
    start = header.body_start if header else 0
    letters = [column_letter(grid.first_col + j) for j in range(grid.frame.width)]

    names: list[str] = []
    for j, (label, target) in enumerate(zip(labels, targets, strict=True)):
        if target and target in names:
            raise FileRejected(
                f"列“{label}”与另一列同为“{target}”（中英文表头重复或同名列出现两次），"
                "无法判断以哪列为准。",
                f"Column '{label}' duplicates another column mapped to "
                f"'{target}' (English and Chinese header both present, or the same header "
                "twice); cannot tell which one is right.",
            )
        names.append(target or (label if label else f"__blank_{j}"))
    names = _dedupe(names)
    missing = _missing(header, source)
    if missing:
        names_zh = "、".join(f"{c.zh}（{c.name}）" for c in missing)
        names_en = ", ".join(c.name for c in missing)
        found = "、".join(label for label in labels[:12] if label)
        raise FileRejected(
            f"缺少必需列：{names_zh}。文件中的表头为：{found}。请按数据规范补齐列名后重新报送。",
            f"Missing required column(s): {names_en}. Headers found: {found}. Add them as in the "
            "data contract and deliver the file again.",
        )

    body = grid.frame.slice(start).rename(dict(zip(grid.frame.columns, names, strict=True)))
    row_numbers = pl.int_range(0, body.height, dtype=pl.Int64) + grid.first_row + start
    body = body.with_columns(row_numbers.alias("_row"))

    contract = {c.name for c in source.columns}
    extra = [n for n in names if n not in contract and not n.startswith("__blank_")]
    blank = [n for n in names if n.startswith("__blank_")]
    data_cols = [n for n in names if n not in blank]
    has_data = pl.any_horizontal(
        pl.col(c).str.strip_chars().fill_null("") != "" for c in (data_cols or names)
    )
    body = body.filter(has_data)  # an empty line (or one of bare commas) is layout
    is_layout = layout_rows(body.select(names))
    rows_layout = int(is_layout.sum())
    body = body.filter(~is_layout)
    # a blank-headed column with values is kept, like any unknown column
    extra += [b for b in blank if body[b].null_count() < body.height]
    extra_json = (
        pl.struct([pl.col(c) for c in extra]).struct.json_encode()
        if extra
        else pl.lit(None, dtype=pl.String)
    )
    cells = [n for n in names if n in contract]
    # the unknown columns stay beside _extra, so a held-back row can be shown whole
    frame = body.select("_row", *cells, extra_json.alias("_extra"), *extra)
    header_rows = None
    if header:
        first = grid.first_row + header.first
        last = first + header.depth - 1
        header_rows = str(first) if first == last else f"{first}-{last}"
    return ReadResult(
        frame=frame,
        encoding=grid.encoding,
        extra_columns=tuple(extra),
        sheet=grid.sheet,
        header_rows=header_rows,
        rows_layout=rows_layout,
        header={letters[j]: label for j, label in enumerate(labels) if label},
        letters={n: letters[j] for j, n in enumerate(names) if n in cells or n in extra},
    )


def _unsupported(suffix: str) -> FileRejected:
    shown = suffix or "（无扩展名）"
    return FileRejected(
        f"不支持的文件格式 {shown}：请报送 .csv、.txt、.xlsx、.xls、.et 或 .parquet 文件。",
        f"Unsupported file format {suffix or '(no suffix)'}: deliver .csv, .txt, .xlsx, .xls, "
        ".et or .parquet.",
    )


def read_landing_file(path: Path, data: bytes, source: Source) -> ReadResult:
    """Read `data` (the bytes of `path`) and map its headers onto `source`'s columns."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(suffix)
    if not data:
        raise FileRejected("文件为空（0 字节）。", "The file is empty (0 bytes).")
    if suffix == ".parquet":
        return _parquet_result(_read_parquet(data), source)
    aliases = {normalise_header(k): v for k, v in source.header_aliases.items()}
    grids = csv_grid(data, suffix) if suffix in TEXT_SUFFIXES else workbook_grids(data, suffix)
    grid, header = _choose_sheet(grids, source, aliases)
    return _sheet_frame(grid, header, source)


def _parquet_result(frame: pl.DataFrame, source: Source) -> ReadResult:
    """Parquet columns are named, typed and free of layout: headers map one to one."""
    aliases = {normalise_header(k): v for k, v in source.header_aliases.items()}
    renames: dict[str, str] = {}
    for name in frame.columns:
        target = aliases.get(normalise_header(name))
        if target and target in renames.values():
            raise FileRejected(
                f"列“{name}”与另一列同为“{target}”，无法判断以哪列为准。",
                f"Column '{name}' duplicates another column mapped to '{target}'.",
            )
        if target:
            renames[name] = target
    header = Header(0, 1, tuple(frame.columns), tuple(renames.get(c) for c in frame.columns), 0)
    missing = _missing(header, source)
    if missing:
        raise FileRejected(
            f"缺少必需列：{'、'.join(f'{c.zh}（{c.name}）' for c in missing)}。",
            f"Missing required column(s): {', '.join(c.name for c in missing)}.",
        )
    extra = [c for c in frame.columns if c not in renames]
    extra_json = (
        pl.struct([pl.col(c).cast(pl.String) for c in extra]).struct.json_encode()
        if extra
        else pl.lit(None, dtype=pl.String)
    )
    out = frame.rename(renames).select(
        pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias("_row"),
        *renames.values(),
        extra_json.alias("_extra"),
    )
    # held rows are shown by column position, as a spreadsheet opened on the file would
    letters = {renames.get(c, c): column_letter(j) for j, c in enumerate(frame.columns)}
    return ReadResult(
        frame=out.with_columns(frame.select(extra)) if extra else out,
        encoding="binary",
        extra_columns=tuple(extra),
        header={column_letter(j): c for j, c in enumerate(frame.columns)},
        letters=letters,
    )
