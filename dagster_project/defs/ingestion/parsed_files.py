"""One landing file read, typed and checked by every rule that needs no other source, and
the worker processes that do it for several files at once.

Parsing is per file and needs nothing from the warehouse, so the files of a source parse in
worker processes while the main process, DuckDB's only writer, settles and writes batches
(batches.py). Results come back in the order the files were given, so the warehouse is the
same as with one process. A file too small to be worth the trip parses in the main process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import polars as pl

from dagster_project.contract import SOURCES
from dagster_project.defs.ingestion import identities
from dagster_project.defs.ingestion.parsing import parse_columns
from dagster_project.defs.ingestion.province import check_root_bureau
from dagster_project.defs.ingestion.reading import (
    FileRejected,
    ReadResult,
    month_in_file_name,
    read_landing_file,
)
from dagster_project.defs.ingestion.rules import row_rules, split_background_check
from dagster_project.settings import PROJECT_ROOT

# Below this size a file parses in the main process: sending it costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


@dataclass
class ParsedFile:
    """One readable file after every rule that needs no other source."""

    name: str
    sha256: str
    file_month: str | None
    read_at: datetime
    read: ReadResult  # the cells as read: a held-back row is kept as the clerk wrote it
    typed: pl.DataFrame
    issues: list[pl.DataFrame]
    pii: pl.DataFrame


@dataclass(frozen=True)
class ParseJob:
    """What a worker needs for one file (the bytes travel: the file is read, and hashed,
    once, by the main process)."""

    source: str
    path: Path
    name: str
    sha256: str
    data: bytes
    secret: bytes
    today: date
    province: str


@dataclass(frozen=True)
class Unreadable:
    """A file rejected whole, with the clerk's message (FileRejected does not pickle)."""

    name: str
    sha256: str
    message: str
    at: datetime


def parse_file(job: ParseJob) -> ParsedFile | Unreadable:
    """One file's rows, issues and pii before the cross-source rules."""
    source = SOURCES[job.source]
    read_at = datetime.now()
    try:
        read = read_landing_file(job.path, job.data, source)
        typed, issues = parse_columns(read.frame, source, job.today)
        typed, pii, id_issues = identities.key_people(source, typed, read.frame, job.secret)
        check_root_bureau(source, typed, job.province)
    except FileRejected as exc:
        return Unreadable(job.name, job.sha256, str(exc), datetime.now())
    if source.name == "roster":
        typed = split_background_check(typed)
    file_month = month_in_file_name(job.path) if source.row_month else None
    found = [issues, id_issues, row_rules(source, typed, file_month)]
    return ParsedFile(job.name, job.sha256, file_month, read_at, read, typed, found, pii)


_POOL: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per process, kept across sources and runs (a worker's start-up, importing
    polars and the contract, is paid once). Spawned, not forked: the parent runs DuckDB's
    and polars' threads, whose locks a fork would copy mid-use."""
    # A spawned worker starts from the parent's sys.path as it is now. `dagster job execute
    # -m dagster_project.definitions` puts the working directory there only while it imports
    # the definitions, and the project is not an installed package (pyproject: package =
    # false), so without this the workers cannot import the code they run.
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    if workers not in _POOL:
        _POOL[workers] = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"))
    return _POOL[workers]


@atexit.register
def _shutdown() -> None:
    for pool in _POOL.values():
        pool.shutdown(cancel_futures=True)


def parse_in_order(
    items: Iterable[ParseJob | object], workers: int
) -> Iterator[ParsedFile | Unreadable | object]:
    """Each job parsed, anything else passed through, in the order given.

    With more than one worker, up to 2 × workers files are in flight at once: enough to keep
    the workers busy while the caller writes a batch, and a bound on the bytes held.
    """
    window: deque[Future | object] = deque()
    for item in items:
        if isinstance(item, ParseJob):
            if workers > 1 and len(item.data) >= PARALLEL_MIN_BYTES:
                window.append(_pool(workers).submit(parse_file, item))
            else:
                window.append(parse_file(item))
        else:
            window.append(item)
        while len(window) > 2 * workers:
            yield _done(window.popleft())
    while window:
        yield _done(window.popleft())


def _done(item: Future | object) -> object:
    return item.result() if isinstance(item, Future) else item
