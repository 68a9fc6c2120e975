"""The 整改台账 case store: the interface, the rules every store enforces, and the SQL the
stores share.

A case is one compliance finding (marts.compliance_violations in the snapshot) that an
inspector assigned to the bureau responsible for it, with a deadline. Every change is one
event appended to `case_events` (who, role, when, what, status and deadline before → after,
a note); the row in `cases` is the projection of its events, written in the same transaction
as the event and only if the version the user saw is still the current one (optimistic
concurrency). Events are never updated or deleted: the repository has no method for it and
the database refuses it (triggers, see migrations/).

Status: pending 待整改 → (bureau answers) answered 已反馈 → (inspector verifies) closed 已销号,
or → reopened 重新整改 (with a new deadline) → answered … An inspector may reopen a closed
case too. A pending or reopened case past its deadline is overdue (逾期).
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")  # deadlines are calendar days in Beijing time

STATUSES = ("pending", "answered", "closed", "reopened")
OPEN_STATUSES = frozenset({"pending", "reopened"})  # the bureau has to act; may be overdue
INSPECTOR_ROLES = frozenset({"auditor", "province"})  # 督察/审计 and 省厅 assign and verify
BUREAU_ROLES = frozenset({"county", "prefecture"})  # answer the cases of their own bureaus


@dataclass(frozen=True)
class Transition:
    sources: tuple[str | None, ...]  # statuses the action may start from (None: no case yet)
    target: str
    roles: frozenset[str]
    needs_note: bool


TRANSITIONS: dict[str, Transition] = {
    "assign": Transition((None,), "pending", INSPECTOR_ROLES, needs_note=False),
    "answer": Transition(("pending", "reopened"), "answered", BUREAU_ROLES, needs_note=True),
    "close": Transition(("answered",), "closed", INSPECTOR_ROLES, needs_note=False),
    "reopen": Transition(("answered", "closed"), "reopened", INSPECTOR_ROLES, needs_note=True),
}


# ---- errors: each carries a code (the UI's message key) and a Chinese message -------------


class CaseError(Exception):
    code = "error"
    message = "操作未完成"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class Conflict(CaseError):
    """Someone else changed the case since the user loaded it; nothing was written."""

    code = "conflict"
    message = "该案件已被他人更新，请刷新后重试"


class AlreadyAssigned(Conflict):
    code = "assigned"
    message = "该线索已立案交办，请刷新后查看"


class Forbidden(CaseError):
    code = "forbidden"
    message = "无权对该案件执行此操作"


class InvalidTransition(CaseError):
    code = "transition"
    message = "案件当前状态下不能执行此操作"


class NotFound(CaseError):
    code = "not_found"
    message = "案件不存在"


class Invalid(CaseError):
    code = "invalid"
    message = "请填写必填内容"


# ---- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who acts: the login, its role, and the bureaus of its scope (a bureau user answers
    only cases of these; an inspector acts only on these)."""

    username: str
    role: str
    bureaus: frozenset[str] = field(default_factory=frozenset)


# the finding columns a case keeps (the snapshot may later drop a corrected finding)
FINDING_COLUMNS = (
    "finding_id",
    "rule_id",
    "article",
    "severity",
    "bureau_code",
    "bureau_name",
    "unit_code",
    "period",
    "person_key",
    "incident_id",
    "detail",
)
# what identifies a finding when the snapshot has no finding_id (the mart's unique key)
_IDENTITY = ("rule_id", "person_key", "incident_id", "unit_code", "period", "detail")


def finding_key(finding: Mapping[str, object]) -> str:
    """The case id of a finding: its finding_id, else an md5 over the columns that identify
    it (nulls as empty). The one place to switch how cases are keyed."""
    if finding.get("finding_id"):
        return str(finding["finding_id"])
    joined = "|".join("" if finding.get(c) is None else str(finding[c]) for c in _IDENTITY)
    return hashlib.md5(joined.encode()).hexdigest()


@dataclass(frozen=True)
class Case:
    case_id: str
    finding_id: str | None
    rule_id: str
    article: str | None
    severity: str | None
    bureau_code: str
    bureau_name: str | None
    unit_code: str | None
    period: str | None
    person_key: str | None
    incident_id: str | None
    detail: str | None
    status: str
    deadline: date
    version: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str

    def overdue(self, today: date | None = None) -> bool:
        return self.status in OPEN_STATUSES and self.deadline < (today or local_today())

    def days_overdue(self, today: date | None = None) -> int:
        if not self.overdue(today):
            return 0
        return ((today or local_today()) - self.deadline).days


@dataclass(frozen=True)
class Event:
    event_id: int
    case_id: str
    version: int
    action: str
    actor: str
    actor_role: str
    at: datetime
    status_before: str | None
    status_after: str
    deadline_before: date | None
    deadline_after: date | None
    note: str


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


def replay(events: Iterable[Event]) -> dict[str, object]:
    """A case's status, deadline and version as its events alone give them (the `cases` row
    must equal this; tests check it)."""
    state: dict[str, object] = {"status": None, "deadline": None, "version": 0}
    for e in sorted(events, key=lambda e: e.version):
        if e.status_before != state["status"] or e.version != state["version"] + 1:
            raise ValueError(f"event {e.event_id} of {e.case_id} does not follow its case")
        state = {"status": e.status_after, "deadline": e.deadline_after, "version": e.version}
    return state


def allowed(actor: Actor, action: str, bureau_code: str) -> bool:
    """Whether `actor` may take `action` on a case of `bureau_code` at all (its status aside)."""
    return actor.role in TRANSITIONS[action].roles and bureau_code in actor.bureaus


def available(actor: Actor, case: Case) -> list[str]:
    """The actions `actor` may take on `case` now."""
    return [
        action
        for action, rule in TRANSITIONS.items()
        if case.status in rule.sources and allowed(actor, action, case.bureau_code)
    ]


# ---- the interface --------------------------------------------------------------------------


class CaseRepository(ABC):
    """What the dashboards use; SqliteCaseRepository and PostgresCaseRepository implement it
    over the same SQL. Each write takes the version the user saw and raises Conflict if the
    case has moved on since."""

    dialect: str

    @abstractmethod
    def assign(
        self, actor: Actor, finding: Mapping[str, object], deadline: date, note: str = ""
    ) -> Case: ...

    @abstractmethod
    def answer(self, actor: Actor, case_id: str, version: int, note: str) -> Case: ...

    @abstractmethod
    def close(self, actor: Actor, case_id: str, version: int, note: str = "") -> Case: ...

    @abstractmethod
    def reopen(
        self, actor: Actor, case_id: str, version: int, note: str, deadline: date | None = None
    ) -> Case: ...

    @abstractmethod
    def get(self, case_id: str) -> Case | None: ...

    @abstractmethod
    def cases(self, bureaus: Iterable[str] | None = None) -> list[Case]: ...

    @abstractmethod
    def events(
        self, case_id: str | None = None, bureaus: Iterable[str] | None = None
    ) -> list[Event]: ...

    @abstractmethod
    def schema_version(self) -> int: ...


# ---- the shared SQL implementation ----------------------------------------------------------


class Tx(ABC):
    """One transaction of a store: shared SQL with :name parameters."""

    @abstractmethod
    def all(self, sql: str, **params: object) -> list[dict[str, object]]: ...

    @abstractmethod
    def run(self, sql: str, **params: object) -> int:
        """Execute; the number of rows it changed."""

    @abstractmethod
    def script(self, sql: str) -> None:
        """Execute a migration file (several statements, no parameters)."""

    def one(self, sql: str, **params: object) -> dict[str, object] | None:
        rows = self.all(sql, **params)
        return rows[0] if rows else None


_CASE_COLUMNS = ", ".join(Case.__dataclass_fields__)
_EVENT_COLUMNS = ", ".join(Event.__dataclass_fields__)
_INSERT_CASE = f"""insert into cases ({_CASE_COLUMNS})
    values ({", ".join(":" + c for c in Case.__dataclass_fields__)})"""
_INSERT_EVENT = """insert into case_events (case_id, version, action, actor, actor_role, at,
        status_before, status_after, deadline_before, deadline_after, note)
    values (:case_id, :version, :action, :actor, :actor_role, :at,
        :status_before, :status_after, :deadline_before, :deadline_after, :note)"""
# the projection moves only from the version the user saw: a second writer changes no row
_ADVANCE = """update cases set status = :status, deadline = :deadline, version = :version,
        updated_at = :at, updated_by = :actor
    where case_id = :case_id and version = :seen"""
_SCHEMA_VERSION = """create table if not exists schema_version (
    version integer primary key,
    name text not null,
    applied_at text not null
)"""


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of migrations/<dialect>/NNNN_*.sql, in order."""
    folder = resources.files(__package__).joinpath("migrations", dialect)
    found = []
    for entry in folder.iterdir():
        if m := re.fullmatch(r"(\d{4})_\w+\.sql", entry.name):
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _in_list(prefix: str, values: list[str]) -> tuple[str, dict[str, str]]:
    """`(:b0, :b1, …)` and its parameters: both stores take it, neither needs arrays."""
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return "(" + ", ".join(":" + k for k in params) + ")", params


class SqlCaseRepository(CaseRepository):
    """The rules and SQL of both stores; a subclass supplies transactions and type mapping."""

    @abstractmethod
    def _transaction(self, write: bool) -> AbstractContextManager[Tx]: ...

    @abstractmethod
    def _is_unique_violation(self, exc: Exception) -> bool: ...

    def _lock_migrations(self, tx: Tx) -> None:
        """Serialise migrations of concurrent openers (SQLite: its write lock suffices)."""

    def transaction(self, write: bool) -> AbstractContextManager[Tx]:
        """A transaction of this store, for the other state the dashboards keep in it (the
        access log, accounts and failed sign-ins: lib/access_log.py, lib/logins.py)."""
        return self._transaction(write)

    @staticmethod
    def _date(value: object) -> date | None:
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value  # type: ignore[return-value]
        return date.fromisoformat(str(value))

    @staticmethod
    def _time(value: object) -> datetime:
        if not isinstance(value, datetime):
            value = datetime.fromisoformat(str(value))
        return value.astimezone(UTC)

    # -- opening --------------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply the migrations not applied yet (each once, in order); the schema version."""
        with self._transaction(write=True) as tx:
            self._lock_migrations(tx)
            tx.script(_SCHEMA_VERSION)
            done = {int(r["version"]) for r in tx.all("select version from schema_version")}
            for version, name, sql in migrations(self.dialect):
                if version in done:
                    continue
                tx.script(sql)
                tx.run(
                    "insert into schema_version (version, name, applied_at) "
                    "values (:version, :name, :at)",
                    version=version,
                    name=name,
                    at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
        return self.schema_version()

    def schema_version(self) -> int:
        with self._transaction(write=False) as tx:
            row = tx.one("select coalesce(max(version), 0) as v from schema_version")
        return int(row["v"]) if row else 0

    # -- reading --------------------------------------------------------------------------

    def _case(self, row: Mapping[str, object]) -> Case:
        values = dict(row)
        values["deadline"] = self._date(values["deadline"])
        values["created_at"] = self._time(values["created_at"])
        values["updated_at"] = self._time(values["updated_at"])
        values["version"] = int(values["version"])  # type: ignore[arg-type]
        return Case(**values)  # type: ignore[arg-type]

    def _event(self, row: Mapping[str, object]) -> Event:
        values = dict(row)
        values["at"] = self._time(values["at"])
        values["deadline_before"] = self._date(values["deadline_before"])
        values["deadline_after"] = self._date(values["deadline_after"])
        return Event(**values)  # type: ignore[arg-type]

    def get(self, case_id: str) -> Case | None:
        with self._transaction(write=False) as tx:
            row = tx.one(f"select {_CASE_COLUMNS} from cases where case_id = :id", id=case_id)
        return self._case(row) if row else None

    def cases(self, bureaus: Iterable[str] | None = None) -> list[Case]:
        where, params = "true", {}
        if bureaus is not None:
            listed = sorted(set(bureaus))
            if not listed:
                return []
            where, params = _in_list("b", listed)
            where = f"bureau_code in {where}"
        with self._transaction(write=False) as tx:
            rows = tx.all(
                f"select {_CASE_COLUMNS} from cases where {where} order by deadline, case_id",
                **params,
            )
        return [self._case(r) for r in rows]

    def events(
        self, case_id: str | None = None, bureaus: Iterable[str] | None = None
    ) -> list[Event]:
        conditions, params = [], {}
        if case_id is not None:
            conditions.append("case_id = :case_id")
            params["case_id"] = case_id
        if bureaus is not None:
            listed = sorted(set(bureaus))
            if not listed:
                return []
            in_list, more = _in_list("b", listed)
            conditions.append(
                f"case_id in (select case_id from cases where bureau_code in {in_list})"
            )
            params.update(more)
        where = " and ".join(conditions) or "true"
        with self._transaction(write=False) as tx:
            rows = tx.all(
                f"select {_EVENT_COLUMNS} from case_events where {where} order by case_id, version",
                **params,
            )
        return [self._event(r) for r in rows]

    # -- writing --------------------------------------------------------------------------

    @staticmethod
    def _note(action: str, note: str) -> str:
        note = (note or "").strip()
        if TRANSITIONS[action].needs_note and not note:
            raise Invalid("请填写整改情况" if action == "answer" else "请填写重新整改的理由")
        return note

    def assign(
        self, actor: Actor, finding: Mapping[str, object], deadline: date, note: str = ""
    ) -> Case:
        case_id = finding_key(finding)
        bureau = str(finding.get("bureau_code") or "")
        if not allowed(actor, "assign", bureau):
            raise Forbidden
        now = datetime.now(UTC)
        row = {c: finding.get(c) for c in FINDING_COLUMNS}
        row.update(
            case_id=case_id,
            status="pending",
            deadline=deadline,
            version=1,
            created_at=now,
            created_by=actor.username,
            updated_at=now,
            updated_by=actor.username,
        )
        try:
            with self._transaction(write=True) as tx:
                if tx.one("select 1 as x from cases where case_id = :id", id=case_id):
                    raise AlreadyAssigned
                tx.run(_INSERT_CASE, **row)
                tx.run(
                    _INSERT_EVENT,
                    case_id=case_id,
                    version=1,
                    action="assign",
                    actor=actor.username,
                    actor_role=actor.role,
                    at=now,
                    status_before=None,
                    status_after="pending",
                    deadline_before=None,
                    deadline_after=deadline,
                    note=self._note("assign", note),
                )
        except Exception as exc:
            if self._is_unique_violation(exc):  # another inspector assigned it meanwhile
                raise AlreadyAssigned from exc
            raise
        return self.get(case_id)  # type: ignore[return-value]

    def _advance(
        self,
        actor: Actor,
        action: str,
        case_id: str,
        seen: int,
        note: str,
        deadline: date | None = None,
    ) -> Case:
        rule = TRANSITIONS[action]
        note = self._note(action, note)
        try:
            with self._transaction(write=True) as tx:
                row = tx.one(f"select {_CASE_COLUMNS} from cases where case_id = :id", id=case_id)
                if row is None:
                    raise NotFound
                case = self._case(row)
                if not allowed(actor, action, case.bureau_code):
                    raise Forbidden
                if case.version != seen:
                    raise Conflict
                if case.status not in rule.sources:
                    raise InvalidTransition
                now = datetime.now(UTC)
                new_deadline = deadline or case.deadline
                changed = tx.run(
                    _ADVANCE,
                    status=rule.target,
                    deadline=new_deadline,
                    version=seen + 1,
                    at=now,
                    actor=actor.username,
                    case_id=case_id,
                    seen=seen,
                )
                if changed != 1:
                    raise Conflict
                tx.run(
                    _INSERT_EVENT,
                    case_id=case_id,
                    version=seen + 1,
                    action=action,
                    actor=actor.username,
                    actor_role=actor.role,
                    at=now,
                    status_before=case.status,
                    status_after=rule.target,
                    deadline_before=case.deadline,
                    deadline_after=new_deadline,
                    note=note,
                )
        except Exception as exc:
            if self._is_unique_violation(exc):  # (case_id, version) taken by another writer
                raise Conflict from exc
            raise
        return self.get(case_id)  # type: ignore[return-value]

    def answer(self, actor: Actor, case_id: str, version: int, note: str) -> Case:
        return self._advance(actor, "answer", case_id, version, note)

    def close(self, actor: Actor, case_id: str, version: int, note: str = "") -> Case:
        return self._advance(actor, "close", case_id, version, note)

    def reopen(
        self, actor: Actor, case_id: str, version: int, note: str, deadline: date | None = None
    ) -> Case:
        return self._advance(actor, "reopen", case_id, version, note, deadline)
