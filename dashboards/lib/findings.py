"""The compliance register in an inspector's words (issue 13): rule titles instead of rule ids,
evidence keys and code values as labels (Chinese from dagster_project/contract.py), the landing
rows each finding rests on (来源文件 / 行号), finding history and the rule catalogue with the
regulation's article texts."""

from __future__ import annotations

import json
from collections.abc import Callable

import polars as pl

from dagster_project import contract
from lib.db import read
from lib.i18n import lang, t, value
from lib.scope import Scope

# evidence key -> (中文, English)
EVIDENCE_LABELS: dict[str, tuple[str, str]] = {
    "year": ("年度", "Year"),
    "category": ("类别", "Category"),
    "headcount_month": ("统计月份", "Headcount month"),
    "headcount": ("人数", "Headcount"),
    "approved_quota": ("核准额度", "Approved quota"),
    "excess": ("超出人数", "Excess"),
    "reported_at": ("接报时间", "Reported at"),
    "incident_type": ("警情类别", "Incident type"),
    "auxiliary_staff": ("出警辅警人数", "Auxiliaries on it"),
    "police_staff": ("出警民警人数", "Police officers on it"),
    "birth_date": ("出生日期", "Birth date"),
    "hire_date": ("入职日期", "Hire date"),
    "min_hire_age": ("最低年龄", "Minimum age"),
    "birthday_of_min_age": ("满龄日期", "Date of reaching the age"),
    "education": ("学历", "Education"),
    "education_rank": ("学历等级", "Education rank"),
    "required_rank": ("要求等级", "Required rank"),
    "relaxed_by_notice": ("公告放宽条件", "Relaxed by notice"),
    "background_check": ("政审结论", "Background check"),
    "background_reason": ("不通过原因", "Reason"),
    "month_end": ("月末日期", "Last day of the month"),
    "contract_start": ("合同起始日", "Contract start"),
    "contract_end": ("合同终止日", "Contract end"),
    "reason": ("原因", "Reason"),
    "task": ("承担任务", "Task"),
    "recorded": ("全程录音录像", "Recorded"),
    "enforcement": ("执法类", "Enforcement"),
    "first_incident_date": ("首次出警日期", "First incident"),
    "training_deadline": ("培训截止日", "Training deadline"),
    "first_training_date": ("岗前培训日期", "Pre-service training date"),
    "before_window": ("依据数据窗口前的记录", "Rests on records before the data window"),
    "months_in_service": ("在岗月数", "Months in service"),
    "window_from": ("期间起始", "Window from"),
    "status_since": ("离职日期", "Separated on"),
    "return_deadline": ("收回期限", "Return deadline"),
    "roster_status": ("当月花名册状态", "Roster status that month"),
    "roster_unit_code": ("花名册单位", "Roster unit"),
    "min_wage_pay": ("计入最低工资的工资", "Pay counted against the minimum wage"),
    "min_wage_monthly": ("月最低工资标准", "Monthly minimum wage"),
    "wage_class": ("最低工资档次", "Minimum wage class"),
    "admin_code": ("行政区划代码", "Division code"),
    "gross_pay": ("应发工资", "Gross pay"),
    "contribution_base": ("缴费基数", "Contribution base"),
    "base_floor": ("缴费基数下限", "Base floor"),
    "insurance_type": ("险种", "Insurance type"),
    "has_payroll": ("有工资记录", "Has a payroll row"),
    "employer_contribution": ("单位缴费", "Employer contribution"),
    "post": ("岗位", "Post"),
    "danger_class": ("岗位危险等级", "Danger class"),
    "overtime_hours": ("加班时数", "Overtime hours"),
    "overtime_pay": ("加班费", "Overtime pay"),
    "comp_time_hours": ("补休时数", "Time off"),
}

# code values of the evidence -> Chinese label (the contract's), English: the code in words
_CODE_ZH: dict[str, str] = {
    **contract.INCIDENT_TYPE,
    **contract.TASKS,
    **contract.CATEGORY,
    **contract.STATUS,
    **contract.EDUCATION,
    **contract.BACKGROUND_CHECK,
    "high": "高",
    "medium": "中",
    "low": "低",
    "no_contract": "无合同",
    "not_started": "合同未开始",
    "expired": "合同已到期",
    "pension": "养老保险",
    "medical": "医疗保险",
    "maternity": "生育保险",
    "unemployment": "失业保险",
    "injury": "工伤保险",
}
_BOOL = {True: ("是", "yes"), False: ("否", "no")}


def code_label(code: object, lang_: str | None = None) -> str:
    """A code value as the reader's word: public_order -> 治安 (zh) / public order (en)."""
    if isinstance(code, bool):
        zh, en = _BOOL[code]
        return zh if (lang_ or lang()) == "zh" else en
    if code is None:
        return "—"
    text = str(code)
    if (lang_ or lang()) == "zh":
        return _CODE_ZH.get(text, text)
    return text.replace("_", " ") if text in _CODE_ZH else text


def evidence_label(key: str, lang_: str | None = None) -> str:
    zh, en = EVIDENCE_LABELS.get(key, (key, key))
    return zh if (lang_ or lang()) == "zh" else en


def parse_json(text: str | None, empty: object) -> object:
    try:
        return json.loads(text) if text else empty
    except json.JSONDecodeError:
        return empty


def evidence_text(evidence: str | None, lang_: str | None = None) -> str:
    """The evidence object as one line: 入职日期：2019-03-10；首次出警日期：…"""
    items = parse_json(evidence, {})
    if not isinstance(items, dict):
        return str(evidence)
    sep, colon = ("；", "：") if (lang_ or lang()) == "zh" else ("; ", ": ")
    return sep.join(
        f"{evidence_label(k, lang_)}{colon}{code_label(v, lang_)}" for k, v in items.items()
    )


def rows_text(evidence_rows: str | None, lang_: str | None = None) -> str:
    """The rows a finding rests on as one line: 花名册 530102/roster.xlsx 第14行；…"""
    rows = parse_json(evidence_rows, [])
    zh = (lang_ or lang()) == "zh"
    parts = [
        f"{value(r.get('source', ''), lang_)} {r.get('file')} "
        + (f"第{r.get('row')}行" if zh else f"row {r.get('row')}")
        for r in rows
        if isinstance(r, dict)
    ]
    return ("；" if zh else "; ").join(parts)


def evidence_table(evidence: str | None) -> pl.DataFrame:
    items = parse_json(evidence, {})
    if not isinstance(items, dict):
        items = {"evidence": evidence}
    return pl.DataFrame(
        {
            "field": [evidence_label(k) for k in items],
            "value": [code_label(v) for v in items.values()],
        },
        schema={"field": pl.Utf8, "value": pl.Utf8},
    )


def rows_table(evidence_rows: str | None) -> pl.DataFrame:
    """数据源 / 来源文件 / 行号 of each record a finding rests on."""
    rows = [r for r in parse_json(evidence_rows, []) if isinstance(r, dict)]  # type: ignore[union-attr]
    return pl.DataFrame(
        {
            "source": [str(r.get("source", "")) for r in rows],
            "source_file": [str(r.get("file", "")) for r in rows],
            # text, not a count: a sheet row is shown as the clerk sees it (7015, not 7,015)
            "row_number": [str(r.get("row")) for r in rows],
        },
        schema={"source": pl.Utf8, "source_file": pl.Utf8, "row_number": pl.Utf8},
    )


# ── data ─────────────────────────────────────────────────────────────────────────────────
def catalog(scope: Scope) -> pl.DataFrame:
    """The rule catalogue, one row per rule. Its grain is province × rule (the rules apply in
    every province, marts.compliance_rule_catalog): each rule's row of the scope's province
    (that of its bureaus; the first by code where the scope spans several, any province's for
    a scope without bureaus)."""
    return read(
        scope,
        """select * from compliance_rule_catalog
        qualify row_number() over (partition by rule_id order by
            province_code not in (select province_code from dim_bureau), province_code) = 1
        order by article_no, rule_id""",
    )


def rule_titles(scope: Scope, lang_: str | None = None) -> dict[str, str]:
    """rule_id -> its title in the catalogue (marts.compliance_rule_catalog), Chinese or
    English: the one source of rule titles for every page and export."""
    title = "title_zh" if (lang_ or lang()) == "zh" else "title_en"
    return dict(catalog(scope).select("rule_id", title).iter_rows())


_FILTERS = """(len($rules) = 0 or list_contains($rules::varchar[], v.rule_id))
          and (len($articles) = 0 or list_contains($articles::varchar[], v.article))
          and (len($bureaus) = 0 or list_contains($bureaus::varchar[], v.bureau_code))
          and (len($periods) = 0 or list_contains($periods::varchar[], v.period))"""


def register(
    scope: Scope, rules: list[str], articles: list[str], bureaus: list[str], periods: list[str]
) -> pl.DataFrame:
    """The open findings, filtered (an empty list means all), with their history dates and
    their article's text. The name column only for scopes that may read names."""
    df = read(
        scope,
        f"""select v.rule_id, v.article, v.severity, b.bureau_name, v.unit_code, v.period,
            v.person_key, n.name, v.incident_id, v.detail, v.evidence, v.evidence_rows,
            h.first_seen, v.bureau_code, v.finding_id, c.article_text
        from compliance_violations v
        join dim_bureau b using (bureau_code)
        left join person_names n using (person_key)
        left join compliance_finding_history h on h.finding_id = v.finding_id
        left join compliance_rule_catalog c
            on c.province_code = v.province_code and c.rule_id = v.rule_id
        where {_FILTERS}
        order by v.period desc, v.article_no, v.rule_id, v.bureau_code, v.person_key,
            v.incident_id, v.finding_id""",
        rules=rules,
        articles=articles,
        bureaus=bureaus,
        periods=periods,
    )
    return df if scope.names else df.drop("name")


def closed(
    scope: Scope, rules: list[str], articles: list[str], bureaus: list[str], periods: list[str]
) -> pl.DataFrame:
    """Findings no longer found (history), newest closure first. close_reason is the
    history's (always data_corrected): pages label it with lib/casework.with_close_reasons,
    which knows the cases an inspector closed."""
    df = read(
        scope,
        f"""select v.rule_id, v.article, v.severity, b.bureau_name, v.period, v.person_key,
            n.name, v.incident_id, v.detail, v.first_seen, v.last_seen, v.closed_at,
            v.close_reason, v.evidence, v.evidence_rows, v.finding_id
        from compliance_finding_history v
        join dim_bureau b using (bureau_code)
        left join person_names n using (person_key)
        where v.status = 'closed' and {_FILTERS}
        order by v.closed_at desc, v.article_no, v.rule_id, v.period desc, v.finding_id""",
        rules=rules,
        articles=articles,
        bureaus=bureaus,
        periods=periods,
    )
    return df if scope.names else df.drop("name")


def worded(df: pl.DataFrame, column: str, word: Callable[[str], str], name: str = "") -> pl.Series:
    """`word` of each value of a column (nulls stay null), computed in the calling
    thread. Not with map_elements: that runs Python on polars' thread pool, whose workers
    then wait for the GIL; another session's thread that holds the GIL while it waits on the
    pool (polars' to_pandas inside st.dataframe) deadlocks the whole server (the small load
    test hung so, docs/performance.md)."""
    words = [None if v is None else word(v) for v in df[column].to_list()]
    return pl.Series(name or column, words, dtype=pl.Utf8)


def present(df: pl.DataFrame, titles: dict[str, str]) -> pl.DataFrame:
    """A register as shown and exported: the rule's title for its id, the detail as a label,
    the evidence in words and the rows it rests on (来源文件 / 行号)."""
    out = df.with_columns(
        pl.col("rule_id").replace_strict(titles, default=pl.col("rule_id")).alias("rule"),
        worded(df, "detail", code_label),
        worded(df, "evidence", evidence_text),
        worded(df, "evidence_rows", rows_text, "source_rows"),
    )
    if "close_reason" in out.columns:
        out = out.with_columns(worded(out, "close_reason", lambda c: t(f"v.{c}")))
    hidden = {"rule_id", "evidence_rows", "bureau_code", "finding_id", "article_text"}
    first = ["rule"]
    return out.select(first + [c for c in out.columns if c not in hidden and c not in first])
