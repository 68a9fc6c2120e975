"""A throwaway PostgreSQL server for the benchmark (Debian `postgresql`), on 127.0.0.1 only.

The cluster lives under data/bench/pg/, belongs to the `postgres` system user (the server
refuses to run as root), trusts local connections and is stopped by the bench script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from scripts.bench.common import BENCH_DIR, say

PG_DIR = BENCH_DIR / "pg"
PORT = 55432
DBNAME = "auxforce"
USER = "postgres"

# A fair, non-default configuration for a 2-4 GiB working set on one machine: large shared
# buffers and work_mem, no fsync wait per commit (the bench reloads from scratch anyway).
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "port": str(PORT),
    "shared_buffers": "4GB",
    "work_mem": "256MB",
    "maintenance_work_mem": "1GB",
    "effective_cache_size": "12GB",
    "max_wal_size": "8GB",
    "synchronous_commit": "off",
    "fsync": "off",
    "full_page_writes": "off",
    "jit": "off",
    "unix_socket_directories": "''",
}


def _bin_dir() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


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
    out = subprocess.run(
        [str(_bin_dir() / "postgres"), "--version"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


def start() -> None:
    """A fresh cluster (the previous bench's data is dropped) with an empty database."""
    stop()
    bin_dir = _bin_dir()
    data = PG_DIR / "data"
    if PG_DIR.exists():
        shutil.rmtree(PG_DIR)
    data.mkdir(parents=True)
    shutil.chown(PG_DIR, "postgres", "postgres") if os.geteuid() == 0 else None
    shutil.chown(data, "postgres", "postgres") if os.geteuid() == 0 else None
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = " ".join(f"-c {k}={v}" for k, v in SERVER_SETTINGS.items())
    subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(PG_DIR / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PORT),
            "-U",
            USER,
            "-d",
            "postgres",
            "-qc",
            f"create database {DBNAME}",
        ],
        check=True,
    )
    say(f"postgres started on 127.0.0.1:{PORT} ({version()})")


def stop() -> None:
    data = PG_DIR / "data"
    if not (data / "postmaster.pid").exists():
        return
    subprocess.run(
        _as_postgres([str(_bin_dir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        check=False,
        stdout=subprocess.DEVNULL,
    )
    say("postgres stopped")


def server_rss_kb() -> int | None:
    """Summed RSS of the server's processes now (shared buffers counted once per process
    that touched them, so an upper bound)."""
    pid_file = PG_DIR / "data" / "postmaster.pid"
    if not pid_file.exists():
        return None
    root = int(pid_file.read_text().split()[0])
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(root), "-p", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(int(x) for x in out.stdout.split()) or None
