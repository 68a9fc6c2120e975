"""The workforce forecast marts of the fixture snapshot (issue 14), with the real marts'
columns and types: every bureau × category of the 2026 quota rows starts from its headcount
and loses 1 % a month (a tenth of it at contract ends, the rest attrition, nobody retires);
a backtest from two origins with hand-set figures; the accuracy the page shows (MAPE 4.2 %
overall). Added by snapshot_fixture.write_snapshot."""

from __future__ import annotations

import duckdb

_SQL = """
create table marts.workforce_forecast as
with start as (
    select q.bureau_code, q.category, d.bureau_name, d.tier as bureau_tier, d.prefecture_code,
        q.headcount
    from marts.quota_utilization q join marts.dim_bureau d using (bureau_code)
    where q.year = 2026
), months as (
    select cast(k as integer) as horizon_months from range(0, 25) r(k)
), curve as (
    select s.*, m.horizon_months, s.headcount * power(0.99, m.horizon_months) as forecast,
        s.headcount * power(0.99, greatest(m.horizon_months - 1, 0)) as previous
    from start s cross join months m
)
select date '2026-10-01' as as_of_month,
    cast(date '2026-10-01' + to_months(horizon_months) as date) as month, horizon_months,
    bureau_code, category, bureau_name, bureau_tier, prefecture_code,
    cast(headcount as bigint) as start_headcount, cast(0 as double) as expected_retirements,
    (previous - forecast) * 0.1 as expected_contract_exits,
    (previous - forecast) * 0.9 as expected_attrition,
    previous - forecast as expected_separations, cast(0 as bigint) as known_hires,
    forecast as forecast_headcount, headcount - forecast as cumulative_separations
from curve;

create table marts.workforce_separation_rates as
select category, rate_kind, tenure_band, cast(person_months as bigint) as person_months,
    cast(contract_ends as bigint) as contract_ends, cast(separations as bigint) as separations,
    cast(monthly_rate as double) as monthly_rate, cast(annual_rate as double) as annual_rate,
    date '2024-11-01' as window_start, date '2026-09-01' as window_end
from (values
    ('civilian', 'attrition', '不满1年', 1000, null, 8, 0.008, 1 - power(0.992, 12)),
    ('duty', 'attrition', '不满1年', 2000, null, 20, 0.01, 1 - power(0.99, 12)),
    ('civilian', 'contract_non_renewal', null, null, 100, 1, 0.01, null),
    ('duty', 'contract_non_renewal', null, null, 200, 3, 0.015, null)
) t(category, rate_kind, tenure_band, person_months, contract_ends, separations, monthly_rate,
    annual_rate);

create table marts.workforce_forecast_backtest as
with rows as (
    select * from (values
        (date '2025-09-01', 0), (date '2025-10-01', 1)
    ) o(origin_month, shift)
    cross join (select bureau_code, category, headcount from marts.quota_utilization
        where year = 2026) q
)
select r.origin_month, r.bureau_code, r.category,
    cast(r.origin_month + interval 12 month as date) as target_month, d.bureau_name,
    d.tier as bureau_tier, d.prefecture_code, cast(r.headcount as bigint) as origin_headcount,
    cast(r.headcount * 0.9 as double) as forecast_headcount,
    cast(round(r.headcount * 0.9) - r.shift as bigint) as actual_retained,
    cast(r.headcount as bigint) as actual_headcount,
    cast(r.headcount * 0.9 - (round(r.headcount * 0.9) - r.shift) as double) as error,
    cast(abs(r.headcount * 0.9 - (round(r.headcount * 0.9) - r.shift))
        / nullif(round(r.headcount * 0.9) - r.shift, 0) as double) as abs_pct_error
from rows r join marts.dim_bureau d using (bureau_code);

create table marts.workforce_forecast_accuracy as
select category, cast(origins as bigint) as origins,
    cast(bureau_origins as bigint) as bureau_origins, cast(mape as double) as mape,
    cast(bias_pct as double) as bias_pct, cast(mean_pct_error as double) as mean_pct_error
from (values
    ('all', 2, 12, 0.042, 0.008, 0.009),
    ('civilian', 2, 12, 0.085, -0.001, 0.005),
    ('duty', 2, 12, 0.058, 0.011, 0.016)
) t(category, origins, bureau_origins, mape, bias_pct, mean_pct_error);
"""


def add_forecast(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_SQL)
