"""Settings every test session starts from (tests may override them per test).

- AUXFORCE_DEMO=1: the dashboards' demo accounts sign in (dashboards/assets/users.yaml) and
  the re-login cookie key may be generated, as under `make demo`.
- AUXFORCE_ACCESS_LOG_URL: the dashboards' access log, accounts and failed sign-ins go to a
  store in a temporary folder, never to data/ of the checkout.
- AUXFORCE_CASES_URL: so does the case store (the register's closed section reads it).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_STORE_DIR = tempfile.mkdtemp(prefix="auxforce-tests-")
os.environ.setdefault("AUXFORCE_DEMO", "1")
os.environ.setdefault("AUXFORCE_ACCESS_LOG_URL", f"sqlite:///{_STORE_DIR}/dashboard_state.db")
os.environ.setdefault("AUXFORCE_CASES_URL", f"sqlite:///{_STORE_DIR}/cases.db")


# `make test` installs Debian's Chromium (browser-deps): a browser test without it fails, it
# is never skipped.
def pytest_runtest_setup(item: pytest.Item) -> None:
    from tests.dashboards.browser import CHROMIUM

    if item.get_closest_marker("browser") and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser-deps` installs it", pytrace=False)


def pytest_unconfigure(config: object) -> None:
    shutil.rmtree(_STORE_DIR, ignore_errors=True)
