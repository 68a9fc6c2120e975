"""Why a row was held back, in words a clerk can act on (Chinese first, then English)."""

from __future__ import annotations

import polars as pl

from dagster_project.contract import Source

# rule → (中文, English); {column} is filled with the column's contract name.
RULE_MESSAGES: dict[str, tuple[str, str]] = {
    "required_missing": ("必填项“{column}”为空", "Required value '{column}' is empty"),
    "bad_date": (
        "“{column}”不是有效日期（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年MM月DD日）",
        "'{column}' is not a valid date (YYYY-MM-DD, YYYY/MM/DD or YYYY年MM月DD日)",
    ),
    "bad_month": (
        "“{column}”不是有效月份（应为 YYYY-MM）",
        "'{column}' is not a valid month (YYYY-MM)",
    ),
    "bad_timestamp": (
        "“{column}”不是有效时间（应为 YYYY-MM-DD HH:MM:SS）",
        "'{column}' is not a valid timestamp (YYYY-MM-DD HH:MM:SS)",
    ),
    "bad_money": (
        "“{column}”不是有效金额（元，最多两位小数）",
        "'{column}' is not a valid amount (yuan, at most 2 decimals)",
    ),
    "bad_number": (
        "“{column}”不是有效数字（最多两位小数）",
        "'{column}' is not a valid number (at most 2 decimals)",
    ),
    "bad_int": ("“{column}”不是整数", "'{column}' is not a whole number"),
    "bad_bool": ("“{column}”应为 是/否", "'{column}' must be yes/no (是/否)"),
    "bad_enum": (
        "“{column}”的取值不在规范代码表中",
        "'{column}' is not one of the contract's codes",
    ),
    "bad_code12": ("“{column}”应为 12 位数字机构代码", "'{column}' must be a 12-digit unit code"),
    "bad_code6": ("“{column}”应为 6 位行政区划代码", "'{column}' must be a 6-digit division code"),
    "id_format": (
        "身份证号格式错误（应为 17 位数字加校验位）",
        "ID number malformed (17 digits and a check character)",
    ),
    "id_checksum": ("身份证号校验位错误", "ID number check character is wrong (GB 11643)"),
    "id_birth_date": ("身份证号中的出生日期无效", "ID number holds an impossible birth date"),
    "id_stored_as_number": (
        "身份证号被表格存成了数字（如 5.30102E+17），后几位已丢失：请把该列设为“文本”格式，"
        "重新录入后导出",
        "The ID number was stored as a number (e.g. 5.30102E+17) and lost its last digits: "
        "format the column as Text, type the numbers again and export",
    ),
    "id_birth_mismatch": ("出生日期与身份证号不一致", "Birth date disagrees with the ID number"),
    "id_gender_mismatch": ("性别与身份证号不一致", "Gender disagrees with the ID number"),
    "negative_value": ("“{column}”不能为负数", "'{column}' must not be negative"),
    "below_minimum": ("“{column}”小于允许的最小值", "'{column}' is below its allowed minimum"),
    "above_maximum": ("“{column}”大于允许的最大值", "'{column}' is above its allowed maximum"),
    "future_date": ("“{column}”晚于报送日期", "'{column}' lies in the future"),
    "gross_mismatch": (
        "应发工资不等于各工资项之和（误差超过 0.01 元）",
        "gross_pay differs from the sum of the pay parts by more than 0.01",
    ),
    "month_outside_partition": (
        "“{column}”的月份与文件名中的月份不符",
        "'{column}' is not the month named in the file name",
    ),
    "unknown_unit": ("机构代码不在机构表中", "unit_code is not in org_units"),
    "not_on_roster": (
        "该人员当月不在辅警花名册中，却有工资发放记录",
        "Paid, but on no roster of that month",
    ),
    "unknown_incident": (
        "警情编号不在警情表中（文件名含月份时，只查该月的警情）",
        "incident_id is not in incidents (of the file's month, when its name has one)",
    ),
    "duplicate_key": (
        "与前面某行主键重复（仅保留第一行）",
        "Repeats the key of an earlier row (the first one loads)",
    ),
}


def with_messages(issues: pl.DataFrame, source: Source) -> pl.DataFrame:
    """Add message_zh / message_en to issue rows; columns named as the clerk's header says."""
    zh_names = {c.name: f"{c.zh}（{c.name}）" for c in source.columns}

    def render(lang: int) -> pl.Expr:
        templates = {rule: pair[lang] for rule, pair in RULE_MESSAGES.items()}
        template = pl.col("rule").replace_strict(templates, default=pl.col("rule"))
        label = (
            pl.col("column_name").replace(zh_names) if lang == 0 else pl.col("column_name")
        ).fill_null("")
        return template.str.replace("{column}", label, literal=True)

    return issues.with_columns(render(0).alias("message_zh"), render(1).alias("message_en"))
