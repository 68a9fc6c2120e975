{#-
    The 18 compliance rules of the output contract (docs/output-contract.md,
    docs/rules-interpretation.md): rule_id -> article, severity and a short title.
    `article` is written the way the regulation numbers it ('第33条'); `article_no` is the number.
-#}
{% macro compliance_rules() -%}
    {{ return([
        {'rule_id': 'A6_OVER_QUOTA', 'article_no': 6, 'severity': 'medium', 'grain': 'bureau_year_category',
         'title_zh': '超出用人额度', 'title_en': 'Headcount of the year above the approved quota'},
        {'rule_id': 'A8_UNLED_ENFORCEMENT', 'article_no': 8, 'severity': 'high', 'grain': 'incident',
         'title_zh': '辅警单独执法', 'title_en': 'Enforcement incident with auxiliaries and no police officer'},
        {'rule_id': 'A13_UNDERAGE_AT_HIRE', 'article_no': 13, 'severity': 'medium', 'grain': 'person',
         'title_zh': '招聘时未满十八周岁', 'title_en': 'Younger than 18 on the hire date'},
        {'rule_id': 'A13_EDUCATION_BELOW_REQUIREMENT', 'article_no': 13, 'severity': 'medium', 'grain': 'person',
         'title_zh': '学历低于要求', 'title_en': 'Education below the requirement of the category'},
        {'rule_id': 'A15_DISQUALIFIED_HIRE', 'article_no': 15, 'severity': 'high', 'grain': 'person',
         'title_zh': '政审不合格仍被招聘', 'title_en': 'Hired although the background check failed'},
        {'rule_id': 'A16_NO_VALID_CONTRACT', 'article_no': 16, 'severity': 'medium', 'grain': 'person_month',
         'title_zh': '无有效劳动合同', 'title_en': 'In service without a valid labour contract'},
        {'rule_id': 'A19_UNRECORDED_ENFORCEMENT', 'article_no': 19, 'severity': 'high', 'grain': 'incident_auxiliary',
         'title_zh': '执法辅助未全程录音录像', 'title_en': 'Enforcement assistance not audio-video recorded'},
        {'rule_id': 'A20_FORBIDDEN_TASK', 'article_no': 20, 'severity': 'high', 'grain': 'incident_auxiliary',
         'title_zh': '从事禁止性工作', 'title_en': 'Auxiliary on a forbidden task'},
        {'rule_id': 'A27_NO_PRESERVICE_TRAINING', 'article_no': 27, 'severity': 'medium', 'grain': 'person',
         'title_zh': '未经岗前培训上岗', 'title_en': 'No pre-service training before first duty'},
        {'rule_id': 'A28_NO_ANNUAL_ASSESSMENT', 'article_no': 28, 'severity': 'medium', 'grain': 'person_year',
         'title_zh': '未进行年度考核', 'title_en': 'No annual assessment for a full year in service'},
        {'rule_id': 'A29_EQUIPMENT_NOT_RETURNED', 'article_no': 29, 'severity': 'medium', 'grain': 'person',
         'title_zh': '离职未收回证件服装', 'title_en': 'ID card and uniform not recovered within 30 days of leaving'},
        {'rule_id': 'A32_DUTY_WHILE_SUSPENDED', 'article_no': 32, 'severity': 'high', 'grain': 'incident_auxiliary',
         'title_zh': '停职期间执勤', 'title_en': 'On an incident while suspended'},
        {'rule_id': 'A33_BELOW_MIN_WAGE', 'article_no': 33, 'severity': 'medium', 'grain': 'person_month',
         'title_zh': '工资低于最低工资标准', 'title_en': 'Pay below the minimum wage in force'},
        {'rule_id': 'A34_INSURANCE_MISSING', 'article_no': 34, 'severity': 'high', 'grain': 'person_month_type',
         'title_zh': '未缴纳社会保险', 'title_en': 'Employer social insurance contribution missing'},
        {'rule_id': 'A34_BASE_BELOW_FLOOR', 'article_no': 34, 'severity': 'medium', 'grain': 'person_month',
         'title_zh': '缴费基数低于下限', 'title_en': 'Contribution base below the floor of the year'},
        {'rule_id': 'A34_NO_ACCIDENT_COVER', 'article_no': 34, 'severity': 'medium', 'grain': 'person_month',
         'title_zh': '高危岗位无人身意外伤害保险', 'title_en': 'High-danger post without personal accident cover'},
        {'rule_id': 'A35_NO_PHYSICAL_EXAM', 'article_no': 35, 'severity': 'medium', 'grain': 'person_year',
         'title_zh': '未进行年度体检', 'title_en': 'No physical exam in a full year in service'},
        {'rule_id': 'A35_OVERTIME_UNCOMPENSATED', 'article_no': 35, 'severity': 'medium', 'grain': 'person_month',
         'title_zh': '加班未支付报酬或补休', 'title_en': 'Overtime neither paid nor compensated with time off'},
    ]) }}
{%- endmacro %}

{#- The select list every rule model ends with (same names, types and order). -#}
{% macro rule_columns(rule_id) -%}
    cast('{{ rule_id }}' as varchar) as rule_id,
    cast(unit_code as varchar) as unit_code,
    cast(person_key as varchar) as person_key,
    cast(incident_id as varchar) as incident_id,
    cast(period as varchar) as period,
    cast(detail as varchar) as detail,
    cast(evidence as varchar) as evidence
{%- endmacro %}
