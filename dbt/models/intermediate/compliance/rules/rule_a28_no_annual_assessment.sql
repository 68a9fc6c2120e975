-- A28_NO_ANNUAL_ASSESSMENT (第28条 年度考核): a person with 12 person-months in service in a closed year Y and
-- no assessment record dated Y-01-01 .. (Y+1)-03-31 (the assessment of Y may be held in the first quarter of Y+1). A closed year has all 12 roster months and an as-of date on or after
-- (Y+1)-03-31. unit_code = the person's roster unit in the last in-service month of Y.
{{ missing_annual_record('A28_NO_ANNUAL_ASSESSMENT', 'assessment', 'full_years.year + 1', 3, 31) }}
