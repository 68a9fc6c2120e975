"""The loop back to bureaus (issue 11): each login's quality relations hold only its own
bureaus' files, a file's return workbook (回执) lists its held-back rows in the clerk's layout
with the offending cells highlighted and opens in LibreOffice, and the quality page speaks
Chinese (English after the switch)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.office import pdf_pages, render, to_pdf
from tests.dashboards.snapshot_fixture import WUHUA
from tests.dashboards.test_app import login, tables

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db, queries, receipt
from lib.scope import Scope, resolve

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "receipt"
WUHUA_ROSTER = "roster/530102/roster_530102_2026-10.xlsx"
# login -> (role, bound code) as in dashboards/assets/users.yaml
LOGINS = {
    "province": ("province", None),
    "kunming": ("prefecture", "530100"),
    "wuhua": ("county", "530102"),
}
# admin codes of the files each login may see (None: a file that names no bureau)
FILES_OF = {
    "province": {None, "530000", "530100", "530102", "530103", "530300", "530302"},
    "kunming": {"530100", "530102", "530103"},
    "wuhua": {"530102"},
}


def _scope(user: str, snapshot: duckdb.DuckDBPyConnection) -> Scope:
    directory = pl.from_arrow(
        snapshot.sql(
            "select bureau_code, tier, prefecture_code, admin_code from marts.dim_bureau"
        ).to_arrow_table()
    )
    return resolve(*LOGINS[user], directory)


def _admin_codes(snapshot: duckdb.DuckDBPyConnection, files: pl.DataFrame) -> set[str | None]:
    """Admin codes the snapshot's load log gives the (file, sha256) pairs of `files`."""
    pairs = [list(p) for p in files.select("file", "sha256").unique().iter_rows()]
    if not pairs:
        return set()
    rows = snapshot.execute(
        """select distinct l.admin_code from quality.load_log l
        join (select unnest(?::varchar[][]) as p) on l.file = p[1] and l.sha256 = p[2]""",
        [pairs],
    ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("user", list(LOGINS))
def test_quality_relations_hold_only_the_scopes_files(
    user: str, app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    scope = _scope(user, snapshot)
    log = db.read(scope, "select * from load_log")
    assert set(log["admin_code"].to_list()) == FILES_OF[user]
    for relation in ("quarantine", "quarantine_rows"):
        held = db.read(scope, f"select file, sha256 from {relation}")
        assert not held.is_empty(), relation
        assert _admin_codes(snapshot, held) <= FILES_OF[user], relation
    # a check over a batch is shown only when every file of the batch is in scope
    checks = db.read(scope, "select batch_files from check_results")["batch_files"].to_list()
    batches = [b.split(", ") for b in checks]
    assert all(f.split("/")[1] in FILES_OF[user] for b in batches if len(b) > 1 for f in b)
    if user == "wuhua":
        assert checks == ["payroll/530102/payroll_530102_2026-10.xlsx"]
    deliveries = db.read(scope, "select distinct bureau_code from delivery_status")
    assert set(deliveries["bureau_code"]) == set(scope.bureaus)


def test_area_narrows_the_files(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    scope = _scope("province", snapshot).narrowed({"530300000000", "530302000000"}, {"530300"})
    log = db.read(scope, "select admin_code from load_log")
    # files that name no bureau stay with the province-wide role
    assert set(log["admin_code"].to_list()) == {None, "530300", "530302"}


def test_counts_take_the_newest_row_of_a_rechecked_file(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    fresh = queries.freshness(_scope("wuhua", snapshot))
    roster = fresh.filter(pl.col("source") == "roster").row(0, named=True)
    # three monthly files, one of them settled twice: 2 rows held back, not 3 + 2
    assert (roster["files"], roster["rows_quarantined"], roster["rows_loaded"]) == (3, 2, 120)


def _receipt(snapshot: duckdb.DuckDBPyConnection, lang: str = "zh") -> bytes:
    scope = _scope("wuhua", snapshot)
    files = queries.receipt_files(scope).filter(pl.col("file") == WUHUA_ROSTER)
    file = files.row(0, named=True)
    rows = queries.receipt_rows(scope, file["file"], file["sha256"])
    issues = queries.receipt_issues(scope, file["file"], file["sha256"])
    return receipt.build(file, rows, issues, lang)


def test_receipt_lists_held_rows_in_the_clerks_layout(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection, tmp_path: Path
):
    path = tmp_path / receipt.file_name(WUHUA_ROSTER)
    path.write_bytes(_receipt(snapshot))
    assert path.name == "回执_roster_530102_2026-10.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["回执", "退回行"]

    summary = {r[0]: r[1] for r in book["回执"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert summary["文件"] == WUHUA_ROSTER
    assert summary["数据源"] == "辅警花名册"
    assert summary["报送单位"] == "昆明市公安局五华分局"
    # the newest load-log row of the re-checked file
    assert (summary["读入行数"], summary["装载行数"], summary["退回行数"]) == (42, 40, 2)
    assert summary["合计、落款等表格行（不计入）"] == 2
    assert (summary["状态"], summary["工作表"], summary["表头行"]) == ("已装载", "数据", "3")

    held = book["退回行"]
    header = [c.value for c in held[3]]
    # the header as the clerk wrote it, column by column letter, then row number and reason
    assert header == ["统计月份", "身份证号", "姓  名", "类别", "机构代码", "入职日期（年月日）",
                      "原行号", "退回原因"]  # fmt: skip
    assert [held.cell(r, 7).value for r in (4, 5)] == [17, 30]
    assert held["C4"].value == "张***" and held["F5"].value == "2026-13-01"
    highlighted = {
        c.coordinate
        for row in held.iter_rows(min_row=4)
        for c in row
        if c.fill.fgColor.rgb == "FF" + receipt.HIGHLIGHT[1:]
    }
    assert highlighted == {"B4", "D5", "F5"}
    assert held["B4"].comment.text == "身份证号校验位错误"
    assert "不是有效日期" in held["F5"].comment.text
    assert held["H5"].value.splitlines()[0].startswith("D30：“类别（category）”")
    assert held["H5"].value.splitlines()[1].startswith("F30：“入职日期（hire_date）”")
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == 9  # A4
        # one page wide (fitToWidth 1 is the default, so not written), as long as needed
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToHeight == 0


def test_receipt_in_english(app_env: Path, snapshot: duckdb.DuckDBPyConnection, tmp_path: Path):
    path = tmp_path / "receipt.xlsx"
    path.write_bytes(_receipt(snapshot, "en"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Receipt", "Rows held back"]
    assert book["Rows held back"]["H5"].value.startswith("D30: 'category'")


def test_receipt_prints_in_libreoffice(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """Converted by LibreOffice: two A4 pages (summary, rows), no ### for a narrow column.
    The pages are rendered to test-artifacts/receipt/ to look at. No LibreOffice fails."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    book = ARTIFACTS / receipt.file_name(WUHUA_ROSTER)
    book.write_bytes(_receipt(snapshot))
    (pdf,) = to_pdf(book)
    pages = pdf_pages(pdf)
    text = "\f".join(pages)
    assert "###" not in text
    for expected in ("数据报送回执", "退回原因", "身份证号校验位错误", "2026-13-01"):
        assert expected in text, expected
    assert len(pages) == 2, len(pages)
    assert len(render(pdf, ARTIFACTS / "page")) == 2


def test_quality_page_in_plain_words(app_env: Path):
    at = login("wuhua")
    at.switch_page("views/quality.py").run()
    assert not at.exception
    grid = next(df for df in tables(at) if "2026年10月" in df.columns)
    assert list(grid["单位代码"]) == [WUHUA]
    assert set(grid.iloc[0][["2026年8月", "2026年9月", "2026年10月"]]) == {"已报送"}
    checks = next(df for df in tables(at) if "检查项" in df.columns)
    assert list(checks["检查项"]) == ["“应发工资”都在允许范围内"]
    assert list(checks["结果"]) == ["通过"]
    held = next(df for df in tables(at) if "单元格" in df.columns)
    assert set(held["字段"]) == {"身份证号", "类别", "入职日期"}
    assert set(held["数据源"]) == {"辅警花名册"}

    at = login("wuhua")  # switched before the page: AppTest keeps a select's old label
    at.sidebar.radio(key="lang").set_value("en").run()
    at.switch_page("views/quality.py").run()
    grid = next(df for df in tables(at) if "Oct 2026" in df.columns)
    assert set(grid.iloc[0][["Aug 2026", "Sep 2026", "Oct 2026"]]) == {"delivered"}
    checks = next(df for df in tables(at) if "Check" in df.columns)
    assert list(checks["Check"]) == ["'gross_pay' stays within its allowed range"]


def test_delivery_grid_names_who_is_missing(app_env: Path):
    at = login("kunming")
    at.switch_page("views/quality.py").run()
    grid = next(df for df in tables(at) if "2026年10月" in df.columns)
    status = dict(zip(grid["单位代码"], grid["2026年10月"], strict=True))
    assert status["530103000000"] == "未报送"
    assert any("未报送辅警花名册：昆明市公安局盘龙分局" in w.value for w in at.warning)
    at.selectbox(key="dq_source.zh").select("payroll").run()
    grid = next(df for df in tables(at) if "2026年10月" in df.columns)
    assert set(grid["2026年10月"]) == {"已报送"}
