"""The access log: every read of bureau data by the dashboards and every export, appended to
a hash chain in the dashboards' store (the case store's database by default; settings
AUXFORCE_ACCESS_LOG_URL). No Streamlit in here.

Each entry stores the SHA-256 of the entry before it (`prev_hash`) and its own `hash` =
SHA-256(prev_hash + canonical JSON of its fields, `seq` included). The table refuses UPDATE
and DELETE (triggers), and whoever gets past them (the database owner, a file editor) still
cannot hide it: an edited entry no longer matches its hash, a deleted one leaves a gap in
`seq` and a `prev_hash` that points nowhere. `verify_chain` reports the first broken entry.
Entries appended at the same time by a process's sessions share one transaction (group
commit, `AccessLog.append`); each read still returns only once its entry is committed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime

from lib.cases import open_repository
from lib.cases.repository import LOCAL_TZ, SqlCaseRepository, Tx

GENESIS = "0" * 64  # prev_hash of the first entry
_CHAIN_LOCK = 0x6175_786C  # pg_advisory_xact_lock key: one appender at a time (PostgreSQL)


@dataclass(frozen=True)
class Actor:
    """Who reads: the login, its role and the page; carried by the Scope a page reads with
    (lib/scope.py), so a read is attributed even where no session is at hand (a download's
    deferred callable runs outside the script)."""

    username: str | None
    role: str | None
    page: str | None = None


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str  # ISO 8601 UTC, microseconds
    kind: str  # read | export
    username: str | None
    role: str | None
    page: str | None
    bureaus: list[str]
    params: dict[str, object]
    relations: list[str]
    rows: int
    detail: dict[str, object] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    def fields(self) -> dict[str, object]:
        """What the hash covers: every field but the hash itself."""
        values = asdict(self)
        values.pop("hash")
        return values


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    entries: int  # entries checked
    broken_seq: int | None = None  # the first entry that does not follow
    # missing: no entry of that seq (deleted); unlinked: its prev_hash is not the hash of
    # the entry before it; altered: its fields no longer give its hash (edited)
    reason: str = ""
    head: str = GENESIS  # hash of the last entry verified


def _json(value: object) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    )


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def _start_of(day: date) -> str:
    """The first instant of a Beijing calendar day, as the stored UTC text compares."""
    start = datetime.combine(day, datetime.min.time(), LOCAL_TZ).astimezone(UTC)
    return start.isoformat(timespec="microseconds")


def compact(value: Mapping[str, object]) -> str:
    """A map as one short line for a table: k=v, …"""
    return ", ".join(f"{k}={_json(v) if not isinstance(v, str) else v}" for k, v in value.items())


def entry_hash(prev_hash: str, fields: Mapping[str, object]) -> str:
    """SHA-256 over prev_hash + the canonical JSON of the fields (keys sorted, no spaces,
    UTF-8): the same bytes whichever store holds the entry."""
    return hashlib.sha256((prev_hash + _json(dict(fields))).encode("utf-8")).hexdigest()


_COLUMNS = tuple(f for f in Entry.__dataclass_fields__)
_JSON_COLUMNS = ("bureaus", "params", "relations", "detail")
_INSERT = f"""insert into access_log ({", ".join(_COLUMNS)})
    values ({", ".join(":" + c for c in _COLUMNS)})"""


@dataclass
class _Pending:
    """An entry waiting for a group commit: its fields but the chain's (seq and hashes)."""

    fields: dict[str, object]
    entry: Entry | None = None
    error: BaseException | None = None


class AccessLog:
    """The log in one store (a SqlCaseRepository: same connections and migrations)."""

    def __init__(self, store: SqlCaseRepository) -> None:
        self.store = store
        # Group commit: dashboard sessions are threads of one process, and one commit (an
        # fsync, ~12 ms here) per read let 50 sessions queue for seconds on the store's write
        # lock (docs/performance.md). While one commit runs, the entries of other sessions
        # queue; the next writer appends all of them in one transaction. Each caller returns
        # only once its own entry is committed.
        self._changed = threading.Condition()  # guards _queue and _writing
        self._queue: list[_Pending] = []
        self._writing = False

    def append(
        self,
        kind: str,
        actor: Actor | None,
        bureaus: Iterable[str],
        *,
        params: Mapping[str, object] | None = None,
        relations: Iterable[str] = (),
        rows: int = 0,
        detail: Mapping[str, object] | None = None,
    ) -> Entry:
        """Append one entry; returns once it is committed (with others waiting beside it)."""
        actor = actor or Actor(None, None)
        pending = _Pending(
            {
                "kind": kind,
                "username": actor.username,
                "role": actor.role,
                "page": actor.page,
                "bureaus": sorted(set(bureaus)),
                # JSON's view of the values (dates as text, tuples as lists): what is stored
                "params": json.loads(_json(dict(params or {}))),
                "relations": sorted(set(relations)),
                "rows": int(rows),
                "detail": json.loads(_json(dict(detail or {}))),
            }
        )
        with self._changed:
            # stamped in queue order, so `at` rises with `seq` within a process
            pending.fields["at"] = datetime.now(UTC).isoformat(timespec="microseconds")
            self._queue.append(pending)
            while pending.entry is None and pending.error is None:
                if self._writing:
                    self._changed.wait()
                    continue
                batch, self._queue, self._writing = self._queue, [], True
                self._changed.release()
                try:
                    for p, entry in zip(batch, self._commit(batch), strict=True):
                        p.entry = entry
                except BaseException as exc:
                    for p in batch:
                        p.error = exc
                finally:
                    self._changed.acquire()
                    self._writing = False
                    self._changed.notify_all()
        if pending.error is not None:
            raise pending.error
        assert pending.entry is not None
        return pending.entry

    def _commit(self, batch: list[_Pending]) -> list[Entry]:
        """The entries of `batch`, chained after the last one, in one write transaction."""
        entries: list[Entry] = []
        with self.store.transaction(write=True) as tx:
            if self.store.dialect == "postgres":
                tx.all("select pg_advisory_xact_lock(:key)", key=_CHAIN_LOCK)
            last = tx.one("select seq, hash from access_log order by seq desc limit 1")
            seq, prev = (int(last["seq"]), str(last["hash"])) if last else (0, GENESIS)
            for pending in batch:
                seq += 1
                entry = Entry(seq=seq, prev_hash=prev, **pending.fields)  # type: ignore[arg-type]
                entry = replace(entry, hash=entry_hash(prev, entry.fields()))
                tx.run(_INSERT, **self._row(entry))
                entries.append(entry)
                prev = entry.hash
        return entries

    @staticmethod
    def _row(entry: Entry) -> dict[str, object]:
        row = asdict(entry)
        for c in _JSON_COLUMNS:
            row[c] = _json(row[c])
        return row

    @staticmethod
    def _entry(row: Mapping[str, object]) -> Entry:
        values = dict(row)
        for c in _JSON_COLUMNS:
            values[c] = json.loads(str(values[c]))
        values["seq"] = int(values["seq"])  # type: ignore[arg-type]
        values["rows"] = int(values["rows"])  # type: ignore[arg-type]
        return Entry(**values)  # type: ignore[arg-type]

    def entries(
        self,
        username: str | None = None,
        bureau: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = 1000,
    ) -> list[Entry]:
        """Entries, newest first, filtered by user, a bureau in the scope read with, and
        calendar days (Beijing time) from `since` to `until` inclusive."""
        conditions, params = [], {}
        if username:
            conditions.append("username = :username")
            params["username"] = username
        if bureau:
            conditions.append("bureaus like :bureau")
            params["bureau"] = f'%"{bureau}"%'
        if since:
            conditions.append("at >= :since")
            params["since"] = _start_of(since)
        if until:
            conditions.append("at < :until")
            params["until"] = _start_of(date.fromordinal(until.toordinal() + 1))
        where = " and ".join(conditions) or "true"
        cap = f" limit {int(limit)}" if limit else ""
        with self.store.transaction(write=False) as tx:
            rows = tx.all(
                f"select {', '.join(_COLUMNS)} from access_log where {where} "
                f"order by seq desc{cap}",
                **params,
            )
        return [self._entry(r) for r in rows]

    def usernames(self) -> list[str]:
        with self.store.transaction(write=False) as tx:
            rows = tx.all(
                "select distinct username from access_log where username is not null "
                "order by username"
            )
        return [str(r["username"]) for r in rows]

    def _chain(self, tx: Tx, batch: int = 5000) -> Iterator[dict[str, object]]:
        after = 0
        while True:
            rows = tx.all(
                f"select {', '.join(_COLUMNS)} from access_log where seq > :after "
                f"order by seq limit {batch}",
                after=after,
            )
            yield from rows
            if len(rows) < batch:
                return
            after = int(rows[-1]["seq"])  # type: ignore[arg-type]

    def verify_chain(self) -> ChainStatus:
        """Walk the chain from the first entry: each must follow the one before it (seq + 1,
        prev_hash = its hash) and match its own hash. The first entry that does not is
        reported; the chain is intact if none."""
        expected_prev, expected_seq, n = GENESIS, 1, 0
        with self.store.transaction(write=False) as tx:
            for row in self._chain(tx):
                n += 1
                entry = self._entry(row)
                if entry.seq != expected_seq:
                    return ChainStatus(False, n, expected_seq, "missing")
                if entry.prev_hash != expected_prev:
                    return ChainStatus(False, n, entry.seq, "unlinked")
                if entry_hash(entry.prev_hash, entry.fields()) != entry.hash:
                    return ChainStatus(False, n, entry.seq, "altered")
                expected_prev, expected_seq = entry.hash, entry.seq + 1
        return ChainStatus(True, n, head=expected_prev)


@functools.lru_cache(maxsize=8)
def open_log(url: str) -> AccessLog:
    """The log at a store URL (sqlite:///… or postgresql://…), migrated once per process."""
    store = open_repository(url)
    assert isinstance(store, SqlCaseRepository)
    return AccessLog(store)
