"""The national simulation's reference data (reference/) and the generator for a province
other than the demo one: the vendored GB/T 2260 list, the 2020 census, 宁夏's and 青海's
reference figures, and 宁夏 (640000) generated end to end, re-checked by the oracle of
test_synthetic.py. Yunnan's default output is pinned to the bytes it had before provinces.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from dagster_project.identity import parse_id_number
from dagster_project.settings import PROJECT_ROOT
from dagster_project.synthetic import generate
from dagster_project.synthetic.__main__ import main
from dagster_project.synthetic.divisions import load_census, load_divisions
from tests.unit.test_synthetic import SEEDS, _quarantine, oracle, read_source

REFERENCE = PROJECT_ROOT / "reference" / "provinces"
NINGXIA = REFERENCE / "640000"
SCALE = 0.2
# 6,000 auxiliaries at scale 1.0 in 云南 (47,209,277 people), so 宁夏 (7,202,654):
# 6000 x 7202654 / 47209277 = 915.4 -> 915, times SCALE 0.2 = 183 in service.
NINGXIA_IN_SERVICE = 183


@pytest.fixture(scope="module")
def divisions() -> pl.DataFrame:
    return load_divisions()


@pytest.fixture(scope="module")
def ningxia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ningxia")
    generate(out, seed=5, scale=SCALE, months=13, end_month="2026-10", province="640000")
    return out


# ---------------------------------------------------------------- the vendored list


def test_the_list_has_31_provinces_and_every_division_a_parent(divisions: pl.DataFrame) -> None:
    levels = dict(divisions.group_by("level").len().iter_rows())
    assert levels == {"province": 31, "prefecture": 342, "county": 2978}
    assert divisions.select("admin_code", "level").is_unique().all()
    # prefecture-level cities without counties (不设区的地级市) are their own county row
    twice = divisions.filter(pl.col("admin_code").is_duplicated())
    assert sorted(set(twice["name"])) == ["东莞市", "中山市", "儋州市"]
    assert divisions["admin_code"].str.contains(r"^\d{6}$").all()
    codes = {lvl: set(g["admin_code"]) for (lvl,), g in divisions.group_by("level")}
    parents = {lvl: set(g["parent_code"]) for (lvl,), g in divisions.group_by("level")}
    assert parents["county"] <= codes["prefecture"]
    assert parents["prefecture"] <= codes["province"]
    assert parents["province"] == {None}
    # every parent holds its children's code prefix
    child = divisions.filter(pl.col("level") != "province")
    assert (child["admin_code"].str.slice(0, 2) == child["parent_code"].str.slice(0, 2)).all()


@pytest.mark.parametrize(
    ("code", "name", "level", "parent"),
    [
        ("640000", "宁夏回族自治区", "province", None),
        ("640100", "银川市", "prefecture", "640000"),
        ("640104", "兴庆区", "county", "640100"),
        ("630000", "青海省", "province", None),
        ("632857", "大柴旦行政委员会", "county", "632800"),
        ("530102", "五华区", "county", "530100"),
        ("532302", "禄丰市", "county", "532300"),
        ("110101", "东城区", "county", "110100"),
        ("654004", "霍尔果斯市", "county", "654000"),
    ],
)
def test_hand_checked_rows(
    divisions: pl.DataFrame, code: str, name: str, level: str, parent: str | None
) -> None:
    row = divisions.filter(pl.col("admin_code") == code).row(0, named=True)
    assert (row["name"], row["level"], row["parent_code"]) == (name, level, parent)


def test_counts_of_the_simulated_provinces(divisions: pl.DataFrame) -> None:
    """宁夏: 5 prefectures, 22 counties; 青海: 8 and 45 (44 + 大柴旦); 云南: 16 and 129."""

    def count(prefix: str, level: str) -> int:
        return divisions.filter(
            pl.col("admin_code").str.starts_with(prefix) & (pl.col("level") == level)
        ).height

    assert [count("64", "prefecture"), count("64", "county")] == [5, 22]
    assert [count("63", "prefecture"), count("63", "county")] == [8, 45]
    assert [count("53", "prefecture"), count("53", "county")] == [16, 129]


def test_yunnan_in_the_list_is_the_seed(divisions: pl.DataFrame) -> None:
    """The demo province's seed (an independent, earlier copy) has the same codes and names."""
    seed = pl.read_csv(SEEDS / "ref_divisions.csv", infer_schema=False).filter(
        pl.col("admin_code").str.starts_with("53")  # the seed may hold other provinces too
    )
    listed = divisions.filter(pl.col("admin_code").str.starts_with("53"))
    assert set(zip(seed["admin_code"], seed["name"], strict=True)) == set(
        zip(listed["admin_code"], listed["name"], strict=True)
    )


def test_functional_zones_are_flagged(divisions: pl.DataFrame) -> None:
    zones = dict(zip(divisions["admin_code"], divisions["functional_zone"], strict=True))
    assert zones["130171"]  # 石家庄高新技术产业开发区
    assert not zones["530102"] and not zones["632857"] and not zones["130181"]
    assert not any(v for k, v in zones.items() if k.startswith(("53", "63", "64")))


# ---------------------------------------------------------------- the census


def test_census_has_31_provinces_summing_to_the_bulletin() -> None:
    census = load_census()
    assert census.height == 31
    assert set(census["province_code"]) == set(
        load_divisions().filter(pl.col("level") == "province")["admin_code"]
    )
    pop = dict(census.select("province_code", "population").iter_rows())
    assert pop["530000"] == 47_209_277
    assert pop["640000"] == 7_202_654
    assert pop["630000"] == 5_923_957
    assert pop["440000"] == 126_012_510
    assert pop["540000"] == 3_648_100
    # the bulletin's 1,411,778,724 counts 2,000,000 active-duty military besides the provinces
    assert sum(pop.values()) == 1_409_778_724
    assert sum(pop.values()) + 2_000_000 == 1_411_778_724


# ---------------------------------------------------------------- the provinces' figures


@pytest.mark.parametrize("province", ["640000", "630000"])
@pytest.mark.parametrize(
    "seed", ["ref_divisions", "ref_average_wage", "ref_min_wage", "ref_min_wage_class"]
)
def test_province_files_have_the_seed_columns(province: str, seed: str) -> None:
    mine = pl.read_csv(REFERENCE / province / f"{seed}.csv", infer_schema=False)
    seed_columns = pl.read_csv(SEEDS / f"{seed}.csv", n_rows=1).columns
    # province_code: ref_min_wage names the province whose standard a row is (the other
    # files' codes hold it); the seeds gain it as they take more than one province
    assert [c for c in mine.columns if c != "province_code"] == [
        c for c in seed_columns if c != "province_code"
    ]
    if seed == "ref_min_wage":
        assert mine.columns[0] == "province_code" and set(mine["province_code"]) == {province}
    assert mine["source"].is_not_null().all()
    estimate = mine["source"].str.contains("estimate")
    assert (estimate == (mine["is_estimate"] == "true")).all(), seed


@pytest.mark.parametrize("province", ["640000", "630000"])
def test_province_divisions_are_the_list_with_census_sums(
    divisions: pl.DataFrame, province: str
) -> None:
    mine = pl.read_csv(
        REFERENCE / province / "ref_divisions.csv",
        schema_overrides={"admin_code": pl.String, "parent_code": pl.String},
    )
    listed = divisions.filter(pl.col("admin_code").str.starts_with(province[:2]))
    key = ["admin_code", "name", "level", "parent_code"]
    assert set(mine.select(key).iter_rows()) == set(listed.select(key).iter_rows())
    census = dict(load_census().select("province_code", "population").iter_rows())
    assert mine.filter(pl.col("level") == "province")["population"].item() == census[province]
    prefectures = mine.filter(pl.col("level") == "prefecture")
    assert prefectures["population"].sum() == census[province]
    counties = mine.filter(pl.col("level") == "county")
    sums = dict(counties.group_by("parent_code").agg(pl.col("population").sum()).iter_rows())
    assert sums == dict(prefectures.select("admin_code", "population").iter_rows())
    # published county figures (the county tabulation), never an even split
    assert not mine["is_estimate"].any()
    spread = counties.group_by("parent_code").agg(pl.col("population").n_unique(), pl.len())
    assert (spread["population"] == spread["len"]).all()


@pytest.mark.parametrize(
    ("code", "population"),
    [("630100", 2_467_965), ("632857", 16_287), ("640100", 2_859_074), ("640104", 808_282)],
)
def test_hand_checked_populations(code: str, population: int) -> None:
    folder = REFERENCE / f"{code[:2]}0000"
    mine = pl.read_csv(folder / "ref_divisions.csv", schema_overrides={"admin_code": pl.String})
    assert dict(mine.select("admin_code", "population").iter_rows())[code] == population


def test_ningxia_hand_checked_figures() -> None:
    wage = pl.read_csv(NINGXIA / "ref_average_wage.csv", schema_overrides={"prefecture_code": str})
    by_key = {(c, y): w for c, y, w in wage.select(wage.columns[:3]).iter_rows()}
    assert by_key[("640000", 2022)] == 118_614
    assert by_key[("640100", 2023)] == 128_668
    # estimate: 118,614 / 1.084 = 109,422.5 -> 109,423
    assert by_key[("640000", 2021)] == 109_423
    classes = pl.read_csv(NINGXIA / "ref_min_wage_class.csv", schema_overrides={"admin_code": str})
    cls = dict(classes.select("admin_code", "wage_class").iter_rows())
    assert (cls["640104"], cls["640121"], cls["640422"]) == (1, 2, 3)  # 兴庆区, 永宁县, 西吉县


def test_qinghai_wage_is_its_published_figure_in_post() -> None:
    """2021: 109,346 (non-private, published) x 118,614 / 114,631 = 113,145.4 -> 113,145."""
    wage = pl.read_csv(REFERENCE / "630000" / "ref_average_wage.csv", infer_schema=False)
    row = wage.filter((pl.col("prefecture_code") == "630000") & (pl.col("year") == "2021"))
    assert row["avg_annual_wage"].item() == "113145"


@pytest.mark.parametrize(("province", "classes"), [("640000", {1, 2, 3}), ("630000", {1})])
def test_every_division_has_a_class_and_a_minimum_wage_in_force(
    province: str, classes: set[int]
) -> None:
    """宁夏 has three classes; 青海 one standard for the whole province."""
    folder = REFERENCE / province
    codes = set(pl.read_csv(folder / "ref_divisions.csv", infer_schema=False)["admin_code"])
    wage_class = pl.read_csv(folder / "ref_min_wage_class.csv", infer_schema=False)
    assert set(wage_class["admin_code"]) == codes
    assert set(wage_class["wage_class"].cast(pl.Int64)) == classes
    wages = pl.read_csv(folder / "ref_min_wage.csv", try_parse_dates=True)
    assert set(wages["wage_class"]) == classes
    for c in classes:
        since = wages.filter(pl.col("wage_class") == c)["valid_from"]
        assert since.min() <= date(2021, 1, 1), c
    # below the generator's clean base pay (2,300 yuan), as the seeds' minimum is
    assert wages["monthly_amount"].max() < 2300


@pytest.mark.parametrize("province", ["640000", "630000"])
def test_average_wage_covers_every_prefecture_and_mart_year(province: str) -> None:
    folder = REFERENCE / province
    divs = pl.read_csv(folder / "ref_divisions.csv", infer_schema=False)
    wage = pl.read_csv(folder / "ref_average_wage.csv", infer_schema=False)
    have = set(wage.select("prefecture_code", "year").iter_rows())
    prefectures = divs.filter(pl.col("level") == "prefecture")["admin_code"]
    assert {(p, str(y)) for p in prefectures for y in range(2021, 2025)} <= have
    assert {(province, str(y)) for y in range(2020, 2025)} <= have


# ---------------------------------------------------------------- generating 宁夏


def test_ningxia_units_are_its_real_divisions(ningxia: Path, divisions: pl.DataFrame) -> None:
    units = read_source(ningxia, "org_units")
    real = set(divisions.filter(pl.col("admin_code").str.starts_with("64"))["admin_code"])
    assert set(units["admin_code"]) <= real
    assert set(units["admin_code"]) == real  # the province, 5 prefectures, 22 counties
    bureaus = units.filter(pl.col("unit_code").str.ends_with("000000"))
    listed = divisions.filter(pl.col("admin_code").str.starts_with("64"))
    assert bureaus.height == 1 + 5 + 22 == listed.height
    assert set(bureaus["admin_code"]) == set(listed["admin_code"])
    top = units.filter(pl.col("parent_code").is_null())
    assert top.select("unit_code", "unit_name").row(0) == ("640000000000", "宁夏回族自治区公安厅")
    quotas = read_source(ningxia, "quotas").filter(pl.col("unit_code") == "640000000000")
    assert set(quotas["approved_by"]) == {
        "宁夏回族自治区党委机构编制委员会办公室、宁夏回族自治区财政厅"
    }


def test_ningxia_workforce_follows_its_census_population(ningxia: Path) -> None:
    roster = read_source(ningxia, "roster").filter(pl.col("status") != "separated")
    per_month = roster.group_by("snapshot_month").len()["len"]
    assert 0.8 * NINGXIA_IN_SERVICE <= per_month.mean() <= 1.3 * NINGXIA_IN_SERVICE
    files = {p.name for p in (ningxia / "roster").iterdir()}
    assert "roster_640100_2026-10.csv" in files and "roster_640500_2026-10.csv" in files


def test_ningxia_delivers_the_demo_provinces_mix_of_formats(ningxia: Path) -> None:
    """Prefectures by rank: 640200 as 曲靖 530300 (UTF-8 with BOM), 640400 as 保山 530500
    (GB18030, Chinese headers), 640100 as 昆明 530100 (plain UTF-8)."""
    raw = {
        p: (ningxia / "roster" / f"roster_{p}_2026-10.csv").read_bytes()
        for p in ("640100", "640200", "640400")
    }
    assert raw["640200"].startswith(b"\xef\xbb\xbf")
    assert raw["640400"].decode("gb18030").startswith("统计月份,身份证号")
    with pytest.raises(UnicodeDecodeError):
        raw["640400"].decode("utf-8")
    assert raw["640100"].decode("utf-8").startswith("snapshot_month,")


def test_ningxia_ids_are_valid_with_its_codes(ningxia: Path, divisions: pl.DataFrame) -> None:
    manifest = json.loads((ningxia / "_truth" / "manifest.json").read_text(encoding="utf-8"))
    bad = {(q["file"], q["row"]) for q in manifest["quarantine"] if q["rule"] == "id_checksum"}
    counties = set(divisions.filter(pl.col("admin_code").str.starts_with("64"))["admin_code"])
    roster = read_source(ningxia, "roster")
    for number, born, gender, name, f, r in roster.select(
        "id_number", "birth_date", "gender", "name", "_file", "_row"
    ).iter_rows():
        assert number.startswith("64"), number
        assert number[:6] in counties, number  # a county, or 640000 for the planted fakes
        assert 2 <= len(name) <= 3, name
        if (f, r) not in bad:
            assert parse_id_number(number) == (born, gender), number


def test_oracle_finds_exactly_ningxias_manifest(ningxia: Path) -> None:
    from dagster_project.contract import SOURCES

    manifest = json.loads((ningxia / "_truth" / "manifest.json").read_text(encoding="utf-8"))
    data = {source: read_source(ningxia, source) for source in SOURCES}
    good, quarantined = _quarantine(data)
    assert quarantined == {
        (q["source"], q["file"], q["row"], q["column"], q["rule"]) for q in manifest["quarantine"]
    }
    found = oracle(good, NINGXIA, "640000")
    keys = ("rule_id", "id_number", "incident_id", "unit_code", "period", "detail")
    truth = {tuple(v[k] for k in keys) for v in manifest["violations"]}
    assert found - truth == set(), sorted(found - truth)[:10]
    assert truth - found == set(), sorted(truth - found)[:10]


def test_oracle_finds_exactly_qinghais_manifest(tmp_path: Path) -> None:
    """青海 at the scale where every rule is planted (docs/scaling.md)."""
    from dagster_project.contract import SOURCES

    generate(tmp_path, seed=2, scale=0.3, months=13, end_month="2026-10", province="630000")
    manifest = json.loads((tmp_path / "_truth" / "manifest.json").read_text(encoding="utf-8"))
    good, _ = _quarantine({source: read_source(tmp_path, source) for source in SOURCES})
    keys = ("rule_id", "id_number", "incident_id", "unit_code", "period", "detail")
    truth = {tuple(v[k] for k in keys) for v in manifest["violations"]}
    assert oracle(good, REFERENCE / "630000", "630000") == truth


# ---------------------------------------------------------------- command line, Yunnan


def _digest(folder: Path) -> str:
    lines = [
        f"{p.relative_to(folder).as_posix()} {hashlib.sha256(p.read_bytes()).hexdigest()}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_provinces_give_one_landing_root_each(tmp_path: Path) -> None:
    argv = ["--provinces", "640000,630000", "--out", str(tmp_path), "--seed", "3"]
    main([*argv, "--scale", "0.02", "--months", "2", "--end-month", "2026-10"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["630000", "640000"]
    for code in ("640000", "630000"):
        landing = tmp_path / code / "landing"
        assert (landing / "_truth" / "manifest.json").exists()
        units = read_source(landing, "org_units")
        assert units["admin_code"].str.starts_with(code[:2]).all()
    direct = tmp_path / "direct"
    generate(direct, seed=3, scale=0.02, months=2, end_month="2026-10", province="640000")
    assert _digest(direct) == _digest(tmp_path / "640000" / "landing")


def test_unknown_province_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no reference figures for province 110000"):
        generate(tmp_path, seed=1, scale=0.02, months=1, end_month="2026-10", province="110000")


def test_yunnan_default_output_is_unchanged(tmp_path: Path) -> None:
    """Digest of every file of this run, taken with the generator as it was before provinces
    (commit 92973e6): the demo province's bytes, truth included, must not move."""
    generate(tmp_path, seed=11, scale=0.02, months=13, end_month="2026-10")
    assert _digest(tmp_path) == "7affd71edb8a0adfc678231e726bc549c74f7a5d7895db6b7f5204ef327d5911"
