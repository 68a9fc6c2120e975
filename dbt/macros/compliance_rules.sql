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
         'title_zh': '离职未收回证件服装', 'title_en': 'ID card and uniform not recovered after leaving'},
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
    cast('{{ rule_id }}' as {{ type_string() }}) as rule_id,
    cast(unit_code as {{ type_string() }}) as unit_code,
    cast(person_key as {{ type_string() }}) as person_key,
    cast(incident_id as {{ type_string() }}) as incident_id,
    cast(period as {{ type_string() }}) as period,
    cast(detail as {{ type_string() }}) as detail,
    cast(evidence as {{ type_string() }}) as evidence,
    cast(evidence_rows as {{ type_string() }}) as evidence_rows
{%- endmacro %}

{#-
    What fires each rule in plain words (the exact reading is docs/rules-interpretation.md) and
    its thresholds, with the dbt vars of compliance_thresholds() (macros/compliance_evidence.sql)
    filled in: rule_id -> (fires_zh, fires_en, threshold_zh, threshold_en). The rule catalogue
    (int_compliance__rule_catalog, marts.compliance_rule_catalog) shows them.
-#}
{% macro compliance_rule_texts() -%}
    {%- set th = compliance_thresholds() -%}
    {{ return({
        'A6_OVER_QUOTA': ('当年人数（当年最后一个花名册月份的在岗、停职人数）超过核准的用人额度（分局、分文职/勤务）', 'Headcount of the year (active and suspended on the latest roster month of the year) above the approved quota of the bureau and category', '核准用人额度（用人额度表）', 'the approved quota (quota file)'),
        'A8_UNLED_ENFORCEMENT': ('执法类警情有辅警出警而无民警出警', 'An enforcement incident with auxiliaries on it and no police officer', '辅警至少1人且民警0人', 'at least 1 auxiliary and 0 police officers'),
        'A13_UNDERAGE_AT_HIRE': ('入职日尚未年满规定年龄（出生日期取自身份证号码）', 'Younger than the minimum age on the hire date (birth date from the ID number)', '年满 ' ~ th['min_hire_age'] ~ ' 周岁（dbt 变量 aux_min_hire_age）', 'aged ' ~ th['min_hire_age'] ~ ' (dbt var aux_min_hire_age)'),
        'A13_EDUCATION_BELOW_REQUIREMENT': ('学历低于岗位类别要求，且招聘公告未说明放宽条件', 'Education below what the category requires, and no relaxation in the recruitment notice', '勤务：高中（中专）及以上；文职：大专及以上', 'duty: senior high (or secondary vocational) and above; civilian: junior college and above'),
        'A15_DISQUALIFIED_HIRE': ('政审结论为不通过，仍在花名册上', 'On the roster although the background check failed', '—', '—'),
        'A16_NO_VALID_CONTRACT': ('在岗月份无劳动合同，或月末不在合同起止日期内', 'A month in service with no contract, or whose last day is outside the contract dates', '月末须在合同起止日期内（无终止日期：无固定期限合同）', 'last day of the month within the contract dates (no end date: open-ended)'),
        'A19_UNRECORDED_ENFORCEMENT': ('辅警协助执法的警情未全程录音录像', 'An auxiliary on an enforcement incident without full audio-video recording', '—', '—'),
        'A20_FORBIDDEN_TASK': ('辅警承担了禁止辅警从事的工作', 'An auxiliary on a task auxiliaries may not do', '调查取证、刑事强制措施、处罚决定、武器保管、涉密事项', 'investigation, criminal coercive measures, penalty decisions, weapon custody, secret matters'),
        'A27_NO_PRESERVICE_TRAINING': ('首次出警前（或入职当月内）无岗前培训记录；数据窗口前入职的人员：完全没有岗前培训记录，或记录晚于数据中的首次出警（标注“依据数据窗口前的记录”）', 'No pre-service training record by the first incident (or the end of the hire month); people hired before the data window: no record at all, or one later than their first incident in the data (marked as resting on records older than the data)', '截止日：首次出警日与入职当月末孰晚', 'deadline: the later of the first incident and the end of the hire month'),
        'A28_NO_ANNUAL_ASSESSMENT': ('已结束年度在岗满12个月，当年1月1日至次年3月31日无年度考核记录', 'Twelve months in service in a closed year and no assessment from 1 January to 31 March of the next year', '考核期限：次年3月31日', 'window: until 31 March of the next year'),
        'A29_EQUIPMENT_NOT_RETURNED': ('离职后规定天数内未收回工作证件和制式服装', 'ID card and uniform not recovered within the set days after leaving', '离职后 ' ~ th['equipment_return_days'] ~ ' 天内（dbt 变量 aux_equipment_return_days）', 'within ' ~ th['equipment_return_days'] ~ ' days of leaving (dbt var aux_equipment_return_days)'),
        'A32_DUTY_WHILE_SUSPENDED': ('辅警在花名册显示停职的月份出警', 'An auxiliary on an incident in a month the roster shows them suspended', '—', '—'),
        'A33_BELOW_MIN_WAGE': ('月工资（不含加班费、危险津贴）低于所在地现行最低工资标准', 'Monthly pay (overtime and hazard pay excluded) below the local minimum wage in force', '所在县（市、区）现行月最低工资标准', 'the monthly minimum wage in force in the county'),
        'A34_INSURANCE_MISSING': ('在岗月份某险种单位缴费为0或缺失（含无工资记录的月份）', 'A month in service with an employer contribution of 0 or missing for an insurance type (months with no payroll too)', '养老、医疗、生育（未并入医疗的年份）、失业、工伤', 'pension, medical, maternity (unless merged into medical), unemployment, work injury'),
        'A34_BASE_BELOW_FLOOR': ('社会保险缴费基数低于当年下限', 'Contribution base below the floor of the year', '当年缴费基数下限（参考表 ref_insurance_rates）', 'the base floor of the year (ref_insurance_rates)'),
        'A34_NO_ACCIDENT_COVER': ('高危岗位月末无人身意外伤害保险保单', 'A high-danger post with no accident policy covering the last day of the month', '岗位危险等级：高（参考表 ref_post_weights）', 'post danger class: high (ref_post_weights)'),
        'A35_NO_PHYSICAL_EXAM': ('已结束年度在岗满12个月而当年无体检记录', 'Twelve months in service in a closed year and no physical exam that year', '体检须在当年', 'an exam dated in the year'),
        'A35_OVERTIME_UNCOMPENSATED': ('有加班时数，但未支付加班费且补休不足', 'Overtime hours with no overtime pay and less time off than the hours', '加班时数大于0、加班费为0、补休时数少于加班时数', 'overtime > 0, overtime pay = 0, time off < overtime hours'),
    }) }}
{%- endmacro %}
