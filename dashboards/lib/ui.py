"""Page scaffolding shared by the pages: the scope a page reads with, and KPI tiles."""

from __future__ import annotations

import streamlit as st

from lib.scope import Scope

VIEW_SCOPE = "view_scope"


def view_scope() -> Scope:
    """The logged-in user's scope, narrowed by the area picked in the sidebar (set by
    app.py on every run); a page reached without a login stops here."""
    scope = st.session_state.get(VIEW_SCOPE)
    if scope is None:
        st.stop()
    return scope


def metric(column: st.delta_generator.DeltaGenerator, label: str, value: str, **kw: object) -> None:
    column.metric(label, value, border=True, **kw)
