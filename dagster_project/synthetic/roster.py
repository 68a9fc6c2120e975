"""A month's roster snapshot: everyone employed at any time in the month, as contract columns."""

from __future__ import annotations

import numpy as np
import polars as pl

from dagster_project.synthetic.calendar import IntArray, month_label, month_start
from dagster_project.synthetic.people import EDUCATIONS, NEVER, POSTS, PRIORITIES, People

_SEPARATION_REASONS = np.array(["辞职", "合同期满不再续签", "辞退", "考录公务员或事业单位"])


def date_series(days: IntArray) -> pl.Series:
    """Days since 1970 as a Date series; NEVER becomes empty."""
    s = pl.Series(np.asarray(days, dtype=np.int64))
    return (
        pl.select(pl.when(s == NEVER).then(None).otherwise(s))
        .to_series()
        .cast(pl.Int32)
        .cast(pl.Date)
    )


def roster_frame(people: People, idx: IntArray, mi: int, unit_code: np.ndarray) -> pl.DataFrame:
    sep_now = people.sep_mi[idx] == mi
    susp = people.suspended(mi)[idx]
    returned = people.susp_to[idx] <= mi
    status = np.where(sep_now, "separated", np.where(susp, "suspended", "active"))
    since = np.where(
        sep_now,
        people.sep[idx],
        np.where(
            susp,
            people.susp_day[idx],
            np.where(returned, month_start(np.minimum(people.susp_to[idx], mi)), people.hire[idx]),
        ),
    )
    start, end = people.contract_at(idx, mi)
    fail = [people.background_fail[i] for i in idx]
    return pl.DataFrame(
        {
            "snapshot_month": [month_label(mi)] * len(idx),
            "id_number": people.id_number[idx].astype(str),
            "name": people.name[idx].astype(str),
            "gender": np.where(people.male[idx], "M", "F"),
            "birth_date": date_series(people.birth[idx]),
            "nationality": "中国",
            "education": np.array(EDUCATIONS)[people.education[idx]],
            "category": np.where(people.duty[idx], "duty", "civilian"),
            "post": np.array(POSTS)[people.post[idx]],
            "level": people.level_at(idx, mi),
            "unit_code": unit_code[people.unit[idx]],
            "hire_date": date_series(people.hire[idx]),
            "contract_start": date_series(start),
            "contract_end": date_series(end),
            "status": status,
            "status_since": date_series(since),
            "separation_reason": pl.Series(
                np.where(sep_now, _SEPARATION_REASONS[idx % 4], "")
            ).replace("", None),
            "priority_group": np.array(PRIORITIES)[people.priority[idx]],
            "background_check": ["pass" if not f else f"fail({f})" for f in fail],
            "relaxed_by_notice": people.relaxed[idx],
        }
    )
