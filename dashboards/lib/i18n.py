"""The one message catalog: every label of the dashboards, 简体中文 first, English second."""

from __future__ import annotations

import streamlit as st

from dagster_project.contract import POSTS, SOURCES

LANGS = ("zh", "en")
_STATE_KEY = "lang"

# Source names: Chinese from the contract (Source.zh), English here.
_SOURCES_EN = {
    "org_units": "Org units",
    "quotas": "Quotas",
    "police_strength": "Police strength",
    "roster": "Roster",
    "payroll": "Payroll",
    "accident_insurance": "Accident insurance",
    "incidents": "Incidents",
    "incident_staff": "Incident staff",
    "hr_records": "HR records",
}

_POSTS_EN = {
    "clerical": "Clerical",
    "window_service": "Service window",
    "hotline": "Call taking",
    "it_support": "IT support",
    "data_analysis": "Data analysis",
    "lab": "Laboratory",
    "translation": "Translation",
    "medical": "Medical",
    "equipment": "Equipment",
    "patrol": "Patrol",
    "traffic": "Traffic",
    "checkpoint": "Checkpoint",
    "detention": "Detention",
    "drug_control": "Drug control",
    "border": "Border / exit-entry",
    "scene_guard": "Scene order",
    "community": "Community policing",
}

MESSAGES: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("辅警队伍数据分析", "Auxiliary police workforce"),
    "app.language": ("语言", "Language"),
    "app.user": ("用户：{name}（{role}）", "User: {name} ({role})"),
    "app.scope": ("可见范围：{n} 个局", "Scope: {n} bureaus"),
    "app.snapshot": ("数据发布于 {at}", "Data published {at}"),
    "app.no_snapshot": (
        "尚无已发布的数据快照（{path}）。请先运行数据管道。",
        "No published snapshot yet ({path}). Run the pipeline first.",
    ),
    "app.no_scope": ("该账号未绑定任何局，请联系管理员。", "This login is bound to no bureau."),
    "app.area": ("区域", "Area"),
    "app.area_all": ("全部（本账号可见范围）", "All (your scope)"),
    "app.county": ("区县", "County"),
    "app.county_all": ("全部区县", "All counties"),
    # publish held by a failed contract check (lib/publish_status.py)
    "publish.held": (
        "数据发布已暂停：{sources}数据校验未通过，仪表盘显示的是 {at} 发布的上一版数据。",
        "Publishing is on hold: the data checks of {sources} failed; the dashboards show "
        "the previous data, published {at}.",
    ),
    "publish.held_first": (
        "数据发布已暂停：{sources}数据校验未通过，尚无已发布的数据。",
        "Publishing is on hold: the data checks of {sources} failed; nothing is published yet.",
    ),
    "publish.hold": (
        "{source}：文件 {files}（{at} 校验）未通过 {checks}",
        "{source}: files {files} (checked {at}) failed {checks}",
    ),
    "publish.resume": (
        "以同名文件报送更正后的数据即恢复发布。",
        "Publishing resumes once corrected files arrive under the same names.",
    ),
    "login.form": ("登录", "Log in"),
    "login.username": ("用户名", "Username"),
    "login.password": ("密码", "Password"),
    "login.submit": ("登录", "Log in"),
    "login.failed": ("用户名或密码错误", "Wrong username or password"),
    "login.prompt": ("请使用分配的账号登录。", "Log in with the account you were given."),
    "logout": ("退出登录", "Log out"),
    # issue 13: sign-in a province can run, and the access log
    "login.locked": (
        "连续登录失败次数过多，该账号已锁定 {minutes} 分钟（至 {until}）。",
        "Too many failed sign-ins: this account is locked for {minutes} minutes (until {until}).",
    ),
    "login.oidc": ("使用统一身份认证登录", "Sign in with your organisation"),
    "login.no_cookie_key": (
        "未配置 AUXFORCE_COOKIE_KEY：非演示部署须设置登录 Cookie 的签名密钥"
        "（演示请设 AUXFORCE_DEMO=1）。",
        "AUXFORCE_COOKIE_KEY is not set: outside the demo the sign-in cookie needs a signing "
        "key (for the demo set AUXFORCE_DEMO=1).",
    ),
    "pw.title": ("修改密码", "Change password"),
    "pw.current": ("当前密码", "Current password"),
    "pw.new": ("新密码", "New password"),
    "pw.repeat": ("再次输入新密码", "New password again"),
    "pw.submit": ("确认修改", "Change"),
    "pw.done": ("密码已修改。", "Password changed."),
    "page.access_log": ("访问日志", "Access log"),
    "al.intro": (
        "仪表盘每一次读取局数据和每一次导出的记录（用户、角色、页面、可见范围、筛选条件、读取的表、"
        "行数、时间）。每条记录含上一条的哈希，任何修改或删除都会使哈希链断开。",
        "Every read of bureau data and every export by the dashboards (user, role, page, scope, "
        "filters, relations, rows, time). Each entry holds the hash of the one before it: an "
        "edited or deleted entry breaks the chain.",
    ),
    "al.chain_ok": (
        "哈希链完整：已核验 {n} 条记录，最新哈希 {head}。",
        "Chain intact: {n} entries verified, latest hash {head}.",
    ),
    "al.chain_broken": (
        "哈希链断开：第 {seq} 条记录{reason}（已核验 {n} 条）。",
        "Chain broken at entry {seq}: {reason} ({n} entries checked).",
    ),
    "al.reason.missing": ("缺失（被删除）", "is missing (deleted)"),
    "al.reason.unlinked": ("与上一条记录不衔接", "does not follow the entry before it"),
    "al.reason.altered": ("写入后被修改", "was changed after it was written"),
    "al.user": ("用户", "User"),
    "al.bureau": ("局（可见范围含）", "Bureau (in scope)"),
    "al.dates": ("日期", "Dates"),
    "al.count": (
        "显示 {n} 条记录（最多 {cap} 条，最新在前）。",
        "{n} entries (at most {cap}, newest first).",
    ),
    "al.forbidden": (
        "仅督察审计角色可查看访问日志。",
        "Only the auditor role sees the access log.",
    ),
    "role.province": ("省厅", "Province"),
    "role.prefecture": ("州市局", "Prefecture"),
    "role.county": ("县局", "County"),
    "role.finance": ("财政", "Finance"),
    "role.auditor": ("督察审计", "Auditor"),
    "role.ministry": ("公安部", "Ministry"),
    # pages
    "page.overview": ("总览", "Overview"),
    "page.national": ("全国概览", "National overview"),
    "na.provinces": ("省份", "Provinces"),
    "na.quota": ("核准额度合计", "Approved quota, total"),
    "na.headcount": ("在岗人数合计", "Headcount, total"),
    "na.findings": ("违规线索合计", "Findings, total"),
    "na.utilization": ("额度使用率（按省）", "Quota utilisation by province"),
    "na.table": ("各省数据", "By province"),
    "na.note": (
        "每省数据即该省各局数据之和（province_summary，第6条、第5条、第34条及违规台账），"
        "与该省自己的页面一致；比率按省计算，不跨省合计。成本为该年已有月份之和（见“成本月数”）。",
        "Each province's figures are the sums of its bureaus' rows (province_summary; Art. 6, "
        "5 and 34 and the compliance register), as that province's own pages show them; "
        "ratios are per province and not combined across provinces. Cost is the sum over the "
        "year's months on file (see Cost months).",
    ),
    "page.planning": ("额度与编配", "Planning"),
    "page.finance": ("经费预算", "Finance"),
    "page.salary": ("薪酬对标", "Salary review"),
    "page.compliance": ("保险与合规", "Compliance"),
    "page.quality": ("数据质量", "Data quality"),
    "page.casework": ("整改台账", "Rectification"),
    # common
    "all": ("全部", "All"),
    "year": ("年度", "Year"),
    "month": ("月份", "Month"),
    "none": ("无数据", "No data"),
    "suppressed": (
        "少于 5 人的平均工资不予显示（表中为 —）。",
        "Pay averages over fewer than 5 people are suppressed (— in the table).",
    ),
    "export.xlsx": ("下载 XLSX", "Download XLSX"),
    "export.csv": ("下载 CSV", "Download CSV"),
    "map.title": ("地图：{measure}", "Map: {measure}"),
    "map.no_province": (
        "省厅本级不在地图上；州市局本级计入所在州市。",
        "The province bureau is not on the map; a prefecture bureau counts for its prefecture.",
    ),
    "map.county_note": (
        "县级地图只含县局；州市局本级不在县级地图上。",
        "County map shows county bureaus only; the prefecture bureau itself is not drawn.",
    ),
    # overview
    "ov.headcount": ("辅警人数", "Headcount"),
    "ov.headcount_help": ("{month}在岗及停职人数", "Active and suspended on {month}"),
    "ov.utilization": ("额度使用率", "Quota utilisation"),
    "ov.utilization_help": ("{year}年：人数 ÷ 核准额度", "{year}: headcount ÷ approved quota"),
    "ov.cost": ("当月经费（万元）", "Cost this month (10k yuan)"),
    "ov.cost_12m": ("近 12 个月经费：{v}", "Last 12 months: {v}"),
    "ov.coverage": ("参保覆盖率", "Insurance coverage"),
    "ov.violations": ("违规线索", "Open findings"),
    "ov.violations_high": ("其中高风险 {n} 条", "{n} high severity"),
    "ov.trend": ("近 24 个月趋势", "Last 24 months"),
    "ov.yoy": ("较上年同期 {v}", "{v} on a year earlier"),
    # planning
    "pl.utilization": ("用人额度使用情况（第六、十条）", "Quota utilisation (Art. 6, 10)"),
    "pl.grassroots": ("基层配置与工作量测算（第六条）", "Grassroots and workload (Art. 6)"),
    "pl.fte_chart": ("按工作量测算需求与实有人数", "Workload-based need against actual"),
    "pl.fte_by_prefecture": (
        "按州市汇总，按实有减需求从小到大排列（缺口最大的在上）；在侧栏“区域”中选择州市可查看"
        "其各县局。",
        "Summed by prefecture, in order of actual minus need (largest shortfall on top); pick "
        "an area in the sidebar to see its county bureaus.",
    ),
    "pl.proposal": ("下年度额度建议（总量控制、动态调整、倾斜基层）", "Next year's quota proposal"),
    "pl.total": ("全省额度总量", "Province total quota"),
    "pl.damping": ("调整幅度上限（±%）", "Damping bound (±%)"),
    "pl.w_population": ("权重：辖区人口", "Weight: population"),
    "pl.w_incidents": ("权重：警情数", "Weight: incidents"),
    "pl.w_workload": ("权重：工作量工时", "Weight: workload hours"),
    "pl.w_current": ("权重：现有额度", "Weight: current quota"),
    "pl.tilt": ("基层倾斜系数", "Grassroots tilt"),
    "pl.proposal_note": (
        "与发布的建议同一算法（dbt 模型 quota_proposal）在快照上重算：全省各局按加权需求分配"
        "总量，每项变化不超过上限，全省合计等于总量；表中列出本范围各局。默认参数即发布参数，"
        "结果与发布的建议逐行相同。",
        "Recomputed over the snapshot by the published proposal's own method (dbt model "
        "quota_proposal): the province total is shared over every bureau by weighted need, each "
        "change within the bound, the province's sum equal to the total; the table lists your "
        "scope's bureaus. The defaults are the published parameters and reproduce the published "
        "proposal row for row.",
    ),
    "pl.sum_check": (
        "本范围重算合计 {total}；全省总量 {target}",
        "Recomputed sum of your scope {total}; province total {target}",
    ),
    # planning: what a planner compares (issue 12)
    "pl.utilization_yoy": (
        "{year}年与{prior}年对比：核准额度、人数、使用率（第六、十条）",
        "{year} beside {prior}: quota, headcount, utilisation (Art. 6, 10)",
    ),
    "pl.need": ("测算需求及构成（第六条：按需定额）", "Need and its components (Art. 6)"),
    "pl.need_note": (
        "测算需求 = 接处警工作量 + 主动巡防 + 固定岗位 + 文职保障（单位：人）。每人每年可用工时 "
        "{hours} 小时；主动巡防占巡逻辅警可用工时的 {proactive}；文职保障按勤务需求的 "
        "{support} 配置。固定岗位（窗口、接线、监管场所、检查站、交通岗、社区）的岗位数与值守"
        "时长为项目假设（按岗位配置假设测算），不是核定编制。人口为 2020 年第七次人口普查"
        "公布数，标“估算”者为推算值。",
        "Need = incident workload + proactive patrol + fixed posts + civilian support (FTE). "
        "Available hours per person per year {hours}; proactive patrol keeps {proactive} of a "
        "patrol auxiliary's hours; civilian support is {support} of the duty need. The fixed "
        "posts (windows, call seats, detention, checkpoints, traffic posts, community) and "
        "their hours of cover are project assumptions (assumed post configuration), not "
        "approved establishments. Populations are the published 2020 census figures; "
        "'estimate' marks a derived one.",
    ),
    "pl.need_by_prefecture": (
        "范围内州市较多：下表按局列出；在侧栏“区域”中选择州市、区县可逐级查看。",
        "Many prefectures in scope: the table lists every bureau; pick an area and a county "
        "in the sidebar to narrow it level by level.",
    ),
    "pl.grassroots_yoy": (
        "各县局基层配置（{year}年，与{prior}年对比）",
        "County bureaus at grassroots ({year}, beside {prior})",
    ),
    "pl.by_post": (
        "按岗位和层级的人数（{month}，第三、二十六条）",
        "Headcount by post and level ({month}, Art. 3, 26)",
    ),
    "pl.units": ("{county}各基层所队人数（{month}）", "Stations of {county} ({month})"),
    "pl.units_hint": (
        "在侧栏“区域”中选择州市和区县，可查看该区县各基层所队按岗位、层级的人数。",
        "Pick a prefecture and a county in the sidebar to see that county's stations by post "
        "and level.",
    ),
    "pl.flows": ("按月入职与离职（第十条）", "Hires and separations by month (Art. 10)"),
    "pl.flows_note": (
        "入职：首次在岗（在岗或停职）的月份；离职：名册状态为离职的月份，或未报离职而从名册"
        "消失的次月。数据首月在册者视为此前已入职。",
        "Hire: a person's first month in service (active or suspended); separation: the month "
        "the roster says separated, or the month after a person drops off it without one. "
        "People on the first month of the data count as hired before it.",
    ),
    # finance
    "fi.monthly": ("月度经费（按经费保障层级）", "Monthly cost by funding level"),
    "fi.by_bureau": ("各局当月经费", "Cost by bureau for the month"),
    "fi.budget": ("下年度经费预算测算（第三十三、三十四条）", "Next year's budget (Art. 33, 34)"),
    "fi.growth": ("工资增长率（%）", "Salary growth (%)"),
    "fi.rate": ("单位社保缴费比例（%）", "Employer insurance rate (%)"),
    "fi.budget_total": ("预算合计", "Budget total"),
    "fi.budget_published": ("发布口径 {v}", "Published {v}"),
    "fi.by_level": ("按经费保障层级汇总", "By funding level"),
    # salary
    "sa.benchmark": ("州市薪酬对标（第三十三条）", "Pay against the prefecture average (Art. 33)"),
    "sa.benchmark_hidden": (
        "州市汇总仅对整州市可见的账号显示。",
        "Prefecture totals are shown only to logins that see the whole prefecture.",
    ),
    "sa.by_level": (
        "{year}年按类别和层级对标（第二十六、三十三条）",
        "{year} by category and level (Art. 26, 33)",
    ),
    "sa.by_level_suppressed": (
        "少于 5 人的平均工资不予显示（表中为 —）；为免由州市合计反推，同一州市、类别中人数"
        "最少的另一层级随之不予显示。",
        "Pay averages over fewer than 5 people are suppressed (—), and so is the next "
        "smallest level of the same prefecture and category, so that they cannot be worked "
        "out from the prefecture's total.",
    ),
    "sa.bureau": ("各局近 12 个月人均年收入", "Average annual pay per head, last 12 months"),
    "sa.target": ("目标：当地平均工资的 %", "Target: % of the local average wage"),
    "sa.adjust": (
        "{year}年按人测算：每人达到目标所需经费（第三十三条）",
        "{year}, per person: cost of bringing everyone up to the target (Art. 33)",
    ),
    "sa.adjust_note": (
        "逐人计算：低于目标的每人补足差额（按其当年发薪月数），另加单位社保；平均数高于目标的"
        "群体中低于目标的人也计入。",
        "Per person: everyone below the target is paid up to it for their paid months, plus "
        "employer insurance; people below the target count even where their group's average "
        "is above it.",
    ),
    "sa.adjust_suppressed": (
        "低于目标不足 5 人的单位不显示金额（可推算个人工资），合计不含这些单位。",
        "Bureaus with one to four people below the target show no amount (it would give their "
        "pay away); the total leaves them out.",
    ),
    "sa.adjust_total": ("调整所需经费合计", "Total adjustment cost"),
    # compliance
    "co.coverage": ("各险种参保覆盖（第三十四条）", "Coverage by insurance type (Art. 34)"),
    "co.shortfall": ("估算欠缴", "Estimated shortfall"),
    "co.register": ("违规线索登记", "Violation register"),
    "co.f_rule": ("规则", "Rule"),
    "co.f_article": ("条款", "Article"),
    "co.f_bureau": ("单位", "Bureau"),
    "co.f_period": ("期间", "Period"),
    "co.count": ("共 {n} 条", "{n} findings"),
    "co.drill": ("查看明细", "Drill down"),
    "co.evidence": ("证据", "Evidence"),
    "co.related": ("同一人员或警情的全部线索", "All findings of the same person or incident"),
    "co.context": ("对应的汇总行", "The mart row behind the finding"),
    "co.truncated": ("仅列出前 {n} 条，请用筛选缩小范围。", "First {n} shown; filter to narrow."),
    # findings an inspector can act on (issue 13: lib/findings.py, views/rules.py)
    "co.first_seen": ("首次发现于 {at}", "First seen {at}"),
    "co.rows": ("来源文件与行号", "Source files and rows"),
    "co.before_window": (
        "本线索依据数据窗口之前的记录（入职早于首个花名册月份）。",
        "This finding rests on records older than the data window (hired before the first "
        "roster month).",
    ),
    "co.article_text": ("条例原文：{article}", "Text of the regulation: {article}"),
    "co.history": ("已关闭的线索", "Closed findings"),
    "co.history_note": (
        "此前发现、本次数据已不再触发的线索（数据已更正），以及已整改的线索。",
        "Findings of earlier builds the current data no longer raises (data corrected), and "
        "rectified ones.",
    ),
    "page.rules": ("规则与条例", "Rules and regulation"),
    "ru.intro": (
        "18 条合规规则：触发条件、阈值、风险等级及所依据的《条例》条款原文。",
        "The 18 compliance rules: what fires each, its thresholds, severity and the text of "
        "the article of the regulation it enforces.",
    ),
    "ru.articles": ("条例原文", "Text of the regulation"),
    "col.source_file": ("来源文件", "Source file"),
    "col.source_rows": ("来源文件 / 行号", "Source file / row"),
    "col.first_seen": ("首次发现", "First seen"),
    "col.last_seen": ("最近发现", "Last seen"),
    "col.closed_at": ("关闭时间", "Closed at"),
    "col.close_reason": ("关闭原因", "Why closed"),
    "col.title": ("规则名称", "Title"),
    "col.fires": ("触发条件", "What fires it"),
    "col.threshold": ("阈值", "Thresholds"),
    "v.data_corrected": ("数据已更正", "data corrected"),
    "v.rectified": ("已整改", "rectified"),
    # casework 整改台账 (views/casework.py, lib/casework.py, lib/cases/)
    "cw.caption": (
        "督察审计、省厅将违规线索交办责任单位限期整改；责任单位反馈整改情况；核查后销号或重新整改。",
        "Inspectors assign findings to the responsible bureau with a deadline; the bureau "
        "reports what it did; inspectors verify, then close or reopen.",
    ),
    "cw.status.pending": ("待整改", "To rectify"),
    "cw.status.answered": ("已反馈", "Answered"),
    "cw.status.closed": ("已销号", "Closed"),
    "cw.status.reopened": ("重新整改", "Reopened"),
    "cw.action.assign": ("立案交办", "Assigned"),
    "cw.action.answer": ("反馈整改情况", "Answered"),
    "cw.action.close": ("核查销号", "Closed"),
    "cw.action.reopen": ("退回重新整改", "Reopened"),
    "cw.assign": ("立案交办", "Assign a finding"),
    "cw.assign_pick": ("违规线索（未立案）", "Finding (not yet assigned)"),
    "cw.deadline": ("整改期限", "Deadline"),
    "cw.requirement": ("整改要求", "Requirement"),
    "cw.assign_submit": ("交办", "Assign"),
    "cw.no_open": ("没有未立案的违规线索。", "Every finding in scope is assigned."),
    "cw.list": ("案件清单", "Cases"),
    "cw.f_status": ("状态", "Status"),
    "cw.only_overdue": ("仅看逾期", "Overdue only"),
    "cw.refresh": ("刷新", "Refresh"),
    "cw.count": ("共 {n} 件，逾期 {late} 件", "{n} cases, {late} overdue"),
    "cw.none": ("暂无案件。", "No cases."),
    "cw.download": ("下载整改台账（XLSX）", "Download the register (XLSX)"),
    "cw.detail": ("案件详情", "Case"),
    "cw.summary": (
        "**{bureau}** · {rule}（{article}）· {period} · {subject} · 状态：**{status}** · "
        "整改期限：{deadline}",
        "**{bureau}** · {rule} ({article}) · {period} · {subject} · status: **{status}** · "
        "deadline: {deadline}",
    ),
    "cw.history": ("处理记录", "History"),
    "cw.overdue_flag": ("逾期", "Overdue"),
    "cw.overdue_days": ("逾期 {n} 天", "{n} days overdue"),
    "cw.answer_note": ("整改情况", "What was done"),
    "cw.answer_submit": ("提交反馈", "Submit"),
    "cw.verify_note": ("核查意见", "Verification note"),
    "cw.new_deadline": ("重新整改期限", "New deadline (if reopened)"),
    "cw.close": ("销号", "Close"),
    "cw.reopen": ("重新整改", "Reopen"),
    "cw.read_only": ("本账号对该案件仅可查看。", "Read only for this login."),
    "cw.waiting": ("等待责任单位反馈整改情况。", "Waiting for the bureau's answer."),
    "cw.done.assign": ("已交办 {bureau}。", "Assigned to {bureau}."),
    "cw.done.answer": ("整改情况已提交。", "Answer recorded."),
    "cw.done.close": ("已销号。", "Case closed."),
    "cw.done.reopen": ("已退回重新整改。", "Case reopened."),
    "cw.err.error": ("操作未完成。", "Not done."),
    "cw.err.conflict": (
        "该案件已被他人更新，请刷新后重试。",
        "Someone else has updated this case; refresh and try again.",
    ),
    "cw.err.assigned": (
        "该线索已立案交办，请刷新后查看。",
        "This finding has already been assigned; refresh to see it.",
    ),
    "cw.err.forbidden": ("无权对该案件执行此操作。", "You may not do this on this case."),
    "cw.err.transition": (
        "案件当前状态下不能执行此操作。",
        "Not possible in the case's current status.",
    ),
    "cw.err.not_found": ("案件不存在。", "No such case."),
    "cw.err.invalid": ("请填写整改情况或理由。", "Fill in what was done or why."),
    "cw.sheet": ("整改台账", "Rectification"),
    "cw.sheet_history": ("处理记录", "History"),
    "cw.book_title": ("违规线索整改台账", "Rectification register of compliance findings"),
    "cw.book_history": ("整改处理记录", "Rectification history"),
    "cw.book_unit": ("填报单位：{unit}", "Reporting unit: {unit}"),
    "cw.book_date": ("填报日期：{date}", "Date: {date}"),
    "cw.col.no": ("序号", "No."),
    "cw.col.case_id": ("案件编号", "Case"),
    "cw.col.status": ("状态", "Status"),
    "cw.col.overdue": ("逾期", "Overdue"),
    "cw.col.days_overdue": ("逾期天数", "Days overdue"),
    "cw.col.deadline": ("整改期限", "Deadline"),
    "cw.col.bureau_name": ("责任单位", "Responsible bureau"),
    "cw.col.rule_id": ("规则", "Rule"),
    "cw.col.article": ("条款", "Article"),
    "cw.col.severity": ("风险等级", "Severity"),
    "cw.col.period": ("期间", "Period"),
    "cw.col.subject": ("对象", "Subject"),
    "cw.col.last_note": ("最近说明", "Latest note"),
    "cw.col.created_at": ("交办日期", "Assigned on"),
    "cw.col.updated_at": ("最近更新", "Updated"),
    "cw.col.updated_by": ("最近经办人", "Updated by"),
    "cw.col.version": ("版本", "Version"),
    "cw.col.at": ("时间", "Time"),
    "cw.col.actor": ("经办人", "By"),
    "cw.col.actor_role": ("角色", "Role"),
    "cw.col.action": ("操作", "Action"),
    "cw.col.change": ("状态变化", "Status change"),
    "cw.col.note": ("说明", "Note"),
    "cw.col.finding_closed": ("线索关闭时间", "Finding closed at"),
    "cw.col.close_reason": ("关闭原因", "Why closed"),
    "cw.finding_closed": (
        "该线索已于 {at} 不再出现在数据中（{reason}）。",
        "The data no longer raises this finding since {at} ({reason}).",
    ),
    # quality
    "dq.meta": ("快照 {run}，发布于 {at}", "Snapshot {run}, published {at}"),
    "dq.freshness": ("各数据源新鲜度", "Freshness of each source"),
    "dq.load_log": ("装载日志", "Load log"),
    "dq.checks": ("质量检查结果", "Check results"),
    "dq.checks_failed": ("{n} 项检查未通过", "{n} checks failed"),
    "dq.quarantine": ("退回行明细", "Rows held back"),
    "dq.delivery": ("报送情况", "Deliveries"),
    "dq.delivery_source": ("数据源", "Source"),
    "dq.delivery_note": (
        "自首次报送某数据源的月份起，每月都应报送；截至{month}。",
        "Expected every month from a bureau's first file of the source; up to {month}.",
    ),
    "dq.delivery_missing": (
        "{month}未报送{source}：{bureaus}",
        "{source} for {month} not delivered by: {bureaus}",
    ),
    "dq.delivery_all": ("{month}{source}均已报送。", "Every {source} file for {month} is in."),
    "dq.receipt": ("回执（退回各局）", "Return workbooks for the bureaus"),
    "dq.receipt_file": ("文件", "File"),
    "dq.receipt_download": ("下载回执（XLSX）", "Download the return workbook (XLSX)"),
    "dq.receipt_label": (
        "{file}（{status}，退回 {held} 行）",
        "{file} ({status}, {held} rows held back)",
    ),
    "ds.delivered": ("已报送", "delivered"),
    "ds.missing": ("未报送", "missing"),
    "ds.rejected": ("被退回", "rejected"),
    "dq.passed": ("通过", "passed"),
    "dq.failed": ("未通过", "failed"),
    # check names (gx: `expectation(column)`); {column} as the contract names it
    "chk.expect_column_to_exist": ("含有“{column}”列", "Column '{column}' is present"),
    "chk.expect_column_values_to_not_be_null": (
        "“{column}”没有空值",
        "'{column}' is never empty",
    ),
    "chk.expect_column_values_to_be_in_set": (
        "“{column}”的取值都在规范代码表中",
        "'{column}' holds only the contract's codes",
    ),
    "chk.expect_column_values_to_be_between": (
        "“{column}”都在允许范围内",
        "'{column}' stays within its allowed range",
    ),
    "chk.expect_column_values_to_match_regex": (
        "“{column}”格式（位数）正确",
        "'{column}' has the right format",
    ),
    "chk.expect_column_value_lengths_to_equal": (
        "“{column}”长度正确",
        "'{column}' has the right length",
    ),
    "chk.expect_column_values_to_be_unique": ("“{column}”没有重复", "'{column}' is unique"),
    "chk.expect_compound_columns_to_be_unique": (
        "“{column}”的组合没有重复",
        "'{column}' together are unique",
    ),
    "chk.person_key": ("身份证号", "ID number"),
    "chk.staff_key": ("人员编号", "Staff ID"),
    # the return workbook (回执, lib/receipt.py)
    "rc.title": ("数据报送回执", "Delivery receipt"),
    "rc.summary_sheet": ("回执", "Receipt"),
    "rc.rows_sheet": ("退回行", "Rows held back"),
    "rc.rows_title": ("退回行：{file}", "Rows held back: {file}"),
    "rc.rows_note": (
        "按原表“{sheet}”的列位置排列（表头在原表第 {header} 行）；“原行号”为原表中的行号，"
        "标黄的单元格有误，原因见批注和“退回原因”列。",
        "In the columns of the original sheet '{sheet}' (header on its row {header}); "
        "'Row' is the row in the original file; highlighted cells are wrong, the reason is in "
        "their comment and in 'Reason'.",
    ),
    "rc.row_number": ("原行号", "Row"),
    "rc.reason": ("退回原因", "Reason"),
    "rc.item": ("项目", "Item"),
    "rc.value": ("内容", "Value"),
    "rc.bureau": ("报送单位", "Bureau"),
    "rc.rows_held": ("退回行数", "Rows held back"),
    "rc.rows_layout": ("合计、落款等表格行（不计入）", "Total and footer rows (not counted)"),
    "rc.published": ("数据发布时间", "Published"),
    "rc.todo_rows": (
        "请按“退回行”表逐行更正标黄的单元格，更正后的整份文件以原文件名重新报送。",
        "Correct the highlighted cells row by row (sheet 'Rows held back') and deliver the "
        "whole corrected file again under the same name.",
    ),
    "rc.todo_rejected": (
        "整份文件未能装载，原因见“说明”。请更正后以原文件名重新报送。",
        "The file was not loaded at all (see 'Message'). Correct it and deliver it again "
        "under the same name.",
    ),
    "rc.todo_none": (
        "全部数据行均已装载，无需更正。",
        "Every data row loaded; nothing to correct.",
    ),
    # values
    "v.civilian": ("文职", "civilian"),
    "v.estimate": ("估算", "estimate"),
    "v.published": ("公布数据", "published"),
    "v.assumed_posts": ("按岗位配置假设测算", "assumed post configuration"),
    "v.organ": ("机关", "organ"),
    "v.grassroots": ("基层", "grassroots"),
    # roster posts (dagster_project/contract.py POSTS); a prefix of their own: "medical" is
    # also an insurance type
    **{f"post.{code}": (zh, _POSTS_EN.get(code, code)) for code, zh in POSTS.items()},
    "v.duty": ("勤务", "duty"),
    "v.province": ("省级", "province"),
    "v.prefecture": ("州市级", "prefecture"),
    "v.county": ("县级", "county"),
    "v.high": ("高", "high"),
    "v.medium": ("中", "medium"),
    "v.pension": ("养老保险", "pension"),
    "v.medical": ("医疗保险", "medical"),
    "v.maternity": ("生育保险", "maternity"),
    "v.unemployment": ("失业保险", "unemployment"),
    "v.injury": ("工伤保险", "work injury"),
    "v.loaded": ("已装载", "loaded"),
    "v.rejected": ("已拒收", "rejected"),
    "v.skipped": ("已跳过", "skipped"),
    **{f"v.{name}": (source.zh, _SOURCES_EN.get(name, name)) for name, source in SOURCES.items()},
    "v.unassigned": ("未归入数据源", "no source folder"),
    # column headers (units in the header; values stay numeric so tables sort)
    "col.bureau_name": ("单位", "Bureau"),
    "col.prior_approved_quota": ("上年核准额度（人）", "Quota last year"),
    "col.approved_quota_change": ("额度增减（人）", "Quota change"),
    "col.prior_headcount": ("上年人数（人）", "Headcount last year"),
    "col.headcount_change": ("人数增减（人）", "Headcount change"),
    "col.headcount_change_pct": ("人数增减率", "Headcount change %"),
    "col.prior_utilization": ("上年使用率", "Utilisation last year"),
    "col.utilization_change": ("使用率变化（百分点）", "Utilisation change (points)"),
    "col.population_source": ("人口口径", "Population basis"),
    "col.reactive_fte": ("接处警（人）", "Incident workload (FTE)"),
    "col.proactive_fte": ("主动巡防（人）", "Proactive patrol (FTE)"),
    "col.fixed_post_fte": ("固定岗位（人）", "Fixed posts (FTE)"),
    "col.fixed_post_basis": ("固定岗位口径", "Fixed posts basis"),
    "col.support_fte": ("文职保障（人）", "Civilian support (FTE)"),
    "col.prior_required_fte": ("上年测算需求（人）", "Required last year (FTE)"),
    "col.required_fte_change": ("需求增减（人）", "Need change (FTE)"),
    "col.prior_aux_total": ("上年辅警总数", "Auxiliaries last year"),
    "col.aux_total_change": ("辅警增减", "Auxiliaries change"),
    "col.unit_name": ("机构名称", "Unit"),
    "col.unit_kind": ("机构类型", "Unit kind"),
    "col.post": ("岗位", "Post"),
    "col.hires": ("入职（人）", "Hires"),
    "col.separations": ("离职（人）", "Separations"),
    "col.net_change": ("净增（人）", "Net change"),
    **{f"col.level_{n}": (f"{n}级", f"Level {n}") for n in range(1, 9)},
    "col.bureau_code": ("单位代码", "Bureau code"),
    "col.prefecture_name": ("州市", "Prefecture"),
    "col.prefecture_code": ("州市代码", "Prefecture code"),
    "col.category": ("类别", "Category"),
    "col.approved_quota": ("核准额度（人）", "Approved quota"),
    "col.headcount": ("人数（人）", "Headcount"),
    "col.utilization": ("使用率", "Utilisation"),
    "col.vacancies": ("空余额度（人）", "Vacancies"),
    "col.over_quota": ("超额度", "Over quota"),
    "col.aux_total": ("辅警总数", "Auxiliaries"),
    "col.aux_grassroots": ("基层辅警", "At grassroots"),
    "col.grassroots_share": ("基层占比", "Grassroots share"),
    "col.police_count": ("民警人数", "Police officers"),
    "col.aux_per_police": ("辅警/民警", "Aux per officer"),
    "col.population": ("辖区人口", "Population"),
    "col.aux_per_10k_population": ("每万人辅警", "Aux per 10k people"),
    "col.incidents": ("警情数", "Incidents"),
    "col.workload_hours": ("工作量（工时）", "Workload hours"),
    "col.required_fte": ("测算需求（人）", "Required FTE"),
    "col.staffing_gap": ("实有减需求（人）", "Actual − required"),
    "col.tier": ("层级", "Tier"),
    "col.year": ("年度", "Year"),
    "col.current_quota": ("现有额度", "Current quota"),
    "col.proposed_quota": ("发布建议额度", "Published proposal"),
    "col.live_quota": ("重算建议额度", "Recomputed proposal"),
    "col.live_change": ("增减", "Change"),
    "col.month": ("月份", "Month"),
    "col.funding_level": ("经费保障层级", "Funding level"),
    "col.gross_pay": ("应发工资（元）", "Gross pay (yuan)"),
    "col.employer_insurance": ("单位社保（元）", "Employer insurance (yuan)"),
    "col.accident_premium": ("意外险保费（元）", "Accident premium (yuan)"),
    "col.total_cost": ("总成本（元）", "Total cost (yuan)"),
    "col.cost_per_head": ("人均成本（元）", "Cost per head (yuan)"),
    "col.planned_headcount": ("计划人数", "Planned headcount"),
    "col.pay_cost": ("工资（元）", "Pay (yuan)"),
    "col.other_cost": ("其他经费（元）", "Other cost (yuan)"),
    "col.published_total": ("发布预算（元）", "Published total (yuan)"),
    "col.person_months": ("人月数", "Person-months"),
    "col.province_code": ("省级区划代码", "Province code"),
    "col.province_name": ("省份", "Province"),
    "col.bureaus": ("局数", "Bureaus"),
    "col.bureaus_over_quota": ("超额度局数", "Bureaus over quota"),
    "col.cost_months": ("成本月数", "Cost months"),
    "col.findings": ("违规线索", "Findings"),
    "col.findings_high": ("其中高风险", "Of which high"),
    "col.people": ("人数（人）", "People"),
    "col.level": ("层级", "Level"),
    "col.avg_monthly_min_wage_pay": (
        "月均工资（不含加班、危险津贴，元）",
        "Monthly pay excl. overtime and hazard (yuan)",
    ),
    "col.avg_min_wage_monthly": ("月最低工资标准（元）", "Monthly minimum wage (yuan)"),
    "col.avg_annual_gross": ("人均年收入（元）", "Avg annual pay (yuan)"),
    "col.local_avg_wage": ("当地平均工资（元）", "Local average wage (yuan)"),
    "col.wage_source": ("平均工资口径", "Average wage basis"),
    "col.benchmark_year": ("对标年度", "Benchmark year"),
    "col.ratio_to_local_avg": ("与当地平均之比", "Ratio to local average"),
    "col.below_min_wage_months": ("低于最低工资人月", "Months below minimum wage"),
    "col.below_min_wage_findings": ("低于最低工资线索", "Below-minimum-wage findings"),
    "col.adjustment_cost": ("调整所需年度经费（元）", "Yearly adjustment cost (yuan)"),
    "col.people_below_target": ("低于目标人数", "People below target"),
    "col.target_annual_pay": ("目标年收入（元）", "Target annual pay (yuan)"),
    "col.pay_gap": ("补足工资（元）", "Pay to add (yuan)"),
    "col.insurance_type": ("险种", "Insurance type"),
    "col.gaps": ("缺失人月", "Person-months without cover"),
    "col.coverage_rate": ("覆盖率", "Coverage rate"),
    "col.estimated_shortfall": ("估算欠缴（元）", "Estimated shortfall (yuan)"),
    "col.gap_pension": ("养老缺失", "Pension gaps"),
    "col.gap_medical": ("医疗缺失", "Medical gaps"),
    "col.gap_maternity": ("生育缺失", "Maternity gaps"),
    "col.gap_unemployment": ("失业缺失", "Unemployment gaps"),
    "col.gap_injury": ("工伤缺失", "Injury gaps"),
    "col.rule_id": ("规则", "Rule"),
    "col.article": ("条款", "Article"),
    "col.severity": ("风险等级", "Severity"),
    "col.unit_code": ("机构代码", "Unit code"),
    "col.period": ("期间", "Period"),
    "col.person_key": ("人员标识", "Person key"),
    "col.name": ("姓名", "Name"),
    "col.incident_id": ("警情编号", "Incident"),
    "col.detail": ("细项", "Detail"),
    "col.evidence": ("证据", "Evidence"),
    "col.field": ("项目", "Field"),
    "col.value": ("值", "Value"),
    "col.source": ("数据源", "Source"),
    "col.last_loaded_at": ("最近装载时间", "Last loaded"),
    "col.latest_partition": ("最新分区", "Latest partition"),
    "col.days_before_publish": ("距发布天数", "Days before publish"),
    "col.files": ("文件数", "Files"),
    "col.files_rejected": ("拒收文件", "Files rejected"),
    "col.rows_read": ("读入行数", "Rows read"),
    "col.rows_loaded": ("装载行数", "Rows loaded"),
    "col.rows_quarantined": ("退回行数", "Rows held back"),
    "col.loaded_at": ("装载时间", "Loaded at"),
    "col.file": ("文件", "File"),
    "col.partition": ("分区", "Partition"),
    "col.status": ("状态", "Status"),
    "col.message": ("说明", "Message"),
    "col.checked_at": ("检查时间", "Checked at"),
    "col.check_name": ("检查项", "Check"),
    "col.passed": ("结果", "Result"),
    "col.rows_checked": ("检查行数", "Rows checked"),
    "col.unexpected_count": ("不符行数", "Unexpected rows"),
    "col.quarantined_at": ("隔离时间", "Quarantined at"),
    "col.row_number": ("行号", "Row"),
    "col.column_name": ("字段", "Column"),
    "col.rule": ("规则", "Rule"),
    "col.sheet": ("工作表", "Sheet"),
    "col.cell": ("单元格", "Cell"),
    "col.header_rows": ("表头行", "Header rows"),
    "col.rows_layout": ("合计落款行", "Total/footer rows"),
    # 人员预测与招聘计划 (views/recruitment.py; issue 14)
    "page.recruitment": ("人员预测与招聘计划", "Forecast and recruitment"),
    "rc.forecast": (
        "人员预测：未来24个月在岗人数（不含新招录，基准 {month}）",
        "Workforce forecast: the next 24 months without new recruitment (from {month})",
    ),
    "rc.forecast_note": (
        "预测 = 现有人员 × 在岗概率：达到法定退休年龄（含2025年起渐进式延迟退休）即退出；"
        "劳动合同到期按历史不续签率退出；其余按历史离职率（分类别、分工龄段）。"
        "方法与参数见 docs/workforce-forecast.md。",
        "Forecast = current staff × probability of staying: out at the statutory retirement "
        "age (with the gradual raise from 2025); at a contract's end by the historic "
        "non-renewal rate; otherwise by historic attrition rates (by category and tenure). "
        "Method: docs/workforce-forecast.md.",
    ),
    "rc.backtest": (
        "预测回测（12个月前的预测与实际对比）",
        "Backtest (forecasts made 12 months earlier)",
    ),
    "rc.no_backtest": (
        "历史数据不足12个月以上，暂无回测。",
        "Too little history for a backtest (it needs more than 12 months).",
    ),
    "rc.accuracy": (
        "{category}：平均绝对百分比误差 / 偏差",
        "{category}: mean absolute percentage error / bias",
    ),
    "rc.cat_all": ("合计", "all"),
    "rc.cat_civilian": ("文职", "civilian"),
    "rc.cat_duty": ("勤务", "duty"),
    "rc.backtest_note": (
        "在 {origins} 个起点月各做一次12个月预测，与12个月后这些人员的实际在岗人数比较"
        "（各局×类别）；偏差 =（预测 − 实际）之和 ÷ 实际之和，正值表示高估。"
        "下表为最近一个起点月。",
        "A 12-month forecast from each of {origins} origin months against how many of those "
        "people were still on the roster 12 months later (bureau × category); bias = "
        "Σ(forecast − actual) ÷ Σ actual, positive = over-forecast. The table: the latest "
        "origin.",
    ),
    "rc.rates": (
        "离职率与合同不续签率（由花名册历史估计）",
        "Separation rates (estimated from the roster history)",
    ),
    "rc.plan": (
        "{year}年度招聘计划（第十条：在用人额度内）",
        "Recruitment plan {year} (Art. 10: within the quota)",
    ),
    "rc.basis": ("额度口径", "Quota basis"),
    "rc.basis_approved": ("核定额度", "approved quota"),
    "rc.basis_proposed": ("建议额度", "proposed quota"),
    "rc.plan_note": (
        "每季度首日到岗；任一月份的预测人数加已计划招聘人数不超过额度。季度岗前培训名额有限时，"
        "县级局（基层所队）优先，其次按空缺率排序，未满足部分顺延（第六条：倾斜基层）。"
        "学历条件依第十三条第（五）项。",
        "Recruits start on a quarter's first day; in no month does the forecast plus the "
        "planned hires exceed the quota. When a quarter's pre-service training places run "
        "short, county bureaus (grassroots stations) come first, then by vacancy rate; the "
        "rest moves on (Art. 6). Education: Art. 13 (5).",
    ),
    "rc.documents": (
        "报批材料（第五、六、七、十、三十三条）",
        "Approval documents (Art. 5, 6, 7, 10, 33)",
    ),
    "rc.documents_note": (
        "以下工作簿按本账号可见范围生成，含标题、填报单位、数据截至日期、合计、依据条款和签字栏，"
        "按A4纸设置打印。",
        "Workbooks for the bureaus this login may see: title, reporting unit, data as of, "
        "totals, the articles relied on and a signature block, set up to print on A4.",
    ),
    "rc.download": ("下载{title}", "Download the {title}"),
    "col.forecast_12m": ("12个月后预测人数", "Forecast in 12 months"),
    "col.forecast_24m": ("24个月后预测人数", "Forecast in 24 months"),
    "col.retirements_12m": ("12个月内预计退休", "Retirements, 12 months"),
    "col.contract_exits_12m": ("12个月内合同到期不续签", "Contract exits, 12 months"),
    "col.attrition_12m": ("12个月内预计其他离职", "Other separations, 12 months"),
    "col.start_headcount": ("现有人数", "Headcount now"),
    "col.forecast_headcount": ("预测人数", "Forecast headcount"),
    "col.expected_separations": ("预计减员", "Expected separations"),
    "col.rate_kind": ("比率类型", "Rate"),
    "col.tenure_band": ("工龄段", "Tenure"),
    "col.contract_ends": ("合同到期人次", "Contract ends"),
    "col.monthly_rate": ("月离职率", "Monthly rate"),
    "col.annual_rate": ("年离职率", "Annual rate"),
    "col.window_start": ("估计起始月", "Window from"),
    "col.window_end": ("估计截止月", "Window to"),
    "col.origin_month": ("预测起点月", "Forecast made"),
    "col.target_month": ("预测目标月", "Forecast for"),
    "col.origin_headcount": ("起点人数", "Headcount at origin"),
    "col.actual_retained": ("实际留任人数", "Actually retained"),
    "col.actual_headcount": ("实际总人数", "Actual headcount"),
    "col.error": ("误差", "Error"),
    "col.abs_pct_error": ("绝对百分比误差", "Abs. % error"),
    "col.cap_quota": ("额度", "Quota (cap)"),
    "col.forecast_headcount_max": ("预测人数（不含招聘）", "Forecast (no recruitment)"),
    "col.q1_hires": ("一季度招聘", "Q1 hires"),
    "col.q2_hires": ("二季度招聘", "Q2 hires"),
    "col.q3_hires": ("三季度招聘", "Q3 hires"),
    "col.q4_hires": ("四季度招聘", "Q4 hires"),
    "col.headcount_after_plan_max": ("计划后人数", "Headcount after the plan"),
    "col.cap_reason": ("说明", "Reason"),
    "col.education_requirement": ("学历要求", "Education required"),
    "col.scope_level": ("汇总层级", "Level"),
    "col.scope_code": ("区划代码", "Division code"),
    "col.scope_name": ("汇总范围", "Area"),
    "col.quarter": ("季度（0=全年）", "Quarter (0 = year)"),
    "col.requested_hires": ("需招聘人数", "Hires needed"),
    "col.planned_hires": ("计划招聘人数", "Planned hires"),
    "col.unmet": ("未满足人数", "Unmet"),
    "v.attrition": ("离职率", "attrition"),
    "v.contract_non_renewal": ("合同不续签率", "contract non-renewal"),
    "v.all": ("合计", "all"),
}


def lang() -> str:
    value = st.session_state.get(_STATE_KEY, "zh")
    return value if value in LANGS else "zh"


def t(key: str, lang_: str | None = None, **values: object) -> str:
    """The message `key` in the current language, with `{name}` fields filled in."""
    zh, en = MESSAGES[key]
    text = zh if (lang_ or lang()) == "zh" else en
    return text.format(**values) if values else text


def col(name: str, lang_: str | None = None) -> str:
    """Header of column `name` (the column's own name when the catalog has none)."""
    return t(f"col.{name}", lang_) if f"col.{name}" in MESSAGES else name


def value(code: str, lang_: str | None = None) -> str:
    """Label of a code value (category, tier, insurance type…), the code itself if unknown."""
    return t(f"v.{code}", lang_) if f"v.{code}" in MESSAGES else code


def label(prefix: str, code: str, lang_: str | None = None) -> str:
    """Label of `code` under the catalog prefix `prefix` (e.g. post), the code if unknown."""
    key = f"{prefix}.{code}"
    return t(key, lang_) if key in MESSAGES else code
