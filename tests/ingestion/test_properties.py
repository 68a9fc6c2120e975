"""Property: whatever mix of good and bad rows, in whatever supported format, nothing is lost.

rows_read = rows_loaded + rows_quarantined = rows in the file; every good row is in
`raw.roster` with its values; every bad row is in `raw._quarantine` with its rule.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingestion_helpers import SECRET, load

from dagster_project.contract import ROSTER
from dagster_project.identity import make_id_number, person_key

FORMATS = ("csv_utf8", "csv_utf8_bom", "csv_gb18030_zh", "xlsx", "parquet")

# defect -> (column it breaks, the cell text, the rule ingestion must report)
DEFECTS: dict[str, tuple[str, str, str]] = {
    "checksum": ("id_number", "", "id_checksum"),  # text filled in per row
    "level": ("level", "9", "above_maximum"),
    "education": ("education", "小学", "bad_enum"),  # not a level of the contract
    "unit": ("unit_code", "530199000000", "unknown_unit"),
    "future": ("hire_date", "2027-01-01", "future_date"),
    "birth": ("birth_date", "1970-01-01", "id_birth_mismatch"),  # births start 1970-01-02
    "name": ("name", "", "required_missing"),
    "date": ("contract_end", "2028-02-30", "bad_date"),
    "money_like_level": ("level", "3.5", "bad_int"),
}


def _row(i: int, born: date, male: bool, level: int) -> dict[str, str]:
    id_number = make_id_number("530102", born, i, male)
    return {
        "snapshot_month": "2026-10",
        "id_number": id_number,
        "name": f"测试{i}",
        "gender": "M" if male else "F",
        "birth_date": born.isoformat(),
        "nationality": "中国",
        "education": "junior_college",
        "category": "civilian",
        "post": "hotline",
        "level": str(level),
        "unit_code": "530102010000",
        "hire_date": "2021-06-01",
        "contract_start": "2021-06-01",
        "contract_end": "2027-05-31",
        "status": "active",
        "status_since": "2021-06-01",
        "separation_reason": "",
        "priority_group": "none",
        "background_check": "pass",
        "relaxed_by_notice": "false",
    }


row_specs = st.lists(
    st.tuples(
        st.dates(date(1970, 1, 2), date(2004, 12, 31)),
        st.booleans(),
        st.integers(1, 8),
        st.one_of(st.none(), st.sampled_from(sorted(DEFECTS))),
    ),
    min_size=1,
    max_size=8,
)


def _write(path: Path, fmt: str, rows: list[dict[str, str]]) -> None:
    columns = list(ROSTER.columns)
    zh = fmt == "csv_gb18030_zh"
    header = [c.zh if zh else c.name for c in columns]

    def cell(column_name: str, value: str) -> str:
        enum = ROSTER.column(column_name).enum
        return enum[value] if zh and enum and value in enum else value

    body = [[cell(c.name, r[c.name]) for c in columns] for r in rows]
    if fmt.startswith("csv"):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(body)
        encoding = {"csv_utf8": "utf-8", "csv_utf8_bom": "utf-8-sig"}.get(fmt, "gb18030")
        path.write_bytes(buf.getvalue().encode(encoding))
    elif fmt == "xlsx":
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet()
        ws.write_row(0, 0, header)
        for i, cells in enumerate(body, start=1):
            for j, text in enumerate(cells):
                if text:
                    ws.write_string(i, j, text)
        wb.close()
    else:
        frame = pl.DataFrame(body, schema=dict.fromkeys(header, pl.String), orient="row")
        frame.write_parquet(path)


@settings(
    max_examples=150,  # ~10 s; each example builds a file and a warehouse
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=row_specs, fmt=st.sampled_from(FORMATS))
def test_nothing_is_lost(
    specs: list[tuple[date, bool, int, str | None]], fmt: str, _templates: dict[str, Path]
) -> None:
    rows, expected_bad = [], {}
    for i, (born, male, level, defect) in enumerate(specs, start=1):
        row = _row(i, born, male, level)
        if defect:
            column, text, rule = DEFECTS[defect]
            if defect == "checksum":
                last = row["id_number"][17]
                text = row["id_number"][:17] + ("0" if last != "0" else "1")
            row[column] = text
            expected_bad[i] = (column, rule)
        rows.append(row)

    suffix = {"xlsx": ".xlsx", "parquet": ".parquet"}.get(fmt, ".csv")
    # the row a clerk sees: the header is row 1 of a sheet or CSV; Parquet has no header row
    sheet_row = 0 if fmt == "parquet" else 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        shutil.copyfile(_templates[""], db)
        path = Path(tmp) / f"roster_2026-10{suffix}"
        _write(path, fmt, rows)
        con = duckdb.connect(str(db))
        try:
            outcome = load(con, "roster", path)
            assert outcome.status == "loaded", outcome
            assert outcome.rows_read == outcome.rows_loaded + outcome.rows_quarantined
            assert outcome.rows_read == len(rows)
            assert outcome.rows_quarantined == len(expected_bad)

            loaded = dict(
                con.execute(
                    "select _row, person_key || '|' || level || '|' || birth_date::varchar "
                    "from raw.roster where _file = ?",
                    [outcome.file],
                ).fetchall()
            )
            good = {
                i
                + sheet_row: f"{person_key(SECRET, r['id_number'])}|{r['level']}|{r['birth_date']}"
                for i, r in enumerate(rows, start=1)
                if i not in expected_bad
            }
            assert loaded == good

            found: dict[int, set[tuple[str, str]]] = {}
            for n, column, rule in con.execute(
                "select row_number, column_name, rule from raw._quarantine where file = ?",
                [outcome.file],
            ).fetchall():
                found.setdefault(n, set()).add((column, rule))
            assert set(found) == {i + sheet_row for i in expected_bad}
            for i, issue in expected_bad.items():
                assert issue in found[i + sheet_row], (i, found[i + sheet_row])
        finally:
            con.close()
