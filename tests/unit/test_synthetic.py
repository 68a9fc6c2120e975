"""The synthetic generator: determinism, contract conformance, and an independent oracle that
re-reads every landing file, applies the quarantine and the 18 rules exactly as
docs/rules-interpretation.md reads them, and must find the manifest's truth (no more, no less).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from dagster_project.contract import EDUCATION_RANK, FORBIDDEN_TASKS, PAY_PARTS, SOURCES
from dagster_project.identity import parse_id_number
from dagster_project.settings import PROJECT_ROOT
from dagster_project.synthetic import ViolationRates, generate
from dagster_project.synthetic.manifest import QUARANTINE_RULES, RULE_IDS

SCALE = 0.05
SEEDS = PROJECT_ROOT / "dbt" / "seeds"
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日")
_MONEY_COLUMNS = {c.name for s in SOURCES.values() for c in s.columns if c.type == "money"}


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("landing")
    generate(out, seed=7, scale=SCALE, months=24, end_month="2026-10")
    return out


@pytest.fixture(scope="module")
def manifest(landing: Path) -> dict:
    return json.loads((landing / "_truth" / "manifest.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- reading the files back


def _decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding) the way the contract allows: UTF-8 (BOM or not), else GB18030."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


def _read_raw(path: Path) -> pl.DataFrame:
    """Every cell as text, headers and enum labels translated to English codes."""
    source = SOURCES[path.parent.name]
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
    elif path.suffix == ".xlsx":
        frame = pl.read_excel(path, infer_schema_length=0)
    else:
        text, _ = _decode(path.read_bytes())
        frame = pl.read_csv(text.encode(), infer_schema=False)
    frame = frame.rename(source.header_aliases, strict=False)
    labels = {}
    for col in source.columns:
        if col.enum is not None and col.name in frame.columns:
            labels[col.name] = {zh: code for code, zh in col.enum.items()}
    return frame.with_columns(
        pl.col(name).cast(pl.String).replace(mapping) for name, mapping in labels.items()
    ).with_columns(pl.all().cast(pl.String))


def _typed(frame: pl.DataFrame, source: str) -> pl.DataFrame:
    exprs = []
    for col in SOURCES[source].columns:
        c = pl.col(col.name)
        if col.type == "date":
            c = pl.coalesce(
                [
                    c.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
                    *(c.str.to_date(f, strict=False) for f in _DATE_FORMATS[1:]),
                ]
            )
        elif col.type == "money":
            c = (c.cast(pl.Float64) * 100).round().cast(pl.Int64)
        elif col.type == "number":
            c = c.cast(pl.Float64)
        elif col.type == "int":
            c = c.cast(pl.Float64).cast(pl.Int64)
        elif col.type == "bool":
            c = c.str.to_lowercase() == "true"
        elif col.type == "timestamp":
            c = c.str.to_datetime(strict=False)
        exprs.append(c.alias(col.name))
    return frame.select(exprs)


def _files(landing: Path, source: str) -> Iterator[Path]:
    return iter(sorted((landing / source).iterdir()))


def read_source(landing: Path, source: str) -> pl.DataFrame:
    """All files of a source, typed, with `_file` and `_row` lineage (the sheet row: the
    header is row 1, as the manifest and ingestion number rows)."""
    frames = [
        _typed(_read_raw(p), source).with_columns(
            _file=pl.lit(p.name), _row=pl.int_range(2, pl.len() + 2)
        )
        for p in _files(landing, source)
    ]
    return pl.concat(frames, how="vertical_relaxed")


# ---------------------------------------------------------------- the oracle


def _quarantine(data: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], set[tuple]]:
    """Drop bad rows as the ingestion must, returning (good data, quarantine keys)."""
    bad: set[tuple] = set()

    def flag(source: str, frame: pl.DataFrame, mask: pl.Expr, column: str, rule: str) -> None:
        for f, r in frame.filter(mask).select("_file", "_row").iter_rows():
            bad.add((source, f, r, column, rule))

    def valid_id(col: str) -> pl.Expr:
        return pl.col(col).map_elements(
            lambda v: not isinstance(parse_id_number(v), str), return_dtype=pl.Boolean
        )

    units = set(data["org_units"]["unit_code"])
    roster = data["roster"]
    flag("roster", roster, ~valid_id("id_number"), "id_number", "id_checksum")
    flag(
        "roster",
        roster,
        valid_id("id_number") & ~pl.col("unit_code").is_in(units),
        "unit_code",
        "unknown_unit",
    )
    roster = roster.filter(valid_id("id_number") & pl.col("unit_code").is_in(units))

    pay = data["payroll"]
    parts = pl.sum_horizontal(*PAY_PARTS)
    money = [c for c in pay.columns if c in _MONEY_COLUMNS]
    negative = pl.any_horizontal((pl.col(c) < 0).fill_null(False) for c in money)
    for c in money:
        flag("payroll", pay, pl.col(c) < 0, c, "negative_value")
    flag(
        "payroll",
        pay,
        ~negative & ((pl.col("gross_pay") - parts).abs() > 1),
        "gross_pay",
        "gross_mismatch",
    )
    on_roster = roster.select(
        pl.col("snapshot_month").alias("pay_month"), "id_number", pl.lit(True).alias("_on")
    )
    pay = pay.join(on_roster, on=["pay_month", "id_number"], how="left")
    flag("payroll", pay, pl.col("_on").is_null(), "id_number", "not_on_roster")
    pay = pay.filter(
        ~negative & ((pl.col("gross_pay") - parts).abs() <= 1) & pl.col("_on").is_not_null()
    ).drop("_on")

    hr = data["hr_records"]
    key = ["id_number", "record_type", "record_date", "value"]
    dup = pl.int_range(pl.len()).over(key) > 0
    flag("hr_records", hr, dup, ",".join(key), "duplicate_key")
    hr = hr.filter(~dup)
    return {**data, "roster": roster, "payroll": pay, "hr_records": hr}, bad


def _month(col: str) -> pl.Expr:
    return pl.col(col).str.to_date("%Y-%m")


def oracle(
    data: dict[str, pl.DataFrame], wage_dir: Path = SEEDS, province: str = "530000"
) -> set[tuple]:
    """Findings as (rule_id, id_number, incident_id, unit_code, period, detail); the minimum
    wage and its classes from `wage_dir` (a simulated province's reference folder)."""
    out: set[tuple] = set()

    def add(
        rule: str,
        frame: pl.DataFrame,
        id_col: str | None,
        inc_col: str | None,
        unit_col: str,
        period: pl.Expr,
        detail: pl.Expr | None = None,
    ) -> None:
        sel = frame.select(
            (pl.col(id_col) if id_col else pl.lit(None, pl.String)).alias("id"),
            (pl.col(inc_col) if inc_col else pl.lit(None, pl.String)).alias("incident"),
            pl.col(unit_col).alias("unit"),
            period.alias("period"),
            (detail if detail is not None else pl.lit(None, pl.String)).alias("detail"),
        )
        out.update((rule, *row) for row in sel.unique().iter_rows())

    units = data["org_units"]
    roster = data["roster"].with_columns(month=_month("snapshot_month"))
    roster = roster.with_columns(month_end=pl.col("month").dt.month_end())
    as_of = roster["month_end"].max()
    first_month = roster["month"].min()
    latest = roster.sort("month").group_by("id_number").last()
    ym = pl.col("month").dt.strftime("%Y-%m")
    in_service = roster.filter(
        pl.col("status").is_in(["active", "suspended"]) & (pl.col("hire_date") <= pl.col("month"))
    )

    # A6: owning bureau, headcount on the year's latest roster month.
    bureau = units.join(
        units.select(pl.col("unit_code").alias("parent_code"), pl.col("tier").alias("parent_tier")),
        on="parent_code",
        how="left",
    ).select(
        "unit_code",
        pl.when(pl.col("tier") == "station")
        .then(pl.col("parent_code"))
        .otherwise(pl.col("unit_code"))
        .alias("bureau_code"),
    )
    last = roster.group_by(pl.col("month").dt.year().alias("year")).agg(pl.col("month").max())
    head = (
        roster.join(last, on="month")
        .filter(pl.col("status") != "separated")
        .join(bureau, on="unit_code")
        .group_by("bureau_code", "year", "category")
        .len("hc")
    )
    quotas = data["quotas"].select(
        pl.col("unit_code").alias("bureau_code"), "year", "category", "approved"
    )
    over = head.join(quotas, on=["bureau_code", "year", "category"], how="left").filter(
        pl.col("hc") > pl.col("approved").fill_null(0)
    )
    add(
        "A6_OVER_QUOTA",
        over,
        None,
        None,
        "bureau_code",
        pl.col("year").cast(pl.String),
        pl.col("category"),
    )

    # Incident rules.
    incidents = data["incidents"].with_columns(
        pl.col("reported_at").dt.strftime("%Y-%m").alias("period"),
        pl.col("reported_at").dt.truncate("1mo").dt.date().alias("month"),
    )
    staff = data["incident_staff"].join(incidents, on="incident_id")
    aux = staff.filter(pl.col("staff_type") == "auxiliary")
    counts = staff.group_by("incident_id").agg(
        (pl.col("staff_type") == "auxiliary").sum().alias("n_aux"),
        (pl.col("staff_type") == "police").sum().alias("n_police"),
    )
    unled = incidents.join(counts, on="incident_id").filter(
        pl.col("enforcement") & (pl.col("n_aux") > 0) & (pl.col("n_police") == 0)
    )
    add("A8_UNLED_ENFORCEMENT", unled, None, "incident_id", "unit_code", pl.col("period"))
    add(
        "A19_UNRECORDED_ENFORCEMENT",
        aux.filter(pl.col("enforcement") & ~pl.col("recorded")),
        "staff_id",
        "incident_id",
        "unit_code",
        pl.col("period"),
    )
    add(
        "A20_FORBIDDEN_TASK",
        aux.filter(pl.col("task").is_in(list(FORBIDDEN_TASKS))),
        "staff_id",
        "incident_id",
        "unit_code",
        pl.col("period"),
    )
    suspended = aux.join(
        roster.select(pl.col("id_number").alias("staff_id"), "month", "status"),
        on=["staff_id", "month"],
    ).filter(pl.col("status") == "suspended")
    add(
        "A32_DUTY_WHILE_SUSPENDED",
        suspended,
        "staff_id",
        "incident_id",
        "unit_code",
        pl.col("period"),
    )

    # Person-grain rules on the latest roster row.
    hire_month = pl.col("hire_date").dt.strftime("%Y-%m")
    add(
        "A13_UNDERAGE_AT_HIRE",
        latest.filter(pl.col("birth_date").dt.offset_by("18y") > pl.col("hire_date")),
        "id_number",
        None,
        "unit_code",
        hire_month,
    )
    rank = pl.col("education").replace_strict(EDUCATION_RANK, return_dtype=pl.Int64)
    below = ((pl.col("category") == "duty") & (rank < 2)) | (
        (pl.col("category") == "civilian") & (rank < 3)
    )
    add(
        "A13_EDUCATION_BELOW_REQUIREMENT",
        latest.filter(below & ~pl.col("relaxed_by_notice")),
        "id_number",
        None,
        "unit_code",
        hire_month,
    )
    add(
        "A15_DISQUALIFIED_HIRE",
        latest.filter(pl.col("background_check").str.contains("^(fail|不通过)")),
        "id_number",
        None,
        "unit_code",
        hire_month,
    )

    hr = data["hr_records"]
    first_incident = aux.group_by(pl.col("staff_id").alias("id_number")).agg(
        pl.col("reported_at").min().dt.date().alias("first_incident")
    )
    # hired before the first roster month and no incident in the data: any record will do
    trained = latest.join(first_incident, on="id_number", how="left").with_columns(
        limit=pl.when((pl.col("hire_date") < first_month) & pl.col("first_incident").is_null())
        .then(pl.date(9999, 12, 31))
        .otherwise(pl.max_horizontal(pl.col("first_incident"), pl.col("hire_date").dt.month_end()))
    )
    ok = trained.join(
        hr.filter(pl.col("record_type") == "pre_service_training"), on="id_number"
    ).filter(pl.col("record_date") <= pl.col("limit"))
    add(
        "A27_NO_PRESERVICE_TRAINING",
        trained.join(ok.select("id_number").unique(), on="id_number", how="anti"),
        "id_number",
        None,
        "unit_code",
        hire_month,
    )

    seps = latest.filter(
        (pl.col("status") == "separated") & (pl.col("status_since").dt.offset_by("30d") <= as_of)
    )
    returned = seps.join(
        hr.filter((pl.col("record_type") == "equipment_return") & (pl.col("value") == "returned")),
        on="id_number",
    ).filter(
        pl.col("record_date").is_between(
            pl.col("status_since"), pl.col("status_since").dt.offset_by("30d")
        )
    )
    add(
        "A29_EQUIPMENT_NOT_RETURNED",
        seps.join(returned.select("id_number").unique(), on="id_number", how="anti"),
        "id_number",
        None,
        "unit_code",
        pl.col("status_since").dt.strftime("%Y-%m"),
    )

    # Year rules on closed years.
    months = roster.select("month").unique()
    closed = [
        y
        for y, n in months.group_by(pl.col("month").dt.year()).len().iter_rows()
        if n == 12 and as_of >= date(y + 1, 3, 31)
    ]
    full_year = (
        in_service.filter(pl.col("month").dt.year().is_in(closed))
        .group_by("id_number", pl.col("month").dt.year().alias("year"))
        .agg(pl.len().alias("n"), pl.col("unit_code").last())
        .filter(pl.col("n") == 12)
    )
    assessed = full_year.join(
        hr.filter(pl.col("record_type") == "assessment"), on="id_number"
    ).filter(
        pl.col("record_date").is_between(
            pl.date(pl.col("year"), 1, 1), pl.date(pl.col("year") + 1, 3, 31)
        )
    )
    add(
        "A28_NO_ANNUAL_ASSESSMENT",
        full_year.join(
            assessed.select("id_number", "year").unique(), on=["id_number", "year"], how="anti"
        ),
        "id_number",
        None,
        "unit_code",
        pl.col("year").cast(pl.String),
    )
    examined = full_year.join(
        hr.filter(pl.col("record_type") == "physical_exam"), on="id_number"
    ).filter(pl.col("record_date").dt.year() == pl.col("year"))
    add(
        "A35_NO_PHYSICAL_EXAM",
        full_year.join(
            examined.select("id_number", "year").unique(), on=["id_number", "year"], how="anti"
        ),
        "id_number",
        None,
        "unit_code",
        pl.col("year").cast(pl.String),
    )

    # Person-month rules.
    no_contract = (
        pl.col("contract_start").is_null()
        | (pl.col("month_end") < pl.col("contract_start"))
        | (pl.col("contract_end").is_not_null() & (pl.col("month_end") > pl.col("contract_end")))
    )
    add("A16_NO_VALID_CONTRACT", in_service.filter(no_contract), "id_number", None, "unit_code", ym)

    wage_class = pl.read_csv(
        wage_dir / "ref_min_wage_class.csv", schema_overrides={"admin_code": pl.String}
    )
    min_wage = pl.read_csv(
        wage_dir / "ref_min_wage.csv", try_parse_dates=True, schema_overrides={"province_code": str}
    ).sort("valid_from")
    if "province_code" in min_wage.columns:  # seeds holding several provinces' standards
        min_wage = min_wage.filter(pl.col("province_code") == province)
    rates = pl.read_csv(SEEDS / "ref_insurance_rates.csv")
    pm = (
        in_service.join(units.select("unit_code", "admin_code"), on="unit_code")
        .join(wage_class.select("admin_code", "wage_class"), on="admin_code")
        .sort("month")
        .join_asof(
            min_wage.select(
                "wage_class",
                pl.col("valid_from").alias("month"),
                (pl.col("monthly_amount") * 100).cast(pl.Int64).alias("minw"),
            ),
            on="month",
            by="wage_class",
            strategy="backward",
            check_sortedness=False,  # both sides are sorted by month above
        )
        .with_columns(year=pl.col("month").dt.year())
    )
    paid = pm.join(
        data["payroll"].with_columns(month=_month("pay_month")),
        on=["id_number", "month"],
        how="left",
        suffix="_pay",
    )
    has_pay = pl.col("gross_pay").is_not_null()
    base_parts = pl.sum_horizontal(
        "base_pay", "level_pay", "post_allowance", "performance_pay", "other_pay"
    )
    add(
        "A33_BELOW_MIN_WAGE",
        paid.filter(has_pay & (base_parts < pl.col("minw"))),
        "id_number",
        None,
        "unit_code",
        ym,
    )
    floor = rates.group_by("year").agg((pl.col("base_floor").first() * 100).alias("floor"))
    add(
        "A34_BASE_BELOW_FLOOR",
        paid.join(floor, on="year").filter(
            has_pay & (pl.col("contribution_base") < pl.col("floor"))
        ),
        "id_number",
        None,
        "unit_code",
        ym,
    )
    merged = set(rates.filter(pl.col("merged_into_medical"))["year"])
    for kind in ("pension", "medical", "maternity", "unemployment", "injury"):
        gap = paid.filter(~has_pay | pl.col(f"{kind}_er").fill_null(0).eq(0))
        if kind == "maternity":
            gap = gap.filter(~pl.col("year").is_in(list(merged)))
        add("A34_INSURANCE_MISSING", gap, "id_number", None, "unit_code", ym, pl.lit(kind))

    danger = pl.read_csv(SEEDS / "ref_post_weights.csv").select("post", "danger_class")
    policies = data["accident_insurance"]
    high = pm.join(danger, on="post").filter(pl.col("danger_class") == "high")
    covered = high.join(policies, on="id_number").filter(
        pl.col("month_end").is_between(pl.col("start_date"), pl.col("end_date"))
    )
    add(
        "A34_NO_ACCIDENT_COVER",
        high.join(
            covered.select("id_number", "month").unique(), on=["id_number", "month"], how="anti"
        ),
        "id_number",
        None,
        "unit_code",
        ym,
    )

    overtime = (
        data["payroll"]
        .with_columns(month=_month("pay_month"))
        .join(roster.select("id_number", "month", "unit_code"), on=["id_number", "month"])
        .filter(
            (pl.col("overtime_hours") > 0)
            & (pl.col("overtime_pay") == 0)
            & (pl.col("comp_time_hours") < pl.col("overtime_hours"))
        )
    )
    add("A35_OVERTIME_UNCOMPENSATED", overtime, "id_number", None, "unit_code", ym)
    return out


# ---------------------------------------------------------------- tests


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        generate(tmp_path / name, seed=11, scale=0.02, months=13, end_month="2026-10")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_clerk_style_gives_identical_bytes(tmp_path: Path) -> None:
    """LibreOffice's .xls conversion too (tests/pipeline/test_clerk_files.py loads them)."""
    for name in ("a", "b"):
        generate(
            tmp_path / name, seed=11, scale=0.02, months=1, end_month="2026-10", formats="clerk"
        )
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_every_file_reads_with_its_declared_encoding(landing: Path) -> None:
    encodings = set()
    for source in SOURCES:
        for path in _files(landing, source):
            if path.suffix == ".csv":
                _, encoding = _decode(path.read_bytes())
                encodings.add(encoding)
                if encoding == "gb18030":
                    with pytest.raises(UnicodeDecodeError):
                        path.read_bytes().decode("utf-8")
            frame = _read_raw(path)
            required = {c.name for c in SOURCES[source].columns if c.required}
            assert required <= set(frame.columns), path.name
    assert encodings == {"utf-8", "gb18030"}
    suffixes = {p.suffix for p in landing.rglob("*.*") if "_truth" not in p.parts}
    assert suffixes == {".csv", ".xlsx", ".parquet"}


def test_file_layout_follows_the_raw_layer(landing: Path) -> None:
    names = {p.name for p in (landing / "roster").iterdir()}
    assert "roster_530100_2025-03.csv" in names
    assert {p.name for p in (landing / "org_units").iterdir()} == {"org_units.csv"}
    assert {p.stem for p in (landing / "quotas").iterdir()} == {
        "quotas_2024",
        "quotas_2025",
        "quotas_2026",
    }
    assert (landing / "incidents" / "incidents_530100_2025-03.parquet").exists()
    assert (landing / "hr_records" / "hr_records_530500.csv").exists()


def test_ids_are_valid_and_match_birth_date_and_gender(landing: Path, manifest: dict) -> None:
    roster = read_source(landing, "roster")
    bad_rows = {(q["file"], q["row"]) for q in manifest["quarantine"] if q["rule"] == "id_checksum"}
    for number, born, gender, f, r in roster.select(
        "id_number", "birth_date", "gender", "_file", "_row"
    ).iter_rows():
        parsed = parse_id_number(number)
        if (f, r) in bad_rows:
            assert parsed == "id_checksum"
            continue
        assert parsed == (born, gender), number
    people = roster.group_by("id_number").agg(pl.col("name").n_unique(), pl.len())
    assert people["name"].max() == 1


def test_gross_is_the_sum_of_the_parts(landing: Path, manifest: dict) -> None:
    pay = read_source(landing, "payroll")
    mismatched = pay.filter((pl.col("gross_pay") - pl.sum_horizontal(*PAY_PARTS)) != 0)
    expected = {
        (q["file"], q["row"]) for q in manifest["quarantine"] if q["rule"] == "gross_mismatch"
    }
    assert set(mismatched.select("_file", "_row").iter_rows()) == expected


def test_every_enum_value_is_in_the_contract(landing: Path) -> None:
    for source in SOURCES:
        frame = read_source(landing, source)
        for col in SOURCES[source].columns:
            if col.enum is not None:
                values = set(frame[col.name].drop_nulls())
                assert values <= set(col.enum), (source, col.name, values - set(col.enum))


def test_scale_gives_about_the_requested_workforce(landing: Path) -> None:
    roster = read_source(landing, "roster").filter(pl.col("status") != "separated")
    per_month = roster.group_by("snapshot_month").len()["len"]
    assert 0.8 * 6000 * SCALE <= per_month.mean() <= 1.3 * 6000 * SCALE
    share = roster.filter(pl.col("category") == "civilian").height / roster.height
    assert 0.2 <= share <= 0.4


def test_manifest_plants_every_rule_and_edge_case(landing: Path, manifest: dict) -> None:
    counts = manifest["summary"]["violations_by_rule"]
    assert set(counts) == set(RULE_IDS)
    assert all(n >= 1 for n in counts.values()), counts
    assert set(manifest["summary"]["quarantine_by_rule"]) == set(QUARANTINE_RULES)
    kinds = set(manifest["summary"]["edge_cases_by_kind"])
    assert {
        "partial_month_low_pay",
        "duty_secondary_vocational",
        "relaxed_by_notice",
        "maternity_merged",
        "open_ended_contract",
        "recent_separation_no_return",
    } <= kinds
    violations = pl.read_csv(landing / "_truth" / "violations.csv", infer_schema=False)
    assert violations.columns == [
        "rule_id",
        "id_number",
        "incident_id",
        "unit_code",
        "period",
        "detail",
    ]
    assert violations.height == manifest["summary"]["violations_total"]


def test_oracle_finds_exactly_the_manifest(landing: Path, manifest: dict) -> None:
    data = {source: read_source(landing, source) for source in SOURCES}
    good, quarantined = _quarantine(data)
    expected_q = {
        (q["source"], q["file"], q["row"], q["column"], q["rule"]) for q in manifest["quarantine"]
    }
    assert quarantined == expected_q
    found = oracle(good)
    truth = {
        tuple(
            v[k] for k in ("rule_id", "id_number", "incident_id", "unit_code", "period", "detail")
        )
        for v in manifest["violations"]
    }
    assert found - truth == set(), sorted(found - truth)[:10]
    assert truth - found == set(), sorted(truth - found)[:10]


def test_rates_are_configurable(tmp_path: Path) -> None:
    rates = ViolationRates(minimum=1, edge_cases=1, bad_rows=1, below_min_wage=0.01)
    result = generate(tmp_path, seed=3, scale=0.02, months=13, end_month="2026-10", rates=rates)
    summary = result.summary()
    assert summary["violations_by_rule"]["A33_BELOW_MIN_WAGE"] > 1
    assert summary["quarantine_by_rule"]["id_checksum"] == 1
