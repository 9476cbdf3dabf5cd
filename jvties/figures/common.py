"""Pieces every figure shares: the date axis fitted to the data, milestones on the time axis,
gap markers, and the base figure with the dashboard's template.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from jvties.data.series import mid_year
from jvties.figures.theme import MILESTONE, NEUTRAL, TEMPLATE_NAME
from jvties.text import hover_text as esc


@dataclass(frozen=True)
class Drawn:
    """A figure and exactly the rows it draws: the page's CSV download and its source line are
    made from these rows, so they cannot differ from the chart."""

    figure: go.Figure
    rows: pd.DataFrame


YEAR_MS = 365.25 * 24 * 3600 * 1000


MILESTONE_AXIS = "y9"


def base_figure(title: str, height: int = 420) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE_NAME, title=title, height=height)
    return fig


def x_span(fig: go.Figure) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last date the figure's data traces draw, so markers never widen the axis."""
    dates = [pd.Timestamp(x) for trace in fig.data if trace.x is not None for x in trace.x if x is not None]
    return (min(dates), max(dates)) if dates else None


def fit_x_to_data(fig: go.Figure, whole_years: bool) -> None:
    """Pins the date axis to what the data traces draw: from 1 January of the first year to
    31 December of the last one for yearly bars, or a quarter either side of dated points.
    Plotly's own padding for sparse bar traces on a date axis adds years that hold nothing."""
    span = x_span(fig)
    if span is None:
        return
    first, last = span
    if whole_years:
        low, high = pd.Timestamp(year=first.year, month=1, day=1), pd.Timestamp(year=last.year, month=12, day=31)
    else:
        low, high = first - pd.DateOffset(months=3), last + pd.DateOffset(months=3)
    fig.update_xaxes(range=[low, high])


def vertical_lines(fig: go.Figure, dates: pd.Series) -> None:
    """Dotted full-height lines at `dates`, set in one layout update (add_shape per line is slow)."""
    line = dict(color=MILESTONE, width=1, dash="dot")
    new = [dict(type="line", x0=d, x1=d, xref="x", y0=0, y1=1, yref="paper", line=line, layer="below") for d in dates]
    fig.update_layout(shapes=[*fig.layout.shapes, *new])


def add_milestones(fig: go.Figure, milestones: pd.DataFrame) -> go.Figure:
    """Draws each milestone event as a dotted vertical line with a hoverable marker on top."""
    if milestones is None or milestones.empty:
        return fig
    span = x_span(fig)
    if span is not None:
        window = milestones["date"].between(span[0] - pd.DateOffset(months=6), span[1] + pd.DateOffset(months=6))
        milestones = milestones[window]
    if milestones.empty:
        return fig
    vertical_lines(fig, milestones["date"])
    hover = [f"<b>{esc(t)}</b><br>{d:%d %b %Y}" for t, d in zip(milestones["title"], milestones["date"], strict=True)]
    fig.add_trace(
        go.Scatter(
            x=milestones["date"],
            y=[1.0] * len(milestones),
            yaxis=MILESTONE_AXIS,
            mode="markers",
            marker=dict(symbol="triangle-down", size=11, color=MILESTONE),
            name="Milestone (diplomacy)",
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(yaxis9=dict(overlaying="y", range=[0, 1.04], visible=False, fixedrange=True))
    return fig


def gap_markers(fig: go.Figure, frame: pd.DataFrame, label: str, secondary_y: bool | None = None) -> None:
    gaps = frame[frame["value"].isna()]
    if gaps.empty:
        return
    trace = go.Scatter(
        x=mid_year(gaps["year"]),
        y=[0] * len(gaps),
        mode="markers",
        marker=dict(symbol="x-thin-open", size=10, color=NEUTRAL, line=dict(width=2)),
        name="No figure found (gap)",
        hovertext=[f"{y}: no source gives {label} for this year" for y in gaps["year"]],
        hoverinfo="text",
    )
    if secondary_y is None:
        fig.add_trace(trace)
    else:
        fig.add_trace(trace, secondary_y=secondary_y)
