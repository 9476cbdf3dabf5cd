"""ODA figures: commitments by Japanese fiscal year in their own currency, and values at
reported dates (cumulative totals, shares).

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jvties.data.labels import UNIT_LABELS, UNITS
from jvties.figures.common import (
    YEAR_MS,
    Drawn,
    add_milestones,
    base_figure,
)
from jvties.figures.theme import JAPAN_RED, TEMPLATE_NAME
from jvties.text import hover_note as note_text


def fiscal_year_label(period_end: pd.Series) -> pd.Series:
    """Japanese fiscal year N runs from April N to March N+1, so it ends in year N+1."""
    return "FY" + (period_end.dt.year - 1).astype(str)


def oda_commitments(frame: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """ODA commitments by period in their native unit: one panel per unit, never converted."""
    units = [u for u in ("jpy_billion", "usd_million") if (frame["unit"] == u).any()] or ["jpy_billion"]
    fig = make_subplots(
        rows=len(units),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=[f"In {UNIT_LABELS[u]}" for u in units],
    )
    fig.update_layout(
        template=TEMPLATE_NAME,
        title="Japan's ODA commitments to Viet Nam by year (native units, not converted)",
        height=260 + 200 * len(units),
        showlegend=True,
    )
    for row_number, unit in enumerate(units, start=1):
        rows = frame[frame["unit"] == unit]
        fiscal = rows[rows["period_type"] == "fiscal_year_jp"]
        pledges = rows[rows["period_type"] != "fiscal_year_jp"]
        partial = fiscal["partial"] if "partial" in fiscal else pd.Series(False, index=fiscal.index)
        hatched = dict(color="rgba(188,0,45,0.25)", line=dict(color=JAPAN_RED, width=1.5), pattern_shape="/")
        for part, label, marker in (
            (fiscal[~partial], "Signed or announced, Japanese fiscal year", dict(color=JAPAN_RED)),
            (fiscal[partial], "Part of the fiscal year only, or an expected total", hatched),
        ):
            if part.empty:
                continue
            fig.add_trace(
                go.Bar(
                    x=part["period_end"] - pd.Timedelta(days=182),
                    y=part["value"],
                    width=0.8 * YEAR_MS,
                    name=f"{label} ({UNIT_LABELS[unit]})",
                    marker=marker,
                    customdata=list(
                        zip(fiscal_year_label(part["period_end"]), [note_text(n) for n in part["note"]], strict=True)
                    ),
                    hovertemplate=f"%{{customdata[0]}}: %{{y:{UNITS[unit].number_format}}} {UNIT_LABELS[unit]}<br>%{{customdata[1]}}<extra></extra>",
                ),
                row=row_number,
                col=1,
            )
        if len(pledges):
            # Pledges at donor meetings overlap the fiscal-year packages, so they are points, not bars.
            fig.add_trace(
                go.Scatter(
                    x=pledges["period_end"] - pd.Timedelta(days=182),
                    y=pledges["value"],
                    mode="markers",
                    marker=dict(symbol="diamond", size=11, color="#e8a33d", line=dict(color="#7a4f00", width=1)),
                    name=f"Pledged at the donors' meeting, for the calendar year ({UNIT_LABELS[unit]})",
                    customdata=list(
                        zip(
                            pledges["period_end"].dt.year.astype(str),
                            [note_text(n) for n in pledges["note"]],
                            strict=True,
                        )
                    ),
                    hovertemplate=f"For %{{customdata[0]}}: %{{y:{UNITS[unit].number_format}}} {UNIT_LABELS[unit]}<br>%{{customdata[1]}}<extra></extra>",
                ),
                row=row_number,
                col=1,
            )
        fig.update_yaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row_number, col=1)
    fig.update_xaxes(title_text="Period (bars centred on the fiscal or calendar year)", row=len(units), col=1)
    return Drawn(add_milestones(fig, milestones), frame)


def points_over_time(
    frame: pd.DataFrame, title: str, y_title: str, hover_unit: str, milestones: pd.DataFrame | None = None
) -> Drawn:
    """Values at their reported dates (for shares and cumulative totals): points only."""
    fig = base_figure(title)
    for unit, rows in frame.groupby("unit", observed=True, sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                mode="markers",
                marker=dict(size=10, color=JAPAN_RED if unit != "usd_million" else "#e8a33d"),
                name=UNIT_LABELS.get(unit, unit),
                customdata=[note_text(n) for n in rows["note"]],
                hovertemplate=f"As of %{{x|%b %Y}}: %{{y:,.1f}} {hover_unit or UNIT_LABELS.get(unit, unit)}<br>%{{customdata}}<extra></extra>",
            )
        )
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    fig.update_xaxes(title_text="Date the figure refers to")
    return Drawn(add_milestones(fig, milestones), frame)
