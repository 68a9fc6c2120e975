"""Page scaffolding shared by the pages: the scope a page reads with, KPI tiles and choices
whose labels follow the language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from lib.i18n import LANGS, lang
from lib.scope import Scope

T = TypeVar("T")

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


def translated(widget: Callable[..., T], label: str, options: Any, *, key: str, **kw: Any) -> T:
    """`widget` (st.selectbox, st.radio, st.multiselect or a column's) over `options` whose
    labels (format_func) depend on the language. Streamlit keeps such a widget's value as
    its label, which no option has after a language switch: the widget showed nothing chosen
    and fell back to its default. So it is keyed per language (`key`.zh / `key`.en) and
    starts from what was chosen under the other language; st.session_state[key] holds it."""
    keyed = f"{key}.{lang()}"
    if keyed not in st.session_state and key in st.session_state:
        st.session_state[keyed] = st.session_state[key]
        kw.pop("index", None)  # Streamlit refuses a default beside a value set in the state
        kw.pop("default", None)
    value = widget(label, options, key=keyed, **kw)
    st.session_state[key] = value
    return value


def choose(key: str, value: object) -> None:
    """Pick `value` in the `translated` widget `key` from a callback (before it is drawn)."""
    for code in LANGS:
        st.session_state.pop(f"{key}.{code}", None)
    st.session_state[key] = value
