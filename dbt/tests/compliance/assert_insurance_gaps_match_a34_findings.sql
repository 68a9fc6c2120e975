-- Why: insurance_coverage (the Art. 34 gap counts per bureau and month) and the
-- A34_INSURANCE_MISSING findings are two views of the same definition; an auditor drilling
-- from a gap count to the findings must find exactly that many rows.
with

coverage as (

    select
        bureau_code,
        month,
        gap_pension + gap_medical + gap_maternity + gap_unemployment + gap_injury as gaps
    from {{ ref('insurance_coverage') }}

),

findings as (

    select
        bureau_code,
        cast(period || '-01' as date) as month,
        count(*) as findings
    from {{ ref('compliance_violations') }}
    where rule_id = 'A34_INSURANCE_MISSING'
    group by 1, 2

)

select
    coalesce(coverage.bureau_code, findings.bureau_code) as bureau_code,
    coalesce(coverage.month, findings.month) as month,
    coverage.gaps,
    findings.findings
from coverage
full outer join findings
    on findings.bureau_code = coverage.bureau_code
    and findings.month = coverage.month
where coalesce(coverage.gaps, 0) <> coalesce(findings.findings, 0)
