-- A35_NO_PHYSICAL_EXAM (第35条 年度体检): a person with 12 person-months in service in a closed year Y and
-- no physical_exam record dated in Y. A closed year has all 12 roster months and an as-of date on or after
-- (Y+1)-03-31. unit_code = the person's roster unit in the last in-service month of Y.
{{ missing_annual_record('A35_NO_PHYSICAL_EXAM', 'physical_exam', 'full_years.year', 12, 31) }}
