"""Unit tests of the reader: file-name months, header promotion, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.contract import ROSTER, SOURCES
from dagster_project.defs.ingestion.reading import (
    FileRejected,
    month_in_file_name,
    read_landing_file,
)


@pytest.mark.parametrize(
    ("name", "month"),
    [
        ("roster_530100_2025-03.csv", "2025-03"),
        ("roster_202503.csv", "2025-03"),
        ("payroll_2025_12.xlsx", "2025-12"),
        ("roster_2026-10-15.csv", "2026-10"),
        ("roster_530102.csv", None),
        ("roster_2025-13.csv", None),
        ("roster_20250301.csv", None),  # a full date without separators names no month
    ],
)
def test_month_in_file_name(name: str, month: str | None) -> None:
    assert month_in_file_name(Path(name)) == month


def _csv(header: list[str], *rows: list[str]) -> str:
    return "\n".join(",".join(r) for r in (header, *rows)) + "\n"


def test_headers_map_case_and_space_insensitively() -> None:
    names = [f" {c.name.upper()} " for c in ROSTER.columns]
    data = _csv(names, ["x"] * len(names)).encode()
    read = read_landing_file(Path("roster.csv"), data, ROSTER)
    assert set(read.frame.columns) == {c.name for c in ROSTER.columns} | {"_row", "_extra"}
    assert read.frame["_row"].to_list() == [2]  # the sheet row: the header is row 1
    assert read.encoding == "utf-8"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("机构代码,年度,民警人数\n530102000000,2026,120\n".encode(), "utf-8"),
        ("机构代码,年度,民警人数\n530102000000,2026,120\n".encode("utf-8-sig"), "utf-8-sig"),
        ("机构代码,年度,民警人数\n530102000000,2026,120\n".encode("gb18030"), "gb18030"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    read = read_landing_file(Path("police_strength.csv"), data, SOURCES["police_strength"])
    assert read.encoding == encoding
    assert read.frame.select("unit_code", "year", "police_count").rows() == [
        ("530102000000", "2026", "120")
    ]


def test_rejection_carries_both_languages() -> None:
    with pytest.raises(FileRejected) as info:
        read_landing_file(Path("police_strength.csv"), b"a,b\n1,2\n", SOURCES["police_strength"])
    assert "缺少必需列" in info.value.zh
    assert "Missing required column" in info.value.en
    assert str(info.value) == f"{info.value.zh} / {info.value.en}"
