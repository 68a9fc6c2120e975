"""Sign-in for the dashboards: accounts with lockout and password changes (lib/logins.py,
in the dashboards' store), re-login cookies signed with AUXFORCE_COOKIE_KEY
(streamlit-authenticator's cookie), or a deployment's own identity provider through
Streamlit's `st.login` (OIDC, configured in .streamlit/secrets.toml [auth]; its e-mail is
matched against an account's). The role and bound division code of the logged-in user."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass

import streamlit as st
import streamlit_authenticator as stauth

from dagster_project.settings import Settings
from lib import fmt
from lib.i18n import t
from lib.logins import LOCK_MINUTES, AccountError, Accounts, open_accounts

COOKIE_NAME = "auxforce_dashboard"


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str
    code: str | None
    via: str = "password"  # password | oidc


class NoCookieKey(RuntimeError):
    """Outside the demo the dashboards do not start without AUXFORCE_COOKIE_KEY."""


@functools.lru_cache(maxsize=4)
def _accounts(url: str, demo: bool) -> Accounts:
    return open_accounts(url, demo)


def accounts() -> Accounts:
    settings = Settings.from_env()
    return _accounts(settings.access_log_url, settings.demo)


@st.cache_resource(show_spinner=False)
def _process_key() -> str:
    # demo only: re-login cookies last as long as this server process
    return secrets.token_hex(32)


def cookie_key() -> str:
    settings = Settings.from_env()
    if settings.cookie_key:
        return settings.cookie_key
    if settings.demo:
        return _process_key()
    raise NoCookieKey


def authenticator() -> stauth.Authenticate:
    """The re-login cookie (set at sign-in, read back on a new session, deleted at logout)."""
    credentials = {
        "usernames": {
            a.username: {
                "first_name": a.display_name,
                "last_name": "",
                "email": a.email or "",
                "password": a.password_hash or "",
                "roles": [a.role],
            }
            for a in accounts().all().values()
            if not a.disabled
        }
    }
    return stauth.Authenticate(
        credentials, COOKIE_NAME, cookie_key(), cookie_expiry_days=0.5, auto_hash=False
    )


def _signed_in(username: str, display_name: str, role: str, via: str) -> None:
    st.session_state.update(
        authentication_status=True,
        username=username,
        name=display_name,
        roles=[role],
        auth_via=via,
        logout=None,
    )


def oidc_configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section (Streamlit's OIDC login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _from_cookie(auth: stauth.Authenticate) -> bool:
    token = auth.cookie_controller.get_cookie()
    account = accounts().get(token["username"]) if token else None
    if account is None or account.disabled:
        return False
    _signed_in(account.username, account.display_name, account.role, "password")
    return True


def login_page(auth: stauth.Authenticate) -> None:
    st.title(t("app.title"))
    st.caption(t("login.prompt"))
    if not st.session_state.get("logout") and _from_cookie(auth):
        st.rerun()
    if oidc_configured():
        st.button(t("login.oidc"), on_click=st.login, type="primary")
    with st.form("login"):
        st.subheader(t("login.form"))
        username = st.text_input(t("login.username"), autocomplete="username")
        password = st.text_input(t("login.password"), type="password", autocomplete="off")
        submitted = st.form_submit_button(t("login.submit"))
    if not submitted:
        return
    outcome = accounts().sign_in(username, password)
    if outcome.ok and outcome.account is not None:
        a = outcome.account
        _signed_in(a.username, a.display_name, a.role, "password")
        auth.cookie_controller.set_cookie()
        st.rerun()
    elif outcome.reason == "locked" and outcome.locked_until is not None:
        st.error(t("login.locked", minutes=LOCK_MINUTES, until=fmt.timestamp(outcome.locked_until)))
    else:  # a disabled account is told the same as a wrong password
        st.error(t("login.failed"))


def current_user() -> User | None:
    """The signed-in user as the store has the account now: a disabled or removed account is
    signed out on its next run, a re-scoped one reads with its new scope."""
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        account = accounts().by_email(str(st.user.get("email") or ""))
        if account is None or account.disabled:
            return None
        return User(
            account.username, account.display_name, account.role, account.scope_code, "oidc"
        )
    if not st.session_state.get("authentication_status"):
        return None
    account = accounts().get(st.session_state["username"])
    if account is None or account.disabled:
        st.session_state.update(authentication_status=None, username=None)
        return None
    return User(account.username, account.display_name, account.role, account.scope_code)


def logout(auth: stauth.Authenticate, user: User) -> None:
    if user.via == "oidc":
        st.sidebar.button(t("logout"), on_click=st.logout)
    else:
        auth.logout(t("logout"), "sidebar")


def password_form(user: User) -> None:
    """The owner's password change, in the sidebar (accounts with a password only)."""
    if user.via != "password":
        return
    with st.sidebar.expander(t("pw.title")), st.form("password_change", clear_on_submit=True):
        current = st.text_input(t("pw.current"), type="password", key="pw_current")
        new = st.text_input(t("pw.new"), type="password", key="pw_new")
        repeat = st.text_input(t("pw.repeat"), type="password", key="pw_repeat")
        if st.form_submit_button(t("pw.submit")):
            try:
                accounts().change_own_password(user.username, current, new, repeat)
            except AccountError as exc:
                st.error(str(exc))
            else:
                st.success(t("pw.done"))
