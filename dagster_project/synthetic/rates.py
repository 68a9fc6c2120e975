"""How many violations to plant: a rate per rule over its natural population, with a floor so
that even a tiny scale has a handful of findings of every rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViolationRates:
    minimum: int = 3  # each rule is planted at least this often (when there is room)
    # bureau × year × category keys with staff
    over_quota: float = 0.03
    # incidents
    unled_enforcement: float = 0.0002
    unrecorded_enforcement: float = 0.0002
    forbidden_task: float = 0.0002
    duty_while_suspended: float = 0.0001
    # people on the roster
    underage_at_hire: float = 0.002
    education_below_requirement: float = 0.003
    disqualified_hire: float = 0.002
    no_valid_contract: float = 0.003
    # hires inside the window
    no_preservice_training: float = 0.02
    # separations old enough to be checked
    equipment_not_returned: float = 0.05
    # people × closed year fully in service / high-danger people × year
    no_annual_assessment: float = 0.01
    no_physical_exam: float = 0.01
    no_accident_cover: float = 0.01
    # person-months in service
    below_min_wage: float = 0.0004
    insurance_missing: float = 0.0004
    base_below_floor: float = 0.0004
    overtime_uncompensated: float = 0.0004
    # planted non-violations per edge case, and bad input rows per quarantine rule
    edge_cases: int = 2
    bad_rows: int = 2

    def count(self, rate: float, population: int) -> int:
        return min(population, max(self.minimum, round(rate * population)))
