"""The input data contract v1 as data: sources, columns, Chinese aliases, types, enumerations.

Everything that reads or writes landing files (the ingestion readers, the synthetic
generator, the tests, the shipped docs) takes names and rules from here, so the contract
is stated once. `docs/data-contract.md` describes the same contract for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Logical column types. The ingestion layer maps each to a DuckDB type:
# text→VARCHAR, int→BIGINT, number→DECIMAL(12,2), money→DECIMAL(18,2), date→DATE,
# month→DATE (first day), timestamp→TIMESTAMP, bool→BOOLEAN, enum→VARCHAR (English code),
# id_number→ replaced by person_key (HMAC) before anything is written outside `pii`.
ColumnType = Literal[
    "text",
    "code12",
    "code6",
    "int",
    "number",
    "money",
    "date",
    "month",
    "timestamp",
    "bool",
    "enum",
    "id_number",
]

RAW_SQL_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "code12": "VARCHAR",
    "code6": "VARCHAR",
    "int": "BIGINT",
    "number": "DECIMAL(12,2)",
    "money": "DECIMAL(18,2)",
    "date": "DATE",
    "month": "DATE",
    "timestamp": "TIMESTAMP",
    "bool": "BOOLEAN",
    "enum": "VARCHAR",
}


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    type: ColumnType
    required: bool = True  # the column must be present in the file's header
    nullable: bool = False  # an empty cell is allowed
    enum: dict[str, str] | None = None  # English code -> Chinese label
    min_value: float | None = None
    max_value: float | None = None
    not_future: bool = False  # a date after the load date is a data-entry error
    default: str | None = None  # value used when the column is absent or the cell empty
    # other header spellings clerks use; matched after normalising (NFKC, no spaces, no unit
    # in brackets), so 身份证号码 or 基本工资（元） need no entry of their own spelled that way
    synonyms: tuple[str, ...] = ()
    # other spellings of enumeration values (大学本科, 男性, 辞职 …) → English code
    value_synonyms: dict[str, str] | None = None
    doc: str = ""  # a note for people (generated dbt source yml, docs/data-contract.md)


@dataclass(frozen=True)
class Source:
    name: str
    zh: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique within a load (after id_number → person_key)
    month_column: str | None = None  # monthly sources: the column that names the month
    # monthly sources without a month column: the raw column the loader fills with the month
    # of the row each one references (incident_staff: the month its incident was reported)
    derived_month: str | None = None
    full_replacement: bool = False  # each new file replaces the whole table
    description: str = ""
    aliases: dict[str, str] = field(default_factory=dict)
    articles: tuple[int, ...] = ()  # articles of the regulation the source serves (docs)
    doc: str = ""  # notes for people beyond the description (generated docs)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def row_month(self) -> str | None:
        """The raw column that gives each row's month (its own or the derived one); None for
        sources that are not monthly."""
        return self.month_column or self.derived_month

    @property
    def header_aliases(self) -> dict[str, str]:
        """Every accepted header spelling (English, Chinese, synonyms) -> English column name."""
        out = {c.name: c.name for c in self.columns}
        out.update({c.zh: c.name for c in self.columns})
        out.update({s: c.name for c in self.columns for s in c.synonyms})
        return out


TIER = {"province": "省厅", "prefecture": "州市局", "county": "县局", "station": "基层所队"}
UNIT_KIND = {"organ": "机关", "grassroots": "基层"}
AGENCY = {"police": "公安", "court": "法院", "procuratorate": "检察院", "justice": "司法行政"}
CATEGORY = {"civilian": "文职", "duty": "勤务"}
GENDER = {"M": "男", "F": "女"}
EDUCATION = {
    "junior_middle": "初中",
    "senior_high": "高中",
    "secondary_vocational": "中专",
    "junior_college": "大专",
    "bachelor": "本科",
    "postgraduate": "研究生",
}
# Rank for Art. 13: 中专 ranks with 高中.
EDUCATION_RANK = {
    "junior_middle": 1,
    "senior_high": 2,
    "secondary_vocational": 2,
    "junior_college": 3,
    "bachelor": 4,
    "postgraduate": 5,
}
STATUS = {"active": "在岗", "suspended": "停职", "separated": "离职"}
PRIORITY_GROUP = {
    "none": "无",
    "martyr_family": "烈属",
    "veteran": "退役军人",
    "fire_rescue": "消防救援",
    "bravery": "见义勇为",
}
BACKGROUND_CHECK = {"pass": "通过", "fail": "不通过"}
CIVILIAN_POSTS = {
    "clerical": "文书档案",
    "window_service": "窗口服务",
    "hotline": "接线查询",
    "it_support": "网络维护",
    "data_analysis": "数据分析",
    "lab": "实验室分析",
    "translation": "翻译",
    "medical": "医疗卫生",
    "equipment": "装备保管",
}
DUTY_POSTS = {
    "patrol": "治安巡逻",
    "traffic": "交通疏导",
    "checkpoint": "治安检查",
    "detention": "监管场所勤务",
    "drug_control": "禁毒",
    "border": "出入境/边检",
    "scene_guard": "现场秩序",
    "community": "社区警务辅助",
}
POSTS = {**CIVILIAN_POSTS, **DUTY_POSTS}
FORBIDDEN_TASKS = {
    "investigation": "调查取证",
    "coercive_measure": "刑事强制措施",
    "penalty_decision": "处罚决定",
    "weapon_custody": "武器保管",
    "secret_matter": "涉密事项",
}
TASKS = {**POSTS, **FORBIDDEN_TASKS}
INCIDENT_TYPE = {
    "criminal": "刑事",
    "public_order": "治安",
    "traffic": "交通",
    "dispute": "纠纷",
    "assistance": "求助",
    "other": "其他",
}
STAFF_TYPE = {"police": "民警", "auxiliary": "辅警"}
HR_RECORD_TYPE = {
    "pre_service_training": "岗前培训",
    "annual_training": "年度培训",
    "special_training": "专项培训",
    "assessment": "年度考核",
    "physical_exam": "年度体检",
    "equipment_return": "证件服装收回",
    "investigation": "立案调查",
    "work_injury": "工伤",
}
PAY_PARTS = (
    "base_pay",
    "level_pay",
    "post_allowance",
    "hazard_allowance",
    "performance_pay",
    "overtime_pay",
    "other_pay",
)
CONTRIBUTIONS = (
    "pension_er",
    "pension_ee",
    "medical_er",
    "medical_ee",
    "maternity_er",
    "unemployment_er",
    "unemployment_ee",
    "injury_er",
)

# Other header spellings seen in bureaus' exports, by column name (every source with the
# column accepts them). A spelling must name one column per source: tests/unit checks it.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "unit_code": ("单位代码", "机构编码", "单位编码", "所属单位代码", "所属机构代码"),
    "unit_name": ("单位名称", "机构全称"),
    "parent_code": ("上级单位代码", "上级机构编码"),
    "tier": ("机构层级", "单位层级"),
    "unit_kind": ("单位类别", "单位类型"),
    "admin_code": ("区划代码", "行政区划", "行政区划编码"),
    "agency": ("所属系统",),
    "population": ("常住人口", "人口数"),
    "year": ("年份", "年度年份"),
    "category": ("辅警类别", "人员分类", "岗位类别"),
    "requested": ("申请额度", "申报数", "申报数量"),
    "approved": ("批准额度", "核定额度", "核准数", "核准数量"),
    "approved_on": ("批准日期", "核定日期"),
    "approved_by": ("批准机关", "核定机关"),
    "police_count": ("民警数", "民警数量", "在编民警数"),
    "snapshot_month": ("月份", "统计月", "报送月份"),
    "id_number": ("身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证"),
    "name": ("人员姓名",),
    "birth_date": ("出生年月日", "出生时间"),
    "nationality": ("国别",),
    "education": ("文化程度", "最高学历"),
    "post": ("岗位名称", "工作岗位"),
    "level": ("等级", "辅警层级", "级别"),
    "hire_date": ("入职时间", "聘用日期", "录用日期"),
    "contract_start": ("合同开始日期", "合同起始"),
    "contract_end": ("合同结束日期", "合同到期日期", "合同终止"),
    "status": ("人员状态", "在岗状态"),
    "status_since": ("状态变更日期",),
    "priority_group": ("优待类别", "优先招录类别"),
    "background_check": ("政审情况", "政治审查结果"),
    "relaxed_by_notice": ("放宽招聘条件",),
    "pay_month": ("月份", "工资月份"),
    "base_pay": ("基础工资",),
    "level_pay": ("等级工资",),
    "post_allowance": ("岗位补贴",),
    "hazard_allowance": ("危险岗位津贴", "特殊岗位津贴"),
    "performance_pay": ("绩效奖金", "绩效"),
    "overtime_pay": ("加班费",),
    "other_pay": ("其他收入", "其他津补贴"),
    "overtime_hours": ("加班小时数", "加班小时"),
    "comp_time_hours": ("调休时长", "补休小时"),
    "gross_pay": ("应发合计", "应发金额"),
    "contribution_base": ("社保缴费基数",),
    "pension_er": ("养老保险单位", "养老保险单位缴纳"),
    "pension_ee": ("养老保险个人", "养老保险个人缴纳"),
    "medical_er": ("医疗保险单位", "医疗保险单位缴纳"),
    "medical_ee": ("医疗保险个人", "医疗保险个人缴纳"),
    "maternity_er": ("生育保险单位", "生育保险单位缴纳"),
    "unemployment_er": ("失业保险单位", "失业保险单位缴纳"),
    "unemployment_ee": ("失业保险个人", "失业保险个人缴纳"),
    "injury_er": ("工伤保险单位", "工伤保险单位缴纳"),
    "policy_no": ("保险单号", "保单编号"),
    "insurer": ("承保公司", "保险机构"),
    "start_date": ("保险起期", "生效日期"),
    "end_date": ("保险止期", "到期日期"),
    "sum_insured": ("保险金额",),
    "incident_id": ("警情号", "接警编号"),
    "reported_at": ("报警时间", "接报时间"),
    "incident_type": ("警情类型",),
    "enforcement": ("是否执法", "涉及执法"),
    "handling_minutes": ("处置时长（分钟）", "处警时长"),
    "staff_type": ("人员类型", "出警人员类别"),
    "staff_id": ("人员证件号", "警号或身份证号"),
    "task": ("承担任务", "工作任务"),
    "recorded": ("是否全程录音录像", "执法记录仪"),
    "record_type": ("记录类别",),
    "record_date": ("记录日期",),
    "value": ("结论", "备注结果"),
}

# Other spellings of enumeration values, by column name → English code. A Chinese label
# or English code of the enumeration itself needs no entry.
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "gender": {"男性": "M", "女性": "F", "male": "M", "female": "F"},
    "education": {
        "初级中学": "junior_middle",
        "初中及以下": "junior_middle",
        "普通高中": "senior_high",
        "高级中学": "senior_high",
        "职高": "secondary_vocational",
        "技校": "secondary_vocational",
        "中等专科": "secondary_vocational",
        "中职": "secondary_vocational",
        "大学专科": "junior_college",
        "专科": "junior_college",
        "高职": "junior_college",
        "大学本科": "bachelor",
        "本科学历": "bachelor",
        "学士": "bachelor",
        "硕士": "postgraduate",
        "硕士研究生": "postgraduate",
        "博士": "postgraduate",
        "博士研究生": "postgraduate",
        "研究生学历": "postgraduate",
    },
    "category": {
        "文职辅警": "civilian",
        "文职类": "civilian",
        "勤务辅警": "duty",
        "勤务类": "duty",
    },
    "status": {
        "在职": "active",
        "正常": "active",
        "停岗": "suspended",
        "暂停职务": "suspended",
        "辞职": "separated",
        "解聘": "separated",
        "辞退": "separated",
        "退休": "separated",
        "已离职": "separated",
    },
    "priority_group": {
        "否": "none",
        "烈士家属": "martyr_family",
        "烈士遗属": "martyr_family",
        "退役士兵": "veteran",
        "退伍军人": "veteran",
    },
    "incident_type": {
        "刑事案件": "criminal",
        "治安案件": "public_order",
        "交通事故": "traffic",
        "纠纷调解": "dispute",
        "群众求助": "assistance",
    },
    "staff_type": {"警察": "police", "警务辅助人员": "auxiliary", "辅助警察": "auxiliary"},
    "tier": {
        "省公安厅": "province",
        "市局": "prefecture",
        "县市区局": "county",
        "派出所": "station",
    },
}

# Rows of an office layout that are not data: totals, and the signature and contact lines
# under a table. Matched on a cell's text after normalising (NFKC, no spaces).
TOTAL_ROW_LABELS: tuple[str, ...] = ("合计", "小计", "总计", "累计", "本页小计", "本月合计")
FOOTER_LABELS: tuple[str, ...] = (
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "复核人",
    "负责人",
    "单位负责人",
    "经办人",
    "联系人",
    "联系电话",
    "填表日期",
    "填报日期",
    "制表日期",
    "备注",
    "注",
    "说明",
)


# Raw columns that ingestion derives instead of reading them as delivered: their notes for
# the generated dbt sources (the contract columns carry their own in zh and doc).
RAW_COLUMN_DOCS: dict[str, str] = {
    "person_key": "HMAC-SHA256 of the resident ID number "
    "(the ID itself lives only in pii.persons).",
    "staff_key": "person_key for auxiliaries, badge number for police.",
    "background_reason": "Reason code given with a failed background check (Art. 15), else null.",
    "incident_month": "Month of the referenced incident (first day), derived by ingestion.",
}


def _C(name: str, zh: str, type: ColumnType, **kw) -> Column:
    """A contract column, with its header and value synonyms from the tables above."""
    return Column(
        name,
        zh,
        type,
        synonyms=HEADER_SYNONYMS.get(name, ()),
        value_synonyms=VALUE_SYNONYMS.get(name) if kw.get("enum") else None,
        **kw,
    )


ORG_UNITS = Source(
    name="org_units",
    zh="机构",
    full_replacement=True,
    key=("unit_code",),
    description="Every unit of the province's agencies, one file, full replacement.",
    columns=(
        _C("unit_code", "机构代码", "code12"),
        _C("unit_name", "机构名称", "text"),
        _C(
            "parent_code",
            "上级机构代码",
            "code12",
            nullable=True,
            doc="Empty only for the province bureau; otherwise it must exist in org_units.",
        ),
        _C("tier", "层级", "enum", enum=TIER),
        _C("unit_kind", "机构类别", "enum", enum=UNIT_KIND, doc="Stations are grassroots."),
        _C(
            "admin_code",
            "行政区划代码",
            "code6",
            nullable=True,
            doc="GB/T 2260: the county-level code for county bureaus and their stations.",
        ),
        _C(
            "agency",
            "系统",
            "enum",
            enum=AGENCY,
            required=False,
            nullable=True,
            default="police",
            doc="Art. 44.",
        ),
        _C(
            "population",
            "辖区人口",
            "int",
            required=False,
            nullable=True,
            min_value=0,
            doc="For county bureaus; empty elsewhere.",
        ),
    ),
)

QUOTAS = Source(
    name="quotas",
    zh="用人额度",
    key=("unit_code", "year", "category"),
    description="Approved quota per bureau, year and category; a later file replaces the key.",
    articles=(6, 10),
    columns=(
        _C("unit_code", "机构代码", "code12", doc="A province, prefecture or county bureau."),
        _C("year", "年度", "int", min_value=2000),
        _C("category", "类别", "enum", enum=CATEGORY),
        _C("requested", "申报额度", "int", min_value=0),
        _C("approved", "核准额度", "int", min_value=0),
        _C("approved_on", "核准日期", "date", nullable=True, not_future=True),
        _C("approved_by", "核准机关", "text", nullable=True, doc="The approving level per Art. 6."),
    ),
)

POLICE_STRENGTH = Source(
    name="police_strength",
    zh="警力",
    key=("unit_code", "year"),
    description="Police officers per unit and year.",
    articles=(6, 8),
    doc="One row for every unit.",
    columns=(
        _C("unit_code", "机构代码", "code12"),
        _C("year", "年度", "int", min_value=2000),
        _C("police_count", "民警人数", "int", min_value=0),
    ),
)

ROSTER = Source(
    name="roster",
    zh="辅警花名册",
    key=("snapshot_month", "person_key"),
    month_column="snapshot_month",
    description="Monthly snapshot: everyone employed at any time in the month.",
    columns=(
        _C("snapshot_month", "统计月份", "month", not_future=True),
        _C("id_number", "身份证号", "id_number"),
        _C(
            "name",
            "姓名",
            "text",
            doc="Personal data: kept only in pii.persons, never shown in clear outside the "
            "PII role.",
        ),
        _C("gender", "性别", "enum", enum=GENDER, doc="Must agree with id_number."),
        _C("birth_date", "出生日期", "date", not_future=True, doc="Must agree with id_number."),
        _C("nationality", "国籍", "text", required=False, nullable=True, default="中国"),
        _C(
            "education",
            "学历",
            "enum",
            enum=EDUCATION,
            doc="Ranked in the order listed; 中专 ranks with 高中 (Art. 13).",
        ),
        _C("category", "类别", "enum", enum=CATEGORY),
        _C(
            "post",
            "岗位",
            "enum",
            enum=POSTS,
            doc="Civilian posts first, then duty posts. The danger class of a post (Art. 33 "
            "weighting, Art. 34 accident insurance) is reference data, not a file column.",
        ),
        _C("level", "层级", "int", min_value=1, max_value=8),
        _C("unit_code", "机构代码", "code12", doc="Must exist in org_units."),
        _C("hire_date", "入职日期", "date", not_future=True),
        _C(
            "contract_start",
            "合同起始日期",
            "date",
            nullable=True,
            doc="Empty = no contract on file.",
        ),
        _C(
            "contract_end",
            "合同终止日期",
            "date",
            nullable=True,
            doc="Empty = no contract on file.",
        ),
        _C("status", "状态", "enum", enum=STATUS),
        _C("status_since", "状态日期", "date", nullable=True, not_future=True),
        _C(
            "separation_reason",
            "离职原因",
            "text",
            required=False,
            nullable=True,
            doc="When separated.",
        ),
        _C(
            "priority_group",
            "优先类别",
            "enum",
            enum=PRIORITY_GROUP,
            required=False,
            nullable=True,
            default="none",
            doc="Art. 14.",
        ),
        _C(
            "background_check",
            "政审结果",
            "text",
            doc="`pass` 通过 or `fail` 不通过, optionally with a reason code (不通过:C03, "
            "fail(C03)); the raw layer splits it into background_check and background_reason "
            "(Art. 15).",
        ),
        _C(
            "relaxed_by_notice",
            "放宽条件",
            "bool",
            required=False,
            nullable=True,
            default="false",
            doc="Art. 13 exception.",
        ),
    ),
)

PAYROLL = Source(
    name="payroll",
    zh="工资发放",
    key=("pay_month", "person_key"),
    month_column="pay_month",
    description="Monthly pay and social insurance contributions per person.",
    articles=(33, 34, 35),
    doc="A person paid who is on no roster of that month is quarantined.",
    columns=(
        _C("pay_month", "发放月份", "month", not_future=True),
        _C("id_number", "身份证号", "id_number"),
        *(
            _C(n, zh, "money", min_value=0)
            for n, zh in (
                ("base_pay", "基本工资"),
                ("level_pay", "层级工资"),
                ("post_allowance", "岗位津贴"),
                ("hazard_allowance", "危险津贴"),
                ("performance_pay", "绩效工资"),
                ("overtime_pay", "加班工资"),
                ("other_pay", "其他"),
            )
        ),
        _C(
            "overtime_hours",
            "加班时长",
            "number",
            min_value=0,
            required=False,
            nullable=True,
            default="0",
        ),
        _C(
            "comp_time_hours",
            "补休时长",
            "number",
            min_value=0,
            required=False,
            nullable=True,
            default="0",
        ),
        _C(
            "gross_pay",
            "应发工资",
            "money",
            min_value=0,
            doc="Must equal the sum of the pay parts (±0.01).",
        ),
        _C("contribution_base", "缴费基数", "money", nullable=True, min_value=0),
        *(
            _C(n, zh, "money", min_value=0, nullable=True, doc="0 or empty = not paid that month.")
            for n, zh in (
                ("pension_er", "养老单位"),
                ("pension_ee", "养老个人"),
                ("medical_er", "医疗单位"),
                ("medical_ee", "医疗个人"),
                ("maternity_er", "生育单位"),
                ("unemployment_er", "失业单位"),
                ("unemployment_ee", "失业个人"),
                ("injury_er", "工伤单位"),
            )
        ),
    ),
)

ACCIDENT_INSURANCE = Source(
    name="accident_insurance",
    zh="人身意外伤害保险",
    key=("policy_no", "person_key"),
    description="Personal accident insurance policy members (Art. 34).",
    columns=(
        _C("policy_no", "保单号", "text"),
        _C("id_number", "身份证号", "id_number"),
        _C("insurer", "保险公司", "text"),
        _C("start_date", "起保日期", "date"),
        _C("end_date", "终止日期", "date"),
        _C("sum_insured", "保额", "money", min_value=0),
    ),
)

INCIDENTS = Source(
    name="incidents",
    zh="警情",
    key=("incident_id",),
    month_column="reported_at",
    description="Incidents received, monthly; Parquet preferred for volume.",
    columns=(
        _C("incident_id", "警情编号", "text"),
        _C("unit_code", "机构代码", "code12"),
        _C("reported_at", "接警时间", "timestamp", not_future=True),
        _C("incident_type", "警情类别", "enum", enum=INCIDENT_TYPE),
        _C("enforcement", "执法相关", "bool"),
        _C("handling_minutes", "处置时长", "int", min_value=1),
    ),
)

INCIDENT_STAFF = Source(
    name="incident_staff",
    zh="警情出警人员",
    key=("incident_id", "staff_type", "staff_key"),
    derived_month="incident_month",
    description="Who attended each incident; auxiliaries by id_number, police by badge.",
    columns=(
        _C("incident_id", "警情编号", "text"),
        _C("staff_type", "人员类别", "enum", enum=STAFF_TYPE),
        _C(
            "staff_id",
            "人员编号",
            "text",
            doc="Police badge number, or id_number for auxiliaries (keyed as person_key).",
        ),
        _C(
            "task",
            "任务",
            "enum",
            enum=TASKS,
            doc="A post code (as in roster.post), or a task auxiliaries must not do (Art. 20).",
        ),
        _C("recorded", "全程录音录像", "bool"),
    ),
)

HR_RECORDS = Source(
    name="hr_records",
    zh="人事记录",
    key=("person_key", "record_type", "record_date", "value"),
    description="Training, assessment, physical exams, equipment return, investigations.",
    doc="Any period.",
    columns=(
        _C("id_number", "身份证号", "id_number"),
        _C("record_type", "记录类型", "enum", enum=HR_RECORD_TYPE),
        _C("record_date", "日期", "date", not_future=True),
        _C(
            "value",
            "结果",
            "text",
            nullable=True,
            doc="Hours for training; 优秀/称职/基本称职/不称职 for assessment; pass/fail for "
            "exam; returned/not_returned for equipment; opened/closed for investigation.",
        ),
    ),
)

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        ORG_UNITS,
        QUOTAS,
        POLICE_STRENGTH,
        ROSTER,
        PAYROLL,
        ACCIDENT_INSURANCE,
        INCIDENTS,
        INCIDENT_STAFF,
        HR_RECORDS,
    )
}

# Load order: a source's cross-checks read the sources before it.
LOAD_ORDER: tuple[str, ...] = tuple(SOURCES)

# The 18 compliance rules of the output contract (docs/output-contract.md), in its order.
COMPLIANCE_RULE_IDS: tuple[str, ...] = (
    "A6_OVER_QUOTA",
    "A8_UNLED_ENFORCEMENT",
    "A13_UNDERAGE_AT_HIRE",
    "A13_EDUCATION_BELOW_REQUIREMENT",
    "A15_DISQUALIFIED_HIRE",
    "A16_NO_VALID_CONTRACT",
    "A19_UNRECORDED_ENFORCEMENT",
    "A20_FORBIDDEN_TASK",
    "A27_NO_PRESERVICE_TRAINING",
    "A28_NO_ANNUAL_ASSESSMENT",
    "A29_EQUIPMENT_NOT_RETURNED",
    "A32_DUTY_WHILE_SUSPENDED",
    "A33_BELOW_MIN_WAGE",
    "A34_INSURANCE_MISSING",
    "A34_BASE_BELOW_FLOOR",
    "A34_NO_ACCIDENT_COVER",
    "A35_NO_PHYSICAL_EXAM",
    "A35_OVERTIME_UNCOMPENSATED",
)
