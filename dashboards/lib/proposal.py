"""Live quota proposal over the scope's bureaus (Art. 6: total control, tilt to the
grassroots, dynamic adjustment), recomputed from the snapshot when a slider moves.

County bureaus share what organs (province and prefecture bureaus, which have no workload
indicators) leave, in proportion to weighted need: Σ_k w_k · x_k ÷ Σ x_k over population,
incidents and workload hours, times (1 + tilt × grassroots share); a bureau's need is split
over categories by its current mix. Each row then stays within current × (1 ± damping),
the remainder going to rows not yet at a bound, and integers are fixed by largest remainder
so that the rows sum to the total exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

INDICATORS = ("population", "incidents", "workload_hours")


@dataclass(frozen=True)
class Params:
    total: int
    damping: float  # fraction, e.g. 0.1 for ±10 %
    weights: tuple[float, float, float]  # population, incidents, workload hours
    tilt: float


def bounds(current: pl.Series, damping: float) -> tuple[int, int]:
    """The totals reachable with every row inside its damping bound."""
    lo = sum(math.ceil(c * (1 - damping)) for c in current.to_list())
    hi = sum(math.floor(c * (1 + damping)) for c in current.to_list())
    return lo, hi


def _need(rows: pl.DataFrame, p: Params) -> list[float]:
    total_current = rows["current_quota"].sum() or 1
    is_county = rows["population"].is_not_null()
    organ_need = rows["current_quota"].cast(pl.Float64) * p.total / total_current
    pool = p.total - organ_need.filter(~is_county).sum()
    weight_sum = sum(p.weights) or 1.0
    county = rows.filter(is_county)
    bureau = county.group_by("bureau_code").agg(
        *(pl.col(k).first() for k in (*INDICATORS, "grassroots_share")),
        pl.col("current_quota").sum().alias("bureau_current"),
    )
    score = pl.sum_horizontal(
        (w / weight_sum) * pl.col(k).fill_null(0) / pl.col(k).sum()
        for w, k in zip(p.weights, INDICATORS, strict=True)
    ) * (1 + p.tilt * pl.col("grassroots_share").fill_null(0))
    bureau = bureau.with_columns(score=score).with_columns(
        bureau_need=pl.col("score") / pl.col("score").sum() * pool
    )
    shares = rows.join(bureau, on="bureau_code", how="left").with_columns(
        need=pl.when(pl.col("bureau_need").is_null())
        .then(organ_need)
        .when(pl.col("bureau_current") > 0)
        .then(pl.col("bureau_need") * pl.col("current_quota") / pl.col("bureau_current"))
        .otherwise(pl.col("bureau_need") * (pl.col("category") == "duty").cast(pl.Float64))
    )
    return shares["need"].fill_null(0).fill_nan(0).to_list()


def _damp(need: list[float], current: list[int], p: Params) -> list[float]:
    lo = [c * (1 - p.damping) for c in current]
    hi = [c * (1 + p.damping) for c in current]
    value = [min(max(n, a), b) for n, a, b in zip(need, lo, hi, strict=True)]
    for _ in range(100):
        rest = p.total - sum(value)
        if abs(rest) < 1e-9:
            break
        room = [(b - v) if rest > 0 else (v - a) for v, a, b in zip(value, lo, hi, strict=True)]
        free = [i for i, r in enumerate(room) if r > 1e-12]
        if not free:
            break
        weight = sum(need[i] or 1 for i in free)
        for i in free:
            step = rest * (need[i] or 1) / weight
            value[i] = min(max(value[i] + step, lo[i]), hi[i])
    return value


def _integers(value: list[float], current: list[int], p: Params) -> list[int]:
    hi = [math.floor(c * (1 + p.damping)) for c in current]
    lo = [math.ceil(c * (1 - p.damping)) for c in current]
    out = [min(max(math.floor(v), a), b) for v, a, b in zip(value, lo, hi, strict=True)]
    order = sorted(range(len(value)), key=lambda i: value[i] - math.floor(value[i]), reverse=True)
    while sum(out) != p.total:
        step = 1 if sum(out) < p.total else -1
        moved = False
        for i in order if step == 1 else reversed(order):
            if lo[i] <= out[i] + step <= hi[i]:
                out[i] += step
                moved = True
                if sum(out) == p.total:
                    break
        if not moved:
            break
    return out


def recompute(rows: pl.DataFrame, p: Params) -> pl.DataFrame:
    """`rows` from queries.proposal_inputs; adds live_quota and live_change."""
    if rows.is_empty():
        return rows.with_columns(live_quota=pl.lit(0), live_change=pl.lit(0))
    current = rows["current_quota"].to_list()
    live = _integers(_damp(_need(rows, p), current, p), current, p)
    return rows.with_columns(live_quota=pl.Series(live, dtype=pl.Int64)).with_columns(
        live_change=pl.col("live_quota") - pl.col("current_quota")
    )
