-- A33_BELOW_MIN_WAGE (第33条; 最低工资规定): a person-month in service with a payroll row where
-- base_pay + level_pay + post_allowance + performance_pay + other_pay (overtime and hazard
-- pay excluded) < the monthly minimum wage in force for the unit's wage class (latest
-- valid_from <= the month's first day; class looked up by the unit's admin_code).
{{ row_rule(
    'A33_BELOW_MIN_WAGE',
    'int_payroll__person_months_in_service',
    'has_payroll and min_wage_pay < min_wage_monthly',
    [
        ('min_wage_pay', 'min_wage_pay'),
        ('min_wage_monthly', 'min_wage_monthly'),
        ('wage_class', 'wage_class'),
        ('admin_code', 'effective_admin_code'),
        ('gross_pay', 'gross_pay'),
    ],
    lineage=[
        ('payroll', 'stg_payroll__monthly_pay', 'lineage_1.person_key = matched.person_key and lineage_1.pay_month = matched.month'),
        ('roster', 'stg_roster__monthly_snapshots', 'lineage_2.person_key = matched.person_key and lineage_2.snapshot_month = matched.month'),
    ],
) }}
