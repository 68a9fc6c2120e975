"""Every word the approval documents print, 简体中文 first, English second, and the articles
each document relies on (quoted from the published regulation seed, lib/documents/common.py)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # the header block, totals and signature of every document
    "filer": ("填报单位（盖章）：{name}", "Filed by: {name}"),
    "year": ("年度：{year}", "Year: {year}"),
    "as_of": (
        "数据截至：{month}花名册（数据快照 {published} 发布）",
        "Data as of: roster of {month} (snapshot published {published})",
    ),
    "units": ("计量单位：{units}", "Units: {units}"),
    "people": ("人", "persons"),
    "people_money": ("人、元", "persons, yuan"),
    "total": ("合计", "Total"),
    "of_category": ("其中：{category}", "of which {category}"),
    "subtotal": ("{name}小计", "Subtotal {name}"),
    "notes": ("说明：", "Notes:"),
    "articles": ("依据条款：", "Articles relied on:"),
    "preparer": ("经办人：", "Prepared by:"),
    "reviewer": ("审核人：", "Reviewed by:"),
    "head": ("单位负责人：", "Head of unit:"),
    "date": ("日期：", "Date:"),
    "date_line": ("＿＿＿＿年＿＿月＿＿日", "＿＿＿＿-＿＿-＿＿"),
    "blank": ("—", "—"),
    "bp.blanked": (
        "“—”：该单位现有人数为 1–4 人，按小单元保护规则不显示金额；合计与小计不含这些单位。",
        "'—': a bureau of 1-4 people, its amounts withheld (small-cell rule); totals leave it out.",
    ),
    "sa.blanked": (
        "“—”：低于目标的人数为 1–4 人，或与前一档已显示目标的人数相差 1–4 人，按小单元保护规则"
        "不显示金额；小计的金额不含这些单位。",
        "'—': 1-4 people below the target, or 1-4 more than at the last target shown: amounts "
        "withheld (small-cell rule); subtotal amounts leave the bureau out.",
    ),
    "sa.left_out": ("合计的金额亦不含这些单位。", "So do the total's amounts."),
    "sa.residual": (
        "“其余 N 个单位”行合并列示这些单位的金额（合计减去单列金额的各单位）；合计含全部单位。",
        "The line 'Other N bureaus' gives their amounts together (the total less the bureaus "
        "listed with amounts); the total covers every bureau.",
    ),
    "sa.total_blanked": (
        "目标 {pcts} 的合计金额不显示：未单列金额的单位合并后，低于目标的人数仍为 1–4 人，"
        "或与前一档已显示目标相差 1–4 人，或减去这些单位在其他目标档已显示的金额后只剩 1–4 人"
        "{also}；合计人数含全部单位。",
        "Total amounts at {pcts} withheld: the bureaus without amounts have, together, 1-4 "
        "people below the target, or 1-4 more than at the last target shown, or 1-4 left once "
        "their amounts shown at other targets are taken off{also}; the total's people cover "
        "every bureau.",
    ),
    "sa.also_prefectures": (
        "，或减去各州（市）已显示的合计后可推算出某一州（市）的这些单位",
        ", or less the prefectures' totals shown would give one prefecture's of them away",
    ),
    "sa.residual_line": (
        "其余 {n} 个单位（按小单元保护规则不单列，金额合并列示）",
        "Other {n} bureaus (not listed under the small-cell rule, amounts together)",
    ),
    # column headers shared by several documents
    "bureau": ("单位", "Bureau"),
    "category": ("类别", "Category"),
    # 用人额度申报表
    "qr.name": ("用人额度申报表", "Quota request"),
    "qr.title": ("{year}年度警务辅助人员用人额度申报表", "Auxiliary police quota request {year}"),
    "qr.current": ("现核定额度", "Approved quota"),
    "qr.headcount": ("在岗人数", "Headcount"),
    "qr.required": ("测算需求", "Required FTE"),
    "qr.requested": ("本级申报数", "Requested"),
    "qr.proposed": ("建议核定数", "Proposed"),
    "qr.change": ("增减", "Change"),
    "qr.reason": ("理由", "Reason"),
    "qr.note_base": (
        "现核定额度、在岗人数为 {base} 年数据；测算需求为 {need} 年工作量测算的需求人数；建议核定数"
        "按总量控制、动态调整幅度 ±{bound}% 测算。",
        "Approved quota and headcount of {base}; required FTE from the workload of {need}; "
        "proposed under the provincial total and a ±{bound}% damping bound.",
    ),
    "qr.note_unfiled": (
        "本级申报数为“—”的：未报送 {year} 年度申报额度。",
        "Requested '—': no request filed for {year}.",
    ),
    # 招聘计划表
    "rp.name": ("招聘计划表", "Recruitment plan"),
    "rp.title": ("{year}年度警务辅助人员招聘计划表", "Auxiliary police recruitment plan {year}"),
    "rp.cap": ("用人额度", "Quota cap"),
    "rp.q": ("{q}季度", "{q}"),
    "rp.year_total": ("全年计划招聘", "Planned, year"),
    "rp.unmet": ("转下年度", "To next year"),
    "rp.reason": ("理由", "Reason"),
    "rp.education": ("学历要求", "Education"),
    "rp.basis": ("额度口径：{basis}", "Quota basis: {basis}"),
    "rp.basis.approved": ("核定额度", "approved quota"),
    "rp.basis.proposed": ("建议核定额度（用人额度申报表）", "proposed quota (quota request)"),
    "rp.note_plan": (
        "各季度计划招聘人数于季度首日到岗；到岗后预测在岗人数不超过用人额度；岗前培训名额按"
        "县级（基层）单位优先安排，未满足部分顺延，四季度仍未满足的转下年度。",
        "Hires arrive on a quarter's first day; the forecast headcount with them stays within "
        "the cap; training places go to county (grassroots) bureaus first, what is not served "
        "moves on, and what Q4 cannot serve goes to next year's plan.",
    ),
    "rp.carried": ("沿用{year}年核定额度。", "Quota of {year} carried forward. "),
    "rp.note_carried": (
        "用人额度：{year} 年度额度尚未核定，沿用最近核定年度（{years} 年）的核定额度。",
        "Caps: no approved quota for {year} yet, the latest approved year's ({years}) is used.",
    ),
    "rp.quarters": ("{quarters}季度：{reason}", "{quarters}: {reason}"),
    # 经费预算表
    "bp.name": ("经费预算表", "Budget"),
    "bp.title": ("{year}年度警务辅助人员经费预算表", "Auxiliary police budget {year}"),
    "bp.level": ("经费保障层级", "Funding level"),
    "bp.planned": ("计划人数", "Planned headcount"),
    "bp.pay": ("工资", "Pay"),
    "bp.insurance": ("单位社保缴费", "Employer insurance"),
    "bp.accident": ("意外伤害保险", "Accident insurance"),
    "bp.other": ("其他经费", "Other"),
    "bp.total": ("经费合计", "Total cost"),
    "bp.per_head": ("人均经费", "Per head"),
    "bp.monthly": ("人均月工资基数", "Monthly gross per head"),
    "bp.note_assumptions": (
        "测算假设：计划人数为建议核定额度；人均月工资基数为各单位最近 12 个月人均月应发工资，"
        "上调 {growth} 后按 12 个月计；单位社保费率 {rate}，缴费基数 {floor}–{ceiling} 元/月"
        "（{rates_year} 年）；意外伤害保险 {accident} 元/人·年，其他经费 {other} 元/人·年。",
        "Assumptions: planned headcount = proposed quota; the monthly gross per head is the "
        "bureau's average of the last 12 months, raised by {growth}, times 12; employer rate "
        "{rate}, contribution base {floor}-{ceiling} yuan a month ({rates_year}); accident "
        "insurance {accident} and other costs {other} yuan a person a year.",
    ),
    # 薪酬调整测算表
    "sa.name": ("薪酬调整测算表", "Pay adjustment estimate"),
    "sa.title": (
        "警务辅助人员薪酬调整测算表（{year}年度工资）",
        "Auxiliary police pay adjustment estimate (pay of {year})",
    ),
    "sa.target": ("目标比例", "Target"),
    "sa.local_wage": ("当地平均工资", "Local average wage"),
    "sa.target_pay": ("目标年工资", "Target annual pay"),
    "sa.people": ("人数", "People"),
    "sa.below": ("低于目标人数", "Below target"),
    "sa.gap": ("工资差额", "Pay gap"),
    "sa.insurance": ("单位社保缴费", "Employer insurance"),
    "sa.cost": ("调整所需经费", "Adjustment cost"),
    "sa.subtotal": ("目标 {pct}% 合计", "Total at {pct}%"),
    "sa.note": (
        "目标年工资 = 目标比例 × 当地城镇非私营单位在岗职工平均工资；"
        "以 {year} 年度实发工资逐人测算，低于目标年工资的人员补足差额，"
        "单位社保缴费按费率 {rate} 计。",
        "Target annual pay = target x the local average wage of urban non-private units; per "
        "person over the pay of {year}, everyone below the target is raised to it; employer "
        "insurance at {rate}.",
    ),
}

# article number, then a phrase of the clause quoted (the clause of the article's text, between
# 。 or ；, that holds it): what each document relies on
ARTICLES: dict[str, tuple[tuple[int, str], ...]] = {
    "quota_request": (
        (6, "按照总量控制、倾斜基层、动态调整、分类使用的原则"),
        (6, "警务辅助人员实行用人额度管理制度"),
        (6, "省人民政府公安机关提出本级警务辅助人员用人额度"),
        (6, "州（市）、县（市、区）人民政府公安机关提出本级警务辅助人员用人额度"),
    ),
    "recruitment_plan": (
        (6, "按照总量控制、倾斜基层、动态调整、分类使用的原则"),
        (10, "公安机关应当在用人额度内提出招聘计划"),
        (13, "勤务警务辅助人员应当具有高中以上文化程度"),
        (27, "岗前培训"),
    ),
    "budget": (
        (5, "将所需经费列入本级财政预算"),
        (7, "负责本级警务辅助人员经费保障工作"),
        (34, "依法为警务辅助人员办理基本养老"),
    ),
    "salary_adjustment": (
        (33, "制定本级警务辅助人员薪酬标准"),
        (34, "依法为警务辅助人员办理基本养老"),
    ),
}


def tr(key: str, lang: str, **values: object) -> str:
    zh, en = LABELS[key]
    return (zh if lang == "zh" else en).format(**values)
