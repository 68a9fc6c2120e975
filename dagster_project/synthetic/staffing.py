"""Staff the demo province the way the warehouse measures need (dbt mart `staffing_need`).

Each unit's expected auxiliaries are the FTE its work needs, by the same model and the same
parameters (`dbt/seeds/ref_fixed_posts.csv`, the "staffing model" vars of
`dbt/dbt_project.yml`):

- fixed posts, placed on the unit that holds them: call-taking (hotline) at the bureau organ,
  windows and community posts at its 派出所, custody at the 看守所, checkpoints at the 巡特警,
  junction posts at the 交警 (the organ when the bureau has no such unit);
- patrol for the incidents the unit receives: expected auxiliary hours ÷ available hours ÷
  (1 − proactive share);
- civilian support at the bureau organ, a ratio to the bureau's duty FTE.

A staffing level drawn per bureau (lognormal, σ 0.2) then leaves some bureaus short and some
generous, so required and actual are of the same order with real differences between counties.
Each unit's post mix is the mix of its work, so a 看守所 employs detention staff and a 派出所
windows, community and patrol staff.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import yaml

from dagster_project.contract import CIVILIAN_POSTS
from dagster_project.synthetic.people import POSTS

# Unit kind holding each fixed post (organisation.Unit.station_kind).
_HOLDER = {
    "hotline": "organ",
    "window_service": "pcs",
    "community": "pcs",
    "detention": "detention",
    "checkpoint": "swat",
    "traffic": "traffic",
}
# Posts of patrol and response work per station kind (shares of its patrol FTE).
_PATROL_MIX = {
    "pcs": {"patrol": 60, "scene_guard": 25, "drug_control": 15},
    "pcs_border": {"patrol": 45, "scene_guard": 20, "drug_control": 15, "border": 20},
    "traffic": {"traffic": 60, "patrol": 40},
    "swat": {"patrol": 60, "scene_guard": 40},
    "organ": {"patrol": 50, "scene_guard": 50},
}
# Back-office posts of civilian support (windows and call-taking are fixed posts).
_SUPPORT_MIX = {
    "clerical": 40,
    "it_support": 15,
    "data_analysis": 12,
    "lab": 6,
    "translation": 5,
    "medical": 11,
    "equipment": 11,
}
# Prefectures on the national border (their 派出所 staff include border posts).
BORDER_PREFECTURES = {
    "530500",
    "530800",
    "530900",
    "532500",
    "532600",
    "532800",
    "533100",
    "533300",
}
_LEVEL_SIGMA = 0.2  # spread of the staffing level between bureaus


@dataclass(frozen=True)
class StaffingModel:
    """The warehouse's staffing parameters: available hours, shares, fixed posts."""

    available_hours: float
    proactive_share: float
    support_ratio: float
    fixed_posts: pl.DataFrame  # ref_fixed_posts rows

    @classmethod
    def load(cls, dbt_project_dir: Path) -> StaffingModel:
        project = yaml.safe_load((dbt_project_dir / "dbt_project.yml").read_text("utf-8"))
        v = project["vars"]
        leave = ("annual_leave_days", "public_holiday_days", "training_days", "sickness_days")
        days_off = sum(v[k] for k in leave)
        available = (
            v["work_weeks_per_year"] * v["work_hours_per_week"] - days_off * v["work_hours_per_day"]
        )
        posts = pl.read_csv(dbt_project_dir / "seeds" / "ref_fixed_posts.csv")
        return cls(
            float(available), float(v["proactive_share"]), float(v["civilian_support_ratio"]), posts
        )


@dataclass(frozen=True)
class Staffing:
    staff_weight: np.ndarray  # per unit: share of the auxiliaries (FTE x level; sums to 1)
    required_fte: np.ndarray  # per unit: FTE the work needs, before the level
    post_p: np.ndarray  # units x POSTS: probability of each post for someone in the unit


def staff_units(
    rng: np.random.Generator,
    units: pl.DataFrame,
    model: StaffingModel,
    monthly_incidents: float,
    aux_hours_per_incident: float,
) -> Staffing:
    """Required FTE by post of every unit, and the staffing level of its bureau."""
    n = units.height
    post_index = {p: k for k, p in enumerate(POSTS)}
    fte = np.zeros((n, len(POSTS)))
    kind = units["station_kind"].to_numpy()
    bureau = units["bureau_code"].to_numpy()
    code = units["unit_code"].to_numpy()
    tier = dict(zip(code, units["tier"].to_numpy(), strict=True))
    population = dict(zip(code, units["population"].to_list(), strict=True))
    border = np.isin(units["partition"].to_numpy(), list(BORDER_PREFECTURES))
    members: dict[str, np.ndarray] = {b: np.flatnonzero(bureau == b) for b in np.unique(bureau)}

    def add(rows: np.ndarray, mix: dict[str, float], total: np.ndarray | float) -> None:
        weights = np.array(list(mix.values()), dtype=float)
        cols = [post_index[p] for p in mix]
        share = weights / weights.sum()
        fte[np.ix_(rows, cols)] += np.outer(np.broadcast_to(total, rows.shape), share)

    # fixed posts of the bureau's tier, on the units that hold them
    for b, rows in members.items():
        posts = model.fixed_posts.filter(pl.col("bureau_tier") == tier[b])
        for post in posts.iter_rows(named=True):
            positions = float(post["positions"])
            if post["basis"] == "per_100k_population":
                positions = math.ceil(positions * (population[b] or 0) / 100_000)
            hours = positions * float(post["hours_per_day"]) * float(post["days_per_year"])
            holders = rows[kind[rows] == _HOLDER[post["post"]]]
            holders = holders if len(holders) else rows[code[rows] == b]
            add(holders, {post["post"]: 1.0}, hours / model.available_hours / len(holders))

    # patrol for the incidents each unit receives (reactive + proactive)
    incident_weight = units["incident_weight"].to_numpy()
    annual_incidents = 12 * monthly_incidents * incident_weight / incident_weight.sum()
    patrol = (
        annual_incidents
        * aux_hours_per_incident
        / model.available_hours
        / (1 - model.proactive_share)
    )
    for station, mix in _PATROL_MIX.items():
        if station == "pcs_border":
            rows = np.flatnonzero((kind == "pcs") & border & (patrol > 0))
        elif station == "pcs":
            rows = np.flatnonzero((kind == "pcs") & ~border & (patrol > 0))
        else:
            rows = np.flatnonzero((kind == station) & (patrol > 0))
        if len(rows):
            add(rows, mix, patrol[rows])

    # civilian support at the organ: a ratio to the bureau's duty FTE
    civilian = np.array([p in CIVILIAN_POSTS for p in POSTS])
    for b, rows in members.items():
        duty_fte = fte[np.ix_(rows, np.flatnonzero(~civilian))].sum()
        add(np.flatnonzero(code == b), _SUPPORT_MIX, model.support_ratio * duty_fte)

    required = fte.sum(axis=1)
    level = np.exp(rng.normal(0.0, _LEVEL_SIGMA, len(members)))
    level_of = dict(zip(members, np.clip(level, 0.6, 1.6), strict=True))
    staff_weight = required * np.array([level_of[b] for b in bureau])
    staff_weight = staff_weight / staff_weight.sum()
    post_p = np.where(required[:, None] > 0, fte / np.maximum(required, 1e-12)[:, None], 0.0)
    return Staffing(staff_weight=staff_weight, required_fte=required, post_p=post_p)
