"""Export simplified Yunnan prefecture and county boundaries for the dashboard map.

cnmaps ships the boundaries offline but pulls ~250 MB of geo dependencies, so it stays out
of the runtime environment: run this once, commit the two small GeoJSON files it writes.

    uv run --with cnmaps python scripts/export_province_geojson.py

Records carry names, not GB/T 2260 codes, so features are joined to the division seed
(dbt/seeds/ref_divisions.csv) by name; the script fails if any name does not match.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from cnmaps import get_adm_maps
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "dbt" / "seeds" / "ref_divisions.csv"
OUT_DIR = ROOT / "dashboards" / "assets"
PROVINCE = "云南省"
# ~1 km at this latitude: small files, outlines still recognisable at province zoom.
TOLERANCE = {"prefecture": 0.01, "county": 0.005}
DECIMALS = 3


def _round(coords: object) -> object:
    if isinstance(coords, (list, tuple)):
        if coords and isinstance(coords[0], float):
            return [round(c, DECIMALS) for c in coords]
        return [_round(c) for c in coords]
    return coords


def _clockwise(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    # Plotly's d3-geo fills the outside of counter-clockwise rings (the RFC 7946 order).
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=-1.0) for p in geom.geoms])
    return orient(geom, sign=-1.0)


def _features(level: str, records: list[dict], codes: dict[str, str]) -> list[dict]:
    name_key = "city" if level == "prefecture" else "district"
    features, missing = [], []
    for record in records:
        name = record[name_key]
        code = codes.get(name)
        if code is None:
            missing.append(name)
            continue
        geom = shape(record["geometry"].__geo_interface__)
        geom = _clockwise(geom.simplify(TOLERANCE[level], preserve_topology=True))
        geometry = mapping(geom)
        coordinates = _round(geometry["coordinates"])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"admin_code": code, "name": name},
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    if missing:
        raise SystemExit(f"{level}: names not in {SEED.name}: {missing}")
    return features


def main() -> None:
    seed = pl.read_csv(SEED, schema_overrides={"admin_code": pl.Utf8, "parent_code": pl.Utf8})
    for level, cn_level in (("prefecture", "市"), ("county", "区县")):
        rows = seed.filter(pl.col("level") == level)
        codes = dict(zip(rows["name"], rows["admin_code"], strict=True))
        records = get_adm_maps(province=PROVINCE, level=cn_level, record="all")
        collection = {"type": "FeatureCollection", "features": _features(level, records, codes)}
        out = OUT_DIR / f"yunnan_{level}.geojson"
        out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")))
        print(f"{out.relative_to(ROOT)}: {len(collection['features'])} features")


if __name__ == "__main__":
    main()
