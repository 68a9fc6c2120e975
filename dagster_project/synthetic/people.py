"""The auxiliaries: who they are, where they work and their timeline (hire, suspension,
separation, contracts, levels), as numpy arrays over people so that every month's roster is
a vectorised slice.

Clean by construction: everyone is 19+ at hire, meets the education bar of their category,
passed the background check, and holds a contract that covers every month's last day
(3-year terms from the hire date, renewed on time; some open-ended). Plants change these
arrays afterwards (see `plant_people`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import polars as pl

from dagster_project.contract import CIVILIAN_POSTS, DUTY_POSTS, EDUCATION, PRIORITY_GROUP
from dagster_project.identity import make_id_number
from dagster_project.synthetic.calendar import (
    IntArray,
    day_month,
    from_month_day,
    month_start,
    to_date,
)
from dagster_project.synthetic.names import make_names
from dagster_project.synthetic.window import Window

POSTS = (*CIVILIAN_POSTS, *DUTY_POSTS)
EDUCATIONS = tuple(EDUCATION)
PRIORITIES = tuple(PRIORITY_GROUP)
NEVER = 1 << 40  # month index / day of an event that does not happen

CONTRACT_TERM = 36  # months
FIXED, OPEN_ENDED, NO_CONTRACT, LAPSED = 0, 1, 2, 3

_DUTY_EDUCATION = {
    "senior_high": 35,
    "secondary_vocational": 25,
    "junior_college": 30,
    "bachelor": 10,
}
_CIVILIAN_EDUCATION = {"junior_college": 50, "bachelor": 44, "postgraduate": 6}
_PRIORITY_MIX = {"none": 90, "martyr_family": 1, "veteran": 6, "fire_rescue": 2, "bravery": 1}


@dataclass(frozen=True)
class Volumes:
    """Workforce and workload volume knobs (at scale 1.0)."""

    auxiliaries: int = 6000  # in service at the start of the window
    monthly_hire_rate: float = 0.0095  # hires per month, share of the initial stock
    monthly_separation_rate: float = 0.008  # separation hazard per person-month
    suspension_share: float = 0.015  # people with one 1-3 month suspension
    open_ended_share: float = 0.10  # of people with 8+ years' tenure
    incidents_per_10k_population_month: float = 8.5  # province-wide, times scale


def _pick(
    rng: np.random.Generator, mix: dict[str, int], n: int, codes: tuple[str, ...]
) -> IntArray:
    keys = list(mix)
    p = np.array([mix[k] for k in keys], dtype=float)
    drawn = rng.choice(len(keys), size=n, p=p / p.sum())
    lookup = np.array([codes.index(k) for k in keys], dtype=np.int64)
    return lookup[drawn]


@dataclass
class People:
    unit: IntArray  # index into the units frame
    duty: np.ndarray  # bool
    post: IntArray  # index into POSTS
    education: IntArray  # index into EDUCATIONS
    male: np.ndarray
    birth: IntArray  # day
    hire: IntArray  # day
    sep: IntArray  # day, NEVER if not separated in the window
    susp_from: IntArray  # first suspended month, NEVER if none
    susp_to: IntArray  # first month active again (exclusive end)
    susp_day: IntArray  # day the suspension started
    contract_kind: IntArray
    lapse_mi: IntArray  # LAPSED: renewal month from which the old contract is shown
    priority: IntArray
    background_fail: list[str]  # reason code, "" = passed
    relaxed: np.ndarray
    id_number: np.ndarray  # object array of str, filled by `assign_identity`
    name: np.ndarray

    @property
    def n(self) -> int:
        return len(self.unit)

    # Plants never move hire or separation days, so their month indices are cached.
    @cached_property
    def hire_mi(self) -> IntArray:
        return day_month(self.hire)

    @cached_property
    def sep_mi(self) -> IntArray:
        out = np.full(self.n, NEVER, dtype=np.int64)
        has = self.sep != NEVER
        out[has] = day_month(self.sep[has])
        return out

    def on_roster(self, mi: int) -> np.ndarray:
        return (self.hire_mi <= mi) & (self.sep_mi >= mi)

    def suspended(self, mi: int) -> np.ndarray:
        return (self.susp_from <= mi) & (mi < self.susp_to)

    def in_service(self, mi: int) -> np.ndarray:
        """On the roster, not separated that month, hired on or before its first day."""
        return self.on_roster(mi) & (self.sep_mi != mi) & (self.hire <= month_start(mi))

    @cached_property
    def first_service_mi(self) -> IntArray:
        """First month in service: the hire month if hired on its first day, else the next."""
        hire_mi = self.hire_mi
        return hire_mi + (self.hire != month_start(hire_mi))

    def serves_between(self, lo: int, hi: int) -> np.ndarray:
        """Whether each person has a month in service in months lo..hi."""
        return np.maximum(self.first_service_mi, lo) <= np.minimum(self.sep_mi - 1, hi)

    def in_service_months(self, i: int, window: Window) -> list[int]:
        first, sep_mi = int(self.first_service_mi[i]), int(self.sep_mi[i])
        return [m for m in window.months if first <= m < sep_mi]

    def contract_at(self, idx: IntArray, mi: int) -> tuple[IntArray, IntArray]:
        """(contract_start, contract_end) shown on month `mi`'s roster; NEVER = empty."""
        hire_mi = self.hire_mi[idx]
        dom = self.hire[idx] - month_start(hire_mi) + 1
        term = (mi - hire_mi) // CONTRACT_TERM
        kind = self.contract_kind[idx]
        lapsed = (kind == LAPSED) & (mi >= self.lapse_mi[idx])
        term = np.where(lapsed, (self.lapse_mi[idx] - hire_mi) // CONTRACT_TERM - 1, term)
        start = from_month_day(hire_mi + CONTRACT_TERM * term, dom)
        end = from_month_day(hire_mi + CONTRACT_TERM * (term + 1), dom) - 1
        start = np.where(kind == OPEN_ENDED, self.hire[idx], start)
        end = np.where(kind == OPEN_ENDED, NEVER, end)
        start = np.where(kind == NO_CONTRACT, NEVER, start)
        end = np.where(kind == NO_CONTRACT, NEVER, end)
        return start, end

    def level_at(self, idx: IntArray, mi: int) -> IntArray:
        """Level rises one step every two years of service (Art. 26), up to 8."""
        return np.minimum(8, 1 + (mi // 12 - self.hire_mi[idx] // 12) // 2)


def _timeline(
    rng: np.random.Generator, n0: int, n_hires: int, window: Window, volumes: Volumes
) -> tuple[IntArray, IntArray]:
    """Hire and separation days: a stock hired before the window plus hires inside it."""
    tenure = rng.integers(1, 181, size=n0)
    hire_mi = np.concatenate(
        [window.first_mi - tenure, rng.integers(window.first_mi, window.last_mi + 1, n_hires)]
    )
    n = n0 + n_hires
    dom = np.where(rng.random(n) < 0.5, 1, rng.integers(2, 29, size=n))
    hire = from_month_day(hire_mi, dom)
    sep_mi = (
        np.maximum(hire_mi + 2, window.first_mi)
        + rng.geometric(volumes.monthly_separation_rate, size=n)
        - 1
    )
    sep = np.where(sep_mi <= window.last_mi, from_month_day(sep_mi, rng.integers(1, 29, n)), NEVER)
    return hire, sep


def build_people(
    rng: np.random.Generator,
    units: pl.DataFrame,
    post_p: np.ndarray,
    window: Window,
    scale: float,
    volumes: Volumes,
    min_suspensions: int,
) -> People:
    n0 = max(round(volumes.auxiliaries * scale), 50)
    n_hires = round(n0 * volumes.monthly_hire_rate * len(window.months))
    n = n0 + n_hires
    # Where people work and what they do follow the work of each unit (staffing.py): units
    # by staff weight, posts by the unit's mix of fixed posts, patrol and support.
    weights = units["staff_weight"].to_numpy()
    unit = rng.choice(len(weights), size=n, p=weights / weights.sum())
    cumulative = np.cumsum(post_p, axis=1)
    drawn = rng.random(n)[:, None] * cumulative[unit, -1:]
    post = np.minimum((drawn >= cumulative[unit]).sum(axis=1), len(POSTS) - 1).astype(np.int64)
    duty = post >= len(CIVILIAN_POSTS)
    education = np.where(
        duty,
        _pick(rng, _DUTY_EDUCATION, n, EDUCATIONS),
        _pick(rng, _CIVILIAN_EDUCATION, n, EDUCATIONS),
    )

    hire, sep = _timeline(rng, n0, n_hires, window, volumes)
    hire_mi = day_month(hire)
    age_years = np.where(duty, rng.integers(19, 33, n), rng.integers(20, 36, n))
    birth_mi = hire_mi - 12 * age_years - rng.integers(0, 12, n)
    birth = from_month_day(birth_mi, rng.integers(1, 29, n))
    male = rng.random(n) < np.where(duty, 0.82, 0.42)

    people = People(
        unit=unit,
        duty=duty,
        post=post,
        education=education,
        male=male,
        birth=birth,
        hire=hire,
        sep=sep,
        susp_from=np.full(n, NEVER),
        susp_to=np.full(n, NEVER),
        susp_day=np.full(n, NEVER),
        contract_kind=np.full(n, FIXED),
        lapse_mi=np.full(n, NEVER),
        priority=_pick(rng, _PRIORITY_MIX, n, PRIORITIES),
        background_fail=[""] * n,
        relaxed=np.zeros(n, dtype=bool),
        id_number=np.empty(n, dtype=object),
        name=np.empty(n, dtype=object),
    )
    long_tenure = hire_mi <= window.first_mi - 96
    people.contract_kind[long_tenure & (rng.random(n) < volumes.open_ended_share)] = OPEN_ENDED
    _suspend(rng, people, window, max(round(n * volumes.suspension_share), min_suspensions))
    return people


def _suspend(rng: np.random.Generator, people: People, window: Window, count: int) -> None:
    """Suspend some people for 1-3 whole months inside their full months in service."""
    first_full = np.maximum(people.hire_mi + 1, window.first_mi)
    last_full = np.minimum(people.sep_mi - 1, window.last_mi)
    length = rng.integers(1, 4, people.n)
    room = last_full - first_full - length + 2
    candidates = np.flatnonzero(room >= 1)
    chosen = rng.choice(candidates, size=min(count, len(candidates)), replace=False)
    start = first_full[chosen] + (rng.random(len(chosen)) * room[chosen]).astype(np.int64)
    people.susp_from[chosen] = start
    people.susp_to[chosen] = start + length[chosen]
    people.susp_day[chosen] = from_month_day(start, rng.integers(1, 29, len(chosen)))


def assign_identity(
    rng: np.random.Generator, people: People, units: pl.DataFrame, counties: list[str]
) -> None:
    """Names and valid, unique ID numbers that encode each person's birth date and gender.

    The ID's area code is the person's county (a random county for province- and
    prefecture-level units); the sequence is redrawn until the number is unique.
    """
    admin = units["admin_code"].to_numpy()[people.unit]
    local = np.array([a not in counties for a in admin])
    admin = np.where(local, np.array(counties)[rng.integers(0, len(counties), people.n)], admin)
    seq = rng.integers(0, 500, people.n)
    taken: set[str] = set()
    for i in range(people.n):
        born = to_date(int(people.birth[i]))
        s = int(seq[i])
        number = make_id_number(admin[i], born, s, bool(people.male[i]))
        while number in taken:
            s += 1
            number = make_id_number(admin[i], born, s, bool(people.male[i]))
        taken.add(number)
        people.id_number[i] = number
    people.name[:] = make_names(rng, people.male)
