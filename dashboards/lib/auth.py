"""Login with streamlit-authenticator (bcrypt hashes in assets/users.yaml) and the role and
bound division code of the logged-in user."""

from __future__ import annotations

import copy
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import streamlit_authenticator as stauth
import yaml

from lib.i18n import t

USERS_FILE = Path(__file__).resolve().parent.parent / "assets" / "users.yaml"
COOKIE_NAME = "auxforce_dashboard"


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str
    code: str | None


@st.cache_resource(show_spinner=False)
def _config() -> dict:
    return yaml.safe_load(USERS_FILE.read_text(encoding="utf-8"))


@st.cache_resource(show_spinner=False)
def _cookie_key() -> str:
    # without a configured key, re-login cookies last only as long as this server process
    return os.environ.get("AUXFORCE_DASHBOARD_COOKIE_KEY") or secrets.token_hex(32)


def authenticator() -> stauth.Authenticate:
    # the library writes login state into the credentials dict: give each run its own copy
    credentials = copy.deepcopy(_config()["credentials"])
    return stauth.Authenticate(
        credentials, COOKIE_NAME, _cookie_key(), cookie_expiry_days=0.5, auto_hash=False
    )


def login_page(auth: stauth.Authenticate) -> None:
    st.title(t("app.title"))
    st.caption(t("login.prompt"))
    auth.login(
        location="main",
        fields={
            "Form name": t("login.form"),
            "Username": t("login.username"),
            "Password": t("login.password"),
            "Login": t("login.submit"),
        },
    )
    status = st.session_state.get("authentication_status")
    if status:
        st.rerun()
    elif status is False:
        st.error(t("login.failed"))


def current_user() -> User | None:
    if not st.session_state.get("authentication_status"):
        return None
    username = st.session_state["username"]
    entry = _config()["credentials"]["usernames"][username]
    roles = st.session_state.get("roles") or entry.get("roles") or [""]
    code = (_config().get("scope_codes") or {}).get(username)
    return User(username, entry.get("first_name", username), roles[0], code)
