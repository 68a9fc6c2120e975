"""Dashboard accounts from the command line (the store of settings AUXFORCE_ACCESS_LOG_URL,
the case store's database by default):

    python -m dashboards.admin list
    python -m dashboards.admin add wuhua2 --role county --code 530102 --name 五华分局督察
    python -m dashboards.admin add zhang --role auditor --email zhang@gat.yn.gov.cn  # OIDC only
    python -m dashboards.admin disable wuhua2 | enable wuhua2 | unlock wuhua2
    python -m dashboards.admin rescope wuhua2 --role prefecture --code 530100
    python -m dashboards.admin passwd wuhua2

Passwords are asked twice on the terminal (or read from stdin with --password-stdin); they
never appear in the command line. A change takes effect on the user's next page run.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `lib` as the app imports it

import lib  # noqa: F401  (puts the project root on sys.path for the settings)
from lib.logins import AccountError, Accounts, open_accounts
from lib.scope import ROLES

from dagster_project.settings import Settings


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise AccountError("the passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboards.admin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every account (stored and, in the demo, the demo file's)")
    add = commands.add_parser("add", help="a new account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--code", help="GB/T 2260 code (prefecture and county roles)")
    add.add_argument("--name", help="display name")
    add.add_argument("--email", help="identity provider e-mail (st.login / OIDC)")
    add.add_argument("--no-password", action="store_true", help="sign in through OIDC only")
    add.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable", "unlock"):
        commands.add_parser(name).add_argument("username")
    rescope = commands.add_parser("rescope", help="a new role and bound code")
    rescope.add_argument("username")
    rescope.add_argument("--role", required=True, choices=ROLES)
    rescope.add_argument("--code")
    passwd = commands.add_parser("passwd", help="set a password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    return parser


def run(argv: list[str], accounts: Accounts | None = None) -> int:
    args = _parser().parse_args(argv)
    if accounts is None:
        settings = Settings.from_env()
        accounts = open_accounts(settings.access_log_url, settings.demo)
    try:
        if args.command == "list":
            for a in accounts.all().values():
                state = "disabled" if a.disabled else "enabled"
                print(
                    f"{a.username}\t{a.role}\t{a.scope_code or '-'}\t{state}\t{a.source}\t"
                    f"{a.email or '-'}\t{a.display_name}"
                )
            return 0
        if args.command == "add":
            password = None if args.no_password else _password(args)
            a = accounts.add(
                args.username,
                args.role,
                args.code,
                display_name=args.name,
                password=password,
                email=args.email,
            )
        elif args.command in ("disable", "enable"):
            a = accounts.set_disabled(args.username, args.command == "disable")
        elif args.command == "unlock":
            accounts.unlock(args.username)
            print(f"{args.username}: unlocked")
            return 0
        elif args.command == "rescope":
            a = accounts.rescope(args.username, args.role, args.code)
        else:
            a = accounts.set_password(args.username, _password(args))
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    state = "disabled" if a.disabled else "enabled"
    print(f"{a.username}: {a.role} {a.scope_code or ''} {state}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
