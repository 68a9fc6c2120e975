"""Plotly figures with localised labels; months on the axis read 2025年10月."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from lib import fmt
from lib.i18n import col, value

_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "legend": {"orientation": "h", "y": -0.15},
    "height": 340,
    "font": {"family": "Noto Sans CJK SC, Microsoft YaHei, sans-serif"},
}


def headcount_cost_trend(df: pl.DataFrame) -> go.Figure:
    """Monthly cost (万元, bars) and headcount (line, right axis)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=df["month"].to_list(),
        y=(df["total_cost"] / 10_000).to_list(),
        name=col("total_cost").replace("元", "万元"),
        marker_color="#9ecae1",
    )
    fig.add_scatter(
        x=df["month"].to_list(),
        y=df["headcount"].to_list(),
        name=col("headcount"),
        mode="lines+markers",
        line={"color": "#08519c"},
        secondary_y=True,
    )
    fig.update_xaxes(tickformat=fmt.month_axis())
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    fig.update_layout(**_LAYOUT)
    return fig


def line(df: pl.DataFrame, x: str, y: str, percent: bool = False) -> go.Figure:
    fig = go.Figure(go.Scatter(x=df[x].to_list(), y=df[y].to_list(), mode="lines+markers"))
    fig.update_xaxes(tickformat=fmt.month_axis() if x == "month" else None)
    fig.update_yaxes(tickformat=".1%" if percent else ",.0f", title=col(y))
    fig.update_layout(**{**_LAYOUT, "height": 260})
    return fig


def grouped_hbars(df: pl.DataFrame, label: str, xs: list[str]) -> go.Figure:
    """One row of horizontal bars per `label`, one bar per column of `xs`, first row on top;
    tall enough that every label stays legible."""
    fig = go.Figure(
        [go.Bar(y=df[label].to_list(), x=df[x].to_list(), name=col(x), orientation="h") for x in xs]
    )
    fig.update_xaxes(tickformat=",.0f")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(
        barmode="group",
        **{
            **_LAYOUT,
            # above the bars: below, a short chart's legend would run into the axis labels
            "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
            "height": 110 + 14 * len(xs) * max(df.height, 3),
        },
    )
    return fig


def stacked_by(df: pl.DataFrame, x: str, group: str, y: str) -> go.Figure:
    """Stacked bars of `y` (yuan, shown in 万元) per `x`, one colour per `group` value."""
    fig = go.Figure()
    for (key,), part in df.sort(x).group_by([group], maintain_order=True):
        fig.add_bar(x=part[x].to_list(), y=(part[y] / 10_000).to_list(), name=value(str(key)))
    fig.update_layout(barmode="stack", yaxis_title=col(y).replace("元", "万元"), **_LAYOUT)
    fig.update_xaxes(tickformat=fmt.month_axis() if x == "month" else None)
    return fig


def hbars(df: pl.DataFrame, label: str, y: str, percent: bool = False) -> go.Figure:
    fig = go.Figure(
        go.Bar(y=df[label].to_list(), x=df[y].to_list(), orientation="h", marker_color="#3182bd")
    )
    fig.update_xaxes(tickformat=".1%" if percent else ",.0f", title=col(y))
    fig.update_layout(**{**_LAYOUT, "height": 60 + 36 * max(df.height, 3)})
    return fig


def flows(df: pl.DataFrame) -> go.Figure:
    """Hires and separations per month as grouped bars, headcount as a line on the right
    axis (workforce_flows_monthly: month, hires, separations, headcount)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    months = df["month"].to_list()
    fig.add_bar(x=months, y=df["hires"].to_list(), name=col("hires"), marker_color="#31a354")
    fig.add_bar(
        x=months, y=df["separations"].to_list(), name=col("separations"), marker_color="#de2d26"
    )
    fig.add_scatter(
        x=months,
        y=df["headcount"].to_list(),
        name=col("headcount"),
        mode="lines+markers",
        line={"color": "#08519c"},
        secondary_y=True,
    )
    fig.update_xaxes(tickformat=fmt.month_axis())
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(tickformat=",.0f", secondary_y=True)
    fig.update_layout(barmode="group", **_LAYOUT)
    return fig


def forecast(df: pl.DataFrame) -> go.Figure:
    """Expected headcount per month, one line per category (workforce_forecast summed over
    the scope: month, category, forecast_headcount); month 0 is the roster's actual."""
    fig = go.Figure()
    for (key,), part in df.sort("month").group_by(["category"], maintain_order=True):
        fig.add_scatter(
            x=part["month"].to_list(),
            y=part["forecast_headcount"].to_list(),
            name=value(str(key)),
            mode="lines+markers",
        )
    fig.update_xaxes(tickformat=fmt.month_axis())
    fig.update_yaxes(tickformat=",.0f", title=col("forecast_headcount"))
    fig.update_layout(**_LAYOUT)
    return fig
