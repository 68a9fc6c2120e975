"""`published/status.json`: whether publishing is held and why, for the dashboards.

The dashboards may open only the published snapshot, and a held publish by definition does
not change it; so the reason travels in a small JSON file beside it, replaced atomically
(readers see the old or the new file, never half of one). Format:

    {"state": "published" | "held", "updated_at": ISO time,
     "published_at": ISO time of the snapshot serving, or null, "run_id": its run or null,
     "holds": [{"source", "source_zh", "checked_at", "files": [...],
                "failed_checks": [{"check", "unexpected_count", "detail"}]}]}
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class FailedCheck:
    check: str
    unexpected_count: int | None
    detail: str


@dataclass(frozen=True)
class Hold:
    """One failed batch of one source that still holds the publish."""

    source: str
    source_zh: str
    checked_at: datetime
    files: tuple[str, ...]
    failed_checks: tuple[FailedCheck, ...]


def _snapshot_meta(published: Path) -> tuple[str | None, str | None]:
    """When and by which run the snapshot now serving was published."""
    if not published.exists():
        return None, None
    with duckdb.connect(str(published), read_only=True) as con:
        row = con.execute("select published_at, run_id from _publish.meta").fetchone()
    return (row[0].isoformat(timespec="seconds"), row[1]) if row else (None, None)


def write_status(path: Path, published: Path, holds: list[Hold]) -> None:
    """Record the serving snapshot and the holds (none: state `published`)."""
    published_at, run_id = _snapshot_meta(published)
    status = {
        "state": "held" if holds else "published",
        "updated_at": datetime.now().isoformat(timespec="seconds"),
        "published_at": published_at,
        "run_id": run_id,
        "holds": [
            {**asdict(h), "checked_at": h.checked_at.isoformat(timespec="seconds")} for h in holds
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink()  # left by a killed run; the pipeline is the only writer
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(json.dumps(status, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(staging, path)
