"""A small published snapshot with known figures, so dashboard tests need no pipeline run.

Six bureaus in two prefectures (昆明 530100 with counties 五华 530102 and 盘龙 530103; 曲靖
530300 with county 麒麟 530302) plus the province bureau; 24 months 2024-11..2026-10.
Figures are built in SQL from a few base numbers so that tests can recompute them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SEED = Path(__file__).resolve().parents[2] / "dbt" / "seeds" / "ref_divisions.csv"

PROVINCE = "530000000000"
KUNMING = "530100000000"
WUHUA = "530102000000"
PANLONG = "530103000000"
QUJING = "530300000000"
QILIN = "530302000000"
ALL_BUREAUS = (PROVINCE, KUNMING, WUHUA, PANLONG, QUJING, QILIN)
# what each demo login may see (tests/dashboards and dashboards/README.md use the same users)
SCOPE_OF_USER = {
    "province": ALL_BUREAUS,
    "finance": ALL_BUREAUS,
    "auditor": ALL_BUREAUS,
    "kunming": (KUNMING, WUHUA, PANLONG),
    "wuhua": (WUHUA,),
}

_SQL = f"""
create schema marts; create schema reference; create schema quality; create schema pii;
create schema _publish;

create table marts.dim_bureau as
select * from (values
    ('{PROVINCE}', '云南省公安厅', 'province', null, '530000', null),
    ('{KUNMING}', '昆明市公安局', 'prefecture', '530100', '530100', '{PROVINCE}'),
    ('{WUHUA}', '昆明市公安局五华分局', 'county', '530100', '530102', '{KUNMING}'),
    ('{PANLONG}', '昆明市公安局盘龙分局', 'county', '530100', '530103', '{KUNMING}'),
    ('{QUJING}', '曲靖市公安局', 'prefecture', '530300', '530300', '{PROVINCE}'),
    ('{QILIN}', '曲靖市公安局麒麟分局', 'county', '530300', '530302', '{QUJING}')
) t(bureau_code, bureau_name, tier, prefecture_code, admin_code, parent_bureau_code);

-- base headcount and monthly pay per head; duty grows by one person from 2025-11
create temp table base as
select * from (values
    ('{PROVINCE}', 'civilian', 20, 4400.00), ('{PROVINCE}', 'duty', 10, 5000.00),
    ('{KUNMING}', 'civilian', 15, 4200.00), ('{KUNMING}', 'duty', 30, 4800.00),
    ('{WUHUA}', 'civilian', 3, 4100.00), ('{WUHUA}', 'duty', 40, 4700.00),
    ('{PANLONG}', 'civilian', 8, 4000.00), ('{PANLONG}', 'duty', 35, 4600.00),
    ('{QUJING}', 'civilian', 12, 3900.00), ('{QUJING}', 'duty', 25, 4400.00),
    ('{QILIN}', 'civilian', 6, 3700.00), ('{QILIN}', 'duty', 30, 4200.00)
) t(bureau_code, category, heads, pay);

create temp table months as
select cast(m as date) as month
from range(date '2024-11-01', date '2026-11-01', interval 1 month) r(m);

create table marts.workforce_cost_monthly as
with h as (
    select b.bureau_code, m.month, b.category, b.pay,
        b.heads + case when b.category = 'duty' and m.month >= date '2025-11-01' then 1 else 0 end
            as headcount
    from base b cross join months m
)
select bureau_code, month, category, headcount,
    cast(headcount * pay as decimal(18,2)) as gross_pay,
    cast(round(headcount * pay * 0.2465, 2) as decimal(18,2)) as employer_insurance,
    cast(case when category = 'duty' then headcount * 15 else 0 end as decimal(18,2))
        as accident_premium,
    cast(headcount * pay + round(headcount * pay * 0.2465, 2)
        + case when category = 'duty' then headcount * 15 else 0 end as decimal(18,2))
        as total_cost,
    cast(round((headcount * pay + round(headcount * pay * 0.2465, 2)
        + case when category = 'duty' then headcount * 15 else 0 end) / headcount, 2)
        as decimal(18,2)) as cost_per_head
from h;

create table marts.quota_utilization as
with y as (
    select w.bureau_code, year(w.month) as year, w.category, w.headcount
    from marts.workforce_cost_monthly w
    where w.month in (date '2025-12-01', date '2026-10-01')
), q as (
    select y.*, case when bureau_code = '{WUHUA}' and category = 'duty' then 38
        else headcount + 2 end as approved_quota
    from y
)
select bureau_code, cast(year as integer) as year, category, approved_quota, headcount,
    headcount / approved_quota as utilization, approved_quota - headcount as vacancies,
    headcount > approved_quota as over_quota
from q;

create table marts.grassroots_allocation as
select q.bureau_code, q.year, sum(q.headcount) as aux_total,
    cast(round(sum(q.headcount) * 0.7) as integer) as aux_grassroots,
    round(sum(q.headcount) * 0.7) / sum(q.headcount) as grassroots_share,
    p.police as police_count, sum(q.headcount) / p.police as aux_per_police,
    p.population, sum(q.headcount) / p.population * 10000 as aux_per_10k_population,
    p.incidents, p.incidents * 2.5 as workload_hours,
    round(p.incidents * 2.5 / 1019, 1) as required_fte,
    sum(q.headcount) - round(p.incidents * 2.5 / 1019, 1) as staffing_gap
from marts.quota_utilization q
join (values ('{WUHUA}', 30, 604292, 18000), ('{PANLONG}', 28, 604292, 14000),
    ('{QILIN}', 25, 640642, 12000)) p(bureau_code, police, population, incidents)
    using (bureau_code)
group by q.bureau_code, q.year, p.police, p.population, p.incidents;

create table marts.quota_proposal as
select bureau_code, 2027 as year, category, approved_quota as current_quota,
    approved_quota + d as need_based_quota, approved_quota + d as proposed_quota, d as change
from (
    select *, case when category <> 'duty' then 0
        when bureau_code in ('{WUHUA}', '{PANLONG}', '{QILIN}') then 1
        when bureau_code in ('{KUNMING}', '{QUJING}') then -1 else -1 end as d
    from marts.quota_utilization where year = 2026
);

create table marts.budget_projection as
select p.bureau_code, 2027 as year, d.tier as funding_level,
    sum(p.proposed_quota) as planned_headcount,
    cast(sum(p.proposed_quota * b.pay * 12 * 1.03) as decimal(18,2)) as pay_cost,
    cast(round(sum(p.proposed_quota * b.pay * 12 * 1.03) * 0.2465, 2) as decimal(18,2))
        as employer_insurance,
    cast(sum(p.proposed_quota) * 3000 as decimal(18,2)) as other_cost,
    cast(sum(p.proposed_quota * b.pay * 12 * 1.03)
        + round(sum(p.proposed_quota * b.pay * 12 * 1.03) * 0.2465, 2)
        + sum(p.proposed_quota) * 3000 as decimal(18,2)) as total_cost,
    0.03 as salary_growth, 0.2465 as employer_rate
from marts.quota_proposal p
join base b using (bureau_code, category)
join marts.dim_bureau d using (bureau_code)
group by p.bureau_code, d.tier;

create table reference.ref_average_wage as
select * from (values ('530000', 2024, 110206.00), ('530100', 2024, 118000.00),
    ('530300', 2024, 97000.00)) t(admin_code, year, avg_annual_wage);

create table marts.salary_benchmark as
select d.prefecture_code, cast(year(w.month) as integer) as year, w.category,
    sum(w.headcount) as person_months,
    cast(round(sum(w.gross_pay) / sum(w.headcount) * 12, 2) as decimal(18,2))
        as avg_annual_gross,
    a.avg_annual_wage as local_avg_wage, 2024 as benchmark_year,
    round(sum(w.gross_pay) / sum(w.headcount) * 12 / a.avg_annual_wage, 4)
        as ratio_to_local_avg,
    case when d.prefecture_code = '530300' and w.category = 'civilian' then 2 else 0 end
        as below_min_wage_months
from marts.workforce_cost_monthly w
join marts.dim_bureau d using (bureau_code)
join reference.ref_average_wage a on a.admin_code = d.prefecture_code
where d.prefecture_code is not null
group by d.prefecture_code, year(w.month), w.category, a.avg_annual_wage;

create table marts.insurance_coverage as
select bureau_code, month, sum(headcount) as person_months,
    case when bureau_code = '{WUHUA}' and month >= date '2026-01-01' then 2 else 0 end
        as gap_pension,
    0 as gap_medical, 0 as gap_maternity, 0 as gap_unemployment,
    case when bureau_code = '{QILIN}' then 1 else 0 end as gap_injury,
    1 - (case when bureau_code = '{WUHUA}' and month >= date '2026-01-01' then 2 else 0 end
        + case when bureau_code = '{QILIN}' then 1 else 0 end) / sum(headcount)
        as coverage_rate,
    cast(case when bureau_code = '{WUHUA}' and month >= date '2026-01-01' then 2 * 697.12
        when bureau_code = '{QILIN}' then 12.60 else 0 end as decimal(18,2))
        as estimated_shortfall
from marts.workforce_cost_monthly group by bureau_code, month;

create table marts.compliance_violations as
select rule_id, article, severity, unit_code, bureau_code, prefecture_code, person_key,
    incident_id, period, detail, evidence
from (values
    ('A6_OVER_QUOTA', '第六条', 'medium', '{WUHUA}', '{WUHUA}', '530100', null, null,
        '2026', 'duty', '{{"headcount": 41, "approved_quota": 38}}'),
    ('A16_NO_VALID_CONTRACT', '第十六条', 'medium', '530102010000', '{WUHUA}', '530100',
        'pk_wh_001', null, '2026-09', null, '{{"contract_end": "2026-08-31"}}'),
    ('A34_INSURANCE_MISSING', '第三十四条', 'high', '530102010000', '{WUHUA}', '530100',
        'pk_wh_002', null, '2026-10', 'pension', '{{"employer_pension": 0}}'),
    ('A8_UNLED_ENFORCEMENT', '第八条', 'high', '530103020000', '{PANLONG}', '530100',
        null, 'INC-PL-0007', '2026-08', null, '{{"auxiliaries": 2, "police": 0}}'),
    ('A20_FORBIDDEN_TASK', '第二十条', 'high', '530302010000', '{QILIN}', '530300',
        'pk_ql_001', 'INC-QL-0003', '2026-07', null, '{{"task": "investigation"}}'),
    ('A33_BELOW_MIN_WAGE', '第三十三条', 'medium', '{QUJING}', '{QUJING}', '530300',
        'pk_qj_001', null, '2025-11', null, '{{"pay": 1800.00, "min_wage": 2020.00}}'),
    ('A15_DISQUALIFIED_HIRE', '第十五条', 'high', '{PROVINCE}', '{PROVINCE}', null,
        'pk_pr_001', null, '2025-03', null, '{{"background_check": "fail"}}')
) t(rule_id, article, severity, unit_code, bureau_code, prefecture_code, person_key,
    incident_id, period, detail, evidence);

create table pii.person_names as
select * from (values ('pk_wh_001', '张三'), ('pk_wh_002', '李四'), ('pk_ql_001', '王五'),
    ('pk_qj_001', '赵六'), ('pk_pr_001', '钱七')) t(person_key, name);

create table reference.ref_divisions as
select * from read_csv('{SEED}', types={{'admin_code': 'VARCHAR', 'parent_code': 'VARCHAR'}});

create table quality.load_log as
select * from (values
    ('roster_2026-10.csv', 'aa01', 'roster', '2026-10', 450, 448, 2, 'loaded', null,
        timestamp '2026-11-03 08:00:00'),
    ('payroll_2026-10.xlsx', 'aa02', 'payroll', '2026-10', 446, 446, 0, 'loaded', null,
        timestamp '2026-11-03 08:01:00'),
    ('payroll_2026-09.xlsx', 'aa03', 'payroll', '2026-09', 0, 0, 0, 'rejected',
        'no required column base_pay', timestamp '2026-10-05 09:00:00'),
    ('org_units.csv', 'aa04', 'org_units', null, 12, 12, 0, 'loaded', null,
        timestamp '2026-06-01 10:00:00')
) t(file, sha256, source, partition, rows_read, rows_loaded, rows_quarantined, status,
    message, loaded_at);

create table quality.quarantine as
select * from (values
    ('roster_2026-10.csv', 'aa01', 'roster', 17, 'id_number', '5301**********123X',
        'id_checksum', '身份证号校验位错误', 'ID number checksum fails',
        timestamp '2026-11-03 08:00:00'),
    ('roster_2026-10.csv', 'aa01', 'roster', 230, 'hire_date', '2026-13-01', 'bad_date',
        '日期格式错误', 'not a date', timestamp '2026-11-03 08:00:00')
) t(file, sha256, source, row_number, column_name, value, rule, message_zh, message_en,
    quarantined_at);

create table quality.check_results as
select * from (values
    ('roster_not_null_person_key', 'roster', true, null, timestamp '2026-11-03 08:05:00'),
    ('payroll_pay_non_negative', 'payroll', true, null, timestamp '2026-11-03 08:05:00'),
    ('org_units_parent_exists', 'org_units', false, '1 unit without parent',
        timestamp '2026-11-03 08:05:00')
) t(check_name, source, passed, detail, checked_at);

create table _publish.meta as
select timestamp '2026-11-03 08:10:00' as published_at, 'run-fixture-0001' as run_id;
"""


def write_snapshot(path: Path) -> Path:
    """Write the fixture snapshot to `path` (replacing it atomically, as publish does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        con.execute(_SQL)
    tmp.replace(path)
    return path
