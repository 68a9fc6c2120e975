"""Dashboard accounts, sign-in with lockout, and password changes. No Streamlit in here.

Accounts live in the dashboards' store (table dashboard_users, same database as the access
log: settings AUXFORCE_ACCESS_LOG_URL); `python -m dashboards.admin` adds, disables,
enables, re-scopes them and sets passwords. In the demo (AUXFORCE_DEMO=1) the demo accounts
of dashboards/assets/users.yaml sign in too, a stored account of the same name replacing
the file's (so a demo user's new password is kept in the store, the file never written).
Outside the demo the file is not read.

Lockout: MAX_FAILURES failed sign-ins in a row lock the name for LOCK_MINUTES, counted in the
store (not in a server's memory: every server and restart sees it); names that do not exist
count too, so the answer does not tell which names do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bcrypt
import yaml

from lib.cases import open_repository
from lib.cases.repository import SqlCaseRepository
from lib.scope import ROLES

DEMO_USERS_FILE = Path(__file__).resolve().parent.parent / "assets" / "users.yaml"
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
BOUND_ROLES = frozenset({"prefecture", "county"})  # bound to a division code
_CODE = re.compile(r"\d{6}")
# bcrypt of a random password: checked against when the name is unknown, so an unknown
# name takes as long to refuse as a wrong password
_NO_HASH = bcrypt.hashpw(b"no such user", bcrypt.gensalt()).decode()


class AccountError(ValueError):
    """An account change that is refused (the message says why, in Chinese and English)."""


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    scope_code: str | None
    password_hash: str | None
    email: str | None = None
    disabled: bool = False
    source: str = "store"  # store | demo (the demo users file)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    account: Account | None = None
    locked_until: datetime | None = None  # set when the name is (now) locked
    reason: str = ""  # ok | failed | locked | disabled


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def _matches(password: str, hashed: str | None) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), (hashed or _NO_HASH).encode())
    except ValueError:  # not a bcrypt hash
        return False


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"密码至少 {MIN_PASSWORD_LENGTH} 位 / at least {MIN_PASSWORD_LENGTH} characters"
        )
    classes = sum(
        bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]")
    )
    if classes < 3:
        raise AccountError(
            "密码须含大写、小写、数字、符号中的三类 / use three of: upper, lower, digit, symbol"
        )


def demo_accounts(path: Path = DEMO_USERS_FILE) -> dict[str, Account]:
    # read on every script run (sign-in state, the authenticator's credentials): parsed once
    # per version of the file, not each time (the YAML parse was ~10 % of the server's
    # Python time under the 50-session load test, docs/performance.md)
    return dict(_parsed_demo_accounts(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _parsed_demo_accounts(path: Path, mtime_ns: int) -> dict[str, Account]:
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = config.get("scope_codes") or {}
    found = {}
    for username, entry in config["credentials"]["usernames"].items():
        found[username] = Account(
            username=username,
            display_name=entry.get("first_name") or username,
            role=(entry.get("roles") or [""])[0],
            scope_code=codes.get(username),
            password_hash=entry.get("password"),
            email=entry.get("email"),
            source="demo",
        )
    return found


def _now() -> datetime:
    return datetime.now(UTC)


def _normal(username: str) -> str:
    return (username or "").strip().lower()


class Accounts:
    """Accounts and failed sign-ins in one store; `demo` adds the demo users file's."""

    def __init__(self, store: SqlCaseRepository, demo: bool = False) -> None:
        self.store = store
        self.demo = demo

    # -- reading --------------------------------------------------------------------------

    @staticmethod
    def _account(row: dict[str, object]) -> Account:
        return Account(
            username=str(row["username"]),
            display_name=str(row["display_name"]),
            role=str(row["role"]),
            scope_code=row["scope_code"],  # type: ignore[arg-type]
            password_hash=row["password_hash"],  # type: ignore[arg-type]
            email=row["email"],  # type: ignore[arg-type]
            disabled=bool(row["disabled"]),
        )

    def stored(self) -> dict[str, Account]:
        with self.store.transaction(write=False) as tx:
            rows = tx.all("select * from dashboard_users order by username")
        return {str(r["username"]): self._account(r) for r in rows}

    def all(self) -> dict[str, Account]:
        """Every account that exists (disabled ones included)."""
        found = demo_accounts() if self.demo else {}
        found.update(self.stored())
        return found

    def get(self, username: str) -> Account | None:
        username = _normal(username)
        with self.store.transaction(write=False) as tx:
            row = tx.one("select * from dashboard_users where username = :u", u=username)
        if row is not None:
            return self._account(row)
        return demo_accounts().get(username) if self.demo else None

    def by_email(self, email: str) -> Account | None:
        """The account an identity provider's e-mail belongs to (stored accounts only)."""
        email = (email or "").strip().lower()
        if not email:
            return None
        with self.store.transaction(write=False) as tx:
            row = tx.one("select * from dashboard_users where lower(email) = :e", e=email)
        return self._account(row) if row is not None else None

    def locked_until(self, username: str) -> datetime | None:
        with self.store.transaction(write=False) as tx:
            row = tx.one(
                "select locked_until from login_failures where username = :u", u=_normal(username)
            )
        if not row or not row["locked_until"]:
            return None
        until = datetime.fromisoformat(str(row["locked_until"]))
        return until if until > _now() else None

    # -- signing in -----------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Outcome:
        """Check a password, counting failures in the store; a locked name is refused
        whatever the password, a disabled account too."""
        username = _normal(username)
        if until := self.locked_until(username):
            return Outcome(False, locked_until=until, reason="locked")
        account = self.get(username)
        good = _matches(password or "", account.password_hash if account else None)
        if good and account is not None and not account.disabled:
            with self.store.transaction(write=True) as tx:
                tx.run("delete from login_failures where username = :u", u=username)
            return Outcome(True, account, reason="ok")
        if good and account is not None:  # the right password of a disabled account
            return Outcome(False, reason="disabled")
        until = self._failed(username)
        return Outcome(False, locked_until=until, reason="locked" if until else "failed")

    def _failed(self, username: str) -> datetime | None:
        now = _now()
        with self.store.transaction(write=True) as tx:
            row = tx.one(
                "select failures, locked_until from login_failures where username = :u",
                u=username,
            )
            failures = int(row["failures"]) + 1 if row else 1  # type: ignore[arg-type]
            until = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            values = {
                "u": username,
                "f": 0 if until else failures,
                "l": until.isoformat() if until else None,
            }
            if row:
                tx.run(
                    "update login_failures set failures = :f, locked_until = :l "
                    "where username = :u",
                    **values,
                )
            else:
                tx.run("insert into login_failures values (:u, :f, :l)", **values)
        return until

    def unlock(self, username: str) -> None:
        with self.store.transaction(write=True) as tx:
            tx.run("delete from login_failures where username = :u", u=_normal(username))

    # -- changing accounts ----------------------------------------------------------------

    @staticmethod
    def _check_scope(role: str, code: str | None) -> str | None:
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if role in BOUND_ROLES:
            if not code or not _CODE.fullmatch(code):
                raise AccountError(f"a {role} account needs a 6-digit GB/T 2260 code")
            return code
        return None

    def _write(self, account: Account, by: str) -> Account:
        now = _now().isoformat(timespec="seconds")
        values = {
            "username": account.username,
            "display_name": account.display_name,
            "role": account.role,
            "scope_code": account.scope_code,
            "password_hash": account.password_hash,
            "email": account.email.strip().lower() if account.email else None,
            "disabled": account.disabled,
            "at": now,
            "by": by,
        }
        with self.store.transaction(write=True) as tx:
            exists = tx.one(
                "select 1 as x from dashboard_users where username = :u", u=account.username
            )
            if exists:
                tx.run(
                    """update dashboard_users set display_name = :display_name, role = :role,
                        scope_code = :scope_code, password_hash = :password_hash,
                        email = :email, disabled = :disabled, updated_at = :at,
                        updated_by = :by
                    where username = :username""",
                    **values,
                )
            else:
                tx.run(
                    """insert into dashboard_users (username, display_name, role, scope_code,
                        password_hash, email, disabled, created_at, updated_at, updated_by)
                    values (:username, :display_name, :role, :scope_code, :password_hash,
                        :email, :disabled, :at, :at, :by)""",
                    **values,
                )
        return self.get(account.username)  # type: ignore[return-value]

    def _existing(self, username: str) -> Account:
        account = self.get(username)
        if account is None:
            raise AccountError(f"no account {username!r}")
        return account

    def add(
        self,
        username: str,
        role: str,
        code: str | None = None,
        *,
        display_name: str | None = None,
        password: str | None = None,
        email: str | None = None,
        by: str = "admin",
    ) -> Account:
        username = _normal(username)
        if not re.fullmatch(r"[a-z0-9][a-z0-9._@-]{1,63}", username):
            raise AccountError("username: 2–64 of a-z 0-9 . _ @ -")
        if username in self.stored():
            raise AccountError(f"account {username!r} exists")
        if password is None and not email:
            raise AccountError("an account needs a password or an identity-provider e-mail")
        if password is not None:
            check_password_rules(password)
        return self._write(
            Account(
                username,
                display_name or username,
                role,
                self._check_scope(role, code),
                hash_password(password) if password is not None else None,
                email,
            ),
            by,
        )

    def set_disabled(self, username: str, disabled: bool, by: str = "admin") -> Account:
        account = self._existing(username)
        return self._write(
            Account(**{**account.__dict__, "disabled": disabled, "source": "store"}), by
        )

    def rescope(
        self, username: str, role: str, code: str | None = None, by: str = "admin"
    ) -> Account:
        account = self._existing(username)
        scope_code = self._check_scope(role, code)
        return self._write(
            Account(
                **{**account.__dict__, "role": role, "scope_code": scope_code, "source": "store"}
            ),
            by,
        )

    def set_password(self, username: str, password: str, by: str = "admin") -> Account:
        account = self._existing(username)
        check_password_rules(password)
        changed = Account(
            **{**account.__dict__, "password_hash": hash_password(password), "source": "store"}
        )
        return self._write(changed, by)

    def change_own_password(self, username: str, current: str, new: str, repeat: str) -> Account:
        """The owner's change: the current password first, then the rules."""
        account = self._existing(username)
        if not _matches(current or "", account.password_hash):
            raise AccountError("当前密码不正确 / the current password is wrong")
        if new != repeat:
            raise AccountError("两次输入的新密码不一致 / the new passwords differ")
        if new == current:
            raise AccountError("新密码不能与当前密码相同 / choose a new password")
        return self.set_password(username, new, by=username)


def open_accounts(url: str, demo: bool) -> Accounts:
    store = open_repository(url)
    assert isinstance(store, SqlCaseRepository)
    return Accounts(store, demo)
