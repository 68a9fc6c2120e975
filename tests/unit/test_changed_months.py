"""Which months of a province the national sensor runs after its landing folder changed."""

from dagster_project.defs.national.automation import changed_months


def test_a_new_province_runs_every_landed_month() -> None:
    assert changed_months({}, {"": "a", "2025-12": "b", "2026-01": "c"}) == ["2025-12", "2026-01"]


def test_only_the_month_whose_files_changed() -> None:
    before = {"": "a", "2025-12": "b", "2026-01": "c"}
    assert changed_months(before, {**before, "2025-12": "B"}) == ["2025-12"]
    assert changed_months(before, before) == []


def test_files_naming_no_month_go_with_the_newest_month() -> None:
    before = {"": "a", "2025-12": "b", "2026-01": "c"}
    assert changed_months(before, {**before, "": "A"}) == ["2026-01"]
    assert changed_months(before, {**before, "": "A", "2025-12": "B"}) == ["2025-12", "2026-01"]


def test_a_month_whose_files_were_all_withdrawn_runs_too() -> None:
    before = {"2025-12": "b", "2026-01": "c"}
    assert changed_months(before, {"2026-01": "c"}) == ["2025-12"]


def test_no_month_landed_yet_runs_this_month() -> None:
    from datetime import date

    assert changed_months({}, {"": "a"}) == [f"{date.today():%Y-%m}"]
