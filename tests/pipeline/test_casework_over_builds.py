"""Closing the loop over three builds (issue 13): a finding of the warehouse becomes a case,
the bureau corrects its landing file, the next build closes the finding, the inspector closes
the case, and from then on the dashboards say 已整改 for it.

1. build 1 of a small province (tests/pipeline/small_builds.py): an A15 finding appears, in
   the history (first_seen = build 1, open) and in the register the dashboards read (their
   reader `lib.db.read` over the published snapshot, the province's scope); an inspector
   assigns it, the county bureau answers: the case events say who, in which role, status
   before → after and the version;
2. the bureau's corrected roster file (the row the finding names: background_check pass) is
   loaded, build 2: the history closes the finding (closed_at = build 2, data_corrected, as
   the warehouse alone sees it); the case is answered, not closed, so the dashboards still
   say 数据已更正; the inspector closes the case;
3. build 3: the history row is unchanged, the closed finding is still read by the register's
   closed section, and the reason both pages show (lib/casework.close_reason) is 已整改.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from dagster_project.defs.publish import snapshot
from dagster_project.settings import PROJECT_ROOT, Settings
from tests.pipeline.small_builds import (
    build,
    correct_row,
    generate_province,
    history,
    ingest,
    query,
    warehouse,
)

sys.path.insert(0, str(PROJECT_ROOT / "dashboards"))  # the dashboards' own `lib`

from lib import casework, db, findings
from lib.access_log import Actor as Reader
from lib.access_log import open_log
from lib.cases import Actor, Forbidden, local_today, open_repository, replay

pytestmark = [pytest.mark.long, pytest.mark.timeout(300)]

RULE = "A15_DISQUALIFIED_HIRE"
# the history and what the dashboards' reader joins it with
MODELS = ("+compliance_finding_history", "+dim_bureau", "+compliance_rule_catalog")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dashboards' settings over this province: its published snapshot, a case store and
    an access log of its own. The snapshot is written by the publish step's own function,
    without the what-if macros: their marts (planning, budget) are not built here."""
    monkeypatch.setattr(snapshot, "create_macros", lambda con, *names: None)
    monkeypatch.setenv("AUXFORCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AUXFORCE_WAREHOUSE_DIR", raising=False)
    monkeypatch.setenv("AUXFORCE_CASES_URL", f"sqlite:///{tmp_path / 'cases' / 'cases.db'}")
    monkeypatch.setenv("AUXFORCE_ACCESS_LOG_URL", f"sqlite:///{tmp_path / 'cases' / 'log.db'}")
    return tmp_path


def publish(root: Path, run: str) -> None:
    """The snapshot the dashboards read, written as the pipeline's publish step writes it."""
    snapshot.write_snapshot(warehouse(root), Settings.from_env().published_path, run)


def province_scope():
    """The province's scope as a page run resolves it: over the snapshot published now (a
    scope keeps reading the snapshot it was resolved from, lib/db.Pin)."""
    return db.scope_for("province", None).acting(Reader("province", "province", "compliance"))


def closed_rows(scope) -> dict[str, dict]:
    """The register's closed section (lib/findings.closed, reasons from the case store)."""
    closed = casework.with_close_reasons(
        findings.closed(scope, [RULE], [], [], []), casework.repository().events()
    )
    return {r["finding_id"]: r for r in closed.iter_rows(named=True)}


def test_a_case_over_three_builds(root: Path) -> None:
    landing = generate_province(root)
    settings = Settings.from_env()

    # ── 1. build 1: the finding appears ──────────────────────────────────────────────────
    ingest(root)
    build(root, "1", select=MODELS)
    publish(root, "build-1")
    first = history(root)
    candidates = query(
        root,
        "select finding_id, evidence_rows from marts.compliance_violations "
        "where rule_id = ? order by finding_id",
        [RULE],
    )
    assert candidates, "the generator plants A15 findings"
    target, evidence_rows = candidates[0]
    (built_1,) = {h[0] for h in first.values()}
    assert first[target] == (built_1, built_1, None, None, "open")

    scope = province_scope()
    register = findings.register(scope, [RULE], [], [], [])
    (row,) = register.filter(register["finding_id"] == target).iter_rows(named=True)
    assert row["first_seen"] == built_1
    title = findings.rule_titles(scope, "zh")[RULE]
    assert title and title != RULE  # the catalogue's Chinese title
    (finding,) = [
        f for f in casework.findings(scope).iter_rows(named=True) if f["finding_id"] == target
    ]
    bureau = finding["bureau_code"]

    repo = open_repository(settings.cases_url)
    inspector = Actor("province", "province", frozenset(scope.bureaus))
    clerk = Actor("clerk", "county", frozenset({bureau}))
    case = repo.assign(inspector, finding, local_today() + timedelta(days=30), "核实政审结论")
    with pytest.raises(Forbidden):  # another county's clerk cannot answer it
        repo.answer(Actor("other", "county", frozenset({"x"})), case.case_id, 1, "不是我们的")
    case = repo.answer(clerk, case.case_id, case.version, "政审结论录入有误，已更正花名册并重报")
    assign, answer = repo.events(case.case_id)
    assert (assign.action, assign.actor, assign.actor_role, assign.version) == (
        "assign",
        "province",
        "province",
        1,
    )
    assert (assign.status_before, assign.status_after) == (None, "pending")
    assert (answer.action, answer.actor, answer.actor_role, answer.version) == (
        "answer",
        "clerk",
        "county",
        2,
    )
    assert (answer.status_before, answer.status_after) == ("pending", "answered")
    assert (case.status, case.version) == ("answered", 2)
    assert replay(repo.events(case.case_id))["status"] == "answered"

    # ── 2. the corrected file, build 2: the finding closes ───────────────────────────────
    (roster_row,) = [r for r in json.loads(evidence_rows) if r["source"] == "roster"]
    old = correct_row(landing / roster_row["file"], roster_row["row"], "background_check", "pass")
    assert old.startswith("fail"), old
    ingest(root)
    build(root, "2", select=MODELS)
    publish(root, "build-2")
    scope = province_scope()
    second = history(root)
    first_seen, last_seen, closed_at, reason, status = second[target]
    assert (first_seen, last_seen, reason, status) == (built_1, built_1, "data_corrected", "closed")
    assert closed_at > built_1 and closed_at > assign.at.replace(tzinfo=None)
    assert target not in set(casework.findings(scope)["finding_id"])  # gone from the register
    assert closed_rows(scope)[target]["close_reason"] == "data_corrected"  # not verified yet
    assert casework.closures([case], casework.closed_findings(scope), repo.events()) == {
        case.case_id: (closed_at, "data_corrected")
    }
    case = repo.close(inspector, case.case_id, case.version, "复核花名册，政审结论已更正")
    close = repo.events(case.case_id)[-1]
    assert (close.action, close.actor_role, close.version) == ("close", "province", 3)
    assert (close.status_before, close.status_after) == ("answered", "closed")
    assert close.at.replace(tzinfo=None) > closed_at  # the inspector closed after build 2

    # ── 3. build 3: the history keeps it, the dashboards say 已整改 ──────────────────────
    build(root, "3", select=MODELS)
    publish(root, "build-3")
    scope = province_scope()
    third = history(root)
    assert third[target] == second[target]
    kept = closed_rows(scope)[target]
    assert (kept["closed_at"], kept["close_reason"]) == (closed_at, "rectified")
    # as the register's closed section shows it: the rule's title, the reason in words
    closed = casework.with_close_reasons(findings.closed(scope, [RULE], [], [], []), repo.events())
    shown = findings.present(closed, findings.rule_titles(scope, "zh"))
    (at,) = [i for i, fid in enumerate(closed["finding_id"]) if fid == target]
    assert (shown["rule"][at], shown["close_reason"][at]) == (title, "已整改")
    closures = casework.closures([case], casework.closed_findings(scope), repo.events())
    assert closures == {case.case_id: (closed_at, "rectified")}
    page = casework.case_table(
        repo.cases(),
        casework.last_notes(repo.events()),
        local_today(),
        "zh",
        {RULE: title},
        closures,
    )
    assert page.row(0, named=True)["关闭原因"] == "已整改"
    assert page.row(0, named=True)["规则"] == title
    reads = open_log(settings.access_log_url).entries(username="province", limit=None)
    assert any("compliance_finding_history" in e.relations for e in reads)
