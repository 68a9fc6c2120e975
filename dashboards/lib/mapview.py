"""The map: prefectures, or the counties of one prefecture, coloured by a page's measure.

Boundaries are the simplified GeoJSON exported once by scripts/export_province_geojson.py
(cnmaps stays out of the runtime). Measures arrive per bureau as num / den, so sums and
ratios both aggregate correctly to an area (Σ num ÷ Σ den).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.colors import sample_colorscale

from lib import queries
from lib.i18n import t
from lib.scope import Scope

_SCALE = "Blues"
_ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def _geojson(level: str) -> dict:
    return json.loads((_ASSETS / f"yunnan_{level}.geojson").read_text(encoding="utf-8"))


def _county_features(prefecture: str) -> dict:
    # GB/T 2260: a county's first four digits are its prefecture's
    features = [f for f in _geojson("county")["features"] if f["id"][:4] == prefecture[:4]]
    return {"type": "FeatureCollection", "features": features}


def _rings(geometry: dict) -> tuple[list[float | None], list[float | None]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:  # outer rings only; holes are not drawn
        xs += [p[0] for p in polygon[0]] + [None]
        ys += [p[1] for p in polygon[0]] + [None]
    return xs, ys


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(
    prefecture: str | None, areas: tuple[tuple[str, float], ...], percent: bool
) -> go.Figure:
    """Filled outlines on plain axes: plotly's geo subplots fetch base maps from a CDN,
    which an offline server cannot reach, so the map is drawn as shapes. The prefectures,
    or the counties of `prefecture`, coloured by `areas` ((area code, value) pairs).

    Cached and shared by every session (st.plotly_chart only reads it): plotly validates
    every outline coordinate while a figure is built, which took most of a page's run and
    made each slider move on a page with a map rebuild an unchanged map."""
    geojson = _geojson("prefecture") if prefecture is None else _county_features(prefecture)
    values = dict(areas)
    low, high = min(values.values()), max(values.values())
    fmt_ = ".1%" if percent else ",.0f"
    fig = go.Figure()
    for feature in geojson["features"]:
        xs, ys = _rings(feature["geometry"])
        name = feature["properties"]["name"]
        value = values.get(feature["id"])
        if value is None:
            fill, hover = "#eeeeee", name
        else:
            share = (value - low) / (high - low) if high > low else 1.0
            fill = sample_colorscale(_SCALE, [0.15 + 0.85 * share])[0]
            hover = f"{name}: {value:.1%}" if percent else f"{name}: {value:,.0f}"
        fig.add_scatter(
            x=xs,
            y=ys,
            fill="toself",
            fillcolor=fill,
            mode="lines",
            line={"color": "#666666", "width": 0.6},
            hoveron="fills",
            text=hover,
            hoverinfo="text",
            showlegend=False,
        )
    # an invisible marker carries the colour bar
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        showlegend=False,
        hoverinfo="skip",
        marker={
            "color": [low, high],
            "colorscale": _SCALE,
            "cmin": low,
            "cmax": high,
            "showscale": high > low,
            "colorbar": {"tickformat": fmt_, "thickness": 12},
        },
    )
    fig.update_xaxes(visible=False)
    # one degree of longitude is cos(latitude) of a degree of latitude (≈ 0.9 in Yunnan)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(25)))
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=420, plot_bgcolor="white")
    return fig


def render(scope: Scope, measure: pl.DataFrame, label: str, percent: bool = False) -> None:
    """Draw `measure` (bureau_code, num, den) for the bureaus of `scope`."""
    st.markdown(f"**{t('map.title', measure=label)}**")
    directory = queries.bureaus(scope)
    data = measure.join(directory, on="bureau_code")
    prefectures = directory["prefecture_code"].drop_nulls().unique().to_list()
    if len(prefectures) == 1:
        data = data.filter(pl.col("tier") == "county").rename({"admin_code": "area"})
        prefecture: str | None = prefectures[0]
        geojson = _county_features(prefectures[0])
        note = t("map.county_note")
    else:
        data = data.filter(pl.col("prefecture_code").is_not_null()).rename(
            {"prefecture_code": "area"}
        )
        prefecture = None
        geojson = _geojson("prefecture")
        note = t("map.no_province")
    areas = data.group_by("area").agg(value=pl.col("num").sum() / pl.col("den").sum())
    # 0 / 0 (an area with nothing to compare against) is NaN: shown as no data, not a colour
    areas = areas.filter(pl.col("value").is_finite())
    if areas.is_empty() or not geojson["features"]:
        st.caption(t("none"))
        return
    values = tuple(sorted(areas.select("area", "value").iter_rows()))
    st.plotly_chart(_figure(prefecture, values, percent), width="stretch", key=f"map_{label}")
    st.caption(note)
