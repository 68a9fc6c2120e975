"""Read one landing file into a frame of text cells under the contract's English names.

Everything is read as text first so that each cell can be judged on its own and a bad cell
quarantines one row, not the whole file. A file that cannot be read at all raises
`FileRejected` with a message a clerk can act on, in Chinese and English.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from dagster_project.contract import Source

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".parquet")
_HEADER_SCAN_ROWS = 6
_DEDUPE_SUFFIX = re.compile(r"__\d+$")
_MONTH_IN_NAME = re.compile(r"(?<!\d)(20\d{2})[-_]?(0[1-9]|1[0-2])(?!\d)")


class FileRejected(Exception):
    """The whole file is unreadable; nothing from it may load."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class ReadResult:
    frame: pl.DataFrame  # contract columns as text (or already-typed Parquet columns) + _row
    encoding: str
    extra_columns: tuple[str, ...]


def month_in_file_name(path: Path) -> str | None:
    """`roster_530100_2025-03.csv` → '2025-03'; None when the name names no month."""
    match = _MONTH_IN_NAME.search(path.stem)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def _decode_csv(data: bytes) -> tuple[str, str]:
    # A BOM declares UTF-8: bytes after it that are not UTF-8 are a mislabelled file.
    candidates = ("utf-8-sig",) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", "gb18030")
    for encoding in candidates[:-1]:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(candidates[-1]), candidates[-1]
    except UnicodeDecodeError as exc:
        raise FileRejected(
            f"无法识别文件编码：已尝试 {'、'.join(candidates).upper()}，"
            f"第 {exc.start} 字节处无法解码。"
            "请用 Excel 或 WPS 另存为“CSV UTF-8”后重新报送。",
            f"Unknown text encoding: tried {' and '.join(candidates).upper()}; "
            f"byte {exc.start} cannot be "
            "decoded. Save the file as 'CSV UTF-8' and deliver it again.",
        ) from exc


def _read_csv(data: bytes) -> tuple[pl.DataFrame, str]:
    text, encoding = _decode_csv(data)
    if not text.strip():
        raise FileRejected(
            "文件为空，没有表头也没有数据。", "The file is empty: no header, no rows."
        )
    try:
        frame = pl.read_csv(
            io.StringIO(text),
            skip_rows=_header_line(text),
            has_header=False,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as exc:
        raise FileRejected(
            f"CSV 格式无法解析（{type(exc).__name__}）。请检查分隔符是否为英文逗号、引号是否成对。",
            f"The CSV cannot be parsed ({type(exc).__name__}): check that fields are separated "
            "by commas and quotes are balanced.",
        ) from exc
    return frame, encoding


def _header_line(text: str) -> int:
    """Index of the header line among the first few: the one with the most fields.

    A title line above the header ("2025年3月花名册" alone, without trailing commas) would
    otherwise fix the column count at one and cut every row below it to one column.
    """
    head = list(csv.reader(io.StringIO("\n".join(text.splitlines()[:_HEADER_SCAN_ROWS]))))
    widths = [sum(1 for cell in row if cell.strip()) for row in head]
    return widths.index(max(widths)) if widths else 0


def _read_xlsx(path: Path) -> pl.DataFrame:
    import fastexcel  # lazy: only XLSX deliveries need the Rust reader

    try:
        sheet = fastexcel.read_excel(path).load_sheet(0, header_row=None, dtypes="string")
        return sheet.to_polars()
    except Exception as exc:  # fastexcel raises its own hierarchy for every broken workbook
        raise FileRejected(
            f"Excel 文件无法读取（{type(exc).__name__}）：请确认文件是 .xlsx 格式且未加密。",
            f"The Excel file cannot be read ({type(exc).__name__}): it must be an unencrypted "
            ".xlsx workbook.",
        ) from exc


def _read_parquet(data: bytes) -> pl.DataFrame:
    try:
        return pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow/polars raise many types for a broken Parquet file
        raise FileRejected(
            f"Parquet 文件已损坏或不完整（{type(exc).__name__}）。请重新导出。",
            f"The Parquet file is damaged or incomplete ({type(exc).__name__}). Export it again.",
        ) from exc


def _normalise_header(name: str) -> str:
    return name.replace("\ufeff", "").strip().strip('"').strip().lower()


def _promote_header(frame: pl.DataFrame, aliases: dict[str, str]) -> pl.DataFrame:
    """Use the first row (of the first few) that names contract columns as the header.

    Office exports often put a merged title row above the real header; the header is the
    row with the most cells that are known column names.
    """
    scan = frame.head(_HEADER_SCAN_ROWS).rows()
    best = max(
        range(len(scan)),
        key=lambda i: (sum(_normalise_header(str(v)) in aliases for v in scan[i] if v), -i),
        default=0,
    )
    header = (
        [str(v) if v not in (None, "") else f"__blank_{j}" for j, v in enumerate(scan[best])]
        if scan
        else list(frame.columns)
    )
    body = frame.slice(best + 1)
    return body.rename(dict(zip(body.columns, _dedupe(header), strict=True)))


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    return out


def read_landing_file(path: Path, data: bytes, source: Source) -> ReadResult:
    """Read `data` (the bytes of `path`) and map its headers onto `source`'s columns."""
    suffix = path.suffix.lower()
    if not data:
        raise FileRejected("文件为空（0 字节）。", "The file is empty (0 bytes).")
    aliases = {_normalise_header(k): v for k, v in source.header_aliases.items()}
    encoding = "binary"
    if suffix == ".csv":
        frame, encoding = _read_csv(data)
        frame = _promote_header(frame, aliases)
    elif suffix == ".xlsx":
        frame = _promote_header(_read_xlsx(path), aliases)
    elif suffix == ".parquet":
        frame = _read_parquet(data)
    else:
        raise FileRejected(
            f"不支持的文件类型 {suffix}：请报送 .csv、.xlsx 或 .parquet 文件。",
            f"Unsupported file type {suffix}: deliver .csv, .xlsx or .parquet.",
        )

    renames: dict[str, str] = {}
    extra: list[str] = []
    for header in frame.columns:
        # `unit_code__2` is a second `unit_code` column (see _dedupe): a conflict, not extra.
        target = aliases.get(_normalise_header(_DEDUPE_SUFFIX.sub("", header)))
        if target is None:
            extra.append(header)
        elif target in renames.values():
            label = _DEDUPE_SUFFIX.sub("", header)
            raise FileRejected(
                f"列“{label}”与另一列同为“{target}”（中英文表头重复或同名列出现两次），"
                "无法判断以哪列为准。",
                f"Column '{label}' duplicates another column mapped to "
                f"'{target}' (English and Chinese header both present, or the same header "
                "twice); cannot tell which one is right.",
            )
        else:
            renames[header] = target
    present = set(renames.values())
    missing = [c for c in source.columns if c.required and c.name not in present]
    if missing:
        names_zh = "、".join(f"{c.zh}（{c.name}）" for c in missing)
        names_en = ", ".join(c.name for c in missing)
        found = "、".join(str(h) for h in frame.columns[:12])
        raise FileRejected(
            f"缺少必需列：{names_zh}。文件中的表头为：{found}。请按数据规范补齐列名后重新报送。",
            f"Missing required column(s): {names_en}. Headers found: {found}. Add them as in the "
            "data contract and deliver the file again.",
        )
    frame = frame.rename(renames)
    blank = [c for c in extra if c.startswith("__blank_") and frame[c].null_count() == frame.height]
    frame = frame.drop(blank)
    extra = [c for c in extra if c not in blank]
    extra_json = (
        pl.struct([pl.col(c).cast(pl.String) for c in extra]).struct.json_encode()
        if extra
        else pl.lit(None, dtype=pl.String)
    )
    cells = [c for c in frame.columns if c not in extra]
    has_data = (
        pl.any_horizontal(
            pl.col(c).cast(pl.String).str.strip_chars().fill_null("") != "" for c in frame.columns
        )
        if frame.columns
        else pl.lit(False)
    )
    frame = (
        frame.with_columns(extra_json.alias("_extra"))
        .with_row_index("_row", offset=1)
        .with_columns(pl.col("_row").cast(pl.Int64))
        .filter(has_data)  # an empty line (or one of bare commas) is layout, not a data row
        .select("_row", *cells, "_extra")
    )
    return ReadResult(frame=frame, encoding=encoding, extra_columns=tuple(extra))
