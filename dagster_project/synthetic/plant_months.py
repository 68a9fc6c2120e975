"""Person-month plants: pay and insurance (Art. 33-35) and incident staffing (Art. 8, 19, 20,
32), each on a distinct person, plus the edge cases and the payroll rows made bad on purpose
for the quarantine (on months outside service, so the truth is unaffected)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from dagster_project.synthetic.calendar import month_label, month_start
from dagster_project.synthetic.incidents import Planted
from dagster_project.synthetic.payroll import PayPlans
from dagster_project.synthetic.people import NEVER, People
from dagster_project.synthetic.rates import ViolationRates
from dagster_project.synthetic.reference import INSURANCE_TYPES, Reference
from dagster_project.synthetic.truth import Truth
from dagster_project.synthetic.window import Window


@dataclass
class IncidentPlans:
    by_month: dict[int, list[Planted]] = field(default_factory=dict)

    def add(self, mi: int, plant: Planted) -> None:
        self.by_month.setdefault(mi, []).append(plant)


def _pick_month(
    rng: np.random.Generator,
    truth: Truth,
    window: Window,
    mask_of: Callable[[int], np.ndarray],
    k: int,
) -> list[tuple[int, int]]:
    """About k (person, month) pairs: random months, people drawn among `mask_of(month)`
    (fewer where a month has too few candidates)."""
    months, counts = np.unique(
        rng.integers(window.first_mi, window.last_mi + 1, k), return_counts=True
    )
    out = []
    for mi, n in zip(months.tolist(), counts.tolist(), strict=True):
        out += [(int(p), mi) for p in truth.pick(rng, np.flatnonzero(mask_of(mi)), n)]
    return out


def plant_pay(
    rng: np.random.Generator,
    people: People,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    ref: Reference,
) -> PayPlans:
    plans = PayPlans()
    person_months = sum(int(people.in_service(m).sum()) for m in window.months)

    def full(mi: int) -> np.ndarray:
        return people.in_service(mi) & ~people.suspended(mi)

    for p, mi in _pick_month(
        rng, truth, window, full, rates.count(rates.below_min_wage, person_months)
    ):
        plans.kinds[(p, mi)] = "below_min"
        truth.person("A33_BELOW_MIN_WAGE", p, month_label(mi))
    for k, (p, mi) in enumerate(
        _pick_month(rng, truth, window, full, rates.count(rates.insurance_missing, person_months))
    ):
        merged = ref.insurance_year(mi // 12).maternity_merged
        types = [t for t in INSURANCE_TYPES if not (merged and t == "maternity")]
        if k % 3 == 0:
            plans.kinds[(p, mi)] = "no_row"
            for t in types:
                truth.person("A34_INSURANCE_MISSING", p, month_label(mi), t)
        else:
            t = types[int(rng.integers(0, len(types)))]
            plans.kinds[(p, mi)] = f"{'zero' if k % 3 == 1 else 'null'}_{t}"
            truth.person("A34_INSURANCE_MISSING", p, month_label(mi), t)
    for p, mi in _pick_month(
        rng, truth, window, full, rates.count(rates.base_below_floor, person_months)
    ):
        plans.kinds[(p, mi)] = "base_below_floor"
        truth.person("A34_BASE_BELOW_FLOOR", p, month_label(mi))
    for p, mi in _pick_month(
        rng, truth, window, full, rates.count(rates.overtime_uncompensated, person_months)
    ):
        plans.kinds[(p, mi)] = "overtime_unpaid"
        truth.person("A35_OVERTIME_UNCOMPENSATED", p, month_label(mi))

    edges = rates.edge_cases
    for p, mi in _pick_month(rng, truth, window, full, edges):
        plans.kinds[(p, mi)] = "min_exact"
        truth.edge(
            "min_wage_exact",
            "A33_BELOW_MIN_WAGE",
            p,
            month_label(mi),
            "pay parts exactly at the minimum wage",
        )
    for p, mi in _pick_month(rng, truth, window, full, edges):
        plans.kinds[(p, mi)] = "overtime_comp_equal"
        truth.edge(
            "overtime_comp_time_equal",
            "A35_OVERTIME_UNCOMPENSATED",
            p,
            month_label(mi),
            "overtime unpaid but fully compensated with time off",
        )
    merged_months = [m for m in window.months if ref.insurance_year(m // 12).maternity_merged]
    for p in truth.pick(
        rng,
        np.flatnonzero(full(merged_months[-1])) if merged_months else np.zeros(0, np.int64),
        edges,
    ):
        truth.edge(
            "maternity_merged",
            "A34_INSURANCE_MISSING",
            int(p),
            month_label(merged_months[-1]),
            "maternity_er 0 in a year merged into medical",
        )
    _partial_month_edges(rng, people, window, truth, edges)
    return plans


def _partial_month_edges(
    rng: np.random.Generator, people: People, window: Window, truth: Truth, edges: int
) -> None:
    hire_dom = people.hire - month_start(people.hire_mi) + 1
    late_hire = np.flatnonzero((people.hire >= window.first_day) & (hire_dom >= 24))
    for p in truth.pick(rng, late_hire, edges):
        truth.edge(
            "partial_month_low_pay",
            "A33_BELOW_MIN_WAGE",
            int(p),
            month_label(people.hire_mi[p]),
            "mid-month hire: prorated pay below the minimum and no insurance",
        )
    sep_dom = np.where(people.sep == NEVER, 99, people.sep - month_start(people.sep_mi) + 1)
    early_exit = np.flatnonzero(sep_dom <= 5)
    for p in truth.pick(rng, early_exit, edges):
        truth.edge(
            "separation_month_low_pay",
            "A33_BELOW_MIN_WAGE",
            int(p),
            month_label(people.sep_mi[p]),
            "separated early in the month: prorated pay",
        )


def plant_bad_payroll(
    rng: np.random.Generator,
    people: People,
    window: Window,
    truth: Truth,
    count: int,
    plans: PayPlans,
) -> None:
    """Negative pay on a mid-month hire's first payroll row and gross ≠ parts on a separation
    month's row: both months are outside service, so quarantining them changes no finding."""
    hired = np.flatnonzero(
        (people.hire >= window.first_day) & (people.hire > month_start(people.hire_mi))
    )
    for p in truth.pick(rng, hired, count):
        plans.kinds[(int(p), int(people.hire_mi[p]))] = "negative_value"
    for p in truth.pick(rng, np.flatnonzero(people.sep != NEVER), count):
        plans.kinds[(int(p), int(people.sep_mi[p]))] = "gross_mismatch"


def plant_incidents(
    rng: np.random.Generator,
    people: People,
    window: Window,
    rates: ViolationRates,
    truth: Truth,
    eligible_unit: np.ndarray,
    expected_incidents: float,
) -> IncidentPlans:
    plans = IncidentPlans()
    total = int(expected_incidents)

    def eligible(mi: int) -> np.ndarray:
        return (
            people.in_service(mi) & ~people.suspended(mi) & people.duty & eligible_unit[people.unit]
        )

    def add(
        kind: str,
        p: int,
        mi: int,
        enforcement: bool,
        police: str | None,
        aux_task: str | None,
        recorded: bool,
    ) -> None:
        plans.add(
            mi, Planted(kind, p, int(people.unit[p]), enforcement, police, aux_task, recorded)
        )

    specs = (
        ("A8_UNLED_ENFORCEMENT", rates.unled_enforcement, True, None, None, True),
        (
            "A19_UNRECORDED_ENFORCEMENT",
            rates.unrecorded_enforcement,
            True,
            "scene_guard",
            None,
            False,
        ),
        ("A20_FORBIDDEN_TASK", rates.forbidden_task, False, "patrol", "investigation", True),
    )
    for rule, rate, enforcement, police, task, recorded in specs:
        for p, mi in _pick_month(rng, truth, window, eligible, rates.count(rate, total)):
            add(rule, p, mi, enforcement, police, task, recorded)

    for p, mi in _pick_month(
        rng, truth, window, people.suspended, rates.count(rates.duty_while_suspended, total)
    ):
        add("A32_DUTY_WHILE_SUSPENDED", p, mi, False, "patrol", None, True)

    edge_specs = (
        ("aux_only_non_enforcement", False, None, None, True),
        ("unrecorded_non_enforcement", False, "patrol", None, False),
        ("police_forbidden_task", True, "investigation", None, True),
    )
    for kind, enforcement, police, task, recorded in edge_specs:
        for p, mi in _pick_month(rng, truth, window, eligible, rates.edge_cases):
            add(kind, p, mi, enforcement, police, task, recorded)

    def back_from_suspension(mi: int) -> np.ndarray:
        return eligible(mi) & (people.susp_to == mi)

    for p, mi in _pick_month(rng, truth, window, back_from_suspension, rates.edge_cases):
        add("after_suspension", p, mi, False, "patrol", None, True)
    return plans


# Incident edge cases: kind -> (the rule a naive check would fire, why it does not).
INCIDENT_EDGES = {
    "aux_only_non_enforcement": (
        "A8_UNLED_ENFORCEMENT",
        "auxiliary alone on a non-enforcement call",
    ),
    "unrecorded_non_enforcement": (
        "A19_UNRECORDED_ENFORCEMENT",
        "not recorded, but the incident is not enforcement",
    ),
    "police_forbidden_task": ("A20_FORBIDDEN_TASK", "the forbidden task is the police officer's"),
    "after_suspension": ("A32_DUTY_WHILE_SUSPENDED", "on duty the month after the suspension"),
}
