"""A throwaway PostgreSQL server for the benchmark (Debian `postgresql`), on 127.0.0.1 only.

The cluster lives under data/bench/pg/, belongs to the `postgres` system user (the server
refuses to run as root), trusts local connections and is stopped by the bench script
(scripts/pgserver.py does the initdb, start and stop; the case-store tests use it too).
"""

from __future__ import annotations

import subprocess

from scripts import pgserver
from scripts.bench.common import BENCH_DIR, say

PG_DIR = BENCH_DIR / "pg"
PORT = 55432
DBNAME = "auxforce"
USER = pgserver.USER

# A fair, non-default configuration for a 2-4 GiB working set on one machine: large shared
# buffers and work_mem, no fsync wait per commit (the bench reloads from scratch anyway).
SERVER_SETTINGS = {
    "shared_buffers": "4GB",
    "work_mem": "256MB",
    "maintenance_work_mem": "1GB",
    "effective_cache_size": "12GB",
    "max_wal_size": "8GB",
    "synchronous_commit": "off",
    "fsync": "off",
    "full_page_writes": "off",
    "jit": "off",
}
_CLUSTER = pgserver.Cluster(PG_DIR, PORT, SERVER_SETTINGS)


def env() -> dict[str, str]:
    """What dbt/profiles.yml's `postgres` target and the loader read."""
    return {
        "AUXFORCE_PG_HOST": "127.0.0.1",
        "AUXFORCE_PG_PORT": str(PORT),
        "AUXFORCE_PG_USER": USER,
        "AUXFORCE_PG_PASSWORD": "bench",
        "AUXFORCE_PG_DBNAME": DBNAME,
    }


def version() -> str:
    return pgserver.version()


def start() -> None:
    """A fresh cluster (the previous bench's data is dropped) with an empty database."""
    _CLUSTER.start()
    _CLUSTER.create_database(DBNAME)
    say(f"postgres started on 127.0.0.1:{PORT} ({version()})")


def stop() -> None:
    if not _CLUSTER.running():
        return
    _CLUSTER.stop()
    say("postgres stopped")


def server_rss_kb() -> int | None:
    """Summed RSS of the server's processes now (shared buffers counted once per process
    that touched them, so an upper bound)."""
    root = _CLUSTER.pid()
    if root is None:
        return None
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(root), "-p", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(int(x) for x in out.stdout.split()) or None
