"""The truth manifest: every planted finding, expected quarantine row and planted edge case.

`DIR/_truth/violations.csv` holds the findings (one row each, the columns of `Finding`);
`DIR/_truth/manifest.json` holds the generation parameters, summary counts, the findings,
the quarantine rows and the edge cases (non-violations a naive rule would flag).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

import polars as pl

from dagster_project.contract import COMPLIANCE_RULE_IDS

RULE_IDS = COMPLIANCE_RULE_IDS
QUARANTINE_RULES = (
    "id_checksum",
    "negative_value",
    "gross_mismatch",
    "unknown_unit",
    "not_on_roster",
    "duplicate_key",
)


@dataclass(frozen=True)
class Finding:
    """One row of compliance_violations, keyed by id_number instead of person_key."""

    rule_id: str
    id_number: str | None
    incident_id: str | None
    unit_code: str
    period: str  # YYYY-MM, or YYYY for year-grain rules
    detail: str | None = None


@dataclass(frozen=True)
class QuarantineRow:
    source: str
    file: str  # path inside DIR/<source>/ (`530100/roster_530102_2026-10.xls`)
    row: int  # the row a clerk sees: 1-based, title and header rows counted (as ingestion does)
    column: str
    rule: str


@dataclass(frozen=True)
class EdgeCase:
    """A planted non-violation: looks like a rule breach to a naive check, is not one."""

    kind: str
    rule_id: str
    id_number: str | None
    incident_id: str | None
    period: str
    note: str


@dataclass
class Manifest:
    parameters: dict[str, object]
    findings: list[Finding] = field(default_factory=list)
    quarantine: list[QuarantineRow] = field(default_factory=list)
    edge_cases: list[EdgeCase] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)  # data rows written per source
    files: Counter[str] = field(default_factory=Counter)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: tuple(v or "" for v in astuple(f)))

    def violations_frame(self) -> pl.DataFrame:
        schema = {c: pl.String for c in Finding.__dataclass_fields__}
        return pl.DataFrame([asdict(f) for f in self.sorted_findings()], schema=schema)

    def summary(self) -> dict[str, object]:
        by_rule = Counter(f.rule_id for f in self.findings)
        return {
            "violations_total": len(self.findings),
            "violations_by_rule": {r: by_rule.get(r, 0) for r in RULE_IDS},
            "quarantine_by_rule": dict(sorted(Counter(q.rule for q in self.quarantine).items())),
            "edge_cases_by_kind": dict(sorted(Counter(e.kind for e in self.edge_cases).items())),
            "rows_by_source": dict(sorted(self.rows.items())),
            "files_by_source": dict(sorted(self.files.items())),
        }

    def write(self, out_dir: Path) -> None:
        truth = out_dir / "_truth"
        truth.mkdir(parents=True, exist_ok=True)
        self.violations_frame().write_csv(truth / "violations.csv")
        body = {
            "parameters": self.parameters,
            "summary": self.summary(),
            "violations": [asdict(f) for f in self.sorted_findings()],
            "quarantine": [asdict(q) for q in self.quarantine],
            "edge_cases": [asdict(e) for e in self.edge_cases],
        }
        (truth / "manifest.json").write_text(
            json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
