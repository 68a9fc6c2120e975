"""Province × month: the national deployment's partitions.

A province is a folder under AUXFORCE_PROVINCES_DIR named by its GB/T 2260 code, laid out
as a root (landing/, warehouse/); the sensor adds it as a partition of the dynamic
`province` dimension when it appears, so a new province needs no new code. The month
dimension is the one a single root uses (defs/partitions.py). A run loads one province and
one month: runs of different provinces write different DuckDB files and lake folders and
run side by side; runs of one province queue behind each other (dagster.yaml's tag limit on
`dagster/partition/province`), since a DuckDB file has one writer.
"""

from __future__ import annotations

import dagster as dg

from dagster_project.defs.partitions import monthly_partitions
from dagster_project.settings import Settings, get_settings

PROVINCE = "province"
MONTH = "month"
# the run tag Dagster puts on a run of one province × month partition
PROVINCE_TAG = f"dagster/partition/{PROVINCE}"

province_partitions = dg.DynamicPartitionsDefinition(name=PROVINCE)
province_months = dg.MultiPartitionsDefinition(
    {PROVINCE: province_partitions, MONTH: monthly_partitions}
)


def is_province_code(name: str) -> bool:
    return len(name) == 6 and name.isdigit() and name.endswith("0000") and name != "000000"


def province_roots(settings: Settings) -> list[str]:
    """The codes of the province folders under provinces_dir that hold a landing folder."""
    if not settings.provinces_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in settings.provinces_dir.iterdir()
        if is_province_code(p.name) and (p / "landing").is_dir()
    )


def partition_key(province: str, month: str) -> dg.MultiPartitionKey:
    """The partition of `province` (a code) and `month` ('YYYY-MM')."""
    return dg.MultiPartitionKey({PROVINCE: province, MONTH: f"{month}-01"})


class ProvinceMonth:
    """Where a national ingestion run loads: its province's root, its month."""

    @staticmethod
    def _keys(context: dg.AssetExecutionContext) -> list[dg.MultiPartitionKey]:
        keys = [dg.MultiPartitionKey(k.keys_by_dimension) for k in context.partition_keys]
        if len({k.keys_by_dimension[PROVINCE] for k in keys}) != 1:
            raise dg.Failure("一次运行只装载一个省份 / a run loads exactly one province")
        return keys

    def settings(self, context: dg.AssetExecutionContext) -> Settings:
        return get_settings().for_province(self._keys(context)[0].keys_by_dimension[PROVINCE])

    def months(self, context: dg.AssetExecutionContext) -> set[str]:
        return {k.keys_by_dimension[MONTH][:7] for k in self._keys(context)}
