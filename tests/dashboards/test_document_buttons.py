"""An area the sidebar narrows to may hold no line of an approval document (the small load
test picks areas at random): the page then offers no button for it instead of failing."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.documents_read import scope_of

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib.documents import DOCUMENTS


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_a_scope_without_lines_has_no_year_and_no_file(
    key: str, app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    province = scope_of("province", snapshot)
    nothing = province.narrowed(set(), set())  # an area with no bureau of the snapshot
    doc = DOCUMENTS[key]
    assert isinstance(doc.year(province), int)
    assert doc.year(nothing) is None
    with pytest.raises(ValueError):  # no file name for nothing to file
        doc.file_name(nothing, "zh")
