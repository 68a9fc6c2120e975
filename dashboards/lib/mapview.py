"""The map: prefectures, or the counties of one prefecture, coloured by a page's measure.

Boundaries are the simplified GeoJSON exported once by scripts/export_province_geojson.py
(cnmaps stays out of the runtime). Measures arrive per bureau as num / den, so sums and
ratios both aggregate correctly to an area (Σ num ÷ Σ den).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from lib import queries
from lib.i18n import t
from lib.scope import Scope

_ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def _geojson(level: str) -> dict:
    return json.loads((_ASSETS / f"yunnan_{level}.geojson").read_text(encoding="utf-8"))


def _county_features(prefecture: str) -> dict:
    # GB/T 2260: a county's first four digits are its prefecture's
    features = [f for f in _geojson("county")["features"] if f["id"][:4] == prefecture[:4]]
    return {"type": "FeatureCollection", "features": features}


def _figure(geojson: dict, areas: pl.DataFrame, percent: bool) -> go.Figure:
    ids = [f["id"] for f in geojson["features"]]
    names = {f["id"]: f["properties"]["name"] for f in geojson["features"]}
    fig = go.Figure(
        go.Choropleth(  # every area in grey, so the ones without data still show
            geojson=geojson, locations=ids, z=[0] * len(ids), showscale=False,
            colorscale=[[0, "#eeeeee"], [1, "#eeeeee"]], hoverinfo="skip",
            marker_line_color="#999999", marker_line_width=0.5,
        )
    )
    fmt_ = ".1%" if percent else ",.0f"
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            locations=areas["area"].to_list(),
            z=areas["value"].to_list(),
            text=[names.get(a, a) for a in areas["area"].to_list()],
            colorscale="Blues",
            marker_line_color="#555555",
            marker_line_width=0.6,
            colorbar={"tickformat": fmt_, "thickness": 12},
            hovertemplate=f"%{{text}}: %{{z:{fmt_}}}<extra></extra>",
        )
    )
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=420)
    return fig


def render(scope: Scope, measure: pl.DataFrame, label: str, percent: bool = False) -> None:
    """Draw `measure` (bureau_code, num, den) for the bureaus of `scope`."""
    st.markdown(f"**{t('map.title', measure=label)}**")
    directory = queries.bureaus(scope)
    data = measure.join(directory, on="bureau_code")
    prefectures = directory["prefecture_code"].drop_nulls().unique().to_list()
    if len(prefectures) == 1:
        data = data.filter(pl.col("tier") == "county").rename({"admin_code": "area"})
        geojson = _county_features(prefectures[0])
        note = t("map.county_note")
    else:
        data = data.filter(pl.col("prefecture_code").is_not_null()).rename(
            {"prefecture_code": "area"}
        )
        geojson = _geojson("prefecture")
        note = t("map.no_province")
    areas = data.group_by("area").agg(value=pl.col("num").sum() / pl.col("den").sum())
    if areas.is_empty() or not geojson["features"]:
        st.caption(t("none"))
        return
    st.plotly_chart(_figure(geojson, areas, percent), width="stretch", key=f"map_{label}")
    st.caption(note)
