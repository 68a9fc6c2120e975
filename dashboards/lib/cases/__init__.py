"""整改台账: the case store (rectification of compliance findings) beside the read-only
snapshot. `open_repository(url)` gives the store a settings URL names: sqlite:///<path>
(embedded, the default) or postgresql://… (several servers). No Streamlit in here."""

from __future__ import annotations

from .repository import (
    BUREAU_ROLES,
    INSPECTOR_ROLES,
    OPEN_STATUSES,
    STATUSES,
    TRANSITIONS,
    Actor,
    AlreadyAssigned,
    Case,
    CaseError,
    CaseRepository,
    Conflict,
    Event,
    Forbidden,
    Invalid,
    InvalidTransition,
    NotFound,
    allowed,
    available,
    finding_key,
    local_today,
    replay,
)

__all__ = [
    "BUREAU_ROLES",
    "INSPECTOR_ROLES",
    "OPEN_STATUSES",
    "STATUSES",
    "TRANSITIONS",
    "Actor",
    "AlreadyAssigned",
    "Case",
    "CaseError",
    "CaseRepository",
    "Conflict",
    "Event",
    "Forbidden",
    "Invalid",
    "InvalidTransition",
    "NotFound",
    "allowed",
    "available",
    "finding_key",
    "local_today",
    "open_repository",
    "replay",
]


def open_repository(url: str) -> CaseRepository:
    """The store at `url`, its migrations applied (idempotent: a second open changes
    nothing). sqlite:///relative.db, sqlite:////absolute/path.db, postgresql://…"""
    if url.startswith("sqlite:///"):
        from .sqlite import SqliteCaseRepository

        return SqliteCaseRepository(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresCaseRepository

        return PostgresCaseRepository(url)
    raise ValueError(f"case store URL must start with sqlite:/// or postgresql://, not {url!r}")
