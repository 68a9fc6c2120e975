"""Pages over a snapshot that holds two provinces (issue 15): the fixture snapshot plus 宁夏
640000's province bureau and 银川市公安局 (640100), a finding of 银川, 宁夏's rows of the rule
catalogue (grain province × rule; their article texts marked so that a row of the wrong
province shows) and 宁夏's average wage (its province only: 银川 falls back to it). The divisions
seed holds 云南, 宁夏 and 青海, so no page may read "the" province row of a reference table."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboards.conftest import APP, PASSWORDS
from tests.dashboards.snapshot_fixture import KUNMING, PROVINCE, write_snapshot

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db, findings, queries

NINGXIA = "640000000000"
YINCHUAN = "640100000000"
MARK = "（宁夏）"
NINGXIA_WAGE = 118_614  # the fixture's 2024 row for 640000 (宁夏's 2022 in-post figure)
# the fixture's ref_average_wage (snapshot_fixture.py): 昆明 its own, the province bureau 云南's
KUNMING_WAGE, YUNNAN_WAGE = 118_000, 110_206

_NINGXIA = f"""
insert into marts.dim_bureau
select * replace ('{NINGXIA}' as bureau_code, '宁夏回族自治区公安厅' as bureau_name,
    null as parent_bureau_code, '640000' as province_code, '640000' as prefecture_code,
    '640000' as admin_code, '宁夏回族自治区' as division_name)
from marts.dim_bureau where bureau_code = '{PROVINCE}';
insert into marts.dim_bureau
select * replace ('{YINCHUAN}' as bureau_code, '银川市公安局' as bureau_name,
    '{NINGXIA}' as parent_bureau_code, '640000' as province_code, '640100' as prefecture_code,
    '640100' as admin_code, '银川市' as division_name)
from marts.dim_bureau where bureau_code = '{KUNMING}';
insert into marts.workforce_cost_monthly
select * replace ('{YINCHUAN}' as bureau_code, '640000' as province_code,
    '640100' as prefecture_code)
from marts.workforce_cost_monthly where bureau_code = '{KUNMING}';
insert into reference.ref_average_wage
select * replace ('640000' as prefecture_code, {NINGXIA_WAGE} as avg_annual_wage)
from reference.ref_average_wage where prefecture_code = '530000';
insert into marts.compliance_rule_catalog
select * replace ('640000' as province_code, '{MARK}' || article_text as article_text)
from marts.compliance_rule_catalog where province_code = '530000';
insert into marts.compliance_violations
select * replace (md5('yinchuan-a16') as finding_id, '640100010000' as unit_code,
    '{YINCHUAN}' as bureau_code, '640000' as province_code, '640100' as prefecture_code,
    'pk_yc_001' as person_key)
from marts.compliance_violations where rule_id = 'A16_NO_VALID_CONTRACT';
insert into marts.compliance_finding_history
select * replace (md5('yinchuan-a16') as finding_id, '640100010000' as unit_code,
    '{YINCHUAN}' as bureau_code, '640000' as province_code, '640100' as prefecture_code,
    'pk_yc_001' as person_key)
from marts.compliance_finding_history
where rule_id = 'A16_NO_VALID_CONTRACT' and status = 'open';
"""


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("two_provinces")
    published = write_snapshot(root / "published" / "auxforce_published.duckdb")
    with duckdb.connect(str(published)) as con:
        con.execute(_NINGXIA)
    return root


@pytest.fixture
def env(two_provinces: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUXFORCE_WAREHOUSE_DIR", str(two_provinces))
    return two_provinces


def _snapshot(root: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(root / "published" / "auxforce_published.duckdb"), read_only=True)


def test_the_snapshot_holds_two_provinces(env: Path) -> None:
    """What the tests below rest on: the divisions seed's three provinces (the fixture
    copies it), the catalogue twice."""
    with _snapshot(env) as con:
        provinces = con.execute(
            "select admin_code from reference.ref_divisions where level = 'province' order by 1"
        ).fetchall()
        catalog = con.execute(
            "select province_code, count(*) from marts.compliance_rule_catalog "
            "group by 1 order by 1"
        ).fetchall()
    assert [p for (p,) in provinces] == ["530000", "630000", "640000"]
    assert catalog == [("530000", 18), ("640000", 18)]


def test_register_has_each_finding_once_with_its_provinces_article(env: Path) -> None:
    scope = db.scope_for("province", None)  # province-wide: every bureau of the snapshot
    with _snapshot(env) as con:
        (violations,) = con.execute("select count(*) from marts.compliance_violations").fetchone()
    register = findings.register(scope, [], [], [], [])
    assert violations == 9  # the fixture's 8 and 银川's
    assert register.height == violations
    assert register["finding_id"].n_unique() == violations
    # each finding beside its own province's article text: 银川's 宁夏's, the others 云南's
    marked = register.filter(register["article_text"].str.starts_with(MARK))
    assert marked["bureau_code"].to_list() == [YINCHUAN]
    assert register["article_text"].null_count() == 0


def test_catalogue_is_one_row_per_rule_of_the_scopes_province(env: Path) -> None:
    yunnan = findings.catalog(db.scope_for("province", None))
    assert yunnan.height == 18 and yunnan["rule_id"].n_unique() == 18
    # a scope over both provinces: the first province's rows (530000)
    assert not yunnan["article_text"].str.starts_with(MARK).any()
    ningxia = findings.catalog(db.scope_for("prefecture", "640100"))
    assert ningxia.height == 18
    assert ningxia["article_text"].str.starts_with(MARK).all()
    assert set(findings.rule_titles(db.scope_for("prefecture", "640100"), "zh").values()) == set(
        yunnan["title_zh"]
    )


def test_pay_falls_back_to_the_bureaus_own_province(env: Path) -> None:
    pay = queries.bureau_pay(db.scope_for("province", None))
    wage = dict(zip(pay["bureau_code"], pay["local_avg_wage"], strict=False))
    assert wage[YINCHUAN] == NINGXIA_WAGE  # 640100 has no figure: 宁夏's
    assert wage[KUNMING] == KUNMING_WAGE  # its own prefecture's
    assert wage[PROVINCE] == YUNNAN_WAGE


# The salary page for a login of one province (its document buttons are filed by one
# approving level, lib/documents/common.filing: a scope over two provinces has two); the
# register and the catalogue over both.
@pytest.mark.parametrize(
    ("user", "page"),
    [
        ("kunming", "views/salary.py"),
        ("province", "views/rules.py"),
        ("province", "views/compliance.py"),
    ],
)
def test_pages_run_over_two_provinces(env: Path, user: str, page: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.text_input[0].input(user)
    at.text_input[1].input(PASSWORDS[user])
    at.button[0].click().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if page == "views/rules.py":
        (catalogue,) = [df.value for df in at.dataframe if "规则名称" in df.value.columns]
        assert len(catalogue) == 18
