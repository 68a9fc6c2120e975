"""HR records (Art. 27-29, 32, 35-36) and accident insurance members (Art. 34), for the
whole history that matters to the window: from the year before the first roster month.

Clean by construction: pre-service training on the hire date; annual training and a
physical exam every calendar year employed; an assessment for each year employed at its end,
dated 1 December .. 31 March of the next year; equipment returned within 20 days of
separation; an investigation opened and closed around every suspension; an accident policy
per calendar year for every high-danger post. Plans (`RecordPlans`) remove or move records.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from dagster_project.synthetic.calendar import IntArray, month_start, year_end, year_start
from dagster_project.synthetic.people import NEVER, People
from dagster_project.synthetic.plant_people import RecordPlans
from dagster_project.synthetic.window import Window

_ASSESSMENT = np.array(["优秀", "称职", "基本称职", "不称职"])
_ASSESSMENT_P = [0.15, 0.80, 0.04, 0.01]
_INSURERS = (
    "中国人寿保险股份有限公司",
    "中国人民财产保险股份有限公司",
    "中国太平洋财产保险股份有限公司",
    "中国平安财产保险股份有限公司",
)


def _uniform_day(rng: np.random.Generator, lo: IntArray, hi: IntArray) -> IntArray:
    return lo + (rng.random(len(lo)) * (hi - lo + 1)).astype(np.int64)


def _frame(person: IntArray, record_type: str, day: IntArray, value: np.ndarray) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person": person,
            "record_type": record_type,
            "record_date": day,
            "value": value.astype(str),
        },
        schema_overrides={"person": pl.Int64, "record_date": pl.Int64},
    )


def hr_records(
    rng: np.random.Generator, people: People, window: Window, plans: RecordPlans
) -> pl.DataFrame:
    """Columns person, record_type, record_date (day), value; none after the as-of date."""
    as_of = window.as_of
    frames = []
    trained = np.array([i not in plans.no_preservice for i in range(people.n)])
    idx = np.flatnonzero(trained)
    frames.append(
        _frame(
            idx,
            "pre_service_training",
            people.hire[idx],
            rng.choice(np.array([80, 120, 160]), len(idx)),
        )
    )

    # Person-years employed, from the year before the window.
    first_year = np.maximum(people.hire_mi // 12, window.first_mi // 12 - 1)
    last_year = np.where(people.sep == NEVER, as_of, people.sep)
    last_year = np.minimum(last_year, as_of).astype("datetime64[D]").astype("datetime64[Y]")
    last_year = last_year.astype(np.int64) + 1970
    span = np.maximum(last_year - first_year + 1, 0)
    person = np.repeat(np.arange(people.n), span)
    year = first_year[person] + np.arange(len(person)) - np.repeat(np.cumsum(span) - span, span)
    lo = np.maximum(year_start(year), people.hire[person])
    hi = np.minimum.reduce([year_end(year), people.sep[person], np.full(len(person), as_of)])
    ok = lo <= hi
    person, year, lo, hi = person[ok], year[ok], lo[ok], hi[ok]

    frames.append(
        _frame(
            person, "annual_training", _uniform_day(rng, lo, hi), rng.integers(40, 81, len(person))
        )
    )
    special = rng.random(len(person)) < 0.25
    frames.append(
        _frame(
            person[special],
            "special_training",
            _uniform_day(rng, lo[special], hi[special]),
            rng.integers(8, 25, int(special.sum())),
        )
    )
    keep_exam = np.array(
        [(int(p), int(y)) not in plans.no_exam for p, y in zip(person, year, strict=True)]
    )
    exam = _uniform_day(rng, lo, hi)
    frames.append(
        _frame(
            person[keep_exam],
            "physical_exam",
            exam[keep_exam],
            np.where(rng.random(int(keep_exam.sum())) < 0.97, "pass", "fail"),
        )
    )
    injured = people.duty[person] & (rng.random(len(person)) < 0.01)
    frames.append(
        _frame(
            person[injured],
            "work_injury",
            _uniform_day(rng, lo[injured], hi[injured]),
            np.where(rng.random(int(injured.sum())) < 0.9, "minor", "serious"),
        )
    )
    frames.append(_assessments(rng, people, person, year, as_of, plans))
    frames.append(_equipment(rng, people, as_of, plans))

    susp = np.flatnonzero(people.susp_from != NEVER)
    frames.append(
        _frame(susp, "investigation", people.susp_day[susp], np.full(len(susp), "opened"))
    )
    back = month_start(people.susp_to[susp])
    closed = back <= as_of
    frames.append(
        _frame(susp[closed], "investigation", back[closed], np.full(int(closed.sum()), "closed"))
    )
    return pl.concat(frames).filter(pl.col("record_date") <= as_of)


def _assessments(
    rng: np.random.Generator,
    people: People,
    person: IntArray,
    year: IntArray,
    as_of: int,
    plans: RecordPlans,
) -> pl.DataFrame:
    """The year-Y assessment for people employed on 31 December of Y."""
    end = year_end(year)
    employed = (people.hire[person] <= end) & (people.sep[person] > end)
    person, year, end = person[employed], year[employed], end[employed]
    deadline = month_start((year + 1) * 12 + 2) + 30  # (Y+1)-03-31
    lo = np.maximum(end - 30, people.hire[person])
    hi = np.minimum.reduce([deadline, people.sep[person], np.full(len(person), as_of)])
    # A plant on year Y+1 must not be satisfied by this record: keep it in December.
    next_planted = np.array(
        [(int(p), int(y) + 1) in plans.assessment for p, y in zip(person, year, strict=True)],
        dtype=bool,
    )
    hi = np.where(next_planted, end, hi)
    day = _uniform_day(rng, lo, hi)
    plan = [plans.assessment.get((int(p), int(y)), "") for p, y in zip(person, year, strict=True)]
    plan_arr = np.array(plan, dtype=object)
    day = np.where(plan_arr == "late", deadline + 10, day)
    day = np.where(plan_arr == "deadline", deadline, day)
    keep = (plan_arr != "missing") & (lo <= hi)
    value = _ASSESSMENT[rng.choice(len(_ASSESSMENT), len(person), p=_ASSESSMENT_P)]
    return _frame(person[keep], "assessment", day[keep], value[keep])


def _equipment(
    rng: np.random.Generator, people: People, as_of: int, plans: RecordPlans
) -> pl.DataFrame:
    gone = np.flatnonzero(people.sep != NEVER)
    plan = np.array([plans.equipment.get(int(i), "") for i in gone], dtype=object)
    offset = rng.integers(0, 21, len(gone))
    offset = np.where(plan == "late", rng.integers(31, 46, len(gone)), offset)
    offset = np.where(plan == "day30", 30, offset)
    value = np.where(plan == "not_returned", "not_returned", "returned")
    keep = plan != "missing"
    day = people.sep[gone] + offset
    return _frame(gone[keep], "equipment_return", day[keep], value[keep])


def accident_policies(
    people: People,
    window: Window,
    high_danger: np.ndarray,
    partition: np.ndarray,
    plans: RecordPlans,
) -> pl.DataFrame:
    """One member row per high-danger person and calendar year employed in the window."""
    rows = []
    for y in window.years:
        start, end = int(year_start(y)), int(year_end(y))
        members = np.flatnonzero(high_danger & (people.hire <= end) & (people.sep >= start))
        members = np.array(
            [i for i in members if (int(i), y) not in plans.no_policy], dtype=np.int64
        )
        part = partition[members]
        rows.append(
            pl.DataFrame(
                {
                    "person": members,
                    "policy_no": [f"YW{p}{y}" for p in part],
                    "insurer": [_INSURERS[int(p) % len(_INSURERS)] for p in part],
                    "start_date": np.maximum(people.hire[members], start),
                    "end_date": np.minimum(people.sep[members], end),
                    "sum_insured": np.full(len(members), 600_000_00),
                },
                schema_overrides={
                    "person": pl.Int64,
                    "start_date": pl.Int64,
                    "end_date": pl.Int64,
                    "sum_insured": pl.Int64,
                },
            )
        )
    return pl.concat(rows)
