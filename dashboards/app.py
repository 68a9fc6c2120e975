"""Entry point: language switch, login, the user's bureau scope, and the page navigation.

streamlit run dashboards/app.py --server.headless true --server.address 127.0.0.1 \
    --server.port 8501 --browser.gatherUsageStats false
"""

from __future__ import annotations

from pathlib import Path

import lib  # noqa: F401  (puts the project root on sys.path for the settings)
import streamlit as st
from lib import auth, db, fmt, publish_status, queries
from lib.access_log import Actor
from lib.i18n import LANGS, t
from lib.scope import Scope
from lib.ui import VIEW_SCOPE

from dagster_project.settings import Settings

PAGES = (
    ("views/overview.py", "page.overview", ":material/dashboard:"),
    ("views/planning.py", "page.planning", ":material/groups:"),
    ("views/recruitment.py", "page.recruitment", ":material/person_add:"),
    ("views/finance.py", "page.finance", ":material/payments:"),
    ("views/salary.py", "page.salary", ":material/balance:"),
    ("views/compliance.py", "page.compliance", ":material/gavel:"),
    ("views/rules.py", "page.rules", ":material/menu_book:"),
    ("views/casework.py", "page.casework", ":material/assignment:"),
    ("views/quality.py", "page.quality", ":material/fact_check:"),
)
# pages of one role only
ROLE_PAGES = {"auditor": (("views/access_log.py", "page.access_log", ":material/policy:"),)}
# the ministry reads the national summary snapshot (province_summary): its page alone
NATIONAL_PAGES = (("views/national.py", "page.national", ":material/public:"),)


def _language() -> None:
    st.sidebar.radio(
        t("app.language"),
        LANGS,
        format_func=lambda code: "简体中文" if code == "zh" else "English",
        key="lang",
        horizontal=True,
    )


def _area(scope: Scope) -> Scope:
    """Sidebar area picker, level by level: all of the scope, one of its prefectures (the
    map then shows that prefecture's counties), then one county bureau of it (the planning
    page then lists the county's stations). It can only narrow the scope."""
    directory = queries.bureaus(scope)
    names = dict(queries.divisions(scope).select("admin_code", "name").iter_rows())
    prefectures = sorted(directory["prefecture_code"].drop_nulls().unique().to_list())
    choice = st.sidebar.selectbox(
        t("app.area"),
        prefectures,
        index=None,  # nothing chosen = the whole scope; the clear button returns to it
        placeholder=t("app.area_all"),
        format_func=lambda code: names.get(code, code),
        key="area",
    )
    if choice is None and len(prefectures) == 1:
        choice = prefectures[0]  # a prefecture login: its counties are the next level
    elif choice is None:
        return scope
    members = directory.filter(directory["prefecture_code"] == choice)
    narrowed = scope.narrowed(set(members["bureau_code"].to_list()), {choice})
    counties = members.filter(members["tier"] == "county")
    if counties.height < 2:  # a county login: nothing to pick
        return narrowed
    county_names = dict(counties.select("bureau_code", "bureau_name").iter_rows())
    county = st.sidebar.selectbox(
        t("app.county"),
        sorted(county_names),
        index=None,
        placeholder=t("app.county_all"),
        format_func=lambda code: county_names.get(code, code),
        key="area_county",
    )
    if county not in county_names:  # none picked, or one of another prefecture picked before
        return narrowed
    return narrowed.narrowed({county}, set())


def _no_snapshot() -> None:
    publish_status.render()
    st.error(t("app.no_snapshot", path=Settings.from_env().published_path))


def main() -> None:
    st.set_page_config(
        page_title=t("app.title"), page_icon=":material/local_police:", layout="wide"
    )
    _language()
    if not Settings.from_env().published_path.exists():
        st.navigation([st.Page(_no_snapshot, title=t("app.title"))], position="hidden").run()
        return
    try:
        authenticator = auth.authenticator()
    except auth.NoCookieKey:
        st.error(t("login.no_cookie_key"))
        return
    user = auth.current_user()
    if user is None:
        st.session_state.pop(VIEW_SCOPE, None)
        login = st.Page(
            lambda: auth.login_page(authenticator), title=t("login.form"), url_path="login"
        )
        st.navigation([login], position="hidden").run()
        return

    listed = NATIONAL_PAGES if user.role == "ministry" else PAGES + ROLE_PAGES.get(user.role, ())
    pages = [
        st.Page(path, title=t(title), icon=icon, default=i == 0)
        for i, (path, title, icon) in enumerate(listed)
    ]
    page = st.navigation(pages)
    # every read is logged with who reads and on which page (lib/access_log.py)
    actor = Actor(user.username, user.role, page.url_path or Path(listed[0][0]).stem)
    scope = db.scope_for(user.role, user.code).acting(actor)
    sidebar = st.sidebar
    sidebar.markdown(t("app.user", name=user.display_name, role=t(f"role.{user.role}")))
    sidebar.caption(t("app.scope", n=fmt.number(len(scope.bureaus))))
    meta = queries.publish_meta(scope)
    if not meta.is_empty():
        sidebar.caption(t("app.snapshot", at=fmt.timestamp(meta["published_at"][0])))
    if not scope.bureaus:
        st.warning(t("app.no_scope"))
    # the ministry compares whole provinces: no area below them to pick
    st.session_state[VIEW_SCOPE] = scope if user.role == "ministry" else _area(scope)
    auth.password_form(user)
    auth.logout(authenticator, user)
    publish_status.render()  # above every page: the data shown may be held back
    page.run()


main()
