"""FDI figures: Japan's registered capital by year, Japan beside other investors, the
cumulative stock at reported dates, and its breakdown by sector or province.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jvties.data.labels import PARTNER_LABELS
from jvties.data.series import mid_year
from jvties.figures.common import (
    YEAR_AXIS,
    YEAR_MS,
    Drawn,
    add_milestones,
    base_figure,
    bases_in_order,
    basis_style,
    basis_text,
    fit_x_to_data,
    gap_markers,
    point_hover,
    uncertain_markers,
)
from jvties.figures.theme import JAPAN_RED, NEUTRAL, PARTNER_COLORS, TEMPLATE_NAME
from jvties.text import hover_note as note_text
from jvties.text import hover_text as esc


def _point_hover(rows: pd.DataFrame, lead: list[str], unit_text: str = "USD {:,.0f} million") -> list[str]:
    return point_hover(rows, lead, [unit_text.format(v) for v in rows["value"]])


def fdi_annual(
    capital: pd.DataFrame, projects: pd.DataFrame, capital_ytd: pd.DataFrame, milestones: pd.DataFrame | None = None
) -> Drawn:
    """Japan's registered FDI capital by year (bars, one trace per basis) and new projects
    (line, right axis, broken where the basis changes)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(
        template=TEMPLATE_NAME,
        title="Japan's registered FDI capital in Viet Nam by year",
        height=460,
        barmode="overlay",
    )
    shown = capital.dropna(subset=["value"])
    for basis in bases_in_order(shown):
        rows = shown[shown["basis"] == basis]
        style = basis_style(basis)
        fig.add_trace(
            go.Bar(
                x=mid_year(rows["year"]),
                y=rows["value"],
                width=0.8 * YEAR_MS,
                marker=dict(
                    color=JAPAN_RED,
                    opacity=style.bar_opacity,
                    pattern_shape=style.bar_pattern,
                    line=dict(color=JAPAN_RED, width=1.5),
                ),
                name=f"Capital: {basis_text(basis)}",
                hovertext=_point_hover(rows, [str(y) for y in rows["year"]]),
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            secondary_y=False,
        )
    uncertain_markers(fig, shown, mid_year(shown["year"]), shown["value"], secondary_y=False)
    if not capital_ytd.empty:
        fig.add_trace(
            go.Bar(
                x=mid_year(capital_ytd["year"]),
                y=capital_ytd["value"],
                width=0.8 * YEAR_MS,
                marker=dict(color="rgba(188,0,45,0.25)", line=dict(color=JAPAN_RED, width=1.5), pattern_shape="/"),
                name="Year to date (not a full year)",
                hovertext=_point_hover(
                    capital_ytd,
                    [
                        f"{y} to {d:%d %b %Y}"
                        for y, d in zip(capital_ytd["year"], capital_ytd["period_end"], strict=True)
                    ],
                ),
                hovertemplate="%{hovertext}<extra>Year to date</extra>",
            ),
            secondary_y=False,
        )
    gap_markers(fig, capital, "registered capital", secondary_y=False)
    if projects["value"].notna().any():
        counted = projects.dropna(subset=["value"])
        for basis in bases_in_order(counted):
            # Missing years and years on another basis stay in the trace as None, so the line
            # breaks there instead of joining two bases.
            on_basis = projects["basis"] == basis
            fig.add_trace(
                go.Scatter(
                    x=mid_year(projects["year"]),
                    y=projects["value"].astype(object).where(on_basis & projects["value"].notna(), None),
                    mode="lines+markers",
                    line=dict(color="#1f2933", width=2, dash=basis_style(basis).dash),
                    marker=dict(symbol=basis_style(basis).symbol, size=8),
                    connectgaps=False,
                    name=f"New projects, {basis_text(basis)} (right axis)",
                    hovertext=_point_hover(projects, [str(y) for y in projects["year"]], "{:,.0f} new projects"),
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                secondary_y=True,
            )
    fig.update_yaxes(title_text="USD million", rangemode="tozero", secondary_y=False)
    # "auto" ticks: plotly.js otherwise syncs an overlaying axis to the primary grid (78, 157, 235...).
    fig.update_yaxes(
        title_text="New projects",
        rangemode="tozero",
        showgrid=False,
        tickformat=",d",
        tickmode="auto",
        secondary_y=True,
    )
    fig.update_xaxes(**YEAR_AXIS)
    fit_x_to_data(fig, whole_years=True)
    drawn = pd.concat(
        [
            shown.assign(indicator="fdi_registered_capital"),
            capital_ytd.assign(indicator="fdi_registered_capital"),
            projects.dropna(subset=["value"]).assign(indicator="fdi_new_projects"),
        ],
        ignore_index=True,
    )
    return Drawn(add_milestones(fig, milestones), drawn)


def fdi_compare(annual_by_partner: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Registered FDI capital by year for Japan and the other top investors.

    One line per investor and basis: a line joins only consecutive years on the same basis
    (the marker says which), so a change of basis is a break, never a slope."""
    fig = base_figure("Registered FDI capital in Viet Nam by investor and year", 500)
    shown = annual_by_partner.dropna(subset=["value"])
    for partner, rows in annual_by_partner.groupby("partner", sort=False):
        label = PARTNER_LABELS.get(partner, partner)
        color = PARTNER_COLORS.get(partner, NEUTRAL)
        for number, basis in enumerate(bases_in_order(rows.dropna(subset=["value"]))):
            on_basis = (rows["basis"] == basis) & rows["value"].notna()
            style = basis_style(basis)
            fig.add_trace(
                go.Scatter(
                    x=mid_year(rows["year"]),
                    y=rows["value"].astype(object).where(on_basis, None),
                    mode="lines+markers",
                    connectgaps=False,
                    name=label,
                    legendgroup=partner,
                    showlegend=number == 0,
                    line=dict(color=color, width=3 if partner == "JPN" else 1.8, dash=style.dash),
                    marker=dict(symbol=style.symbol, size=8, color=color),
                    hovertext=_point_hover(rows, [f"{label}, {y}" for y in rows["year"]]),
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    for basis in bases_in_order(shown):
        # Legend entries for the marker shapes: which basis each point is on.
        style = basis_style(basis)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name=f"Marker: {basis_text(basis)}",
                line=dict(color=NEUTRAL, dash=style.dash),
                marker=dict(symbol=style.symbol, size=8, color=NEUTRAL),
                legendgroup=f"basis-{basis}",
            )
        )
    uncertain_markers(fig, shown, mid_year(shown["year"]), shown["value"])
    fig.update_yaxes(title_text="USD million", rangemode="tozero")
    fig.update_xaxes(**YEAR_AXIS)
    # One hover box for the year: every investor's figure in it, not the nearest line's alone.
    fig.update_layout(hovermode="x unified")
    fit_x_to_data(fig, whole_years=True)
    return Drawn(add_milestones(fig, milestones), shown.reset_index(drop=True))


def cumulative(capital: pd.DataFrame, projects: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Japan's cumulative FDI stock at the dates sources report it: capital above, the number
    of valid projects below on the same dates, so points of one snapshot never hide each other.
    Points, not lines: nothing is drawn between snapshots."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.6, 0.4])
    fig.update_layout(
        template=TEMPLATE_NAME,
        title="Japan's cumulative FDI in Viet Nam (valid projects) at reported dates",
        height=520,
    )
    fig.add_trace(
        go.Scatter(
            x=capital["period_end"],
            y=capital["value"],
            mode="markers",
            marker=dict(size=10, color=JAPAN_RED),
            name="Cumulative capital (USD million)",
            customdata=[note_text(n) for n in capital["note"]],
            hovertemplate="As of %{x|%d %b %Y}: USD %{y:,.0f} million<br>%{customdata}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=projects["period_end"],
            y=projects["value"],
            mode="markers",
            marker=dict(size=9, color="#1f2933", symbol="diamond-open", line=dict(width=2)),
            name="Valid projects (lower panel)",
            customdata=[note_text(n) for n in projects["note"]],
            hovertemplate="As of %{x|%d %b %Y}: %{y:,.0f} projects<br>%{customdata}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.update_yaxes(title_text="USD million", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Valid projects", rangemode="tozero", tickformat=",d", row=2, col=1)
    fig.update_xaxes(title_text="Date of the snapshot", row=2, col=1)
    fit_x_to_data(fig, whole_years=False)
    return Drawn(add_milestones(fig, milestones), pd.concat([capital, projects], ignore_index=True))


def breakdown(
    frame: pd.DataFrame, by: str, title: str, colors: dict[str, str] | None = None, labels: dict[str, str] | None = None
) -> Drawn:
    """Horizontal bars of a cumulative breakdown, largest on top.

    When the bars come from different dates, each label carries its own date, so figures of
    different vintages are never read as one snapshot; otherwise the title gives the date."""
    rows = frame.sort_values("value")
    names = rows[by].map(labels).fillna(rows[by]) if labels else rows[by]
    if rows["period_end"].nunique() > 1:
        names = names + rows["period_end"].dt.strftime(" (%b %Y)")
    elif len(rows):
        title = f"{title}, as of {rows['period_end'].iloc[0]:%d %b %Y}"
    bar_colors = rows[by].map(colors).fillna(NEUTRAL).tolist() if colors else JAPAN_RED
    fig = base_figure(title, max(300, 60 + 34 * len(rows)))
    fig.add_trace(
        go.Bar(
            x=rows["value"],
            y=[esc(n) for n in names],
            orientation="h",
            marker_color=bar_colors,
            customdata=list(
                zip(rows["period_end"].dt.strftime("%d %b %Y"), [note_text(n) for n in rows["note"]], strict=True)
            ),
            hovertemplate="%{y}: USD %{x:,.0f} million (as of %{customdata[0]})<br>%{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    # Short axis title: these charts sit in half-width columns.
    fig.update_xaxes(title_text="USD million, cumulative", rangemode="tozero")
    fig.update_yaxes(title_text=None, automargin=True)
    return Drawn(fig, frame)
