"""The approval documents as an office prints them (issue 14): LibreOffice converts each to PDF,
A4 landscape, one page wide (every page carries the table's first and last header: the header
row repeats and no column spills onto a page of its own), no ### for a narrow column, the
signature block on the last page. The pages are rendered to test-artifacts/documents/ to look
at. No LibreOffice fails (make test installs it)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.documents_read import scope_of
from tests.dashboards.office import page_size, pdf_pages, render, to_pdf

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib.documents import DOCUMENTS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
LAST_HEADER = {
    "quota_request": "理由",
    "recruitment_plan": "学历要求",
    "budget": "人均经费",
    "salary_adjustment": "调整所需经费",
}
# (user, document) -> pages of the fixture's document
PAGES = {
    **{("kunming", key): 1 for key in DOCUMENTS},
    ("province", "recruitment_plan"): 2,  # 12 lines, 2 subtotals, 3 totals
    ("province", "quota_request"): 1,
    ("province", "budget"): 1,
}


@pytest.fixture(scope="module")
def printed(warehouse_dir: Path, snapshot: duckdb.DuckDBPyConnection) -> dict[tuple, list[str]]:
    """Each document of PAGES written, converted in one LibreOffice run and rendered; the text
    of its pages."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AUXFORCE_WAREHOUSE_DIR", str(warehouse_dir))
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
        ARTIFACTS.mkdir(parents=True)
        books = {}
        for user, key in PAGES:
            scope = scope_of(user, snapshot)
            book = ARTIFACTS / f"{user}_{DOCUMENTS[key].file_name(scope)}"
            book.write_bytes(DOCUMENTS[key].build(scope))
            books[(user, key)] = book
        pdfs = dict(zip(books, to_pdf(*books.values()), strict=True))
    out = {}
    for name, pdf in pdfs.items():
        assert page_size(pdf) == pytest.approx((841.9, 595.3), abs=0.5), name  # A4 landscape
        pages = pdf_pages(pdf)
        assert len(render(pdf, pdf.with_suffix(""))) == len(pages), name
        out[name] = pages
    return out


@pytest.mark.parametrize(("user", "key"), list(PAGES))
def test_document_prints_one_page_wide(printed: dict, user: str, key: str):
    pages = printed[(user, key)]
    assert len(pages) == PAGES[(user, key)]
    assert DOCUMENTS[key].title("zh")[:3] in pages[0]
    for number, page in enumerate(pages, start=1):
        assert "单位" in page and LAST_HEADER[key] in page, (number, page[:300])
        assert "###" not in page
        assert f"第 {number} 页，共 {len(pages)} 页" in page
    assert "填报单位（盖章）" in pages[0] and "数据截至" in pages[0]
    assert "合计" in "".join(pages)
    for label in ("依据条款", "经办人", "审核人", "单位负责人", "日期"):
        assert label in pages[-1], label
