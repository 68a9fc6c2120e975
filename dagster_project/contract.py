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

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def row_month(self) -> str | None:
        """The raw column that gives each row's month (its own or the derived one); None for
        sources that are not monthly."""
        return self.month_column or self.derived_month

    @property
    def header_aliases(self) -> dict[str, str]:
        """Every accepted header spelling (English or Chinese) -> English column name."""
        out = {c.name: c.name for c in self.columns}
        out.update({c.zh: c.name for c in self.columns})
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

_C = Column

ORG_UNITS = Source(
    name="org_units",
    zh="机构",
    full_replacement=True,
    key=("unit_code",),
    description="Every unit of the province's agencies, one file, full replacement.",
    columns=(
        _C("unit_code", "机构代码", "code12"),
        _C("unit_name", "机构名称", "text"),
        _C("parent_code", "上级机构代码", "code12", nullable=True),
        _C("tier", "层级", "enum", enum=TIER),
        _C("unit_kind", "机构类别", "enum", enum=UNIT_KIND),
        _C("admin_code", "行政区划代码", "code6", nullable=True),
        _C("agency", "系统", "enum", enum=AGENCY, required=False, nullable=True, default="police"),
        _C("population", "辖区人口", "int", required=False, nullable=True, min_value=0),
    ),
)

QUOTAS = Source(
    name="quotas",
    zh="用人额度",
    key=("unit_code", "year", "category"),
    description="Approved quota per bureau, year and category; a later file replaces the key.",
    columns=(
        _C("unit_code", "机构代码", "code12"),
        _C("year", "年度", "int", min_value=2000),
        _C("category", "类别", "enum", enum=CATEGORY),
        _C("requested", "申报额度", "int", min_value=0),
        _C("approved", "核准额度", "int", min_value=0),
        _C("approved_on", "核准日期", "date", nullable=True, not_future=True),
        _C("approved_by", "核准机关", "text", nullable=True),
    ),
)

POLICE_STRENGTH = Source(
    name="police_strength",
    zh="警力",
    key=("unit_code", "year"),
    description="Police officers per unit and year.",
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
        _C("name", "姓名", "text"),
        _C("gender", "性别", "enum", enum=GENDER),
        _C("birth_date", "出生日期", "date", not_future=True),
        _C("nationality", "国籍", "text", required=False, nullable=True, default="中国"),
        _C("education", "学历", "enum", enum=EDUCATION),
        _C("category", "类别", "enum", enum=CATEGORY),
        _C("post", "岗位", "enum", enum=POSTS),
        _C("level", "层级", "int", min_value=1, max_value=8),
        _C("unit_code", "机构代码", "code12"),
        _C("hire_date", "入职日期", "date", not_future=True),
        _C("contract_start", "合同起始日期", "date", nullable=True),
        _C("contract_end", "合同终止日期", "date", nullable=True),
        _C("status", "状态", "enum", enum=STATUS),
        _C("status_since", "状态日期", "date", nullable=True, not_future=True),
        _C("separation_reason", "离职原因", "text", required=False, nullable=True),
        _C(
            "priority_group",
            "优先类别",
            "enum",
            enum=PRIORITY_GROUP,
            required=False,
            nullable=True,
            default="none",
        ),
        _C("background_check", "政审结果", "text"),
        _C("relaxed_by_notice", "放宽条件", "bool", required=False, nullable=True, default="false"),
    ),
)

PAYROLL = Source(
    name="payroll",
    zh="工资发放",
    key=("pay_month", "person_key"),
    month_column="pay_month",
    description="Monthly pay and social insurance contributions per person.",
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
        _C("gross_pay", "应发工资", "money", min_value=0),
        _C("contribution_base", "缴费基数", "money", nullable=True, min_value=0),
        *(
            _C(n, zh, "money", min_value=0, nullable=True)
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
        _C("staff_id", "人员编号", "text"),
        _C("task", "任务", "enum", enum=TASKS),
        _C("recorded", "全程录音录像", "bool"),
    ),
)

HR_RECORDS = Source(
    name="hr_records",
    zh="人事记录",
    key=("person_key", "record_type", "record_date", "value"),
    description="Training, assessment, physical exams, equipment return, investigations.",
    columns=(
        _C("id_number", "身份证号", "id_number"),
        _C("record_type", "记录类型", "enum", enum=HR_RECORD_TYPE),
        _C("record_date", "日期", "date", not_future=True),
        _C("value", "结果", "text", nullable=True),
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
