-- A34_BASE_BELOW_FLOOR (第34条): a person-month in service with a payroll row whose
-- contribution_base is not null and below the year's floor (ref_insurance_rates.base_floor).
{{ row_rule(
    'A34_BASE_BELOW_FLOOR',
    'int_payroll__person_months_in_service',
    'has_payroll and contribution_base is not null and contribution_base < base_floor',
    [('contribution_base', 'contribution_base'), ('base_floor', 'base_floor'), ('year', 'year')],
    lineage=[
        ('payroll', 'stg_payroll__monthly_pay', 'lineage_1.person_key = matched.person_key and lineage_1.pay_month = matched.month'),
        ('roster', 'stg_roster__monthly_snapshots', 'lineage_2.person_key = matched.person_key and lineage_2.snapshot_month = matched.month'),
    ],
) }}
