"""The issue-13 relations of the fixture snapshot: evidence rows on compliance_violations, the
finding history (each fixture finding open, plus closed ones) and the rule catalogue (titles
from dbt/macros/compliance_rules.sql, article texts from the regulation seed), with the
columns and types of the real published snapshot."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

DBT = Path(__file__).resolve().parents[2] / "dbt"
ARTICLES = DBT / "seeds" / "ref_regulation_articles.csv"
_RULE = re.compile(
    r"'rule_id': '(\w+)', 'article_no': (\d+), 'severity': '(\w+)', 'grain': '(\w+)',\s*"
    r"'title_zh': '([^']*)', 'title_en': '([^']*)'"
)


def rules() -> list[tuple[str, int, str, str, str, str]]:
    """(rule_id, article_no, severity, grain, title_zh, title_en) of the 18 rules."""
    text = (DBT / "macros" / "compliance_rules.sql").read_text(encoding="utf-8")
    return [(r, int(n), s, g, zh, en) for r, n, s, g, zh, en in _RULE.findall(text)]


def add_findings(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "create temp table rules(rule_id varchar, article_no integer, severity varchar, "
        "grain varchar, title_zh varchar, title_en varchar)"
    )
    con.executemany("insert into rules values (?, ?, ?, ?, ?, ?)", rules())
    con.execute(
        f"""
create table marts.compliance_rule_catalog as
select r.rule_id, r.title_zh, r.title_en,
    '触发：' || r.title_zh as fires_zh, 'Fires: ' || r.title_en as fires_en,
    '—' as threshold_zh, '—' as threshold_en, r.severity, r.grain,
    '第' || r.article_no || '条' as article, r.article_no,
    a.article as article_heading, a.text as article_text
from rules r
left join read_csv('{ARTICLES}', types={{'article_no': 'INTEGER'}}) a using (article_no)
order by r.article_no, r.rule_id;

alter table marts.compliance_violations add column evidence_rows varchar;
update marts.compliance_violations set evidence_rows =
    '[{{"source":"roster","file":"' || substring(bureau_code, 1, 6) || '/roster_'
    || substring(bureau_code, 1, 6) || '_2026-10.xlsx","row":' || (length(rule_id) + 3) || '}}]';
-- a person hired before the data window, never trained: resting on records before it
insert into marts.compliance_violations
select md5('A27-before-window'), 'A27_NO_PRESERVICE_TRAINING', '第27条', 27, 'medium',
    unit_code, bureau_code, prefecture_code, 'pk_pr_002', null, '2019-03', null,
    '{{"hire_date":"2019-03-10","first_incident_date":"2024-11-20","training_deadline":"2024-11-20","first_training_date":null,"before_window":true}}',
    '[{{"source":"roster","file":"530000/roster_530000_2026-10.xlsx","row":31}},'
    || '{{"source":"incident_staff","file":"530000/incident_staff_530000_2024-11.csv","row":118}}]'
from marts.compliance_violations where rule_id = 'A15_DISQUALIFIED_HIRE';

create table marts.compliance_finding_history as
select finding_id, rule_id, article, article_no, severity, unit_code, bureau_code,
    prefecture_code, person_key, incident_id, period, detail, evidence, evidence_rows,
    timestamp '2026-10-03 08:00:00' as first_seen, timestamp '2026-11-03 08:00:00' as last_seen,
    cast(null as timestamp) as closed_at, cast(null as varchar) as close_reason,
    'open' as status, cast(null as timestamp) as reopened_at
from marts.compliance_violations
union all
select md5('closed-' || bureau_code), 'A16_NO_VALID_CONTRACT', '第16条', 16, 'medium',
    bureau_code, bureau_code, prefecture_code, 'pk_closed', null, '2026-08', null,
    '{{"reason":"expired","contract_end":"2026-07-31"}}',
    '[{{"source":"roster","file":"' || admin_code || '/roster_' || admin_code
        || '_2026-08.xlsx","row":9}}]',
    timestamp '2026-09-03 08:00:00', timestamp '2026-10-03 08:00:00',
    timestamp '2026-11-03 08:00:00', 'data_corrected', 'closed', null
from marts.dim_bureau where tier = 'county';
"""
    )
