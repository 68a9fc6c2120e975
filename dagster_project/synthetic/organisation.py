"""A province's police organisation, built on its real divisions (ref_divisions).

One province bureau (公安厅), a bureau per prefecture and per county, grassroots stations
under each county bureau (派出所, 交警中队, 巡特警中队, 看守所) and a few detachments directly
under the prefecture bureaus and the province. Unit codes are 12 digits derived from the
admin code: `<admin>000000` for a bureau, `<admin><kind:03d><serial:03d>` for its stations.
Each unit carries an incident weight (its expected share of the province's incidents: a
county's stations share the county's population, the prefecture and province detachments a
small slice), its owning bureau and its file partition (the prefecture whose files hold its
rows; the province code for province-level units). How many auxiliaries each unit employs
follows from its work (`staffing.py`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl

_PCS_PLACES = ("城关", "城东", "城西", "城南", "城北", "新城", "江南", "北门")
# Station kind -> (code block, name suffix under a county bureau, incidents relative to a 派出所).
_COUNTY_STATIONS = {
    "traffic": ("002001", "公安局交通警察大队城区中队", 1.2),
    "swat": ("003001", "公安局巡特警大队一中队", 0.5),
    "detention": ("004001", "看守所", 0.0),
}
# Shares of the province's incidents (the rest go to the county stations by population).
_PROVINCE_INCIDENTS = 0.01  # the province's expressway traffic corps and special police corps
_PREFECTURE_INCIDENTS = 0.06  # the prefectures' traffic and special police detachments


@dataclass(frozen=True)
class Unit:
    unit_code: str
    unit_name: str
    parent_code: str | None
    tier: str
    unit_kind: str
    admin_code: str
    partition: str
    bureau_code: str
    station_kind: str  # organ | pcs | traffic | swat | detention: holds posts (staffing.py)
    incident_weight: float
    population: int | None = None
    agency: str = "police"


def _station(code: str, name: str, bureau: Unit, kind: str, weight: float) -> Unit:
    return Unit(
        code,
        name,
        bureau.unit_code,
        "station",
        "grassroots",
        bureau.admin_code,
        bureau.partition,
        bureau.unit_code,
        kind,
        weight,
    )


def build_units(divisions: pl.DataFrame) -> pl.DataFrame:
    """Every unit with its owning bureau, partition and incident weight (weights sum to 1)."""
    province = divisions.filter(pl.col("level") == "province").row(0, named=True)
    code = province["admin_code"]
    prefectures = divisions.filter(pl.col("level") == "prefecture")
    counties = divisions.filter(pl.col("level") == "county")
    total_pop = float(counties["population"].sum())

    top = Unit(
        f"{code}000000",
        f"{province['name']}公安厅",
        None,
        "province",
        "organ",
        code,
        code,
        f"{code}000000",
        "organ",
        0.0,
    )
    units = [
        top,
        _station(
            f"{code}002001",
            f"{top.unit_name}高速公路交通警察总队",
            top,
            "traffic",
            _PROVINCE_INCIDENTS * 0.5,
        ),
        _station(
            f"{code}003001",
            f"{top.unit_name}特警总队",
            top,
            "swat",
            _PROVINCE_INCIDENTS * 0.5,
        ),
    ]
    for pref in prefectures.iter_rows(named=True):
        admin = pref["admin_code"]
        share = _PREFECTURE_INCIDENTS * pref["population"] / total_pop
        bureau = Unit(
            f"{admin}000000",
            f"{pref['name']}公安局",
            top.unit_code,
            "prefecture",
            "organ",
            admin,
            admin,
            f"{admin}000000",
            "organ",
            0.0,
        )
        units += [
            bureau,
            _station(
                f"{admin}002001", f"{bureau.unit_name}交通警察支队", bureau, "traffic", share * 0.5
            ),
            _station(f"{admin}003001", f"{bureau.unit_name}特警支队", bureau, "swat", share * 0.5),
        ]

    county_share = 1.0 - _PROVINCE_INCIDENTS - _PREFECTURE_INCIDENTS
    for county in counties.iter_rows(named=True):
        admin, name = county["admin_code"], county["name"]
        share = county_share * county["population"] / total_pop
        n_pcs = min(max(round(county["population"] / 100_000), 2), len(_PCS_PLACES))
        weight_sum = n_pcs + sum(w for _, _, w in _COUNTY_STATIONS.values())
        per_pcs = share / weight_sum
        bureau = Unit(
            f"{admin}000000",
            f"{name}公安局",
            f"{county['parent_code']}000000",
            "county",
            "organ",
            admin,
            county["parent_code"],
            f"{admin}000000",
            "organ",
            0.0,
            population=county["population"],
        )
        units.append(bureau)
        units += [
            _station(f"{admin}001{i + 1:03d}", f"{name}公安局{place}派出所", bureau, "pcs", per_pcs)
            for i, place in enumerate(_PCS_PLACES[:n_pcs])
        ]
        units += [
            _station(f"{admin}{block}", f"{name}{suffix}", bureau, kind, per_pcs * weight)
            for kind, (block, suffix, weight) in _COUNTY_STATIONS.items()
        ]
    return pl.DataFrame([asdict(u) for u in units], infer_schema_length=None).with_columns(
        pl.col("population").cast(pl.Int64)
    )


def approving_body(tier: str, prefecture_name: str, province_name: str) -> str:
    """Art. 6: the province's quota is approved at its own level, the others one level up.
    A province's committee is its 省委 (云南省委), an autonomous region's its 党委."""
    if tier in ("province", "prefecture"):
        committee = "委" if province_name.endswith("省") else "党委"
        return f"{province_name}{committee}机构编制委员会办公室、{province_name}财政厅"
    return f"{prefecture_name}委机构编制委员会办公室、{prefecture_name}财政局"
