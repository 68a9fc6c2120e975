"""The province of a warehouse root: org_units must describe it (settings.province_code).

One root holds one province and writes only that province's lake partitions, so an org_units
file of another province (a file sent to the wrong root) is rejected whole before it could
replace the province's units and mix its rows into the wrong partitions.
"""

from __future__ import annotations

import polars as pl

from dagster_project.contract import Source
from dagster_project.defs.ingestion.rejection import FileRejected


def _rejection(codes: list[str], province: str) -> FileRejected:
    return FileRejected(
        f"机构文件的省级机构（无上级机构的单位）{'、'.join(codes)} 不属于本库所管省份 "
        f"{province}，整个文件未载入，请核对是否报送到了正确的省份。",
        f"The province bureau (the unit without a parent) {', '.join(codes)} of this "
        f"org_units file is not in this warehouse's province {province} (AUXFORCE_PROVINCE): "
        "the file was not loaded; check it was sent to the right province.",
    )


def check_root_bureau(source: Source, typed: pl.DataFrame, province: str) -> None:
    """Raise FileRejected if an org_units row without a parent is outside `province`
    (the first two digits of a GB/T 2260 code name the province)."""
    if source.name != "org_units":
        return
    roots = typed.filter(pl.col("parent_code").is_null())["unit_code"].drop_nulls()
    foreign = sorted({code for code in roots.to_list() if code[:2] != province[:2]})
    if foreign:
        raise _rejection(foreign, province)
