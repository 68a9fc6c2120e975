"""Who may see which bureaus: the role and bound code of a login, resolved to bureau codes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import polars as pl

from lib.access_log import Actor

ROLES = ("province", "prefecture", "county", "finance", "auditor", "ministry")
# every bureau of the snapshot: a province's, or for the ministry the national summary's
PROVINCE_WIDE = frozenset({"province", "finance", "auditor", "ministry"})


@dataclass(frozen=True)
class Scope:
    """The bureau set one login reads; frozen and hashable so it can key the query cache."""

    role: str
    bureaus: tuple[str, ...]
    # prefectures whose every bureau is in scope: prefecture-grain marts are shown only for
    # these, since a partial view would leak figures of bureaus outside the scope
    prefectures: tuple[str, ...]
    unrestricted: bool  # may read rows that carry no bureau (e.g. quarantined raw values)
    names: bool  # may read person names and pay averages of small groups
    # provinces whose every bureau is in scope: province-grain marts (province_summary) are
    # shown only for these, as prefecture-grain ones for `prefectures`
    provinces: tuple[str, ...] = ()
    # who reads with it, for the access log; not part of the scope's identity (equality,
    # hash, repr, digest), so users of one scope share cached query results
    actor: Actor | None = field(default=None, compare=False, repr=False)
    # the published snapshot the scope was resolved from, held open (lib/db.Pin): a page
    # run reads it throughout, so a publish in the middle never mixes two snapshots on one
    # page; not part of the identity either (the query cache keys on the snapshot itself)
    snapshot: object | None = field(default=None, compare=False, repr=False)

    def digest(self) -> str:
        """Stands for the scope in the query cache's keys: Streamlit hashes a dataclass
        through a deep copy of its fields, which took ~10 ms per query for the province."""
        return hashlib.sha256(repr(self).encode()).hexdigest()

    def acting(self, actor: Actor) -> Scope:
        """The same scope, its reads attributed to `actor` in the access log."""
        return replace(self, actor=actor)

    def narrowed(self, bureaus: set[str], prefectures: set[str]) -> Scope:
        """The same permissions over a subset of the bureaus and prefectures (an area filter
        never widens)."""
        return replace(
            self,
            bureaus=tuple(b for b in self.bureaus if b in bureaus),
            prefectures=tuple(p for p in self.prefectures if p in prefectures),
            provinces=(),  # an area is part of a province
        )


def resolve(role: str, code: str | None, directory: pl.DataFrame) -> Scope:
    """Bureaus of a role over `directory` (dim_bureau: bureau_code, tier, prefecture_code,
    admin_code, province_code). A prefecture user gets its prefecture bureau and its
    counties; a county user its county bureau; an unknown role or a missing bound code gets
    nothing."""
    if role in PROVINCE_WIDE:
        mine = directory
    elif role == "prefecture" and code:
        mine = directory.filter(pl.col("prefecture_code") == code)
    elif role == "county" and code:
        mine = directory.filter((pl.col("tier") == "county") & (pl.col("admin_code") == code))
    else:
        mine = directory.clear()
    bureaus = set(mine["bureau_code"].to_list())
    return Scope(
        role=role,
        bureaus=tuple(sorted(bureaus)),
        prefectures=_covered(directory, "prefecture_code", bureaus),
        unrestricted=role in PROVINCE_WIDE,
        names=role == "auditor",
        provinces=_covered(directory, "province_code", bureaus),
    )


def _covered(directory: pl.DataFrame, level: str, bureaus: set[str]) -> tuple[str, ...]:
    """Codes of `level` (prefecture_code, province_code) whose every bureau is in `bureaus`;
    none for a directory without the column (a snapshot published before provinces)."""
    if level not in directory.columns:
        return ()
    by_code = (
        directory.filter(pl.col(level).is_not_null()).group_by(level).agg(pl.col("bureau_code"))
    )
    return tuple(sorted(code for code, members in by_code.iter_rows() if set(members) <= bureaus))
