"""Write the bad-input corpus and its manifest `cases.json` (GitHub issue 3, item 1).

Run `uv run python tests/data/bad_inputs/make_corpus.py` to rebuild. The outputs are
committed as produced (XLSX, Parquet and GB18030 bytes included) so the corpus is fixed;
this script only documents how each file was made and what each should do.

Every data row is built from a *canonical* row (the values `raw.<source>` must hold, as
DuckDB renders them to text) and then written in the file's presentation (Chinese labels,
other date spellings, ...). A row with expected issues must land in quarantine with exactly
those (column, rule) pairs; every other row must load with exactly its canonical values.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
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


def csv_text(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
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


def step(
    table: Table | None,
    file: str,
    *,
    name: str | None = None,
    status: str = "loaded",
    rows: list[Row] | None = None,
    message: tuple[str, str] | None = None,
    partition: str | None = None,
    row_offset: int = 0,
    table_counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Expected outcome of loading `file` (relative to this folder) as `name`."""
    source = file.split("/")[0]
    rows = rows if rows is not None else (table.rows if table else [])
    loaded = [(i + 1 + row_offset, r) for i, r in enumerate(rows) if not r.issues]
    quarantined = [(i + 1 + row_offset, r) for i, r in enumerate(rows) if r.issues]
    expect: dict[str, Any] = {"status": status}
    if status == "loaded":
        expect |= {
            "rows_read": len(rows),
            "rows_loaded": len(loaded),
            "rows_quarantined": len(quarantined),
            "partition": partition,
            "quarantine": sorted([n, col, rule] for n, r in quarantined for col, rule in r.issues),
            "loaded": [
                {"_row": n, "values": _raw_values(source, r.canonical), "pii": _pii(r.canonical)}
                # An empty cell of an unknown column is kept as JSON null.
                | ({"extra": {k: v or None for k, v in r.extra.items()}} if r.extra else {})
                for n, r in loaded
            ],
        }
    if message:
        expect |= {"message_zh": message[0], "message_en": message[1]}
    if table_counts:
        expect["table_counts"] = table_counts
    return {
        "source": source,
        "file": file,
        "name": name or f"{source}/{Path(file).name}",
        "expect": expect,
    }


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
) -> None:
    """A CSV case whose rows are exactly `table.rows`."""
    text = csv_text(table)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    put(file, data)
    case(case_id, description, [step(table, file, partition=partition)], list(setup))


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
                None,
                "roster/roster_2026-10_truncated.csv",
                rows=[*t.rows, truncated],
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
        [step(titled, "roster/roster_2026-10_title_row.csv", partition="2026-10")],
        [],
    )
    put("roster/roster_2026-10_title_line.csv", "2026年10月辅警花名册\n" + csv_text(titled))
    case(
        "csv_title_line_no_commas",
        "A one-cell title line (no trailing commas) above the header: the header is still "
        "found and all rows load.",
        [step(titled, "roster/roster_2026-10_title_line.csv", partition="2026-10")],
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
        "unsupported_suffix_xls",
        "Legacy .xls is not supported.",
        "roster/roster_2026-10.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "不支持的文件类型 .xls",
        "Unsupported file type .xls",
    )
    rejected(
        "unsupported_suffix_txt",
        "A .txt export is not supported even if it is CSV.",
        "roster/roster_2026-10.txt",
        csv_text(t),
        "不支持的文件类型 .txt",
        "Unsupported file type .txt",
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
            bad(roster_row(P0), [("education", "bad_enum")], education="博士"),
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
            bad(roster_row(P2), [("level", "bad_int")], level="三"),
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
            bad(payroll_row(P2), [("comp_time_hours", "bad_number")], comp_time_hours="八小时"),
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
        [step(t, "roster/roster_2026-10_typed.xlsx", partition="2026-10")],
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
            # The ruined number's 17th digit is even: it also contradicts gender 'M'.
            bad(roster_row(P0), [("gender", "id_gender_mismatch"), ("id_number", "id_checksum")]),
            good(roster_row(P1)),
        ],
    )
    write_xlsx(HERE / "roster/roster_2026-10_id_number_cell.xlsx", t2, cell_writer=id_as_number)
    case(
        "xlsx_id_as_number",
        "ID typed as a number cell loses digits: quarantined.",
        [step(t2, "roster/roster_2026-10_id_number_cell.xlsx", partition="2026-10")],
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
        [step(ptab, "payroll/payroll_2026-10_formulas.xlsx", partition="2026-10")],
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
        [step(t, "incidents/incidents_text_zh.parquet", partition="2026-10")],
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
        bad(dict(ORG_ROWS[3], unit_code="530102020000"), [("tier", "bad_enum")], tier="派出所"),
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
    )
    case(
        "reload_same_bytes_other_name",
        "Identical bytes under another name: skipped.",
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
                table_counts={"raw.roster": 2, "raw._quarantine": 0},
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


def main() -> None:
    for child in HERE.iterdir():
        if child.is_dir():
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
