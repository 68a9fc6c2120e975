"""Write the bad-input corpus and its manifest `cases.json` (GitHub issue 3, item 1).

Run `uv run python tests/data/bad_inputs/make_corpus.py` to rebuild. The outputs are
committed as produced (XLSX, Parquet and GB18030 bytes included) so the corpus is fixed;
this script only documents how each file was made and what each should do.

Every data row is built from a *canonical* row (the values `raw.<source>` must hold, as
DuckDB renders them to text) and then written in the file's presentation (Chinese labels,
other date spellings, ...). A row with expected issues must land in quarantine with exactly
those (column, rule) pairs; every other row must load with exactly its canonical values.

Row numbers are the sheet rows a clerk sees (docs/office-files.md): 1-based, title and
header rows counted; a CSV's record number from its first line; a Parquet file's record
number (no cells there, so no `cell` reference). The generator knows where it wrote each
row, so every expected number, cell reference and held row's cells comes from the file as
written. Legacy .xls files are converted by LibreOffice (`soffice`), whose output varies
from run to run: conversions are cached in `_converted/` (committed) and reused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # run as a script from anywhere
from dagster_project.contract import PAY_PARTS, SOURCES, Column
from dagster_project.identity import check_char, make_id_number, person_key

HERE = Path(__file__).resolve().parent
SECRET = b"test-secret"  # the tests' HMAC secret; expected person_keys are computed with it
TODAY = "2026-11-27"
FIXED_TIME = datetime(2026, 11, 1, 9, 0, 0)  # xlsx document properties: keep bytes stable
DATE_FORMAT = {"num_format": "yyyy-mm-dd"}

Issue = tuple[str, str]  # (column_name, rule)


# ---------------------------------------------------------------------------- people
@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    born: date
    gender: str


def _person(seq: int, born: date, male: bool, name: str) -> Person:
    return Person(make_id_number("530102", born, seq, male), name, born, "M" if male else "F")


PEOPLE = [
    _person(1, date(1990, 1, 1), True, "张伟"),
    _person(2, date(1992, 5, 17), False, "李娜"),
    _person(3, date(1988, 11, 30), True, "王强"),
    _person(4, date(1995, 7, 8), False, "刘芳"),
    _person(5, date(1993, 3, 3), True, "陈杰"),
]
NOBODY = _person(9, date(1991, 9, 9), True, "赵某")  # on no roster
STATION = "530102010000"
COUNTY = "530102000000"


def bad_checksum(id_number: str) -> str:
    last = "0" if id_number[-1] != "0" else "1"
    return id_number[:17] + last


# ------------------------------------------------------------------ canonical rows
def roster_row(p: Person, month: str = "2026-10", **over: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "snapshot_month": f"{month}-01",
        "id_number": p.id_number,
        "name": p.name,
        "gender": p.gender,
        "birth_date": p.born.isoformat(),
        "nationality": "中国",
        "education": "bachelor",
        "category": "duty",
        "post": "patrol",
        "level": "3",
        "unit_code": STATION,
        "hire_date": "2020-03-01",
        "contract_start": "2020-03-01",
        "contract_end": "2028-02-29",
        "status": "active",
        "status_since": "2020-03-01",
        "separation_reason": None,
        "priority_group": "none",
        "background_check": "pass",
        "background_reason": None,
        "relaxed_by_notice": "false",
    }
    row.update(over)
    return row


def payroll_row(p: Person, month: str = "2026-10", **over: str | None) -> dict[str, str | None]:
    parts = {
        "base_pay": "3000.00",
        "level_pay": "500.00",
        "post_allowance": "300.00",
        "hazard_allowance": "200.00",
        "performance_pay": "800.00",
        "overtime_pay": "150.50",
        "other_pay": "0.00",
    }
    parts.update({k: v for k, v in over.items() if k in PAY_PARTS and v is not None})
    gross = f"{sum(float(v) for v in parts.values()):.2f}"
    row: dict[str, str | None] = {
        "pay_month": f"{month}-01",
        "name": p.name,  # not a payroll column: pii.persons keeps the roster's name
        "id_number": p.id_number,
        **parts,
        "overtime_hours": "6.50",
        "comp_time_hours": "0.00",
        "gross_pay": gross,
        "contribution_base": "4200.00",
        "pension_er": "672.00",
        "pension_ee": "336.00",
        "medical_er": "336.00",
        "medical_ee": "84.00",
        "maternity_er": None,
        "unemployment_er": "29.40",
        "unemployment_ee": "12.60",
        "injury_er": "16.80",
    }
    row.update(over)
    return row


def incident_row(n: int, **over: str | None) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "incident_id": f"J20261000{n:02d}",
        "unit_code": STATION,
        "reported_at": f"2026-10-{n:02d} 14:30:00",
        "incident_type": "dispute",
        "enforcement": "true",
        "handling_minutes": "45",
    }
    row.update(over)
    return row


def staff_row(
    incident: int, staff: Person | str, task: str = "patrol", **over: str | None
) -> dict[str, str | None]:
    aux = isinstance(staff, Person)
    row: dict[str, str | None] = {
        "incident_id": f"J20261000{incident:02d}",
        "staff_type": "auxiliary" if aux else "police",
        "staff_id": staff.id_number if isinstance(staff, Person) else staff,
        "task": task,
        "recorded": "true",
    }
    row.update(over)
    return row


ORG_ROWS: list[dict[str, str | None]] = [
    {
        "unit_code": "530000000000",
        "unit_name": "省公安厅",
        "parent_code": None,
        "tier": "province",
        "unit_kind": "organ",
        "admin_code": "530000",
        "agency": "police",
        "population": None,
    },
    {
        "unit_code": "530100000000",
        "unit_name": "市公安局",
        "parent_code": "530000000000",
        "tier": "prefecture",
        "unit_kind": "organ",
        "admin_code": "530100",
        "agency": "police",
        "population": None,
    },
    {
        "unit_code": COUNTY,
        "unit_name": "五华分局",
        "parent_code": "530100000000",
        "tier": "county",
        "unit_kind": "organ",
        "admin_code": "530102",
        "agency": "police",
        "population": "900000",
    },
    {
        "unit_code": STATION,
        "unit_name": "华山派出所",
        "parent_code": COUNTY,
        "tier": "station",
        "unit_kind": "grassroots",
        "admin_code": "530102",
        "agency": "police",
        "population": None,
    },
]


# ---------------------------------------------------------------------- rendering
@dataclass
class Row:
    canonical: dict[str, str | None]
    cells: dict[str, str | None] = field(default_factory=dict)  # file text overriding render
    issues: list[Issue] = field(default_factory=list)  # empty: the row must load
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns' cells


def good(canonical: dict[str, str | None], **cells: str | None) -> Row:
    return Row(canonical, dict(cells))


def bad(canonical: dict[str, str | None], issues: list[Issue], **cells: str | None) -> Row:
    return Row(canonical, dict(cells), issues)


def _date_text(value: str, style: str) -> str:
    y, m, d = value.split("-")
    return {
        "iso": value,
        "slash": f"{y}/{m}/{d}",
        "zh": f"{y}年{m}月{d}日",
        "short": f"{y}/{int(m)}/{int(d)}",
    }[style]


def render_cell(column: Column, value: str | None, labels: bool, dates: str) -> str:
    if value is None:
        return ""
    if column.type == "month":
        return value[:7]
    if column.type == "date":
        return _date_text(value, dates)
    if labels and column.enum:
        return column.enum[value]
    if labels and column.type == "bool":
        return "是" if value == "true" else "否"
    return value


@dataclass
class Table:
    source: str
    rows: list[Row]
    zh_headers: bool = False
    labels: bool = False
    dates: str = "iso"
    drop: tuple[str, ...] = ()  # contract columns left out of the file
    header_override: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[Column]:
        return [c for c in SOURCES[self.source].columns if c.name not in self.drop]

    def header(self) -> list[str]:
        names = [
            self.header_override.get(c.name, c.zh if self.zh_headers else c.name)
            for c in self.columns
        ]
        extra = [k for r in self.rows for k in r.extra]
        return names + list(dict.fromkeys(extra))

    def body(self) -> list[list[str]]:
        extra = self.header()[len(self.columns) :]
        out = []
        for r in self.rows:
            cells = []
            for c in self.columns:
                if c.name in r.cells:
                    cells.append(r.cells[c.name] or "")
                elif c.name == "background_check":
                    cells.append(_background_text(r.canonical, self.labels))
                else:
                    cells.append(render_cell(c, r.canonical.get(c.name), self.labels, self.dates))
            out.append(cells + [r.extra.get(k, "") for k in extra])
        return out


def _background_text(row: dict[str, str | None], labels: bool) -> str:
    verdict, reason = row["background_check"] or "", row.get("background_reason")
    text = {"pass": "通过", "fail": "不通过"}[verdict] if labels else verdict
    return f"{text}:{reason}" if reason else text


def csv_text(table: Table, delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", delimiter=delimiter)
    writer.writerow(table.header())
    writer.writerows(table.body())
    return buf.getvalue()


def write_xlsx(
    path: Path,
    table: Table,
    title: str | None = None,
    cell_writer: Callable[[Any, Any, int, int, str, str], None] | None = None,
    second_sheet: bool = False,
) -> None:
    """`cell_writer(wb, ws, r, c, column, text)` may write typed cells (dates, formulas)."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED_TIME})
    ws = wb.add_worksheet("数据")
    header = table.header()
    top = 0
    if title:
        ws.merge_range(0, 0, 0, len(header) - 1, title)
        top = 1
    ws.write_row(top, 0, header)
    names = [c.name for c in table.columns] + header[len(table.columns) :]
    for i, cells in enumerate(table.body()):
        for j, text in enumerate(cells):
            if cell_writer is not None:
                cell_writer(wb, ws, top + 1 + i, j, names[j], text)
            elif text != "":
                ws.write_string(top + 1 + i, j, text)
    if second_sheet:
        other = wb.add_worksheet("说明")
        other.write_row(0, 0, ["unit_code", "note"])
        other.write_row(1, 0, ["999999999999", "this sheet is not read"])
    wb.close()


# ------------------------------------------------------------------------ manifest
CASES: list[dict[str, Any]] = []


def _raw_values(source: str, canonical: dict[str, str | None]) -> dict[str, str | None]:
    """What `raw.<source>` must hold for a good row (DuckDB values cast to VARCHAR)."""
    out = {k: v for k, v in canonical.items() if k not in ("id_number", "name")}
    if canonical.get("id_number"):
        out["person_key"] = person_key(SECRET, canonical["id_number"])
    if source == "incident_staff":
        sid = out.pop("staff_id") or ""
        out["staff_key"] = person_key(SECRET, sid) if out["staff_type"] == "auxiliary" else sid
    return out


def _pii(canonical: dict[str, str | None]) -> dict[str, str | None] | None:
    if canonical.get("id_number"):
        return {"id_number": canonical["id_number"], "name": canonical.get("name")}
    return None


MASKED = ("id_number", "name", "staff_id")  # masked to first char + *** in quarantine


def _cell_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def held_cells(cells: list[str], masked: set[int]) -> dict[str, str]:
    """`raw._quarantine_rows.cells` of a held row as written: column letter -> text as read
    (NFKC, trimmed; empty cells left out), ID numbers and names masked."""
    out = {}
    for j, text in enumerate(cells):
        value = _cell_text(text or "")
        if value:
            out[xl_col_to_name(j)] = value[0] + "***" if j in masked else value
    return out


def _letters(table: Table | None) -> tuple[dict[str, str], set[int]]:
    """Contract column (as raw names it) -> column letter in the file; masked positions."""
    if table is None:
        return {}, set()
    out: dict[str, str] = {}
    for j, c in enumerate(table.columns):
        out[c.name] = xl_col_to_name(j)
    if "id_number" in out:
        out["person_key"] = out["id_number"]
    if "staff_id" in out:
        out["staff_key"] = out["staff_id"]
    masked = {j for j, c in enumerate(table.columns) if c.name in MASKED}
    return out, masked


def step(
    table: Table | None,
    file: str,
    *,
    name: str | None = None,
    status: str = "loaded",
    rows: list[Row] | None = None,
    message: tuple[str, str] | None = None,
    partition: str | None = None,
    first_row: int = 2,
    numbers: list[int] | None = None,
    written: list[list[str]] | None = None,
    sheet: str | None = None,
    header_rows: str | None = "1",
    rows_layout: int = 0,
    admin_code: str | None = None,
    cells_exact: bool = True,
    cell_refs: bool = True,
    table_counts: dict[str, int] | None = None,
    logged: bool = False,
    recheck: str | None = None,
    log_rows: int = 1,
    extra_values: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """Expected outcome of loading `file` (relative to this folder) as `name`.

    Row numbers are the sheet rows a clerk sees: `numbers` (one per row of `rows`), or
    consecutive from `first_row` (2 for one header line on line 1). `written` are the
    cells of each row as written in the file (default: the table's rendering).
    """
    source = file.split("/")[0]
    rows = rows if rows is not None else (table.rows if table else [])
    numbers = numbers if numbers is not None else [first_row + i for i in range(len(rows))]
    assert len(numbers) == len(rows)
    if written is None and table is not None and rows is table.rows:
        written = table.body()
    letters, masked = _letters(table)
    loaded = [(n, r) for n, r in zip(numbers, rows, strict=True) if not r.issues]
    quarantined = [
        (n, r, (written or [[]] * len(rows))[i])
        for i, (n, r) in enumerate(zip(numbers, rows, strict=True))
        if r.issues
    ]
    expect: dict[str, Any] = {"status": status}
    if status == "loaded":
        expect |= {
            "rows_read": len(rows),
            "rows_loaded": len(loaded),
            "rows_quarantined": len(quarantined),
            "rows_layout": rows_layout,
            "partition": partition,
            "sheet": sheet,
            "header_rows": header_rows,
            "admin_code": admin_code,
            "quarantine": sorted(
                [n, col, rule, f"{letters[col]}{n}" if cell_refs and col in letters else None]
                for n, r, _ in quarantined
                for col, rule in r.issues
            ),
            "quarantine_rows": [
                {"row_number": n, "cells": held_cells(cells, masked) if cells_exact else None}
                for n, _, cells in sorted(quarantined, key=lambda q: q[0])
            ],
            "loaded": [
                {
                    "_row": n,
                    "values": _raw_values(source, r.canonical) | (extra_values or {}),
                    "pii": _pii(r.canonical),
                }
                # An empty cell of an unknown column is kept as JSON null.
                | ({"extra": {k: v or None for k, v in r.extra.items()}} if r.extra else {})
                for n, r in loaded
            ],
        }
        if log_rows != 1:
            expect["log_rows"] = log_rows
    if status == "skipped":
        expect["logged"] = logged
    if message:
        expect |= {"message_zh": message[0], "message_en": message[1]}
    if table_counts:
        expect["table_counts"] = table_counts
    out: dict[str, Any] = {
        "source": source,
        "file": file,
        "name": name or f"{source}/{Path(file).name}",
        "expect": expect,
    }
    if recheck:
        out = {"recheck": recheck, **out}
    return out


def case(case_id: str, description: str, steps: list[dict[str, Any]], setup: list[str]) -> None:
    CASES.append({"id": case_id, "description": description, "setup": setup, "steps": steps})


def put(file: str, data: bytes | str, encoding: str = "utf-8") -> None:
    path = HERE / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def simple(
    case_id: str,
    description: str,
    file: str,
    table: Table,
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    setup: tuple[str, ...] = (),
    partition: str | None = None,
    delimiter: str = ",",
    **kw: Any,
) -> None:
    """A CSV case whose rows are exactly `table.rows`."""
    text = csv_text(table, delimiter)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    put(file, data)
    case(case_id, description, [step(table, file, partition=partition, **kw)], list(setup))


def rejected(
    case_id: str, description: str, file: str, data: bytes | str, zh: str, en: str
) -> None:
    put(file, data)
    case(case_id, description, [step(None, file, status="rejected", message=(zh, en))], [])


# ---------------------------------------------------------------------------- cases
def base_files() -> None:
    """Prerequisites loaded before a case: org_units always, roster/incidents on request."""
    put("_base/org_units.csv", csv_text(Table("org_units", [good(r) for r in ORG_ROWS])))
    put(
        "_base/roster_2026-10.csv",
        csv_text(Table("roster", [good(roster_row(p)) for p in PEOPLE[:3]])),
    )
    put(
        "_base/incidents_2026-10.csv",
        csv_text(Table("incidents", [good(incident_row(n)) for n in (1, 2, 3)])),
    )


P0, P1, P2, P3, P4 = PEOPLE
ENC_ZH = ("无法识别文件编码", "Unknown text encoding")


def encoding_cases() -> None:
    three = [good(roster_row(p)) for p in (P0, P1, P2)]
    simple(
        "csv_utf8_control",
        "Plain UTF-8, English headers: all rows load.",
        "roster/roster_2026-10_control.csv",
        Table("roster", three),
        partition="2026-10",
    )
    simple(
        "csv_utf8_bom",
        "UTF-8 with BOM: the BOM must not spoil the first header.",
        "roster/roster_2026-10_bom.csv",
        Table("roster", three),
        bom=True,
        partition="2026-10",
    )
    simple(
        "csv_utf8_bom_chinese",
        "UTF-8 BOM, Chinese headers and Chinese enum labels.",
        "roster/roster_2026-10_bom_zh.csv",
        Table("roster", three, zh_headers=True, labels=True),
        bom=True,
        partition="2026-10",
    )
    simple(
        "csv_gb18030_chinese",
        "GB18030 (WPS/Excel 'CSV') with Chinese headers and labels.",
        "roster/roster_2026-10_gb18030.csv",
        Table("roster", three, zh_headers=True, labels=True),
        encoding="gb18030",
        partition="2026-10",
    )
    simple(
        "csv_gbk_after_ascii_header",
        "Starts like UTF-8 (ASCII English header) but the data is GBK: decoded as GB18030.",
        "roster/roster_2026-10_gbk_body.csv",
        Table("roster", three, labels=True),
        encoding="gbk",
        partition="2026-10",
    )
    # A UTF-8 BOM declares UTF-8, but the bytes after it are GBK.
    body = csv_text(Table("roster", three, labels=True)).encode("gbk")
    rejected(
        "csv_bom_then_gbk",
        "UTF-8 BOM followed by GBK bytes: wrong encoding declared, reject with a message.",
        "roster/roster_2026-10_bom_gbk.csv",
        b"\xef\xbb\xbf" + body,
        *ENC_ZH,
    )
    latin = [good(roster_row(P0, name="André Müller", nationality="Français"))]
    rejected(
        "csv_latin1",
        "Latin-1 bytes neither UTF-8 nor GB18030 decode.",
        "roster/roster_2026-10_latin1.csv",
        csv_text(Table("roster", latin)).encode("latin-1"),
        *ENC_ZH,
    )
    rejected(
        "csv_utf16",
        "UTF-16 (Excel 'Unicode text') is not accepted.",
        "roster/roster_2026-10_utf16.csv",
        csv_text(Table("roster", three)).encode("utf-16"),
        *ENC_ZH,
    )
    rejected(
        "csv_empty",
        "Zero bytes.",
        "roster/roster_2026-10_empty.csv",
        b"",
        "文件为空",
        "The file is empty",
    )
    rejected(
        "csv_blank",
        "Only blank lines: no header.",
        "roster/roster_2026-10_blank.csv",
        "\r\n\r\n  \r\n",
        "没有表头",
        "no header, no rows",
    )
    simple(
        "csv_header_only",
        "Header row and no data: nothing to load, nothing rejected.",
        "roster/roster_2026-10_header_only.csv",
        Table("roster", []),
        partition="2026-10",
    )


def structure_cases() -> None:
    t = Table("roster", [good(roster_row(p)) for p in (P0, P1)])
    # Truncated last line: the export stopped in the middle of unit_code.
    text = csv_text(t)
    cut = csv_text(Table("roster", [good(roster_row(P2))])).splitlines()[1]
    cut = cut[: cut.index(STATION) + 6]
    put("roster/roster_2026-10_truncated.csv", text + cut)
    truncated = bad(
        roster_row(P2),
        [
            ("unit_code", "bad_code12"),
            ("hire_date", "required_missing"),
            ("status", "required_missing"),
            ("background_check", "required_missing"),
        ],
    )
    case(
        "csv_truncated_last_line",
        "Last line cut inside unit_code: that row is quarantined, the others load.",
        [
            step(
                t,
                "roster/roster_2026-10_truncated.csv",
                rows=[*t.rows, truncated],
                written=[*t.body(), next(csv.reader([cut]))],
                partition="2026-10",
            )
        ],
        [],
    )
    quoted = text + f'2026-10,{P2.id_number},"王强 (note,\n'
    rejected(
        "csv_truncated_in_quotes",
        "Cut inside a quoted field: the CSV cannot be parsed.",
        "roster/roster_2026-10_open_quote.csv",
        quoted,
        "CSV 格式无法解析",
        "The CSV cannot be parsed",
    )
    missing = Table("roster", t.rows, drop=("hire_date",))
    rejected(
        "missing_required_column",
        "No hire_date column: the whole file is rejected.",
        "roster/roster_2026-10_no_hire_date.csv",
        csv_text(missing),
        "缺少必需列：入职日期（hire_date）",
        "Missing required column(s): hire_date",
    )
    optional = Table(
        "roster",
        [good(roster_row(p)) for p in (P0, P1)],
        drop=("nationality", "separation_reason", "priority_group", "relaxed_by_notice"),
    )
    simple(
        "optional_columns_absent",
        "Optional columns absent: contract defaults fill them.",
        "roster/roster_2026-10_optional_absent.csv",
        optional,
        partition="2026-10",
    )
    extra_rows = [good(roster_row(P0)), good(roster_row(P1))]
    extra_rows[0].extra = {"备注": "借调", "phone": "13800000000"}
    extra_rows[1].extra = {"备注": "", "phone": "13900000000"}
    simple(
        "extra_columns",
        "Unknown columns load into _extra (JSON), values untouched.",
        "roster/roster_2026-10_extra.csv",
        Table("roster", extra_rows),
        partition="2026-10",
    )
    # Excel 'Save as CSV' of a sheet whose merged title spans the columns: commas follow.
    titled = Table("roster", [good(roster_row(p)) for p in (P0, P1)], zh_headers=True)
    width = len(titled.header())
    put(
        "roster/roster_2026-10_title_row.csv",
        "2026年10月辅警花名册" + "," * (width - 1) + "\n" + csv_text(titled),
    )
    case(
        "csv_title_row",
        "A title row above the header (as Excel exports merged cells).",
        [
            step(
                titled,
                "roster/roster_2026-10_title_row.csv",
                partition="2026-10",
                first_row=3,
                header_rows="2",
            )
        ],
        [],
    )
    put("roster/roster_2026-10_title_line.csv", "2026年10月辅警花名册\n" + csv_text(titled))
    case(
        "csv_title_line_no_commas",
        "A one-cell title line (no trailing commas) above the header: the header is still "
        "found and all rows load.",
        [
            step(
                titled,
                "roster/roster_2026-10_title_line.csv",
                partition="2026-10",
                first_row=3,
                header_rows="2",
            )
        ],
        [],
    )
    dup = Table("roster", t.rows, header_override={})
    text = csv_text(dup).splitlines()
    header = text[0] + ",机构代码"
    body = [line + "," + STATION for line in text[1:]]
    rejected(
        "duplicate_en_zh_header",
        "unit_code and 机构代码 both present: ambiguous, rejected.",
        "roster/roster_2026-10_dup_header.csv",
        "\n".join([header, *body]) + "\n",
        "中英文表头重复",
        "English and Chinese header both present",
    )
    same = "\n".join([text[0] + ",unit_code", *(line + ",530102999999" for line in text[1:])])
    rejected(
        "duplicate_same_header",
        "unit_code twice with different values: as ambiguous as English + Chinese.",
        "roster/roster_2026-10_same_header.csv",
        same + "\n",
        "unit_code",
        "unit_code",
    )
    rejected(
        "xls_damaged",
        "issue 11: .xls is read now; an OLE header with nothing behind it cannot be read.",
        "roster/roster_2026-10_damaged.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "Excel 文件无法读取",
        "The Excel file cannot be read",
    )
    simple(
        "txt_comma_delimited",
        "issue 11: a .txt export that is comma-separated loads like a CSV.",
        "roster/roster_2026-10.txt",
        t,
        partition="2026-10",
    )


def roster_rule_cases() -> None:
    def roster_case(case_id: str, description: str, rows: list[Row], file: str, **kw: Any) -> None:
        simple(
            case_id, description, f"roster/{file}", Table("roster", rows, **kw), partition="2026-10"
        )

    roster_case(
        "id_bad_checksum",
        "Check character wrong: id_checksum, value masked.",
        [
            good(roster_row(P0)),
            bad(
                roster_row(P1), [("id_number", "id_checksum")], id_number=bad_checksum(P1.id_number)
            ),
            good(roster_row(P2)),
        ],
        "roster_2026-10_checksum.csv",
    )
    roster_case(
        "id_malformed",
        "17 characters, and letters inside: id_format.",
        [
            bad(roster_row(P0), [("id_number", "id_format")], id_number=P0.id_number[:17]),
            bad(roster_row(P1), [("id_number", "id_format")], id_number="53010219920517A02X"),
            good(roster_row(P2)),
        ],
        "roster_2026-10_id_format.csv",
    )
    impossible = "53010219921331002"  # month 13; the sequence digit says F, as P1 is
    impossible += check_char(impossible)
    roster_case(
        "id_impossible_birth",
        "Valid checksum, impossible birth date (month 13).",
        [
            good(roster_row(P0)),
            bad(roster_row(P1), [("id_number", "id_birth_date")], id_number=impossible),
        ],
        "roster_2026-10_id_birth.csv",
    )
    roster_case(
        "birth_date_mismatch",
        "birth_date disagrees with the ID number.",
        [
            bad(roster_row(P0), [("birth_date", "id_birth_mismatch")], birth_date="1990-01-02"),
            good(roster_row(P1)),
        ],
        "roster_2026-10_birth.csv",
    )
    roster_case(
        "gender_mismatch",
        "Gender (Chinese label) disagrees with the ID number.",
        [
            good(roster_row(P0)),
            bad(roster_row(P1), [("gender", "id_gender_mismatch")], gender="男"),
            bad(roster_row(P2), [("gender", "id_gender_mismatch")], gender="F"),
        ],
        "roster_2026-10_gender.csv",
    )
    roster_case(
        "duplicate_key",
        "The same person twice in one month: the first loads.",
        [
            good(roster_row(P0)),
            good(roster_row(P1)),
            bad(roster_row(P0, level="4"), [("person_key", "duplicate_key")]),
        ],
        "roster_2026-10_duplicate.csv",
    )
    roster_case(
        "unknown_unit",
        "unit_code not in org_units; a 12-digit code, just unknown.",
        [
            good(roster_row(P0)),
            bad(roster_row(P1, unit_code="530199000000"), [("unit_code", "unknown_unit")]),
        ],
        "roster_2026-10_unknown_unit.csv",
    )
    roster_case(
        "future_dates",
        "Dates after the load day (2026-11-27).",
        [
            good(roster_row(P0)),
            bad(roster_row(P1, hire_date="2026-12-01"), [("hire_date", "future_date")]),
            bad(roster_row(P2, status_since="2027-01-01"), [("status_since", "future_date")]),
            good(roster_row(P3, hire_date="2026-11-27", status_since="2026-11-27")),
        ],
        "roster_2026-10_future.csv",
    )
    roster_case(
        "month_outside_partition",
        "File named 2026-10 holds a 2026-09 row.",
        [
            good(roster_row(P0)),
            bad(roster_row(P1, month="2026-09"), [("snapshot_month", "month_outside_partition")]),
        ],
        "roster_2026-10_partition.csv",
    )
    simple(
        "month_compact_name",
        "Month in the name as 202610 (with a unit code before it).",
        "roster/roster_530102_202610.csv",
        Table(
            "roster",
            [
                good(roster_row(P0)),
                bad(
                    roster_row(P1, month="2026-11"), [("snapshot_month", "month_outside_partition")]
                ),
            ],
        ),
        partition="2026-10",
        admin_code="530102",
    )
    for style in ("zh", "slash", "short"):
        simple(
            f"dates_{style}",
            f"Dates written {_date_text('2026-01-05', style)}-style.",
            f"roster/roster_2026-10_dates_{style}.csv",
            Table("roster", [good(roster_row(p)) for p in (P0, P1, P2)], dates=style),
            partition="2026-10",
        )
    simple(
        "dates_month_spellings",
        "Months as 2026/10, 2026年10月, 202610; dates with dots.",
        "roster/roster_2026-10_month_spellings.csv",
        Table(
            "roster",
            [
                good(roster_row(P0), snapshot_month="2026/10", hire_date="2020.03.01"),
                good(roster_row(P1), snapshot_month="2026年10月"),
                good(roster_row(P2), snapshot_month="202610"),
            ],
        ),
        partition="2026-10",
    )
    simple(
        "bad_dates",
        "Impossible or foreign-order dates: bad_date.",
        "roster/roster_2026-10_bad_dates.csv",
        Table(
            "roster",
            [
                bad(roster_row(P0), [("hire_date", "bad_date")], hire_date="2021-02-30"),
                bad(roster_row(P1), [("contract_end", "bad_date")], contract_end="12/31/2028"),
                good(roster_row(P2)),
            ],
        ),
        partition="2026-10",
    )
    roster_case(
        "chinese_labels",
        "English headers, Chinese labels and 是/否.",
        [
            good(
                roster_row(
                    P0,
                    education="secondary_vocational",
                    category="civilian",
                    post="window_service",
                    priority_group="veteran",
                    relaxed_by_notice="true",
                )
            ),
            good(
                roster_row(
                    P1,
                    status="separated",
                    status_since="2026-10-15",
                    separation_reason="辞职",
                    post="border",
                )
            ),
        ],
        "roster_2026-10_labels.csv",
        labels=True,
    )
    roster_case(
        "bad_enum",
        "Values in no code list (English or Chinese).",
        [
            # 博士 is a synonym of postgraduate since issue 11: 小学 is in no list
            bad(roster_row(P0), [("education", "bad_enum")], education="小学"),
            bad(roster_row(P1), [("post", "bad_enum")], post="保安"),
            bad(roster_row(P2), [("relaxed_by_notice", "bad_bool")], relaxed_by_notice="maybe"),
            # Optional columns with a default: a bad value must not become the default.
            bad(roster_row(P4), [("priority_group", "bad_enum")], priority_group="烈士"),
            good(roster_row(P3)),
        ],
        "roster_2026-10_bad_enum.csv",
    )
    roster_case(
        "level_out_of_range",
        "level must be an integer 1..8.",
        [
            bad(roster_row(P0), [("level", "above_maximum")], level="9"),
            bad(roster_row(P1), [("level", "below_minimum")], level="0"),
            # 三 is a Chinese numeral since issue 11 (3): 待定 is no number
            bad(roster_row(P2), [("level", "bad_int")], level="待定"),
            good(roster_row(P3, level="8")),
            good(roster_row(P4, level="1")),
        ],
        "roster_2026-10_level.csv",
    )
    roster_case(
        "background_check",
        "Verdict with reason code; an unknown verdict is bad.",
        [
            good(roster_row(P0, background_check="fail", background_reason="C03")),
            good(
                roster_row(P1, background_check="fail", background_reason="C07"),
                background_check="fail(C07)",
            ),
            bad(roster_row(P2), [("background_check", "bad_enum")], background_check="待定"),
            good(roster_row(P3), background_check="通过"),
        ],
        "roster_2026-10_background.csv",
    )
    roster_case(
        "required_missing",
        "Empty name and unit_code; empty optional cells are fine.",
        [
            bad(roster_row(P0), [("name", "required_missing")], name=""),
            bad(roster_row(P1), [("unit_code", "required_missing")], unit_code=" "),
            good(roster_row(P2, contract_start=None, contract_end=None, status_since=None)),
        ],
        "roster_2026-10_required.csv",
    )


def payroll_cases() -> None:
    setup = ("roster",)

    def pay_case(
        case_id: str,
        description: str,
        rows: list[Row],
        file: str,
        partition: str | None = "2026-10",
        **kw: Any,
    ) -> None:
        simple(
            case_id,
            description,
            f"payroll/{file}",
            Table("payroll", rows, **kw),
            setup=setup,
            partition=partition,
        )

    pay_case(
        "payroll_control",
        "Three people on the roster, paid correctly.",
        [good(payroll_row(p)) for p in (P0, P1, P2)],
        "payroll_2026-10_control.csv",
    )
    pay_case(
        "negative_pay",
        "A negative pay part (gross still adds up).",
        [
            good(payroll_row(P0)),
            bad(payroll_row(P1, other_pay="-100.00"), [("other_pay", "negative_value")]),
        ],
        "payroll_2026-10_negative.csv",
    )
    pay_case(
        "gross_mismatch",
        "gross_pay off by 1.00 is quarantined; off by 0.01 loads.",
        [
            bad(payroll_row(P0), [("gross_pay", "gross_mismatch")], gross_pay="4951.50"),
            good(payroll_row(P1, gross_pay="4950.51")),
            good(payroll_row(P2)),
        ],
        "payroll_2026-10_gross.csv",
    )
    pay_case(
        "money_three_decimals",
        "3 decimals is not money; gross then cannot add up.",
        [
            bad(
                payroll_row(P0),
                [("base_pay", "bad_money"), ("gross_pay", "gross_mismatch")],
                base_pay="3000.005",
            ),
            bad(payroll_row(P1), [("pension_ee", "bad_money")], pension_ee="336.001"),
            good(payroll_row(P2)),
        ],
        "payroll_2026-10_decimals.csv",
    )
    pay_case(
        "money_separators",
        "Thousands separators, ￥, 元, full-width comma.",
        [
            good(payroll_row(P0), base_pay="3,000.00", gross_pay="4,950.50"),
            good(payroll_row(P1), level_pay="￥500.00", post_allowance="300元"),
            good(payroll_row(P2), contribution_base="4，200.00", overtime_hours=" 6.5 "),
        ],
        "payroll_2026-10_separators.csv",
    )
    pay_case(
        "payroll_not_on_roster",
        "Paid but on no roster of the month.",
        [
            good(payroll_row(P0)),
            bad(payroll_row(NOBODY), [("id_number", "not_on_roster")]),
        ],
        "payroll_2026-10_nobody.csv",
    )
    pay_case(
        "payroll_month_outside_partition",
        "A September row in the October file.",
        [
            good(payroll_row(P0)),
            bad(
                payroll_row(P1, month="2026-09"),
                [("id_number", "not_on_roster"), ("pay_month", "month_outside_partition")],
            ),
        ],
        "payroll_2026-10_partition.csv",
    )
    pay_case(
        "payroll_future_month",
        "A December 2026 pay month, file name without month.",
        [
            good(payroll_row(P0)),
            bad(
                payroll_row(P1, month="2026-12"),
                [("id_number", "not_on_roster"), ("pay_month", "future_date")],
            ),
        ],
        "payroll_late.csv",
        partition="2026-10",
    )
    pay_case(
        "payroll_duplicate",
        "Same person paid twice in the month.",
        [
            good(payroll_row(P0)),
            bad(payroll_row(P0, other_pay="50.00"), [("person_key", "duplicate_key")]),
        ],
        "payroll_2026-10_duplicate.csv",
    )
    pay_case(
        "payroll_empty_optional_cells",
        "Empty hours and contribution cells: hours default to 0, contributions stay NULL.",
        [
            good(
                payroll_row(
                    P0,
                    overtime_hours="0.00",
                    comp_time_hours="0.00",
                    pension_er=None,
                    pension_ee=None,
                    contribution_base=None,
                ),
                overtime_hours="",
                comp_time_hours=None,
            ),
        ],
        "payroll_2026-10_empty_cells.csv",
    )
    pay_case(
        "payroll_hours_columns_absent",
        "docs/raw-layer.md: absent overtime_hours/comp_time_hours columns are filled with 0.",
        [good(payroll_row(P0, overtime_hours="0.00", comp_time_hours="0.00"))],
        "payroll_2026-10_no_hours.csv",
        drop=("overtime_hours", "comp_time_hours"),
    )
    pay_case(
        "payroll_negative_hours",
        "Negative overtime hours.",
        [
            bad(payroll_row(P0), [("overtime_hours", "negative_value")], overtime_hours="-2"),
            # Optional with default 0: text that is no number must not become 0.
            bad(payroll_row(P2), [("comp_time_hours", "bad_number")], comp_time_hours="待定"),
            good(payroll_row(P1)),
        ],
        "payroll_2026-10_hours.csv",
    )
    simple(
        "payroll_gb18030",
        "GB18030 payroll with Chinese headers (其他, 应发工资, ...).",
        "payroll/payroll_2026-10_gb18030.csv",
        Table("payroll", [good(payroll_row(p)) for p in (P0, P1)], zh_headers=True),
        encoding="gb18030",
        setup=setup,
        partition="2026-10",
    )


def xlsx_cases() -> None:
    rows = [good(roster_row(p)) for p in (P0, P1, P2)]
    types = {c.name: c.type for c in (*SOURCES["roster"].columns, *SOURCES["payroll"].columns)}

    def typed_cells(wb: Any, ws: Any, r: int, c: int, column: str, text: str) -> None:
        # Dates as Excel date cells, numbers as numeric cells, like a clerk's workbook.
        if text == "":
            return
        if types.get(column) in ("date", "month"):
            day = text + "-01" if len(text) == 7 else text
            ws.write_datetime(r, c, datetime.fromisoformat(day), wb.add_format(DATE_FORMAT))
        elif types.get(column) in ("int", "code12"):
            ws.write_number(r, c, int(text))
        else:
            ws.write_string(r, c, text)

    t = Table("roster", rows, zh_headers=True, labels=True)
    write_xlsx(
        HERE / "roster/roster_2026-10_typed.xlsx",
        t,
        title="2026年10月辅警花名册",
        cell_writer=typed_cells,
        second_sheet=True,
    )
    case(
        "xlsx_typed_cells_title",
        "XLSX: merged title row, Chinese headers/labels, Excel date and number cells; "
        "only the first sheet is read.",
        [
            step(
                t,
                "roster/roster_2026-10_typed.xlsx",
                partition="2026-10",
                first_row=3,
                header_rows="2",
                sheet="数据",
            )
        ],
        [],
    )

    def id_as_number(wb: Any, ws: Any, r: int, c: int, column: str, text: str) -> None:
        if column == "id_number" and r == 1:
            ws.write_number(r, c, float(text))  # Excel keeps 15 digits: the ID is ruined
        else:
            typed_cells(wb, ws, r, c, column, text)

    t2 = Table(
        "roster",
        [
            # issue 11: a number cell in the ID column is its own rule; the ruined digits
            # are not judged further (no checksum, no gender from them)
            bad(roster_row(P0), [("id_number", "id_stored_as_number")]),
            good(roster_row(P1)),
        ],
    )
    write_xlsx(HERE / "roster/roster_2026-10_id_number_cell.xlsx", t2, cell_writer=id_as_number)
    case(
        "xlsx_id_as_number",
        "ID typed as a number cell loses digits: id_stored_as_number.",
        [
            step(
                t2,
                "roster/roster_2026-10_id_number_cell.xlsx",
                partition="2026-10",
                sheet="数据",
                cells_exact=False,
            )
        ],
        [],
    )

    pay = [good(payroll_row(p)) for p in (P0, P1)]
    pay.append(bad(payroll_row(P2), [("gross_pay", "gross_mismatch")]))
    ptab = Table("payroll", pay)
    pcols = [c.name for c in ptab.columns]

    def letter(name: str) -> str:
        return xl_col_to_name(pcols.index(name))

    def formulas(wb: Any, ws: Any, r: int, c: int, column: str, text: str) -> None:
        if column == "gross_pay":
            formula = f"=SUM({letter('base_pay')}{r + 1}:{letter('other_pay')}{r + 1})"
            if r == 3:
                ws.write_formula(r, c, formula)  # never calculated: cached value 0
            else:
                ws.write_formula(r, c, formula, None, float(text))
        elif column in PAY_PARTS:
            ws.write_number(r, c, float(text))
        else:
            typed_cells(wb, ws, r, c, column, text)

    write_xlsx(HERE / "payroll/payroll_2026-10_formulas.xlsx", ptab, cell_writer=formulas)
    case(
        "xlsx_formula_cells",
        "gross_pay as =SUM(...) formulas: the cached result is read; an uncalculated "
        "formula (cached 0) fails the gross check.",
        [
            step(
                ptab,
                "payroll/payroll_2026-10_formulas.xlsx",
                partition="2026-10",
                sheet="数据",
                cells_exact=False,
            )
        ],
        ["roster"],
    )

    good_xlsx = HERE / "roster/roster_2026-10_typed.xlsx"
    data = good_xlsx.read_bytes()
    rejected(
        "xlsx_truncated",
        "XLSX cut in half (broken zip).",
        "roster/roster_2026-10_truncated.xlsx",
        data[: len(data) // 2],
        "Excel 文件无法读取",
        "The Excel file cannot be read",
    )
    rejected(
        "xlsx_is_csv",
        "A CSV renamed to .xlsx.",
        "roster/roster_2026-10_renamed.xlsx",
        csv_text(Table("roster", rows)),
        "Excel 文件无法读取",
        "The Excel file cannot be read",
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("readme.txt", FIXED_TIME.timetuple()[:6]), "not a workbook")
    rejected(
        "xlsx_zip_not_workbook",
        "A zip without a workbook inside.",
        "roster/roster_2026-10_zip.xlsx",
        buf.getvalue(),
        "Excel 文件无法读取",
        "The Excel file cannot be read",
    )


def parquet_cases() -> None:
    rows = [good(incident_row(n)) for n in (1, 2, 3)]
    native = pl.DataFrame(
        {
            "incident_id": [r.canonical["incident_id"] for r in rows],
            "unit_code": [r.canonical["unit_code"] for r in rows],
            "reported_at": [datetime.fromisoformat(r.canonical["reported_at"] or "") for r in rows],
            "incident_type": [r.canonical["incident_type"] for r in rows],
            "enforcement": [True, True, True],
            "handling_minutes": pl.Series([45, 45, 45], dtype=pl.Int32),
        }
    )
    path = HERE / "incidents/incidents_2026-10_native.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    native.write_parquet(path)
    case(
        "parquet_native_types",
        "Parquet with native timestamp, boolean and int32 columns.",
        [
            step(
                Table("incidents", rows),
                "incidents/incidents_2026-10_native.parquet",
                partition="2026-10",
                first_row=1,
                header_rows=None,
                cell_refs=False,
            )
        ],
        [],
    )

    mixed = [
        good(incident_row(1, incident_type="traffic", enforcement="false")),
        bad(incident_row(2), [("handling_minutes", "below_minimum")], handling_minutes="0"),
        bad(incident_row(3), [("incident_type", "bad_enum")], incident_type="抢劫"),
        bad(incident_row(4, unit_code="530199000000"), [("unit_code", "unknown_unit")]),
        bad(incident_row(5), [("reported_at", "future_date")], reported_at="2026-11-28 08:00:00"),
        bad(incident_row(1), [("incident_id", "duplicate_key")]),
        good(incident_row(6, reported_at="2026-10-06 23:59:59")),
    ]
    t = Table("incidents", mixed, zh_headers=True, labels=True)
    frame = pl.DataFrame(
        [dict(zip(t.header(), cells, strict=True)) for cells in t.body()],
        schema=dict.fromkeys(t.header(), pl.String),
    )
    # The future row breaks the file-name month too, so name this file without a month.
    frame.write_parquet(HERE / "incidents/incidents_text_zh.parquet")
    case(
        "parquet_text_chinese",
        "Parquet of text cells with Chinese headers and bad rows.",
        [
            step(
                t,
                "incidents/incidents_text_zh.parquet",
                partition="2026-10",
                first_row=1,
                header_rows=None,
                cell_refs=False,
            )
        ],
        [],
    )

    data = path.read_bytes()
    rejected(
        "parquet_truncated",
        "Parquet file cut short (no footer).",
        "incidents/incidents_2026-10_truncated.parquet",
        data[: len(data) - 40],
        "Parquet 文件已损坏",
        "The Parquet file is damaged or incomplete",
    )
    rejected(
        "parquet_garbage",
        "Random bytes named .parquet.",
        "incidents/incidents_2026-10_garbage.parquet",
        b"PAR1" + b"\x00garbage" * 20,
        "Parquet 文件已损坏",
        "The Parquet file is damaged or incomplete",
    )
    simple(
        "incidents_month_outside_partition",
        "A September incident in the October CSV.",
        "incidents/incidents_2026-10_partition.csv",
        Table(
            "incidents",
            [
                good(incident_row(1)),
                bad(
                    incident_row(2, reported_at="2026-09-30 23:59:00"),
                    [("reported_at", "month_outside_partition")],
                ),
            ],
        ),
        partition="2026-10",
    )


def other_source_cases() -> None:
    simple(
        "incident_staff_rules",
        "Unknown incident, bad auxiliary ID, Chinese labels; police badge kept as is.",
        "incident_staff/incident_staff_2026-10.csv",
        Table(
            "incident_staff",
            [
                good(staff_row(1, P0)),
                good(staff_row(1, "PB-053012", task="investigation")),
                bad(staff_row(9, P1), [("incident_id", "unknown_incident")]),
                bad(
                    staff_row(2, P2),
                    [("staff_id", "id_checksum")],
                    staff_id=bad_checksum(P2.id_number),
                ),
                bad(staff_row(2, P3), [("task", "bad_enum")], task="开车"),
                good(staff_row(3, P4, recorded="false")),
            ],
            labels=True,
        ),
        setup=("incidents",),
        partition="2026-10",
    )
    simple(
        "incident_staff_other_month",
        "Staff file of 2026-09 naming incidents of 2026-10: a monthly file goes with its "
        "month's incidents, so the row is held back.",
        "incident_staff/incident_staff_2026-09.csv",
        Table(
            "incident_staff",
            [
                bad(staff_row(1, P0), [("incident_id", "unknown_incident")]),
                bad(staff_row(2, P4), [("incident_id", "unknown_incident")]),
            ],
        ),
        setup=("incidents",),
        partition="2026-09",
    )
    org = [good(r) for r in ORG_ROWS]
    org += [
        bad(dict(ORG_ROWS[3], unit_code="53010201001"), [("unit_code", "bad_code12")]),
        # 派出所 is a synonym of station since issue 11: 警务室 is in no list
        bad(dict(ORG_ROWS[3], unit_code="530102020000"), [("tier", "bad_enum")], tier="警务室"),
        bad(dict(ORG_ROWS[3], unit_code="530102040000"), [("agency", "bad_enum")], agency="公安局"),
        bad(
            dict(ORG_ROWS[2], unit_code="530103000000", population="-5"),
            [("population", "negative_value")],
        ),
        good(dict(ORG_ROWS[3], unit_code="530102030000", agency="court", admin_code=None)),
    ]
    simple(
        "org_units_rules",
        "Unit codes of 11 digits, bad tier label, negative population.",
        "org_units/org_units.csv",
        Table("org_units", org, labels=True),
    )
    quota = {
        "unit_code": COUNTY,
        "year": "2026",
        "category": "duty",
        "requested": "120",
        "approved": "100",
        "approved_on": "2026-03-15",
        "approved_by": "市公安局",
    }
    simple(
        "quotas_rules",
        "Year below 2000, future approval, unknown unit, negative quota.",
        "quotas/quotas_2026.csv",
        Table(
            "quotas",
            [
                good(quota),
                good(dict(quota, category="civilian", approved_on=None, approved_by=None)),
                bad(dict(quota, year="1999"), [("year", "below_minimum")]),
                bad(
                    dict(quota, year="2025"),
                    [("approved_on", "future_date")],
                    approved_on="2026-12-01",
                ),
                bad(dict(quota, unit_code="530199000000"), [("unit_code", "unknown_unit")]),
                bad(dict(quota, year="2024"), [("approved", "negative_value")], approved="-1"),
            ],
        ),
    )


def reload_cases() -> None:
    rows = [good(roster_row(p)) for p in (P0, P1)]
    rows.append(bad(roster_row(P2), [("level", "above_maximum")], level="12"))
    t = Table("roster", rows)
    put("roster/roster_2026-10_reload.csv", csv_text(t))
    first = step(t, "roster/roster_2026-10_reload.csv", partition="2026-10")
    again = step(None, "roster/roster_2026-10_reload.csv", status="skipped")
    case(
        "reload_same_bytes", "The same bytes twice: skipped, tables unchanged.", [first, again], []
    )
    copy = step(
        None,
        "roster/roster_2026-10_reload.csv",
        status="skipped",
        name="roster/roster_2026-10_copy.csv",
        logged=True,
    )
    case(
        "reload_same_bytes_other_name",
        "Identical bytes under another name: skipped, and logged once as skipped "
        "(docs/office-files.md); nothing else changes.",
        [first, copy],
        [],
    )

    v2_rows = [good(roster_row(P0, level="4")), good(roster_row(P2, level="5"))]
    v1 = "roster/corrected_v1/roster_2026-10.csv"
    v2 = "roster/corrected_v2/roster_2026-10.csv"
    put(v1, csv_text(t))
    put(v2, csv_text(Table("roster", v2_rows)))
    name = "roster/roster_2026-10.csv"
    case(
        "corrected_same_name",
        "A corrected file under the same name replaces everything its earlier version "
        "loaded (rows and quarantine).",
        [
            step(t, v1, name=name, partition="2026-10"),
            step(
                Table("roster", v2_rows),
                v2,
                name=name,
                partition="2026-10",
                table_counts={"raw.roster": 2, "raw._quarantine": 0, "raw._quarantine_rows": 0},
            ),
        ],
        [],
    )
    bad_v1 = "roster/rejected_v1/roster_2026-10.csv"
    put(bad_v1, csv_text(Table("roster", rows, drop=("status",))))
    case(
        "rejected_then_corrected",
        "A rejected file, then its correction under the same name.",
        [
            step(
                None,
                bad_v1,
                name=name,
                status="rejected",
                message=("缺少必需列：状态（status）", "Missing required column(s): status"),
            ),
            step(
                Table("roster", v2_rows),
                v2,
                name=name,
                partition="2026-10",
                table_counts={"raw.roster": 2},
            ),
        ],
        [],
    )
    other = "roster/roster_2026-10_resubmitted.csv"
    put(other, csv_text(Table("roster", [good(roster_row(P0, level="6"))])))
    case(
        "month_replaced_by_other_file",
        "docs/raw-layer.md: a second October file under another name replaces rows by key "
        "(P0 takes the new level); P1, absent from it, stays. Corrections reuse the name.",
        [
            step(t, "roster/roster_2026-10_reload.csv", partition="2026-10"),
            step(
                Table("roster", [good(roster_row(P0, level="6"))]),
                other,
                partition="2026-10",
                table_counts={"raw.roster": 2},
            ),
        ],
        [],
    )

    # Two bureaus withdraw their month by sending the file again with its header only: the
    # two emptied files are byte-identical, yet each is its own file's correction.
    empty = Table("roster", [])
    put("roster/emptied/roster_2026-10.csv", csv_text(empty))
    mine, theirs = "roster/roster_2026-10_530102.csv", "roster/roster_2026-10_530103.csv"
    put(mine, csv_text(Table("roster", [good(roster_row(P0))])))
    put(theirs, csv_text(Table("roster", [good(roster_row(P1))])))
    case(
        "emptied_like_another_bureau",
        "Two files emptied to their header (a withdrawal) are byte-identical: the second is "
        "still its own file's correction, not a duplicate of the first, and empties it too.",
        [
            step(
                Table("roster", [good(roster_row(P0))]),
                mine,
                partition="2026-10",
                admin_code="530102",
            ),
            step(
                Table("roster", [good(roster_row(P1))]),
                theirs,
                partition="2026-10",
                admin_code="530103",
            ),
            step(
                empty,
                "roster/emptied/roster_2026-10.csv",
                name=mine,
                partition="2026-10",
                admin_code="530102",
            ),
            step(
                empty,
                "roster/emptied/roster_2026-10.csv",
                name=theirs,
                partition="2026-10",
                admin_code="530103",
                table_counts={"raw.roster": 0},
            ),
        ],
        [],
    )
    case(
        "reverted_to_first_version",
        "A file corrected, then sent again as its first version: the first version's bytes "
        "were seen, but not as the file's current content, so they load again.",
        [
            step(t, v1, name=name, partition="2026-10"),
            step(Table("roster", v2_rows), v2, name=name, partition="2026-10"),
            step(
                t,
                v1,
                name=name,
                partition="2026-10",
                log_rows=2,
                table_counts={"raw.roster": 2, "raw._quarantine": 1},
            ),
        ],
        [],
    )


# ------------------------------------------------------------------ office files (issue 11)
CONVERTED = HERE / "_converted"  # LibreOffice output, keyed by the source xlsx: see xls_from
_CONVERTED_USED: set[str] = set()
PX = _person(12, date(1994, 6, 12), True, "孙磊")  # check character X
assert PX.id_number.endswith("X")
FULL_WIDTH = str.maketrans("0123456789-X", "０１２３４５６７８９－Ｘ")


def write_book(
    path: Path, sheets: list[tuple[str, list[list[str]], list[tuple[int, int, int, int]]]]
) -> None:
    """A workbook of string cells: (sheet name, rows of cells, merges (r1, c1, r2, c2) 0-based)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": FIXED_TIME})
    for sheet_name, lines, merges in sheets:
        ws = wb.add_worksheet(sheet_name)
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in merges:
            ws.merge_range(r1, c1, r2, c2, lines[r1][c1])
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for i, cells in enumerate(lines):
            for j, text in enumerate(cells):
                if (i, j) not in covered and text != "":
                    ws.write_string(i, j, text)
    wb.close()


def xls_from(book: Callable[[Path], None], target: str) -> None:
    """Write `target` as a legacy .xls: `book(path)` writes an xlsx, LibreOffice converts it.

    LibreOffice's bytes differ from run to run (timestamps inside the OLE file), so each
    conversion is kept in `_converted/<sha256 of the xlsx>.xls` and reused while the xlsx
    is the same: re-running this script leaves the committed .xls bytes unchanged.
    """
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "book.xlsx"
        book(src)
        key = hashlib.sha256(src.read_bytes()).hexdigest()[:20]
        cached = CONVERTED / f"{key}.xls"
        if not cached.exists():
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "xls",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            CONVERTED.mkdir(exist_ok=True)
            shutil.copyfile(Path(tmp) / "book.xls", cached)
    _CONVERTED_USED.add(cached.name)
    put(target, cached.read_bytes())


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def titled_lines(
    table: Table, *above: str
) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Title/unit lines (each one cell merged across the table) above header and body."""
    width = len(table.header())
    lines = [_pad([text], width) for text in above] + [table.header(), *table.body()]
    return lines, [(i, 0, i, width - 1) for i in range(len(above))]


UNSUPPORTED = (
    "不支持的文件格式 {s}：请报送 .csv、.txt、.xlsx、.xls、.et 或 .parquet 文件。",
    "Unsupported file format {s}: deliver .csv, .txt, .xlsx, .xls, .et or .parquet.",
)


def office_file_cases() -> None:
    legacy = Table(
        "roster",
        [
            good(roster_row(P0)),
            good(roster_row(P1)),
            bad(roster_row(P2), [("level", "above_maximum")], level="9"),
        ],
        zh_headers=True,
        labels=True,
    )
    lines, merges = titled_lines(legacy, "2026年10月辅警花名册")
    xls_from(lambda p: write_book(p, [("数据", lines, merges)]), "roster/roster_2026-10_legacy.xls")
    kw = {"partition": "2026-10", "first_row": 3, "header_rows": "2", "sheet": "数据"}
    case(
        "xls_legacy_roster",
        "A legacy .xls (Excel 97-2003, made by LibreOffice from an xlsx): merged title, "
        "Chinese headers and labels; the level 9 row is held at J5.",
        [step(legacy, "roster/roster_2026-10_legacy.xls", **kw)],
        [],
    )
    put("roster/roster_2026-10_wps.et", (HERE / "roster/roster_2026-10_legacy.xls").read_bytes())
    case(
        "et_wps_roster",
        "A WPS .et workbook (the .xls bytes under WPS's suffix) loads like the .xls.",
        [step(legacy, "roster/roster_2026-10_wps.et", **kw)],
        [],
    )
    simple(
        "txt_tab_delimited_gb18030",
        "A WPS 'text (tab-delimited)' export: .txt, tabs, GB18030, Chinese headers.",
        "roster/roster_2026-10_tab.txt",
        legacy,
        encoding="gb18030",
        delimiter="\t",
        partition="2026-10",
    )
    plain = Table("roster", [good(roster_row(P0)), good(roster_row(P1))])
    write_book(
        HERE / "roster/roster_2026-10.xlsm", [("花名册", [plain.header(), *plain.body()], [])]
    )
    case(
        "xlsm_roster",
        "A macro-enabled workbook (.xlsm) is read like an .xlsx.",
        [step(plain, "roster/roster_2026-10.xlsm", partition="2026-10", sheet="花名册")],
        [],
    )
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    pdf += b"trailer\n<<>>\n%%EOF\n"
    rejected(
        "unsupported_pdf",
        "A scanned/printed roster as .pdf: rejected, naming the formats to deliver.",
        "roster/roster_2026-10.pdf",
        pdf,
        UNSUPPORTED[0].format(s=".pdf"),
        UNSUPPORTED[1].format(s=".pdf"),
    )
    rejected(
        "unsupported_doc",
        "A Word .doc: rejected, naming the formats to deliver.",
        "roster/roster_2026-10.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        UNSUPPORTED[0].format(s=".doc"),
        UNSUPPORTED[1].format(s=".doc"),
    )
    notes = [["填表说明"], ["1. 身份证号一列请设为文本格式。"], ["2. 日期写作 2026-10-01。"]]
    data = Table(
        "roster",
        [
            good(roster_row(P0)),
            bad(roster_row(P1), [("gender", "id_gender_mismatch")], gender="男"),
        ],
        zh_headers=True,
        labels=True,
    )
    write_book(
        HERE / "roster/roster_2026-10_two_sheets.xlsx",
        [("说明", notes, []), ("数据", [data.header(), *data.body()], [])],
    )
    case(
        "workbook_notes_and_data",
        "Sheets 说明 (first, instructions) and 数据: only 数据 has the roster header and is read.",
        [step(data, "roster/roster_2026-10_two_sheets.xlsx", partition="2026-10", sheet="数据")],
        [],
    )
    body = [data.header(), *data.body()]
    write_book(
        HERE / "roster/roster_2026-10_two_months.xlsx", [("10月", body, []), ("11月", body, [])]
    )
    rejected_file(
        "workbook_two_matching_sheets",
        "Two sheets (10月, 11月) both carry the roster header: rejected naming both.",
        "roster/roster_2026-10_two_months.xlsx",
        "多个工作表都与“辅警花名册”表头相符（10月、11月），无法判断以哪个为准。",
        "Several sheets have the roster header (10月, 11月); cannot tell which one to load.",
    )
    no_hire = Table("roster", data.rows, zh_headers=True, labels=True, drop=("hire_date",))
    write_book(
        HERE / "roster/roster_2026-10_no_sheet.xlsx",
        [("数据", [no_hire.header(), *no_hire.body()], []), ("说明", notes, [])],
    )
    rejected_file(
        "workbook_no_matching_sheet",
        "No sheet has every required roster column (数据 lacks 入职日期): rejected naming "
        "the sheets.",
        "roster/roster_2026-10_no_sheet.xlsx",
        "没有与“辅警花名册”表头相符的工作表（工作表：数据、说明）",
        "No sheet has the roster header (sheets: 数据, 说明)",
    )
    simple(
        "file_in_subfolder",
        "A file in a bureau's subfolder loads; its name is the path below landing/. The "
        "division code comes from the file's own name only: none here.",
        "roster/530102/roster_2026-10.csv",
        Table("roster", [good(roster_row(p)) for p in (P0, P1)]),
        partition="2026-10",
        name="roster/530102/roster_2026-10.csv",
    )


def rejected_file(case_id: str, description: str, file: str, zh: str, en: str) -> None:
    """A rejection case whose file is already written."""
    case(case_id, description, [step(None, file, status="rejected", message=(zh, en))], [])


def header_cases() -> None:
    three = [
        good(roster_row(P0)),
        good(roster_row(P1)),
        bad(roster_row(P2), [("level", "above_maximum")], level="9"),
    ]
    t = Table("roster", three, zh_headers=True, labels=True)
    lines, merges = titled_lines(
        t, "2026年10月辅警花名册", "填报单位（盖章）：五华分局　　填报日期：2026年11月5日"
    )
    write_book(HERE / "roster/roster_2026-10_unit_line.xlsx", [("数据", lines, merges)])
    case(
        "header_below_title_and_unit_line",
        "XLSX: title (row 1) and 填报单位 line (row 2) above the header (row 3); the level "
        "9 row is held at J6.",
        [
            step(
                t,
                "roster/roster_2026-10_unit_line.xlsx",
                partition="2026-10",
                first_row=4,
                header_rows="3",
                sheet="数据",
            )
        ],
        [],
    )
    width = len(t.header())
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_pad(["2026年10月辅警花名册"], width))
    writer.writerow(
        _pad(["填报单位：五华分局", "", "", "", "", "", "", "填报日期：2026-11-05"], width)
    )
    writer.writerow(t.header())
    writer.writerows(t.body())
    put("roster/roster_2026-10_unit_line.csv", buf.getvalue())
    case(
        "csv_title_and_unit_line",
        "CSV saved from such a sheet: title and 填报单位 lines, header on line 3.",
        [
            step(
                t,
                "roster/roster_2026-10_unit_line.csv",
                partition="2026-10",
                first_row=4,
                header_rows="3",
            )
        ],
        [],
    )

    # quotas: 额度 merged over 申报额度 / 核准额度, the other headers merged down two rows
    quota = {
        "unit_code": COUNTY,
        "year": "2026",
        "category": "duty",
        "requested": "120",
        "approved": "100",
        "approved_on": "2026-03-15",
        "approved_by": "市公安局",
    }
    q = Table(
        "quotas",
        [
            good(quota),
            good(dict(quota, category="civilian", requested="40", approved="30")),
            bad(dict(quota, year="2025"), [("approved", "negative_value")], approved="-1"),
        ],
        zh_headers=True,
        labels=True,
    )
    top = ["机构代码", "年度", "类别", "额度", "", "核准日期", "核准机关"]
    sub = ["", "", "", "申报额度", "核准额度", "", ""]
    lines = [_pad(["2026年度辅警用人额度核定表"], 7), top, sub, *q.body()]
    merges = [(0, 0, 0, 6), (1, 3, 1, 4)] + [(1, c, 2, c) for c in (0, 1, 2, 5, 6)]
    write_book(HERE / "quotas/quotas_2026_two_row_header.xlsx", [("额度", lines, merges)])
    case(
        "header_two_rows_merged_group",
        "Quotas with a two-row header: 额度 merged over 申报额度/核准额度, 机构代码 (and the "
        "others) merged down both rows; the negative approval is held at E6.",
        [
            step(
                q,
                "quotas/quotas_2026_two_row_header.xlsx",
                first_row=4,
                header_rows="2-3",
                sheet="额度",
            )
        ],
        [],
    )

    # payroll: 养老保险 over 单位 / 个人 (sub-headers that name nothing alone)
    pay = Table(
        "payroll",
        [
            good(payroll_row(P0)),
            good(payroll_row(P1)),
            bad(payroll_row(P2), [("pension_ee", "negative_value")], pension_ee="-1.00"),
        ],
        zh_headers=True,
    )
    groups = {
        "pension_er": ("养老保险", "单位"),
        "pension_ee": ("养老保险", "个人"),
        "medical_er": ("医疗保险", "单位"),
        "medical_ee": ("医疗保险", "个人"),
        "maternity_er": ("生育保险", "单位"),
        "unemployment_er": ("失业保险", "单位"),
        "unemployment_ee": ("失业保险", "个人"),
        "injury_er": ("工伤保险", "单位"),
    }
    names = [c.name for c in pay.columns]
    top, sub, merges = [], [], []
    for j, column in enumerate(pay.columns):
        if column.name in groups:
            group, part = groups[column.name]
            first = names.index(next(n for n in names if groups.get(n, ("",))[0] == group))
            top.append(group if j == first else "")
            sub.append(part)
            last = max(i for i, n in enumerate(names) if groups.get(n, ("",))[0] == group)
            if j == first and last > first:
                merges.append((0, first, 0, last))
        else:
            top.append(column.zh)
            sub.append("")
            merges.append((0, j, 1, j))
    write_book(
        HERE / "payroll/payroll_2026-10_grouped.xlsx", [("工资表", [top, sub, *pay.body()], merges)]
    )
    case(
        "header_group_and_sub_header",
        "Payroll with 养老保险/医疗保险/… merged over 单位/个人: group + sub-header name the "
        "column (养老保险单位 → pension_er); the negative 养老保险个人 is held at O5.",
        [
            step(
                pay,
                "payroll/payroll_2026-10_grouped.xlsx",
                partition="2026-10",
                first_row=3,
                header_rows="1-2",
                sheet="工资表",
            )
        ],
        ["roster"],
    )

    for case_id, spelling in (
        ("header_synonym_id_haoma", "身份证号码"),
        ("header_synonym_id_gongmin", "公民身份号码"),
        ("header_synonym_id_zhengjian", "证件号码"),
    ):
        simple(
            case_id,
            f"The ID column headed {spelling} (contract.HEADER_SYNONYMS).",
            f"roster/roster_2026-10_{case_id.rsplit('_', 1)[1]}.csv",
            Table(
                "roster",
                [good(roster_row(P0)), good(roster_row(P1))],
                zh_headers=True,
                labels=True,
                header_override={"id_number": spelling},
            ),
            partition="2026-10",
        )
    simple(
        "header_unit_in_brackets",
        "Payroll headers with a unit in brackets: 基本工资（元）, 层级工资(元), 应发工资（元）.",
        "payroll/payroll_2026-10_units.csv",
        Table(
            "payroll",
            [good(payroll_row(P0)), good(payroll_row(P1))],
            zh_headers=True,
            header_override={
                "base_pay": "基本工资（元）",
                "level_pay": "层级工资(元)",
                "post_allowance": "岗位津贴 (元)",
                "gross_pay": "应发工资（元）",
            },
        ),
        setup=("roster",),
        partition="2026-10",
    )
    simple(
        "header_spaces_inside",
        "Headers spaced for print: 姓  名, 性　别 (ideographic space), ' 学 历 '.",
        "roster/roster_2026-10_spaced_headers.csv",
        Table(
            "roster",
            [good(roster_row(P0)), good(roster_row(P1))],
            zh_headers=True,
            labels=True,
            header_override={"name": "姓  名", "gender": "性\u3000别", "education": " 学 历 "},
        ),
        partition="2026-10",
    )
    simple(
        "header_full_width",
        "Full-width letters (ｐａｙ＿ｍｏｎｔｈ, ＩＤ＿ＮＵＭＢＥＲ) and full-width brackets "
        "(加班时长（小时）) in headers.",
        "payroll/payroll_2026-10_full_width_headers.csv",
        Table(
            "payroll",
            [good(payroll_row(P0)), good(payroll_row(P1))],
            header_override={
                "pay_month": "ｐａｙ＿ｍｏｎｔｈ",
                "id_number": "ＩＤ＿ＮＵＭＢＥＲ",
                "base_pay": "ｂａｓｅ＿ｐａｙ",
                "overtime_hours": "加班时长（小时）",
            },
        ),
        setup=("roster",),
        partition="2026-10",
    )
    simple(
        "header_required_markers",
        "Required-column markers: *统计月份, *身份证号, ※姓名, ＊性别.",
        "roster/roster_2026-10_markers.csv",
        Table(
            "roster",
            [good(roster_row(P0)), good(roster_row(P1))],
            zh_headers=True,
            labels=True,
            header_override={
                "snapshot_month": "*统计月份",
                "id_number": "*身份证号",
                "name": "※姓名",
                "gender": "＊性别",
            },
        ),
        partition="2026-10",
    )
    amb = Table("roster", [good(roster_row(P0))], zh_headers=True, labels=True)
    text = csv_text(amb).splitlines()
    rejected(
        "header_ambiguous_synonyms",
        "身份证号 and 身份证号码 both present: two headers name id_number, rejected.",
        "roster/roster_2026-10_two_id_columns.csv",
        "\n".join([text[0] + ",身份证号码", text[1] + "," + P1.id_number]) + "\n",
        "身份证号",
        "id_number",
    )


def value_cases() -> None:
    simple(
        "values_full_width_digits",
        "Full-width digits typed with a Chinese IME: level ２, an ID, a unit code, a date.",
        "roster/roster_2026-10_full_width.csv",
        Table(
            "roster",
            [
                good(roster_row(P0, level="2"), level="２"),
                good(roster_row(P1), id_number=P1.id_number.translate(FULL_WIDTH)),
                good(
                    roster_row(P2),
                    unit_code=STATION.translate(FULL_WIDTH),
                    hire_date="2020-03-01".translate(FULL_WIDTH),
                ),
                good(roster_row(PX), id_number=PX.id_number.translate(FULL_WIDTH)),
            ],
        ),
        partition="2026-10",
    )
    simple(
        "values_spaces_tabs_apostrophe",
        "Ideographic spaces around a name and a label, a leading tab before a unit code and "
        "an ID, an apostrophe before an ID, spaces inside an ID, a lower-case x.",
        "roster/roster_2026-10_spaces.csv",
        Table(
            "roster",
            [
                good(roster_row(P0), name="\u3000张伟\u3000", education="\u3000本科"),
                good(roster_row(P1), id_number="\t" + P1.id_number, unit_code="\t" + STATION),
                good(roster_row(P2), id_number="'" + P2.id_number),
                good(
                    roster_row(P3),
                    id_number=f"{P3.id_number[:6]} {P3.id_number[6:14]} {P3.id_number[14:]}",
                ),
                good(roster_row(PX), id_number=PX.id_number.lower()),
            ],
            labels=True,
        ),
        partition="2026-10",
    )
    simple(
        "values_enum_synonyms",
        "Value synonyms: 大学本科, 硕士, 博士, 男性, 女性, 在职, 辞职, 勤务辅警.",
        "roster/roster_2026-10_value_synonyms.csv",
        Table(
            "roster",
            [
                good(
                    roster_row(P0),
                    education="大学本科",
                    gender="男性",
                    status="在职",
                    category="勤务辅警",
                ),
                good(
                    roster_row(
                        P1,
                        education="postgraduate",
                        status="separated",
                        status_since="2026-10-15",
                        separation_reason="个人原因",
                    ),
                    education="硕士",
                    gender="女性",
                    status="辞职",
                ),
                good(roster_row(P2, education="postgraduate"), education="博士", status="在职"),
            ],
            zh_headers=True,
            labels=True,
        ),
        partition="2026-10",
    )
    simple(
        "values_chinese_numerals",
        "Levels written 一级, 三级, 3级, 八.",
        "roster/roster_2026-10_numerals.csv",
        Table(
            "roster",
            [
                good(roster_row(P0, level="1"), level="一级"),
                good(roster_row(P1, level="3"), level="三级"),
                good(roster_row(P2, level="3"), level="3级"),
                good(roster_row(P3, level="8"), level="八"),
            ],
            zh_headers=True,
            labels=True,
        ),
        partition="2026-10",
    )
    simple(
        "values_compact_dates",
        "Dates as 20210601 and the month as 202610; an impossible 20200230 is bad_date (L4).",
        "roster/roster_2026-10_compact_dates.csv",
        Table(
            "roster",
            [
                good(
                    roster_row(P0),
                    snapshot_month="202610",
                    birth_date="19900101",
                    hire_date="20200301",
                    contract_start="20200301",
                    contract_end="20280229",
                    status_since="20200301",
                ),
                good(roster_row(P1, hire_date="2021-06-01"), hire_date="20210601"),
                bad(roster_row(P2), [("hire_date", "bad_date")], hire_date="20200230"),
            ],
        ),
        partition="2026-10",
    )
    marks = [
        ("√", "true"),
        ("×", "false"),
        ("是", "true"),
        ("否", "false"),
        ("✓", "true"),
        ("✗", "false"),
    ]
    simple(
        "values_bool_marks",
        "Booleans ticked √/× and ✓/✗ or written 是/否.",
        "incidents/incidents_2026-10_marks.csv",
        Table(
            "incidents",
            [
                good(incident_row(n, enforcement=value), enforcement=mark)
                for n, (mark, value) in enumerate(marks, start=1)
            ],
        ),
        partition="2026-10",
    )
    simple(
        "csv_id_scientific",
        "An ID saved as 5.30102E+17 by Excel: id_stored_as_number, nothing else judged on it.",
        "roster/roster_2026-10_scientific.csv",
        Table(
            "roster",
            [
                bad(
                    roster_row(P0), [("id_number", "id_stored_as_number")], id_number="5.30102E+17"
                ),
                good(roster_row(P1)),
            ],
        ),
        partition="2026-10",
    )


def layout_cases() -> None:
    rows = [
        good(payroll_row(P0)),
        good(payroll_row(P1)),
        bad(payroll_row(NOBODY), [("id_number", "not_on_roster")]),
    ]
    t = Table("payroll", rows, zh_headers=True)
    money = {c.name for c in t.columns if c.type == "money"}
    total = ["合计"] + [
        f"{sum(float(r.canonical[c.name] or 0) for r in rows):.2f}" if c.name in money else ""
        for c in t.columns[1:]
    ]
    width = len(t.header())
    lines = [
        t.header(),
        *t.body(),
        total,
        _pad(["填表人：王五", "", "", "", "审核人：赵六"], width),
        ["联系电话：0871-63051234"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(lines)
    put("payroll/payroll_2026-10_totals.csv", buf.getvalue())
    case(
        "layout_total_and_footer_lines",
        "A 合计 row (line 5) and 填表人/审核人 and 联系电话 lines (6, 7): layout, counted in "
        "rows_layout, not quarantined; the unpaid-roster row is.",
        [step(t, "payroll/payroll_2026-10_totals.csv", partition="2026-10", rows_layout=3)],
        ["roster"],
    )

    r = [
        good(roster_row(P0)),
        good(roster_row(P1)),
        good(roster_row(P2)),
        bad(roster_row(P3), [("gender", "id_gender_mismatch")], gender="男"),
    ]
    rt = Table("roster", r, zh_headers=True, labels=True)
    width = len(rt.header())
    body = rt.body()
    lines = [
        _pad(["2026年10月辅警花名册"], width),
        rt.header(),
        body[0],
        body[1],
        _pad(["2026-10", "小计", "2人"], width),
        body[2],
        body[3],
        _pad(["总计", "", "4人"], width),
        _pad(["审核人：李四", "", "", "", "", "", "填表日期：2026年11月5日"], width),
    ]
    write_book(
        HERE / "roster/roster_2026-10_subtotals.xlsx", [("数据", lines, [(0, 0, 0, width - 1)])]
    )
    case(
        "layout_subtotal_rows_xlsx",
        "XLSX: a 小计 row (its second cell; row 5), a 总计 row (8) and an 审核人 footer (9) are "
        "layout; data rows keep their sheet numbers 3, 4, 6, 7 (the gender mismatch at D7).",
        [
            step(
                rt,
                "roster/roster_2026-10_subtotals.xlsx",
                partition="2026-10",
                numbers=[3, 4, 6, 7],
                header_rows="2",
                sheet="数据",
                rows_layout=3,
            )
        ],
        [],
    )

    required = [c.name for c in SOURCES["roster"].columns if not c.nullable and c.default is None]
    blank = {c.name: "" for c in SOURCES["roster"].columns}
    spare = Row(
        roster_row(P4),
        dict(blank, snapshot_month="备用"),
        [("snapshot_month", "bad_month")]
        + [(c, "required_missing") for c in required if c != "snapshot_month"],
    )
    name_only = Row(
        roster_row(P4),
        dict(blank, name="王小明"),
        [(c, "required_missing") for c in required if c != "name"],
    )
    ot = Table("roster", [good(roster_row(P0)), spare, name_only, good(roster_row(P1))])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(
        [ot.header(), *ot.body(), ["注：本表由人事科填报"]]
    )
    put("roster/roster_2026-10_odd_rows.csv", buf.getvalue())
    case(
        "layout_odd_rows_still_quarantined",
        "A row with only 备用 in its first cell and a row with only a name are data, held "
        "with every missing cell; the 注： line after them is a footer.",
        [step(ot, "roster/roster_2026-10_odd_rows.csv", partition="2026-10", rows_layout=1)],
        [],
    )


def order_cases() -> None:
    """Rows held by a cross-source rule are released when their reference arrives later."""
    final = [
        good(payroll_row(P0)),
        good(payroll_row(P1)),
        bad(payroll_row(P2, other_pay="-100.00"), [("other_pay", "negative_value")]),
        bad(payroll_row(NOBODY), [("id_number", "not_on_roster")]),
    ]
    nor = ("id_number", "not_on_roster")
    early = [Row(r.canonical, r.cells, sorted({*r.issues, nor})) for r in final]
    pay = Table("payroll", final)
    file = "payroll/payroll_2026-10_early.csv"
    put(file, csv_text(pay))
    roster_file = "roster/roster_2026-10_after_payroll.csv"
    roster = Table("roster", [good(roster_row(p)) for p in (P0, P1, P2, P3)])
    put(roster_file, csv_text(roster))
    case(
        "order_payroll_before_roster",
        "Payroll arrives before its month's roster: every row waits (not_on_roster); the "
        "roster loads; the re-check reads the payroll file again and loads P0 and P1 (a new "
        "load-log row, 重新核对). The negative pay and the unknown person stay held.",
        [
            step(pay, file, rows=early, written=pay.body(), partition="2026-10"),
            step(roster, roster_file, partition="2026-10"),
            step(
                pay,
                file,
                partition="2026-10",
                recheck="payroll",
                log_rows=2,
                table_counts={"raw.payroll": 2},
            ),
        ],
        [],
    )

    staff = [
        good(staff_row(1, P0)),
        good(staff_row(2, "PB-053012", task="traffic")),
        bad(staff_row(2, P1), [("staff_id", "id_checksum")], staff_id=bad_checksum(P1.id_number)),
    ]
    unknown = ("incident_id", "unknown_incident")
    early_staff = [Row(r.canonical, r.cells, sorted({*r.issues, unknown})) for r in staff]
    st = Table("incident_staff", staff)
    file = "incident_staff/incident_staff_2026-10_early.csv"
    put(file, csv_text(st))
    inc_file = "incidents/incidents_2026-10_after_staff.csv"
    inc = Table("incidents", [good(incident_row(n)) for n in (1, 2, 4)])
    put(inc_file, csv_text(inc))
    case(
        "order_staff_before_incidents",
        "Staff of incidents that have not arrived: held (unknown_incident); the incidents "
        "load; the re-check releases them with their incident's month. The bad ID stays.",
        [
            step(st, file, rows=early_staff, written=st.body(), partition="2026-10"),
            step(inc, inc_file, partition="2026-10"),
            step(
                st,
                file,
                partition="2026-10",
                recheck="incident_staff",
                log_rows=2,
                extra_values={"incident_month": "2026-10-01"},
                table_counts={"raw.incident_staff": 2},
            ),
        ],
        [],
    )

    new_station = dict(ORG_ROWS[3], unit_code="530102020000", unit_name="大观派出所")
    ros = [
        good(roster_row(P0)),
        good(roster_row(P1, unit_code="530102020000")),
        bad(roster_row(P2, unit_code="530199000000"), [("unit_code", "unknown_unit")]),
    ]
    early_ros = [
        ros[0],
        Row(ros[1].canonical, ros[1].cells, [("unit_code", "unknown_unit")]),
        ros[2],
    ]
    rt = Table("roster", ros)
    file = "roster/roster_2026-10_new_station.csv"
    put(file, csv_text(rt))
    org_file = "org_units/org_units_2026-11.csv"
    org = Table("org_units", [good(r) for r in [*ORG_ROWS, new_station]])
    put(org_file, csv_text(org))
    case(
        "order_unit_before_org_units",
        "A roster names a new station before org_units lists it: held (unknown_unit); the "
        "new org_units loads; the re-check releases the row. A unit in no list stays held.",
        [
            step(rt, file, rows=early_ros, written=rt.body(), partition="2026-10"),
            step(org, org_file),
            step(
                rt,
                file,
                partition="2026-10",
                recheck="roster",
                log_rows=2,
                table_counts={"raw.roster": 2, "raw.org_units": 5},
            ),
        ],
        [],
    )


def main() -> None:
    for child in HERE.iterdir():
        if child.is_dir() and child != CONVERTED:
            shutil.rmtree(child)
    base_files()
    encoding_cases()
    structure_cases()
    roster_rule_cases()
    payroll_cases()
    xlsx_cases()
    parquet_cases()
    other_source_cases()
    reload_cases()
    office_file_cases()
    header_cases()
    value_cases()
    layout_cases()
    order_cases()
    for stale in CONVERTED.glob("*.xls"):
        if stale.name not in _CONVERTED_USED:
            stale.unlink()
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    manifest = {
        "today": TODAY,
        "secret": SECRET.decode(),
        "base": {
            "org_units": "_base/org_units.csv",
            "roster": "_base/roster_2026-10.csv",
            "incidents": "_base/incidents_2026-10.csv",
        },
        "cases": CASES,
    }
    (HERE / "cases.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(CASES)} cases written to {HERE}")


if __name__ == "__main__":
    main()
