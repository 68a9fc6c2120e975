"""A month's incidents (警情) and who attended them, vectorised per month so the province
benchmark (tens of millions of incidents) streams with bounded memory.

Clean by construction: every enforcement incident has a police officer; auxiliaries are drawn
only from their own station's duty staff who are in service and active all month, work
their own post (never a forbidden task) and are recorded on enforcement incidents. Police
officers (by badge number) may carry any task, forbidden ones included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from dagster_project.contract import INCIDENT_TYPE
from dagster_project.synthetic.calendar import IntArray, days_in_month, month_label, month_start
from dagster_project.synthetic.people import POSTS

INCIDENT_TYPES = tuple(INCIDENT_TYPE)
_TYPE_P = np.array([0.08, 0.25, 0.22, 0.20, 0.20, 0.05])
_ENFORCEMENT_P = np.array([0.95, 0.90, 0.85, 0.40, 0.05, 0.10])
_MINUTES_MEDIAN = np.array([180, 75, 60, 50, 40, 30])
_MINUTES_SIGMA = 0.5  # lognormal spread of handling time around the median
_AUX_COUNT_P = np.array([0.2, 0.5, 0.3])  # 0, 1 or 2 auxiliaries sent (pool permitting)
_POLICE_TASKS = (
    "patrol",
    "traffic",
    "checkpoint",
    "scene_guard",
    "investigation",
    "coercive_measure",
    "penalty_decision",
)
_POLICE_TASK_P = np.array([0.25, 0.15, 0.1, 0.1, 0.25, 0.1, 0.05])


@dataclass(frozen=True)
class Stations:
    """Units that receive incidents, with their expected monthly count and police badges."""

    unit: IntArray  # unit index
    expected: np.ndarray  # incidents per month
    police: IntArray  # badge pool size (1..99)


@dataclass(frozen=True)
class Planted:
    """A hand-built incident: one auxiliary, optionally one police officer."""

    key: str  # plant kind, also the incident id's serial block
    person: int
    unit: int
    enforcement: bool
    police_task: str | None  # None = no police officer
    aux_task: str | None  # None = the person's post
    recorded: bool


def expected_auxiliary_hours() -> float:
    """Mean auxiliary staff-hours of a generated incident (handling time x auxiliaries sent):
    the reactive workload per incident that `staffing` plans patrol staff for."""
    minutes = float((_TYPE_P * _MINUTES_MEDIAN).sum()) * float(np.exp(_MINUTES_SIGMA**2 / 2))
    return minutes / 60 * float((_AUX_COUNT_P * np.arange(3)).sum())


def _badge(unit: IntArray, offset: IntArray) -> pl.Expr:
    return pl.lit(pl.Series(unit * 100 + offset)).cast(pl.String).str.zfill(6)


def month_incidents(
    rng: np.random.Generator,
    mi: int,
    stations: Stations,
    pool_person: IntArray,
    pool_unit: IntArray,
    person_post: IntArray,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Incidents (with a `unit_idx` column) and incident_staff (with `incident_row`)."""
    counts = rng.poisson(stations.expected)
    slot = np.repeat(np.arange(len(stations.unit)), counts)
    n = len(slot)
    seconds = rng.integers(0, int(days_in_month(mi)) * 86400, n)
    order = np.lexsort((seconds, slot))
    slot, seconds = slot[order], seconds[order]
    seq = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    kind = rng.choice(len(INCIDENT_TYPES), size=n, p=_TYPE_P)
    enforcement = rng.random(n) < _ENFORCEMENT_P[kind]
    minutes = np.maximum(5, np.round(_MINUTES_MEDIAN[kind] * rng.lognormal(0, _MINUTES_SIGMA, n)))

    # Auxiliary pool of each incident's station: people sorted by unit.
    unit = stations.unit[slot]
    order = np.argsort(pool_unit, kind="stable")
    pool_person, pool_unit = pool_person[order], pool_unit[order]
    lo = np.searchsorted(pool_unit, unit, side="left")
    size = np.searchsorted(pool_unit, unit, side="right") - lo
    n_aux = np.minimum(rng.choice(3, size=n, p=_AUX_COUNT_P), size)
    police = stations.police[slot]
    n_police = np.where(enforcement, 1 + (rng.random(n) < 0.5), rng.random(n) < 0.6)
    n_police = np.where(~enforcement & (n_aux == 0), 1, n_police)
    n_police = np.minimum(n_police, police).astype(np.int64)

    r1, r2 = rng.integers(0, 1 << 30, n), rng.integers(0, 1 << 30, n)
    first_police = r1 % police
    second_police = (first_police + 1 + r2 % np.maximum(police - 1, 1)) % police
    first_aux = r2 % np.maximum(size, 1)
    second_aux = (first_aux + 1 + r1 % np.maximum(size - 1, 1)) % np.maximum(size, 1)

    p_rows = np.concatenate([np.flatnonzero(n_police >= 1), np.flatnonzero(n_police >= 2)])
    p_off = np.concatenate([first_police[n_police >= 1], second_police[n_police >= 2]])
    a_rows = np.concatenate([np.flatnonzero(n_aux >= 1), np.flatnonzero(n_aux >= 2)])
    a_pick = np.concatenate([first_aux[n_aux >= 1], second_aux[n_aux >= 2]])
    a_person = pool_person[lo[a_rows] + a_pick] if len(a_rows) else np.zeros(0, np.int64)

    incidents = pl.DataFrame(
        {
            "unit_idx": unit,
            "seq": seq,
            "reported_at": (int(month_start(mi)) * 86400 + seconds) * 1_000_000,
            "incident_type": np.array(INCIDENT_TYPES)[kind],
            "enforcement": enforcement,
            "handling_minutes": minutes.astype(np.int64),
        }
    )
    police_rows = pl.DataFrame(
        {
            "incident_row": p_rows,
            "staff_type": "police",
            "person": np.full(len(p_rows), -1),
            "badge_offset": p_off,
            "task": np.array(_POLICE_TASKS)[
                rng.choice(len(_POLICE_TASKS), len(p_rows), p=_POLICE_TASK_P)
            ],
            "recorded": rng.random(len(p_rows)) < 0.95,
        }
    )
    aux_rows = pl.DataFrame(
        {
            "incident_row": a_rows,
            "staff_type": "auxiliary",
            "person": a_person,
            "badge_offset": np.zeros(len(a_rows), np.int64),
            "task": np.array(POSTS)[person_post[a_person]],
            "recorded": enforcement[a_rows] | (rng.random(len(a_rows)) < 0.7),
        }
    )
    return incidents, pl.concat([police_rows, aux_rows]).sort("incident_row", "staff_type")


def planted_incidents(
    rng: np.random.Generator,
    mi: int,
    planted: list[Planted],
    person_post: IntArray,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Hand-built incidents, numbered from 900001 so they never collide with generated ones."""
    n = len(planted)
    seconds = rng.integers(0, int(days_in_month(mi)) * 86400, n)
    incidents = pl.DataFrame(
        {
            "unit_idx": np.array([p.unit for p in planted], dtype=np.int64),
            "seq": np.arange(900_001, 900_001 + n),
            "reported_at": (int(month_start(mi)) * 86400 + seconds) * 1_000_000,
            "incident_type": ["public_order" if p.enforcement else "assistance" for p in planted],
            "enforcement": [p.enforcement for p in planted],
            "handling_minutes": rng.integers(20, 120, n),
        },
        schema_overrides={"reported_at": pl.Int64, "handling_minutes": pl.Int64},
    )
    rows = []
    for k, p in enumerate(planted):
        if p.police_task is not None:
            rows.append((k, "police", -1, 0, p.police_task, True))
        task = p.aux_task or POSTS[person_post[p.person]]
        rows.append((k, "auxiliary", p.person, 0, task, p.recorded))
    staff = pl.DataFrame(
        rows,
        schema=["incident_row", "staff_type", "person", "badge_offset", "task", "recorded"],
        orient="row",
    )
    return incidents, staff


def finish(
    incidents: pl.DataFrame,
    staff: pl.DataFrame,
    mi: int,
    unit_code: np.ndarray,
    unit_partition: np.ndarray,
    id_numbers: np.ndarray,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Contract columns: incident ids, timestamps, staff ids; `partition` kept for the files."""
    yyyymm = month_label(mi).replace("-", "")
    unit_idx = incidents["unit_idx"].to_numpy()
    incidents = incidents.with_columns(
        incident_id=pl.lit(pl.Series(unit_code[unit_idx]))
        + yyyymm
        + pl.col("seq").cast(pl.String).str.zfill(6),
        unit_code=pl.lit(pl.Series(unit_code[unit_idx])),
        partition=pl.lit(pl.Series(unit_partition[unit_idx])),
        reported_at=pl.col("reported_at").cast(pl.Datetime("us")),
    )
    rows = staff["incident_row"].to_numpy()
    person = staff["person"].to_numpy()
    aux_id = np.where(person >= 0, id_numbers[np.maximum(person, 0)], "")
    staff = staff.with_columns(
        incident_id=pl.lit(incidents["incident_id"].to_numpy()[rows]),
        partition=pl.lit(incidents["partition"].to_numpy()[rows]),
        staff_id=pl.when(pl.col("person") >= 0)
        .then(pl.lit(pl.Series(aux_id.astype(str))))
        .otherwise(_badge(unit_idx[rows], staff["badge_offset"].to_numpy())),
    )
    return (
        incidents.select(
            "incident_id",
            "unit_code",
            "reported_at",
            "incident_type",
            "enforcement",
            "handling_minutes",
            "partition",
        ),
        staff.select("incident_id", "staff_type", "staff_id", "task", "recorded", "partition"),
    )
