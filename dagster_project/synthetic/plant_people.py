"""Person-grain and person-year plants (Art. 13, 15, 16, 27, 28, 29, 34 accident cover, 35
physical exam), with the edge cases each rule's definition excludes.

Attribute plants (birth date, education, background check, contract) change the people
arrays before ID numbers are made; record plants (training, assessment, exam, equipment
return, accident policy) are returned as a `RecordPlans` for the record builders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dagster_project.synthetic.calendar import from_month_day, month_label, month_start
from dagster_project.synthetic.people import (
    CONTRACT_TERM,
    EDUCATIONS,
    FIXED,
    LAPSED,
    NEVER,
    NO_CONTRACT,
    OPEN_ENDED,
    People,
)
from dagster_project.synthetic.rates import ViolationRates
from dagster_project.synthetic.truth import Truth
from dagster_project.synthetic.window import Window


@dataclass
class RecordPlans:
    no_preservice: set[int] = field(default_factory=set)
    # (person, year) -> "missing" | "late" (dated (Y+1)-04-10) | "deadline" (edge: (Y+1)-03-31)
    assessment: dict[tuple[int, int], str] = field(default_factory=dict)
    no_exam: set[tuple[int, int]] = field(default_factory=set)
    # person -> "missing" | "not_returned" | "late" | "day30" (edge)
    equipment: dict[int, str] = field(default_factory=dict)
    no_policy: set[tuple[int, int]] = field(default_factory=set)  # (person, year)


def _label(day: int) -> str:
    return str(np.datetime64(int(day), "D"))[:7]


def plant_attributes(
    rng: np.random.Generator, people: People, window: Window, rates: ViolationRates, truth: Truth
) -> None:
    """Art. 13 age and education, Art. 15 background, Art. 16 contract."""
    everyone = np.arange(people.n)
    hire_mi = people.hire_mi
    edges = rates.edge_cases

    for i in truth.pick(rng, everyone, rates.count(rates.underage_at_hire, people.n)):
        months_short = int(rng.integers(1, 9))
        dom = people.hire[i] - month_start(hire_mi[i]) + 1
        people.birth[i] = from_month_day(hire_mi[i] - 18 * 12 + months_short, dom)
        truth.person("A13_UNDERAGE_AT_HIRE", i, month_label(hire_mi[i]))
    for i in truth.pick(rng, everyone, edges):
        dom = people.hire[i] - month_start(hire_mi[i]) + 1
        people.birth[i] = from_month_day(hire_mi[i] - 18 * 12, dom)
        truth.edge(
            "exactly_18_at_hire",
            "A13_UNDERAGE_AT_HIRE",
            i,
            month_label(hire_mi[i]),
            "18th birthday on the hire date: not younger than 18",
        )

    junior_middle, senior_high = EDUCATIONS.index("junior_middle"), EDUCATIONS.index("senior_high")
    vocational = EDUCATIONS.index("secondary_vocational")
    for i in truth.pick(rng, everyone, rates.count(rates.education_below_requirement, people.n)):
        people.education[i] = junior_middle if people.duty[i] else senior_high
        truth.person("A13_EDUCATION_BELOW_REQUIREMENT", i, month_label(hire_mi[i]))
    for i in truth.pick(rng, everyone, edges):
        people.education[i] = junior_middle if people.duty[i] else vocational
        people.relaxed[i] = True
        truth.edge(
            "relaxed_by_notice",
            "A13_EDUCATION_BELOW_REQUIREMENT",
            i,
            month_label(hire_mi[i]),
            "below the bar but relaxed by recruitment notice",
        )
    for i in truth.pick(rng, np.flatnonzero(people.duty & (people.education == vocational)), edges):
        truth.edge(
            "duty_secondary_vocational",
            "A13_EDUCATION_BELOW_REQUIREMENT",
            i,
            month_label(hire_mi[i]),
            "中专 ranks with 高中 for duty staff",
        )

    for i in truth.pick(rng, everyone, rates.count(rates.disqualified_hire, people.n)):
        people.background_fail[i] = f"C{int(rng.integers(1, 7)):02d}"
        truth.person("A15_DISQUALIFIED_HIRE", i, month_label(hire_mi[i]))

    _plant_contracts(rng, people, window, rates, truth)


def _plant_contracts(
    rng: np.random.Generator, people: People, window: Window, rates: ViolationRates, truth: Truth
) -> None:
    hire_mi, sep_mi = people.hire_mi, people.sep_mi
    # First renewal month after the window's first month, for fixed-term contracts.
    terms = np.maximum((window.first_mi + 1 - hire_mi + CONTRACT_TERM - 1) // CONTRACT_TERM, 1)
    renewal = hire_mi + CONTRACT_TERM * terms
    renews_inside = (
        (people.contract_kind == FIXED) & (renewal <= window.last_mi) & (renewal < sep_mi)
    )
    served = people.serves_between(window.first_mi, window.last_mi)

    total = rates.count(rates.no_valid_contract, people.n)
    lapsed = truth.pick(rng, np.flatnonzero(renews_inside & served), total // 2)
    for i in lapsed:
        people.contract_kind[i] = LAPSED
        people.lapse_mi[i] = renewal[i]
        for m in people.in_service_months(i, window):
            if m >= renewal[i]:
                truth.person("A16_NO_VALID_CONTRACT", i, month_label(m))
    for i in truth.pick(rng, np.flatnonzero(served), total - len(lapsed)):
        people.contract_kind[i] = NO_CONTRACT
        for m in people.in_service_months(i, window):
            truth.person("A16_NO_VALID_CONTRACT", i, month_label(m))

    for i in truth.pick(
        rng, np.flatnonzero((people.contract_kind == OPEN_ENDED) & served), rates.edge_cases
    ):
        truth.edge(
            "open_ended_contract",
            "A16_NO_VALID_CONTRACT",
            i,
            month_label(max(window.first_mi, hire_mi[i])),
            "contract_start without contract_end: open-ended, valid",
        )
    day_one = people.hire == month_start(hire_mi)
    month_end_case = renews_inside & served & day_one & ~truth.taken
    for i in truth.pick(rng, np.flatnonzero(month_end_case), rates.edge_cases):
        truth.edge(
            "contract_ends_month_end",
            "A16_NO_VALID_CONTRACT",
            i,
            month_label(renewal[i] - 1),
            "contract_end is the month's last day: covered",
        )


def plant_records(
    rng: np.random.Generator,
    people: People,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    high_danger: np.ndarray,
) -> RecordPlans:
    """Art. 27 training, 28 assessment, 29 equipment, 34 accident cover, 35 exam."""
    plans = RecordPlans()
    hire_mi = people.hire_mi
    edges = rates.edge_cases

    hired_inside = np.flatnonzero(people.hire >= window.first_day)
    for i in truth.pick(
        rng, hired_inside, rates.count(rates.no_preservice_training, len(hired_inside))
    ):
        plans.no_preservice.add(int(i))
        truth.person("A27_NO_PRESERVICE_TRAINING", i, month_label(hire_mi[i]))
    # Hired before the first roster month with no pre-service record at all: still a finding
    # (issue 13), resting on records older than the data (evidence before_window).
    for i in truth.pick(rng, np.flatnonzero(people.hire < window.first_day), edges):
        plans.no_preservice.add(int(i))
        truth.person("A27_NO_PRESERVICE_TRAINING", i, month_label(hire_mi[i]))

    _plant_year_records(rng, people, window, rates, truth, plans)
    _plant_equipment(rng, people, window, rates, truth, plans)

    covered = {
        y: np.flatnonzero(
            high_danger
            & people.serves_between(max(y * 12, window.first_mi), min(y * 12 + 11, window.last_mi))
        )
        for y in window.years
    }
    wanted = rates.count(rates.no_accident_cover, sum(len(c) for c in covered.values()))
    years = list(window.years)
    for k in range(wanted):
        y = years[k % len(years)]
        for i in truth.pick(rng, covered[y], 1):
            plans.no_policy.add((int(i), y))
            for m in people.in_service_months(int(i), window):
                if m // 12 == y:
                    truth.person("A34_NO_ACCIDENT_COVER", i, month_label(m))
    return plans


def _plant_year_records(
    rng: np.random.Generator,
    people: People,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    plans: RecordPlans,
) -> None:
    for y in window.closed_years():
        full = np.flatnonzero((people.hire <= month_start(y * 12)) & (people.sep_mi > y * 12 + 11))
        variants = ("missing", "late")
        for k, i in enumerate(
            truth.pick(rng, full, rates.count(rates.no_annual_assessment, len(full)))
        ):
            plans.assessment[(int(i), y)] = variants[k % 2]
            truth.person("A28_NO_ANNUAL_ASSESSMENT", i, str(y))
        for i in truth.pick(rng, full, rates.count(rates.no_physical_exam, len(full))):
            plans.no_exam.add((int(i), y))
            truth.person("A35_NO_PHYSICAL_EXAM", i, str(y))
        for i in truth.pick(rng, full, rates.edge_cases):
            plans.assessment[(int(i), y)] = "deadline"
            truth.edge(
                "assessment_on_march_31",
                "A28_NO_ANNUAL_ASSESSMENT",
                i,
                str(y),
                "assessment dated (Y+1)-03-31, the last day of the grace window",
            )
        january_hires = np.flatnonzero(
            (people.hire > month_start(y * 12))
            & (people.hire_mi == y * 12)
            & (people.sep_mi > y * 12 + 11)
        )
        for i in truth.pick(rng, january_hires, rates.edge_cases):
            plans.assessment[(int(i), y)] = "missing"
            plans.no_exam.add((int(i), y))
            truth.edge(
                "eleven_months_no_exam",
                "A35_NO_PHYSICAL_EXAM",
                i,
                str(y),
                "hired after 1 January: 11 months in service, no exam or assessment due",
            )


def _plant_equipment(
    rng: np.random.Generator,
    people: People,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    plans: RecordPlans,
) -> None:
    separated = people.sep != NEVER
    checked = np.flatnonzero(separated & (people.sep + 30 <= window.as_of))
    variants = ("missing", "not_returned", "late")
    for k, i in enumerate(
        truth.pick(rng, checked, rates.count(rates.equipment_not_returned, len(checked)))
    ):
        plans.equipment[int(i)] = variants[k % 3]
        truth.person("A29_EQUIPMENT_NOT_RETURNED", i, _label(people.sep[i]))
    for i in truth.pick(rng, checked, rates.edge_cases):
        plans.equipment[int(i)] = "day30"
        truth.edge(
            "equipment_returned_day_30",
            "A29_EQUIPMENT_NOT_RETURNED",
            i,
            _label(people.sep[i]),
            "returned on status_since + 30 days: in time",
        )
    recent = np.flatnonzero(separated & (people.sep + 30 > window.as_of))
    for i in truth.pick(rng, recent, rates.edge_cases):
        plans.equipment[int(i)] = "missing"
        truth.edge(
            "recent_separation_no_return",
            "A29_EQUIPMENT_NOT_RETURNED",
            i,
            _label(people.sep[i]),
            "separated within the last 30 days of the window",
        )
