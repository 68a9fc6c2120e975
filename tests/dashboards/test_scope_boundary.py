"""The scoped reader as a boundary (issue 13): crafted page SQL either reads only the
user's bureaus or is refused; small-cell pay cannot be worked out from the columns and rows
a user gets; exports do not run formulas."""

from __future__ import annotations

import io
import itertools
import sys
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from tests.dashboards.conftest import APP
from tests.dashboards.snapshot_fixture import WUHUA

sys.path.insert(0, str(APP.parent))  # the dashboards' own `lib`, as streamlit run sees it

from lib import db, export
from lib.access_log import Actor
from lib.scope import Scope, resolve

LOGINS = {
    "wuhua": ("county", "530102"),
    "province": ("province", None),
    "auditor": ("auditor", None),
}


def _scope(user: str, snapshot: duckdb.DuckDBPyConnection) -> Scope:
    directory = pl.from_arrow(
        snapshot.sql(
            "select bureau_code, tier, prefecture_code, admin_code from marts.dim_bureau"
        ).to_arrow_table()
    )
    role, code = LOGINS[user]
    return resolve(role, code, directory).acting(Actor(user, role, "test"))


@pytest.fixture
def wuhua(app_env: Path, snapshot: duckdb.DuckDBPyConnection) -> Scope:
    return _scope("wuhua", snapshot)


# ── 1. only relations of the reader, each scoped ───────────────────────────────────────────
REFUSED = [
    'select * from "marts"."compliance_violations"',
    "select * from marts.compliance_violations",
    "select * from main.marts.compliance_violations",
    "select * from snapshot.marts.compliance_violations",
    "select * from pii.person_names",
    'select * from "pii"."person_names"',
    "select * from information_schema.tables",
    "select * from read_parquet('/tmp/x.parquet')",
    "select * from read_csv('/etc/passwd')",
    "select * from '/tmp/x.parquet'",
    "select * from query_table('marts.compliance_violations')",
    "select * from query('select * from marts.compliance_violations')",
    "select * from duckdb_tables()",
    "select * from glob('/*')",
    "select bureau_code from compliance_violations where bureau_code in "
    "(select bureau_code from marts.dim_bureau)",
    # a CTE named like a relation would replace the scoped one
    "with compliance_violations as (select * from dim_bureau) select * from compliance_violations",
    'with "Quota_Utilization" as (select 1 as x) select * from dim_bureau',
    # names that are no relation of the reader (a staging view, a raw table)
    "select * from stg_roster__people",
    'select * from "person_keys"',
    "pragma table_info('compliance_violations')",
    "attach '/tmp/other.duckdb' as other",
    "copy (select * from compliance_violations) to '/tmp/out.csv'",
    "select 1 as x; select * from marts.compliance_violations",
    "describe compliance_violations",
    "create table x as select * from compliance_violations",
    "select * from quota_proposal_whatif(300, 0.1, 0.5, 0, 0, 0, 1)",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_refused(wuhua: Scope, sql: str):
    with pytest.raises(db.UnsafeQuery):
        db.read(wuhua, sql)


READS_BUREAUS = [
    "select bureau_code from compliance_violations",
    'select bureau_code from "compliance_violations"',
    'select bureau_code from "Compliance_Violations" v',
    "select bureau_code from (select * from compliance_violations) s",
    "select (select max(bureau_code) from quota_utilization) as bureau_code",
    "select bureau_code from quota_utilization union select bureau_code from dim_bureau "
    "union all select bureau_code from workforce_cost_monthly",
    "with mine as (select * from compliance_violations) select bureau_code from mine",
    "with recursive r(bureau_code, n) as (select bureau_code, 1 from dim_bureau union all "
    "select bureau_code, n + 1 from r where n < 3) select bureau_code from r",
    "select d.bureau_code from dim_bureau d join quota_utilization q using (bureau_code) "
    "where exists (select 1 from compliance_violations c where c.bureau_code = d.bureau_code)",
    "select bureau_code from dim_bureau, range(2) t(i)",
    "select unnest(list(bureau_code)) as bureau_code from dim_bureau",
]


@pytest.mark.parametrize("sql", READS_BUREAUS)
def test_a_county_user_reads_only_its_bureau(wuhua: Scope, sql: str):
    got = db.read(wuhua, sql)
    assert set(got["bureau_code"].drop_nulls()) <= {WUHUA}


def test_quoted_name_is_the_scoped_relation(wuhua: Scope, snapshot: duckdb.DuckDBPyConnection):
    everyone = snapshot.execute("select count(*) from marts.compliance_violations").fetchall()[0][0]
    mine = snapshot.execute(
        "select count(*) from marts.compliance_violations where bureau_code = ?", [WUHUA]
    ).fetchall()[0][0]
    assert mine < everyone
    for name in ("compliance_violations", '"compliance_violations"', '"COMPLIANCE_VIOLATIONS"'):
        assert db.read(wuhua, f"select count(*) as n from {name}")["n"][0] == mine


def test_names_and_other_bureaus_stay_out(wuhua: Scope):
    assert db.read(wuhua, "select * from person_names").is_empty()
    got = db.read(wuhua, "select distinct bureau_code from dim_bureau")
    assert got["bureau_code"].to_list() == [WUHUA]


def test_relations_read_are_reported():
    sql, relations = db._scoped_sql(
        "with x as (select * from quota_utilization) select * from x join dim_bureau using (b)"
    )
    assert relations == ("dim_bureau", "quota_utilization")
    assert "marts.quota_utilization" in sql and "$scope_bureaus" in sql


# ── 2. small cells stay hidden from what is beside them ──────────────────────────────────
def test_cost_per_person_of_a_small_cell_cannot_be_derived(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    small = pl.from_arrow(
        snapshot.sql(
            f"""select bureau_code, month, sum(gross_pay)::double / sum(paid_people) as avg_pay
            from marts.workforce_cost_monthly group by all
            having sum(paid_people) between 1 and {db.MIN_PEOPLE - 1}
            union all
            select bureau_code, month, gross_pay::double / paid_people
            from marts.workforce_cost_monthly
            where paid_people between 1 and {db.MIN_PEOPLE - 1}"""
        ).to_arrow_table()
    )
    assert not small.is_empty(), "the fixture has no small pay cell to hide"
    for user in ("wuhua", "province"):
        scope = _scope(user, snapshot)
        got = db.read(
            scope,
            """select bureau_code, month, category, gross_pay::double as gross_pay,
                total_cost::double as total_cost, employer_insurance::double as ins,
                cost_per_head::double as cost_per_head, paid_people, headcount
            from workforce_cost_monthly""",
        )
        assert got["category"].null_count() == got.height  # categories summed
        shown = got.filter(pl.col("gross_pay").is_not_null())
        # every pay total shown is over at least MIN_PEOPLE people
        assert (shown["paid_people"] >= db.MIN_PEOPLE).all()
        assert (shown["headcount"] >= db.MIN_PEOPLE).all()
        derived = shown.with_columns(avg=pl.col("gross_pay") / pl.col("paid_people"))
        hidden = set(small["avg_pay"].round(2).to_list())
        assert not hidden & set(derived["avg"].round(2).to_list()), user
    auditor = db.read(
        _scope("auditor", snapshot),
        "select count(*) as n from workforce_cost_monthly where paid_people < 5",
    )
    assert auditor["n"][0] > 0  # the auditor sees the cells, by category


def _relation(
    name: str,
    table: str,
    rows: list[dict],
    names: bool = False,
    others: dict[str, list[dict]] | None = None,
) -> pl.DataFrame:
    """The reader's relation `name` over a crafted marts.`table` (and marts.`others`)."""
    con = duckdb.connect()
    con.execute("create schema marts")
    for t, crafted in {table: rows, **(others or {})}.items():
        frame = pl.DataFrame(crafted)  # noqa: F841 (read by DuckDB by name)
        con.execute(f"create table marts.{t} as select * from frame")
    r = db._RELATIONS[name]
    sql = f"select {r.columns} from {r.source}"
    used = {"scope_names": names} if "$scope_names" in sql else {}
    return pl.from_arrow(con.execute(sql, used).to_arrow_table())


def _benchmark_rows(people: dict[str, int]) -> list[dict]:
    return [
        {
            "prefecture_code": "530100",
            "year": 2025,
            "category": c,
            "people": n,
            "avg_annual_gross": 50000.0 + i,
            "avg_monthly_min_wage_pay": 1900.0,
            "ratio_to_local_avg": 0.5,
            "ratio_to_expected_pay": 0.9,
        }
        for i, (c, n) in enumerate(people.items())
    ]


@pytest.mark.parametrize(
    ("people", "hidden"),
    [
        ({"a": 40, "b": 3, "c": 12}, {"b", "c"}),  # one small: the next smallest too
        ({"a": 40, "b": 2, "c": 2, "d": 30}, {"b", "c", "d"}),  # smalls under 5 together
        ({"a": 40, "b": 3, "c": 4, "d": 30}, {"b", "c"}),  # two smalls, 7 people together
        ({"a": 40, "b": 12}, set()),
    ],
)
def test_benchmark_hidden_categories_cannot_be_differenced(
    people: dict[str, int], hidden: set[str]
):
    got = _relation("salary_benchmark", "salary_benchmark", _benchmark_rows(people))
    blank = got.filter(pl.col("avg_annual_gross").is_null())
    assert set(blank["category"]) == hidden
    # the prefecture's total less the shown categories is the hidden ones together: never
    # one category, never fewer than MIN_PEOPLE people
    assert blank.is_empty() or (blank.height >= 2 and blank["people"].sum() >= db.MIN_PEOPLE)
    assert not {"small_cells", "small_people", "size_rank"} & set(got.columns)
    auditor = _relation("salary_benchmark", "salary_benchmark", _benchmark_rows(people), True)
    assert auditor["avg_annual_gross"].null_count() == 0


def test_adjustment_walk_on_a_crafted_grid():
    below = [0, 3, 5, 6, 12, 12, 20, 22]
    rows = [
        {
            "bureau_code": "b",
            "year": 2025,
            "target_pct": 40 + 5 * i,
            "people_below_target": n,
            "pay_gap": 1000.0 * n,
            "employer_insurance": 300.0 * n,
            "adjustment_cost": 1300.0 * n,
        }
        for i, n in enumerate(below)
    ]
    got = _relation("salary_adjustment_cost", "salary_adjustment_cost", rows).sort("target_pct")
    shown = got.filter(pl.col("adjustment_cost").is_not_null())["people_below_target"]
    assert shown.to_list() == [0, 5, 12, 12, 20]
    assert "money_shown" not in got.columns


def test_adjustment_cost_between_targets_gives_no_one_away(
    app_env: Path, snapshot: duckdb.DuckDBPyConnection
):
    for user in ("wuhua", "province"):
        got = db.read(
            _scope(user, snapshot),
            """select bureau_code, year, target_pct, target_annual_pay::double as target,
                people_below_target as n, adjustment_cost::double as cost
            from salary_adjustment_cost order by bureau_code, year, target_pct""",
        )
        for (_, _), grid in got.group_by("bureau_code", "year"):
            shown = grid.filter(pl.col("cost").is_not_null()).sort("target_pct")
            counts = [0, *shown["n"].to_list()]
            assert all(n == 0 or n >= db.MIN_PEOPLE for n in counts)
            # two shown targets differ by 0 or at least MIN_PEOPLE people below them, so the
            # difference of their costs sums the gaps of 0 or of MIN_PEOPLE+ people
            steps = [b - a for a, b in itertools.pairwise(counts)]
            assert all(d == 0 or d >= db.MIN_PEOPLE for d in steps), (user, grid)


# people below each target (40, 45, 50, 55) of bureau: tier, prefecture; a bureau's money is
# shown at [40 45 50 55]: v, p all; k1 40, 55 (2 below at 45 and 50); k2 40, 45 (3 at 50, 55);
# q 40 (3 from 45); k3 40, 55 (2 at 45 and 50); r 40, 45 (9 at 50 and 55: 3 more than at 45)
_TOTALS_GRID = {
    "v": ("province", "530000", [6, 6, 6, 6]),
    "p": ("prefecture", "530100", [10, 10, 10, 10]),
    "k1": ("county", "530100", [0, 2, 2, 8]),
    "k2": ("county", "530100", [0, 0, 3, 3]),
    "q": ("prefecture", "530300", [0, 3, 3, 3]),
    "k3": ("county", "530300", [0, 2, 2, 6]),
    "r": ("prefecture", "530500", [0, 6, 9, 9]),
}


def _rollup_rows(province: str = "530000") -> tuple[list[dict], list[dict]]:
    """Bureau rows of the grid (cost 1,300 a person below) and their sums per prefecture and
    for the province, as dbt's salary_adjustment_rollup adds them; `province` re-codes the
    grid's codes (53 → its first two digits) and bureau names."""
    grid = _TOTALS_GRID
    prefix = province[:2]

    def code_of(code: str) -> str:
        return prefix + code[2:]

    def bureau(name: str) -> str:
        return name if province == "530000" else f"{name}@{province}"

    bureaus = [
        {
            "bureau_code": bureau(code),
            "year": 2025,
            "target_pct": 40 + 5 * i,
            "bureau_tier": tier,
            "province_code": province,
            "prefecture_code": code_of(prefecture),
            "people_below_target": n,
            "pay_gap": 1000.0 * n,
            "employer_insurance": 300.0 * n,
            "adjustment_cost": 1300.0 * n,
        }
        for code, (tier, prefecture, below) in grid.items()
        for i, n in enumerate(below)
    ]
    scopes = {
        ("prefecture", code_of("530100")): {bureau(b) for b in ("p", "k1", "k2")},
        ("prefecture", code_of("530300")): {bureau(b) for b in ("q", "k3")},
        ("prefecture", code_of("530500")): {bureau("r")},
        ("province", province): {bureau(b) for b in grid},
    }
    rollup = [
        {
            "province_code": province,
            "scope_level": level,
            "scope_code": code,
            "prefecture_code": code,
            "year": 2025,
            "target_pct": pct,
            **{
                k: sum(
                    b[k] for b in bureaus if b["bureau_code"] in members and b["target_pct"] == pct
                )
                for k in ("people_below_target", "pay_gap", "employer_insurance", "adjustment_cost")
            },
        }
        for (level, code), members in scopes.items()
        for pct in (40, 45, 50, 55)
    ]
    return bureaus, rollup


def test_adjustment_totals_on_a_crafted_grid():
    """Residuals (people below in the bureaus blanked) at 40 45 50 55, and what they leave
    unknown (each blanked bureau: the fewest people between its count and 0 or a shown
    target's): 530100 k1 + k2 = 0 2 5 3 (unknown 0 2 2+3 3), shown at 40 and 50; 530300 q + k3
    = 0 5 5 3 (unknown 0 5 5 3), shown at 40-50; 530500 r = 0 0 9 9, which passes the walk at
    50 but leaves 9 − 6 (its 45) = 3 unknown: shown at 40, 45. The province's residual is
    0 7 19 15 (unknown 0 7 13 9); the part no other total shows (v shown: the blanked
    prefectures' residuals) 0 2 9 15 (unknown 0 2 3 9): 45 blanked (its total less 530300's
    and the lines shown would give k1's 2 away), 50 blanked (530500's r: 3 unknown), 55 shown
    (15 − 0, 15 − 0, 9 and 9). The province at 55: 6 + 10 + 8 + 3 + 3 + 6 + 9 = 45 below,
    45 x 1,300; at 45 its people below (6 + 10 + 2 + 3 + 2 + 6 = 29) stay beside the blank."""
    bureaus, rollup = _rollup_rows()
    others = {"salary_adjustment_cost": bureaus}
    got = _relation("salary_adjustment_rollup", "salary_adjustment_rollup", rollup, False, others)
    shown = {
        (r["scope_code"], r["target_pct"])
        for r in got.filter(pl.col("adjustment_cost").is_not_null()).iter_rows(named=True)
    }
    assert shown == {
        ("530100", 40),
        ("530100", 50),
        ("530300", 40),
        ("530300", 45),
        ("530300", 50),
        ("530500", 40),
        ("530500", 45),
        ("530000", 40),
        ("530000", 55),
    }
    blank = got.filter(pl.col("adjustment_cost").is_null())
    # 16 totals, 7 blanked: every amount of them
    assert blank["pay_gap"].null_count() == blank["employer_insurance"].null_count() == 7
    assert got.filter(scope_code="530000", target_pct=55)["adjustment_cost"].item() == 1300.0 * 45
    assert got.filter(scope_code="530000", target_pct=45)["people_below_target"].item() == 29
    assert "money_shown" not in got.columns
    auditor = _relation(
        "salary_adjustment_rollup", "salary_adjustment_rollup", rollup, True, others
    )
    assert auditor["adjustment_cost"].null_count() == 0


def _shown_totals(bureaus: list[dict], rollup: list[dict]) -> set[tuple[str, int]]:
    others = {"salary_adjustment_cost": bureaus}
    got = _relation("salary_adjustment_rollup", "salary_adjustment_rollup", rollup, False, others)
    return {
        (r["scope_code"], r["target_pct"])
        for r in got.filter(pl.col("adjustment_cost").is_not_null()).iter_rows(named=True)
    }


def test_adjustment_totals_of_two_provinces_are_each_their_own():
    """A snapshot of two provinces (issue 15): each province's totals are shown exactly as in a
    snapshot of it alone; its residual and the part no other total shows are its own bureaus'.
    宁夏 (640000) has 云南's grid: counted together, 云南's total at 50 would leave 3 + 3 people
    unknown (blanked alone: 530500's r leaves 3) and be shown."""
    yunnan, ningxia = _rollup_rows("530000"), _rollup_rows("640000")
    alone = _shown_totals(*yunnan) | _shown_totals(*ningxia)
    together = _shown_totals(yunnan[0] + ningxia[0], yunnan[1] + ningxia[1])
    assert ("530000", 50) not in together and ("640000", 50) not in together
    assert ("640000", 55) in together and ("640100", 40) in together
    assert together == alone


def test_adjustment_totals_give_no_one_away(app_env: Path, snapshot: duckdb.DuckDBPyConnection):
    """What a user gets: a total shown less the bureau lines shown (the residual) and, for the
    province, less the prefecture totals shown too (the part no other figure shows) has 0 or
    5+ people below the target, any two shown targets of a scope next to each other differ in
    each by 0 or 5+, and taking each blanked bureau's rows shown at other targets off leaves
    0 or 5+ people unknown. The fixture at 45 % has a total blanked (昆明: 五华's 3) and shown
    (曲靖, the province); a county reads no total."""
    assert db.read(_scope("wuhua", snapshot), "select * from salary_adjustment_rollup").is_empty()
    scope = _scope("province", snapshot)
    lines = db.read(
        scope,
        """select bureau_code, prefecture_code, bureau_tier = 'province' as own, target_pct,
            people_below_target as n, adjustment_cost is not null as shown
        from salary_adjustment_cost""",
    )
    totals = db.read(
        scope,
        """select scope_level, scope_code, target_pct, people_below_target as n,
            adjustment_cost is not null as shown
        from salary_adjustment_rollup order by scope_level, scope_code, target_pct""",
    )
    assert totals.filter(~pl.col("shown")).height > 0 and totals.filter("shown").height > 0
    seen = {  # each bureau's counts at the targets its money is shown, and 0
        code: {0, *grid.filter("shown")["n"]} for (code,), grid in lines.group_by("bureau_code")
    }

    def mine(level: str, code: str, pct: int) -> pl.DataFrame:
        at = lines.filter(target_pct=pct)
        return at if level == "province" else at.filter(prefecture_code=code, own=False)

    def residual(level: str, code: str, pct: int) -> int:
        total = totals.filter(scope_level=level, scope_code=code, target_pct=pct)["n"].item()
        return total - int(mine(level, code, pct).filter("shown")["n"].sum())

    def unknown(level: str, code: str, pct: int) -> int:
        blanked = mine(level, code, pct).filter(~pl.col("shown"))
        return sum(
            min(abs(n - m) for m in seen[b])
            for b, n in blanked.select("bureau_code", "n").iter_rows()
        )

    def unseen(level: str, code: str, pct: int) -> int:
        if level == "prefecture":
            return residual(level, code, pct)
        shown = totals.filter(scope_level="prefecture", target_pct=pct, shown=True)
        return residual(level, code, pct) - sum(
            residual("prefecture", c, pct) for c in shown["scope_code"]
        )

    for (level, code), grid in totals.group_by("scope_level", "scope_code"):
        targets = grid.filter("shown")["target_pct"].to_list()
        for part in (residual, unseen):
            counts = [0, *(part(level, code, pct) for pct in targets)]
            assert all(n == 0 or n >= db.MIN_PEOPLE for n in counts), (level, code, counts)
            steps = [abs(b - a) for a, b in itertools.pairwise(counts)]
            assert all(d == 0 or d >= db.MIN_PEOPLE for d in steps), (level, code, counts)
        left = [unknown(level, code, pct) for pct in targets]
        assert all(n == 0 or n >= db.MIN_PEOPLE for n in left), (level, code, left)


def test_budget_of_a_small_bureau_hides_its_pay(app_env: Path):
    hidden = db._blanked(db._BUDGET_MONEY, db._BUDGET_HIDDEN)
    assert "base_monthly_gross" in hidden and "contribution_base" in hidden
    assert db._RELATIONS["budget_projection_whatif"].columns == hidden


# ── 3. exports do not run formulas ─────────────────────────────────────────────────────────
DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_csv_cells_are_neutralised():
    df = pl.DataFrame({"说明": [*DANGEROUS, "普通", None], "n": [-1, 2, 3, 4, 5, 6, 7, 8]})
    text = export.to_csv(df).decode("utf-8-sig")
    got = pl.read_csv(io.StringIO(text))
    assert got["说明"].to_list()[: len(DANGEROUS)] == ["'" + v for v in DANGEROUS]
    assert got["说明"].to_list()[-2:] == ["普通", None]
    assert got["n"].to_list() == [-1, 2, 3, 4, 5, 6, 7, 8]  # numbers stay numbers


def test_xlsx_writes_strings_as_strings():
    # (a carriage return is stored as _x000D_, which openpyxl does not decode)
    df = pl.DataFrame({"说明": [*DANGEROUS[:-1], "http://example.invalid", "0123"]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(df)))
    cells = [c for c in book["数据"]["A"]][1:]
    assert [c.value for c in cells] == df["说明"].to_list()
    assert all(c.data_type == "s" for c in cells)
    assert not any(c.hyperlink for c in cells)
