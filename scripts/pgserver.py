"""A throwaway PostgreSQL cluster from Debian's `postgresql` package, on 127.0.0.1 only:
initdb into a folder, pg_ctl start on a port, create a database, stop. Used by the benchmark
(scripts/bench/postgres.py) and by the case-store tests (tests/dashboards/test_cases_repository.py).

The cluster belongs to the `postgres` system user when run as root (the server refuses to
run as root), trusts local connections and listens on TCP only (no Unix socket).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

USER = "postgres"


def bin_dir(install: bool = True) -> Path:
    """The newest /usr/lib/postgresql/<version>/bin; apt-get installs `postgresql` if none
    is there and `install` (root only)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions and install:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions:
        raise FileNotFoundError("no PostgreSQL server under /usr/lib/postgresql")
    return versions[-1].parent


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *args] if os.geteuid() == 0 else args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def version() -> str:
    out = subprocess.run(
        [str(bin_dir() / "postgres"), "--version"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


class Cluster:
    """A cluster in `root` (root/data, root/server.log) listening on 127.0.0.1:`port`."""

    def __init__(self, root: Path, port: int, settings: dict[str, str] | None = None) -> None:
        self.root = Path(root)
        self.port = port
        self.settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(port),
            "unix_socket_directories": "''",
            **(settings or {}),
        }

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    def start(self) -> None:
        """A fresh cluster: whatever `root` held is dropped."""
        self.stop()
        bin_ = bin_dir()
        if self.root.exists():
            shutil.rmtree(self.root)
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, USER, USER)
            shutil.chown(self.data, USER, USER)
        subprocess.run(
            as_postgres(
                [
                    str(bin_ / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
        subprocess.run(
            as_postgres(
                [
                    str(bin_ / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.root / "server.log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def psql(self, sql: str, dbname: str = "postgres") -> None:
        subprocess.run(
            [
                str(bin_dir() / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                USER,
                "-d",
                dbname,
                "-qc",
                sql,
            ],
            check=True,
        )

    def create_database(self, name: str) -> str:
        self.psql(f"create database {name}")
        return self.url(name)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def stop(self) -> None:
        if not self.running():
            return
        subprocess.run(
            as_postgres(
                [str(bin_dir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]
            ),
            check=False,
            stdout=subprocess.DEVNULL,
        )

    def pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        return int(pid_file.read_text().split()[0]) if pid_file.exists() else None
