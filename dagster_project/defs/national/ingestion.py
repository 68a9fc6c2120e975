"""The ingestion assets of every province, partitioned by province × month (partitions.py).

The same assets as one root's (defs/ingestion/assets.py); a run's partition names the
province root it loads and the month: monthly sources read the files naming that month
(and those naming none), the others every new file of the province.
"""

from dagster_project.defs.ingestion.assets import ingestion_assets_for
from dagster_project.defs.national.partitions import ProvinceMonth, province_months

national_ingestion_assets = ingestion_assets_for(
    province_months, province_months, None, ProvinceMonth()
)
