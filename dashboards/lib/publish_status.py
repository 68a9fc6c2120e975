"""The banner saying publishing is held, read from `published/status.json`.

The dashboards open only the published snapshot, and a held publish leaves it as it was; so
why it is held comes from the status file the pipeline writes beside it
(dagster_project/defs/publish/status.py). No file, or state `published`: no banner.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from dagster_project.settings import Settings
from lib import fmt
from lib.i18n import lang, t


def read() -> dict[str, Any] | None:
    """The status the last run left, or None before any run wrote one."""
    path = Settings.from_env().publish_status_path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None  # replaced atomically, so undecodable only if edited by hand


def _at(value: str) -> str:
    return fmt.timestamp(dt.datetime.fromisoformat(value))


def _source(hold: dict[str, Any]) -> str:
    return hold["source_zh"] if lang() == "zh" else hold["source"]


def render() -> None:
    """A warning on top of the page while publishing is held: what failed, in which files,
    and when the data on screen was published."""
    status = read()
    if not status or status.get("state") != "held":
        return
    holds = status["holds"]
    sources = ("、" if lang() == "zh" else ", ").join(dict.fromkeys(_source(h) for h in holds))
    published = status.get("published_at")
    lines = [
        t("publish.held", sources=sources, at=_at(published))
        if published
        else t("publish.held_first", sources=sources)
    ]
    for hold in holds:
        lines.append(
            t(
                "publish.hold",
                source=_source(hold),
                files=", ".join(f"`{f}`" for f in hold["files"]),
                at=_at(hold["checked_at"]),
                checks=", ".join(f"`{c['check']}`" for c in hold["failed_checks"]),
            )
        )
    lines.append(t("publish.resume"))
    st.warning("\n\n".join(lines), icon=":material/pause_circle:")
