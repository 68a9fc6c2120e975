"""The demo province as clerks deliver it: `generate(..., formats="clerk")` (issue 11).

Bureaus send what Excel, WPS and HR systems export, not what a contract spells out: legacy
.xls workbooks (WPS .et too), a title and a 填报单位 line above a header of one or two rows
(养老保险 merged over 单位 / 个人), header synonyms and spellings, a 合计 row and signature
lines under the data, and values typed by people (`clerk_cells.py`). The rows are the tidy
files' rows of the same seed, so ingestion (docs/office-files.md) must give the same marts.

xlsxwriter cannot write .xls: those workbooks are staged as .xlsx and converted by
LibreOffice (`soffice` on the PATH) in one batch when the generator finishes (`finish`).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from dagster_project.contract import SOURCES
from dagster_project.synthetic.clerk_cells import (
    Cell,
    cell_format,
    has_groups,
    header,
    pick,
    speller,
)
from dagster_project.synthetic.writers import (
    FIXED_TIME,
    FileStyle,
    Placement,
    background_text,
    render,
)


@dataclass(frozen=True)
class Layout:
    kind: str  # xls | et | xlsx | csv
    encoding: str | None = None  # csv only: gb18030 (WPS, older Excel) or utf-8-sig
    folder: bool = False  # files in a subfolder named after the prefecture
    by_county: bool = False  # roster and payroll in one file per county bureau


# A deterministic spread over the prefectures; 530000 (the province's own files) is .xls.
_DEFAULT = Layout("xls")
_LAYOUTS = {
    "530100": Layout("xls", folder=True, by_county=True),  # 昆明: county users, own files
    "530300": Layout("xls", folder=True),
    "530400": Layout("et"),
    "530500": Layout("csv", "gb18030"),
    "532500": Layout("csv", "utf-8-sig"),
    "530600": Layout("xlsx"),
    "533100": Layout("xlsx"),
}
_BY_COUNTY = ("roster", "payroll")
_TITLES = {
    "org_units": "公安机关机构信息表",
    "quotas": "辅警用人额度核定表",
    "police_strength": "民警人数统计表",
    "roster": "辅警花名册",
    "payroll": "辅警工资发放表",
    "accident_insurance": "辅警人身意外伤害保险参保名单",
    "hr_records": "辅警人事记录台账",
}
_NOTES_SHEET, _NOTES = "填表说明", ("1. 每人一行，按月报送。", "2. 身份证号码列请设置为文本格式。")
_NOTE_LINE = "注：身份证号码请按文本格式填写，金额单位为元。"
_PEOPLE = ("张丽", "李强", "王芳", "赵云峰", "杨敏", "刀建华")
_MONTH = re.compile(r"(20\d{2})-(\d{2})$")
_YEAR = re.compile(r"_(20\d{2})$")
_XLS_MAX_ROWS = 65_536


class ClerkWriter:
    """Writes a frame as clerks would (one file, or one per county bureau); `finish()`
    converts the staged workbooks to .xls / .et."""

    def __init__(
        self, out_dir: Path, bureau_names: dict[str, str], bureau_of_id: dict[str, str]
    ) -> None:
        self.out_dir, self.bureau_names, self.bureau_of_id = out_dir, bureau_names, bureau_of_id
        self.staging = out_dir / "_clerk_staging"
        shutil.rmtree(self.staging, ignore_errors=True)
        self.pending: dict[str, Path] = {}  # staged stem -> final path

    def __call__(self, frame: pl.DataFrame, source: str, stem: str, partition: str) -> Placement:
        layout = _LAYOUTS.get(partition, _DEFAULT)
        folder = self.out_dir / source / (partition if layout.folder else "")
        bureaus = np.full(frame.height, partition, dtype=object)
        if layout.by_county and source in _BY_COUNTY:
            bureaus = np.array(self._bureaus(frame, partition), dtype=object)
        files: list[str] = []
        file_of, row_of = np.zeros(frame.height, int), np.zeros(frame.height, int)
        for bureau in sorted(set(bureaus)):
            rows = np.flatnonzero(bureaus == bureau)
            name = stem.replace(partition, bureau)
            final, first = self._write(frame[rows], source, folder / name, layout, bureau)
            file_of[rows], row_of[rows] = len(files), first + np.arange(len(rows))
            files.append(final.relative_to(self.out_dir / source).as_posix())
        return Placement(files, file_of, row_of)

    def _bureaus(self, frame: pl.DataFrame, partition: str) -> list[str]:
        """Each row's county bureau: its unit's, or (payroll) its person's; the prefecture's
        own file for people known nowhere (planted fake rows)."""
        if "unit_code" in frame.columns:
            return [u[:6] for u in frame["unit_code"]]
        return [self.bureau_of_id.get(i, partition) for i in frame["id_number"]]

    def _write(
        self, frame: pl.DataFrame, source: str, path: Path, layout: Layout, bureau: str
    ) -> tuple[Path, int]:
        """Write one file; returns its final path and the sheet row of its first data row."""
        stem = path.name
        two_rows = layout.kind != "csv" and has_groups(source, frame.columns)
        head = header(source, frame.columns, stem, two_rows)
        above = [[_title(source, stem)], [f"填报单位：{self.bureau_names[bureau]}"]]
        below = [_total(frame, source, len(head)), [], _footer(stem, len(head)), [_NOTE_LINE]]
        first_row = len(above) + (2 if two_rows else 1) + 1
        body = _cells(frame, source, stem, layout.encoding)
        path.parent.mkdir(parents=True, exist_ok=True)
        final = path.with_suffix(f".{layout.kind}")
        if layout.encoding is not None:
            _write_csv(final, layout.encoding, [*above, [h[1] for h in head], *body, *below])
            return final, first_row
        target = final
        if layout.kind != "xlsx":
            if len(body) + first_row + len(below) > _XLS_MAX_ROWS:
                raise ValueError(f"{stem}: {len(body)} rows do not fit one .xls sheet")
            self.staging.mkdir(parents=True, exist_ok=True)
            target = self.staging / f"{stem}.xlsx"
            self.pending[stem] = final
        columns = [SOURCES[source].column(c) for c in frame.columns]
        formats = [None, *(cell_format(c, stem) for c in columns)]
        sheet = _Sheet(target, SOURCES[source].zh, formats)
        sheet.header(above, head)
        sheet.rows([*body, *below])
        sheet.close(notes=layout.kind != "xlsx")  # older workbooks carry a sheet of notes
        return final, first_row

    def finish(self) -> None:
        """Convert every staged workbook in one LibreOffice call; move each to its place."""
        if not self.pending:
            return
        if shutil.which("soffice") is None:
            raise RuntimeError(
                "the clerk style writes .xls through LibreOffice: install it (Debian: "
                "apt-get install libreoffice-calc-nogui) so that `soffice` is on the PATH"
            )
        converted = self.staging / "xls"
        staged = [str(self.staging / f"{stem}.xlsx") for stem in sorted(self.pending)]
        done = subprocess.run(
            [
                "soffice",
                # a profile of its own: a desktop LibreOffice or a parallel run cannot clash
                f"-env:UserInstallation={(self.staging / 'profile').resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(converted),
                *staged,
            ],
            capture_output=True,
            text=True,
        )
        missing = [s for s in self.pending if not (converted / f"{s}.xls").exists()]
        if done.returncode != 0 or missing:
            raise RuntimeError(
                f"soffice did not convert {len(missing)} of {len(staged)} workbooks "
                f"(first: {missing[:1]}): {done.stderr[-2000:]}"
            )
        for stem, final in self.pending.items():
            shutil.move(converted / f"{stem}.xls", final)
        shutil.rmtree(self.staging)
        self.pending.clear()


class _Sheet:
    """One data sheet: merged title, two-row header merges, typed cells by column."""

    def __init__(self, path: Path, name: str, formats: list[str | None]) -> None:
        self.book = xlsxwriter.Workbook(path)
        self.book.set_properties({"created": FIXED_TIME})
        self.ws = self.book.add_worksheet(name)
        self.bold = self.book.add_format({"bold": True, "align": "center", "border": 1})
        self.formats = [self.book.add_format({"num_format": f}) if f else None for f in formats]
        self.row = 0

    def header(self, above: list[list[Cell]], head: list[tuple[str | None, str]]) -> None:
        title = self.book.add_format({"bold": True, "font_size": 16, "align": "center"})
        self.ws.merge_range(0, 0, 0, len(head) - 1, str(above[0][0]), title)
        self.ws.write_row(1, 0, above[1])
        top = len(above)
        two_rows = any(group for group, _ in head)
        c = 0
        while c < len(head):
            group, label = head[c]
            end = c
            while group is not None and end + 1 < len(head) and head[end + 1][0] == group:
                end += 1
            if group is None and two_rows:  # a single cell spans both header rows
                self.ws.merge_range(top, c, top + 1, c, label, self.bold)
            elif group is None:
                self.ws.write_string(top, c, label, self.bold)
            else:
                self._span(top, c, end, group)
                for k in range(c, end + 1):
                    self.ws.write_string(top + 1, k, head[k][1], self.bold)
            c = end + 1
        self.row = top + (2 if two_rows else 1)

    def _span(self, row: int, first: int, last: int, text: str) -> None:
        if last > first:
            self.ws.merge_range(row, first, row, last, text, self.bold)
        else:
            self.ws.write_string(row, first, text, self.bold)

    def rows(self, rows: list[list[Cell]]) -> None:
        for cells in rows:
            for c, value in enumerate(cells):
                fmt = self.formats[c] if c < len(self.formats) else None
                if isinstance(value, str):
                    self.ws.write_string(self.row, c, value, fmt)
                elif isinstance(value, date):
                    self.ws.write_datetime(self.row, c, value, fmt)
                elif value is not None:
                    self.ws.write_number(self.row, c, value, fmt)
            self.row += 1

    def close(self, notes: bool) -> None:
        if notes:
            self.book.add_worksheet(_NOTES_SHEET).write_column(0, 0, _NOTES)
        self.book.close()


def _cells(frame: pl.DataFrame, source: str, stem: str, encoding: str | None) -> list[list]:
    """Rows of cells, the running number first: money in yuan, typed cells in workbooks."""
    typed = render(frame, source, FileStyle("xlsx"))
    if "background_check" in typed.columns:
        typed = typed.with_columns(background_text(chinese=True).alias("background_check"))
    spell = [speller(SOURCES[source].column(c), stem, encoding) for c in typed.columns]
    return [
        [str(r + 1) if encoding else r + 1, *(s(v, r) for s, v in zip(spell, row, strict=True))]
        for r, row in enumerate(typed.iter_rows())
    ]


def _write_csv(path: Path, encoding: str, rows: list[list[Cell]]) -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))


def _title(source: str, stem: str) -> str:
    if month := _MONTH.search(stem):
        return f"{month[1]}年{int(month[2])}月{_TITLES[source]}"
    if year := _YEAR.search(stem):
        return f"{year[1]}年度{_TITLES[source]}"
    return _TITLES[source]


def _total(frame: pl.DataFrame, source: str, width: int) -> list[Cell]:
    """合计 under the data: how many rows, and the sum of every money column."""
    count = f"共{frame.height}{'人' if source in _BY_COUNTY else '条'}"
    row: list[Cell] = ["合计", count, *[None] * (width - 2)]
    for i, name in enumerate(frame.columns, start=1):
        if SOURCES[source].column(name).type == "money":
            row[i] = round(float(frame[name].sum()) / 100, 2)
    return row


def _footer(stem: str, width: int) -> list[Cell]:
    """填表人 / 审核人 / 联系电话 spread along one line, as on the printed form."""
    row: list[Cell] = [None] * max(width, 3)
    filler = pick(_PEOPLE, stem, "filler")
    checker = pick([p for p in _PEOPLE if p != filler], stem, "checker")
    row[0] = f"填表人：{filler}"
    row[len(row) // 3] = f"审核人：{checker}"
    row[2 * len(row) // 3] = f"联系电话：0871-63{pick(range(100_000, 1_000_000), stem):06d}"
    return row
