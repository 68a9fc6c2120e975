"""Which dbt build a pipeline run makes: the full build, or a month's build (issue 16).

A month's build (`dbt/selectors.yml`, selector `month_build`) builds every model but leaves
out the unit tests and the tests of sources and staging models, which re-read every landed
month. Those whole-table checks run in the full build (`full_build`):

* on a first build, and whenever the last full build that passed is older than
  `AUXFORCE_FULL_CHECKS_MAX_AGE_HOURS` (24 by default), so they run at least once a day of
  runs even without the daemon;
* on the nightly schedule (run tag `auxforce/checks=all`) and when asked
  (`AUXFORCE_DBT_CHECKS=all`, or the tag on a run launched by hand);
* `AUXFORCE_DBT_CHECKS=month` (or the tag) forces a month's build; only a full build that
  passed writes the record, so forcing one never makes the full checks look done.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from dagster_project.settings import DBT_CHECKS, Settings

FULL_BUILD = "full_build"
MONTH_BUILD = "month_build"
CHECKS_TAG = "auxforce/checks"


def last_full_build(settings: Settings) -> datetime | None:
    """When the last full build passed on this warehouse, or None (never, or unreadable)."""
    try:
        record = json.loads(settings.full_build_record_path.read_text())
        return datetime.fromisoformat(record["finished_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_full_build(settings: Settings, finished_at: datetime) -> None:
    """Written after a full build passed; replaced atomically (a reader never sees half)."""
    path = settings.full_build_record_path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"finished_at": finished_at.isoformat(), "selector": FULL_BUILD}))
    tmp.replace(path)


def choose_selector(
    tags: Mapping[str, str], settings: Settings, now: datetime | None = None
) -> tuple[str, str]:
    """The selector of this run and why, in words for the run's log."""
    mode = tags.get(CHECKS_TAG) or settings.dbt_checks
    if mode not in DBT_CHECKS:
        raise ValueError(f"run tag {CHECKS_TAG}={mode!r}: one of {', '.join(DBT_CHECKS)}")
    source = f"run tag {CHECKS_TAG}" if tags.get(CHECKS_TAG) else "AUXFORCE_DBT_CHECKS"
    if mode == "all":
        return FULL_BUILD, f"{source}=all"
    if mode == "month":
        return MONTH_BUILD, f"{source}=month"
    last = last_full_build(settings)
    if last is None:
        return FULL_BUILD, "no full build has passed on this warehouse yet"
    age = (now or datetime.now(UTC)) - last
    limit = timedelta(hours=settings.full_checks_max_age_hours)
    if age > limit:
        return FULL_BUILD, f"the last full build passed {age} ago (more than {limit})"
    return MONTH_BUILD, f"the last full build passed {age} ago (within {limit})"
