-- A34_BASE_BELOW_FLOOR (第34条): a person-month in service with a payroll row whose
-- contribution_base is not null and below the year's floor (ref_insurance_rates.base_floor).
{{ row_rule(
    'A34_BASE_BELOW_FLOOR',
    'int_payroll__person_months_in_service',
    'has_payroll and contribution_base is not null and contribution_base < base_floor',
    [('contribution_base', 'contribution_base'), ('base_floor', 'base_floor'), ('year', 'year')],
) }}
