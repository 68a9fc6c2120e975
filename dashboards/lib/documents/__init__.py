"""The approval documents (报批材料, issue 14): the four workbooks a level hands in for approval
(第6条: quotas go up to 机构编制 and 财政), built from the marts through the scoped reader for
the scope a user may see and filed by the scope's approving level (common.Filing: the
province bureau, a prefecture bureau with its counties, or a county bureau).

    from lib.documents import DOCUMENTS
    doc = DOCUMENTS["recruitment_plan"]
    doc.title("zh")  # 招聘计划表
    doc.file_name(scope, "zh", basis="proposed")  # 招聘计划表_2027_530100_昆明市公安局_建议额度…
    doc.build(scope, "zh", basis="proposed")  # the workbook (bytes)
    doc.download(scope, "zh", basis="proposed")  # the same, logged as an export

Options: recruitment_plan `basis` ("approved" | "proposed"); salary_adjustment `targets`
(percentages of the local average wage on the mart's grid, default 60). The command line
(`python -m dashboards.documents`, make documents) writes a whole province's.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from lib.documents import budget, common, layout, quota_request, recruitment_plan
from lib.documents import salary_adjustment as salary
from lib.documents.text import tr
from lib.scope import Scope


@dataclass(frozen=True)
class Document:
    key: str
    module: ModuleType  # year(scope), sheet(scope, lang, **options), optionally suffix(...)
    name: str  # text key of its short name

    def title(self, lang: str = "zh") -> str:
        return tr(self.name, lang)

    def year(self, scope: Scope) -> int | None:
        """The year it is filed for; None when the scope has no line of it (a narrowed area
        without rows): nothing to offer or write."""
        return self.module.year(scope)

    def file_name(
        self, scope: Scope, lang: str = "zh", year: int | None = None, **options: object
    ) -> str:
        """`year`: the one the caller read already (a publish may come between two reads)."""
        filing = common.filing(scope)
        year = year if year is not None else self.year(scope)
        if year is None:
            raise ValueError(f"no {self.key} in this scope")
        parts = [self.title(lang), str(year), filing.admin_code]
        if lang == "zh":
            parts.append(filing.bureau_name)
        if hasattr(self.module, "suffix"):
            parts.append(self.module.suffix(lang, **options))
        return "_".join(parts).replace(" ", "_") + ".xlsx"

    def sheet(self, scope: Scope, lang: str = "zh", **options: object) -> layout.Sheet:
        return self.module.sheet(scope, lang, **options)

    def build(self, scope: Scope, lang: str = "zh", **options: object) -> bytes:
        return layout.workbook([self.sheet(scope, lang, **options)], lang)

    def download(self, scope: Scope, lang: str = "zh", **options: object) -> bytes:
        """The workbook, once its export is in the access log (which document, filer, lines)."""
        from lib import tables  # the access log's export entry, as the page's other downloads

        sheet = self.sheet(scope, lang, **options)
        data = layout.workbook([sheet], lang)
        lines = sum(1 for row in sheet.rows if row.kind == "line")
        return tables.logged_export(
            scope,
            f"document_{self.key}",
            "xlsx",
            lines,
            data,
            filer=common.filing(scope).bureau_code,
            options={k: v if isinstance(v, str) else list(v) for k, v in options.items()},
        )


DOCUMENTS: dict[str, Document] = {
    d.key: d
    for d in (
        Document(quota_request.KEY, quota_request, "qr.name"),
        Document(recruitment_plan.KEY, recruitment_plan, "rp.name"),
        Document(budget.KEY, budget, "bp.name"),
        Document(salary.KEY, salary, "sa.name"),
    )
}
