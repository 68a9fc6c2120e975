-- Why: finance reconciles the warehouse against the payroll ledger; Σ gross_pay in
-- workforce_cost_monthly must equal Σ gross_pay of payroll rows that have a roster row in the
-- same month (rows without one are excluded by definition), to the fen.
with

mart as (

    select sum(gross_pay) as gross_pay from {{ ref('workforce_cost_monthly') }}

),

ledger as (

    select sum(payroll.gross_pay) as gross_pay
    from {{ ref('stg_payroll__monthly_pay') }} as payroll
    inner join {{ ref('int_roster__person_months') }} as roster
        on roster.person_key = payroll.person_key
        and roster.month = payroll.pay_month
    where roster.bureau_code is not null

)

select mart.gross_pay as mart_gross, ledger.gross_pay as ledger_gross
from mart
cross join ledger
where coalesce(mart.gross_pay, 0) <> coalesce(ledger.gross_pay, 0)
