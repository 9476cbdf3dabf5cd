"""ODA figures: commitments by Japanese fiscal year in their own currency, and values at
reported dates (cumulative totals, shares).

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jvties.data.labels import QUALIFIER_LABELS, UNIT_LABELS, UNITS
from jvties.figures.common import (
    YEAR_MS,
    Drawn,
    add_milestones,
    base_figure,
    bases_in_order,
    basis_style,
    basis_text,
    currencies,
    point_hover,
    uncertain_markers,
)
from jvties.figures.theme import JAPAN_RED, NEUTRAL, TEMPLATE_NAME


def fiscal_year_label(period_end: pd.Series) -> pd.Series:
    """Japanese fiscal year N runs from April N to March N+1, so it ends in year N+1."""
    return "FY" + (period_end.dt.year - 1).astype(str)


def _hover(rows: pd.DataFrame, lead: list[str], unit: str) -> list[str]:
    number_format = (UNITS[unit].number_format if unit in UNITS else None) or ",.1f"
    label = "%" if unit == "percent" else f" {UNIT_LABELS.get(unit, unit)}"
    return point_hover(rows, lead, [format(value, number_format) + label for value in rows["value"]])


def _unit_panels(units: list[str], title: str, height_each: int) -> go.Figure:
    fig = make_subplots(
        rows=len(units),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=[f"In {UNIT_LABELS[u]}" for u in units],
    )
    fig.update_layout(template=TEMPLATE_NAME, title=title, height=220 + height_each * len(units), showlegend=True)
    return fig


def oda_commitments(frame: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """ODA commitments by period in their native unit (one panel per unit, never converted),
    one bar trace per basis: exchanges of notes, loan agreements and other counts apart."""
    units = currencies(frame["unit"])
    fig = _unit_panels(units, "Japan's ODA commitments to Viet Nam by year (native units, not converted)", 200)
    for row_number, unit in enumerate(units, start=1):
        rows = frame[frame["unit"] == unit]
        fiscal = rows[rows["period_type"] == "fiscal_year_jp"]
        pledges = rows[rows["period_type"] != "fiscal_year_jp"]
        partial = (
            fiscal["partial"].fillna(False).astype(bool)
            if "partial" in fiscal
            else pd.Series(False, index=fiscal.index)
        )
        for basis in bases_in_order(fiscal):
            for is_partial in (False, True):
                part = fiscal[(fiscal["basis"] == basis) & (partial == is_partial)]
                if part.empty:
                    continue
                name = basis_text(basis) + (", part of the year or expected" if is_partial else "")
                fig.add_trace(
                    go.Bar(
                        x=part["period_end"] - pd.Timedelta(days=182),
                        y=part["value"],
                        width=0.8 * YEAR_MS,
                        name=f"{name} ({UNIT_LABELS[unit]})",
                        marker=dict(
                            color=JAPAN_RED,
                            opacity=0.35 if is_partial else basis_style(basis).bar_opacity,
                            pattern_shape="/" if is_partial else basis_style(basis).bar_pattern,
                            line=dict(color=JAPAN_RED, width=1.5),
                        ),
                        hovertext=_hover(part, list(fiscal_year_label(part["period_end"])), unit),
                        hovertemplate="%{hovertext}<extra></extra>",
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
                    name=f"{basis_text('donor_pledge')}, for the calendar year ({UNIT_LABELS[unit]})",
                    hovertext=_hover(pledges, [f"For {y}" for y in pledges["period_end"].dt.year], unit),
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                row=row_number,
                col=1,
            )
        uncertain_markers(fig, rows, rows["period_end"] - pd.Timedelta(days=182), rows["value"])
        fig.update_yaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row_number, col=1)
    fig.update_xaxes(title_text="Fiscal or calendar year", row=len(units), col=1)
    return Drawn(add_milestones(fig, milestones), frame)


BASIS_COLORS = {
    "oda_all_commitments": JAPAN_RED,
    "oda_loans_only": "#1f4e9c",
    "official_statement": NEUTRAL,
    "oda_share_all_donors": JAPAN_RED,
    "oda_share_bilateral": "#1f4e9c",
    "oda_share_annual_receipts": "#2a9d8f",
}
QUALIFIER_SYMBOLS = {
    "over": "triangle-up",
    "under": "triangle-down",
    "exact": "circle",
    "about": "circle-open",
    "nearly": "triangle-down-open",
}


def cumulative_by_basis(frame: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Japan's cumulative ODA at reported dates: one panel per currency, one line per basis
    (all ODA committed, yen loans only, statements whose counting is not given)."""
    units = currencies(frame["unit"])
    fig = _unit_panels(units, "Japan's cumulative ODA to Viet Nam at reported dates", 190)
    for row_number, unit in enumerate(units, start=1):
        rows = frame[frame["unit"] == unit].sort_values("period_end")
        for basis in bases_in_order(rows):
            on_basis = rows[rows["basis"] == basis]
            fig.add_trace(
                go.Scatter(
                    x=on_basis["period_end"],
                    y=on_basis["value"],
                    mode="lines+markers",
                    line=dict(color=BASIS_COLORS.get(basis, NEUTRAL), width=2),
                    marker=dict(
                        size=10,
                        color=BASIS_COLORS.get(basis, NEUTRAL),
                        symbol=[QUALIFIER_SYMBOLS.get(q, "circle") for q in on_basis["qualifier"]],
                    ),
                    name=f"{basis_text(basis)} ({UNIT_LABELS[unit]})",
                    legendgroup=basis,
                    hovertext=_hover(on_basis, [f"As of {d:%d %b %Y}" for d in on_basis["period_end"]], unit),
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                row=row_number,
                col=1,
            )
        uncertain_markers(fig, rows, rows["period_end"], rows["value"])
        fig.update_yaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row_number, col=1)
    fig.update_xaxes(title_text="Date the total refers to", row=len(units), col=1)
    return Drawn(add_milestones(fig, milestones), frame)


def share_statements(frame: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Japan's share of Viet Nam's ODA as dated statements, not a trend: each point is one
    statement, coloured by what it is a share of, shaped by its wording (a triangle pointing up
    is "over": a lower bound)."""
    fig = base_figure("Statements of Japan's share of Viet Nam's ODA", 440)
    for basis in bases_in_order(frame):
        rows = frame[frame["basis"] == basis]
        fig.add_trace(
            go.Scatter(
                x=rows["period_end"],
                y=rows["value"],
                mode="markers",
                marker=dict(
                    size=12,
                    color=BASIS_COLORS.get(basis, NEUTRAL),
                    symbol=[QUALIFIER_SYMBOLS.get(q, "circle") for q in rows["qualifier"]],
                    line=dict(width=1.5, color=BASIS_COLORS.get(basis, NEUTRAL)),
                ),
                name=basis_text(basis),
                hovertext=_hover(rows, [f"Stated {d:%d %b %Y}" for d in rows["period_end"]], "percent"),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    for qualifier in [q for q in QUALIFIER_SYMBOLS if (frame["qualifier"] == q).any()]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(size=10, color=NEUTRAL, symbol=QUALIFIER_SYMBOLS[qualifier]),
                name=f"Wording: {QUALIFIER_LABELS.get(qualifier, qualifier)}",
            )
        )
    uncertain_markers(fig, frame, frame["period_end"], frame["value"])
    fig.update_yaxes(title_text="Share (%)", rangemode="tozero", ticksuffix="%")
    fig.update_xaxes(title_text="Date of the statement")
    return Drawn(add_milestones(fig, milestones), frame)
