"""Figures of the project register: projects and their stated values by sector.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jvties.data.labels import UNIT_LABELS, UNITS
from jvties.figures.common import (
    Drawn,
    base_figure,
    currencies,
)
from jvties.figures.theme import NEUTRAL, TEMPLATE_NAME
from jvties.text import hover_text as esc


def projects_by_sector(projects: pd.DataFrame, colors: dict[str, str], labels: dict[str, str]) -> Drawn:
    """Number of projects by sector (bars coloured by sector)."""
    counts = projects.groupby("sector", observed=True).size().sort_values()
    fig = base_figure("Projects by sector (number)", max(300, 60 + 34 * len(counts)))
    fig.add_trace(
        go.Bar(
            x=counts.values,
            y=[esc(labels.get(s, s)) for s in counts.index],
            orientation="h",
            marker_color=[colors.get(s, NEUTRAL) for s in counts.index],
            hovertemplate="%{y}: %{x} projects<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_xaxes(title_text="Projects (number)", rangemode="tozero", dtick=1 if counts.max() <= 10 else None)
    return Drawn(fig, projects)


def project_values_by_sector(projects: pd.DataFrame, colors: dict[str, str], labels: dict[str, str]) -> Drawn:
    """Sum of stated project values by sector, one panel per unit (yen and dollars are not added).

    Panels are stacked, not side by side, so that long sector names never run into the next
    panel in a half-width column."""
    valued = projects.dropna(subset=["value"])
    units = currencies(valued["value_unit"])
    sums = {
        unit: valued[valued["value_unit"] == unit]
        .groupby("sector", observed=True)["value"]
        .agg(["sum", "count"])
        .sort_values("sum")
        for unit in units
    }
    bars = [max(1, len(sums[u])) for u in units]
    fig = make_subplots(
        rows=len(units),
        cols=1,
        row_heights=[b / sum(bars) for b in bars],
        vertical_spacing=0.22 if len(units) > 1 else 0.0,
        subplot_titles=[f"Projects valued in {UNIT_LABELS[u]}" for u in units],
    )
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(
            text="Stated value of projects by sector",
            subtitle=dict(text="Projects without a stated value are left out; yen and dollars are not added"),
        ),
        height=150 + 30 * sum(bars) + 60 * len(units),
        margin=dict(t=110, r=60),
        showlegend=False,
    )
    for row, unit in enumerate(units, start=1):
        totals = sums[unit]
        fig.add_trace(
            go.Bar(
                x=totals["sum"],
                y=[esc(labels.get(s, s)) for s in totals.index],
                orientation="h",
                marker_color=[colors.get(s, NEUTRAL) for s in totals.index],
                customdata=totals["count"],
                text=totals["sum"],
                texttemplate="%{x:,.0f}",
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"%{{y}}: %{{x:{UNITS[unit].number_format}}} {UNIT_LABELS[unit]} (%{{customdata}} projects)<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_xaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row, col=1)
        fig.update_yaxes(automargin=True, row=row, col=1)
    return Drawn(fig, valued)
