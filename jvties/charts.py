"""Plotly figure builders: DataFrames in, figures out, no Streamlit.

Every figure has a title and axis titles with units. Data text shown in hovers is escaped,
because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from jvties.text import hover_note as note_text
from jvties.text import hover_text as esc
from jvties.theme import (
    DIRECTION_COLORS,
    DIRECTION_LABELS,
    EVENT_TYPE_LABELS,
    JAPAN_RED,
    MILESTONE,
    NEUTRAL,
    PARTNER_COLORS,
    PARTNER_LABELS,
    TEMPLATE_NAME,
    UNIT_LABELS,
)

YEAR_MS = 365.25 * 24 * 3600 * 1000
MILESTONE_AXIS = "y9"


def mid_year(years: pd.Series) -> pd.Series:
    return pd.to_datetime(years.astype(int).astype(str) + "-07-01")


def _base(title: str, height: int = 420) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE_NAME, title=title, height=height)
    return fig


def _x_span(fig: go.Figure) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last date the figure's data traces draw, so markers never widen the axis."""
    dates = [pd.Timestamp(x) for trace in fig.data if trace.x is not None for x in trace.x if x is not None]
    return (min(dates), max(dates)) if dates else None


def _fit_x_to_data(fig: go.Figure, whole_years: bool) -> None:
    """Pins the date axis to what the data traces draw: from 1 January of the first year to
    31 December of the last one for yearly bars, or a quarter either side of dated points.
    Plotly's own padding for sparse bar traces on a date axis adds years that hold nothing."""
    span = _x_span(fig)
    if span is None:
        return
    first, last = span
    if whole_years:
        low, high = pd.Timestamp(year=first.year, month=1, day=1), pd.Timestamp(year=last.year, month=12, day=31)
    else:
        low, high = first - pd.DateOffset(months=3), last + pd.DateOffset(months=3)
    fig.update_xaxes(range=[low, high])


def _vertical_lines(fig: go.Figure, dates: pd.Series) -> None:
    """Dotted full-height lines at `dates`, set in one layout update (add_shape per line is slow)."""
    line = dict(color=MILESTONE, width=1, dash="dot")
    new = [dict(type="line", x0=d, x1=d, xref="x", y0=0, y1=1, yref="paper", line=line, layer="below") for d in dates]
    fig.update_layout(shapes=[*fig.layout.shapes, *new])


def add_milestones(fig: go.Figure, milestones: pd.DataFrame) -> go.Figure:
    """Draws each milestone event as a dotted vertical line with a hoverable marker on top."""
    if milestones is None or milestones.empty:
        return fig
    span = _x_span(fig)
    if span is not None:
        window = milestones["date"].between(span[0] - pd.DateOffset(months=6), span[1] + pd.DateOffset(months=6))
        milestones = milestones[window]
    if milestones.empty:
        return fig
    _vertical_lines(fig, milestones["date"])
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


def _gap_markers(fig: go.Figure, frame: pd.DataFrame, label: str, secondary_y: bool | None = None) -> None:
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


def fdi_annual(
    capital: pd.DataFrame, projects: pd.DataFrame, capital_ytd: pd.DataFrame, milestones: pd.DataFrame | None = None
) -> go.Figure:
    """Japan's registered FDI capital by year (bars) and new projects (line, right axis)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(
        template=TEMPLATE_NAME,
        title="Japan's registered FDI capital in Viet Nam by year",
        height=440,
        barmode="overlay",
    )
    shown = capital.dropna(subset=["value"])
    fig.add_trace(
        go.Bar(
            x=mid_year(shown["year"]),
            y=shown["value"],
            width=0.8 * YEAR_MS,
            marker_color=JAPAN_RED,
            name="Registered capital (USD million)",
            customdata=list(zip(shown["year"], [note_text(n) for n in shown["note"]], strict=True)),
            hovertemplate="%{customdata[0]}: USD %{y:,.0f} million<br>%{customdata[1]}<extra>Registered capital</extra>",
        ),
        secondary_y=False,
    )
    if not capital_ytd.empty:
        fig.add_trace(
            go.Bar(
                x=mid_year(capital_ytd["year"]),
                y=capital_ytd["value"],
                width=0.8 * YEAR_MS,
                marker=dict(color="rgba(188,0,45,0.25)", line=dict(color=JAPAN_RED, width=1.5), pattern_shape="/"),
                name="Year to date (not a full year)",
                customdata=list(
                    zip(
                        capital_ytd["year"],
                        capital_ytd["period_end"].dt.strftime("%d %b %Y"),
                        [note_text(n) for n in capital_ytd["note"]],
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[0]} to %{customdata[1]}: USD %{y:,.0f} million<br>%{customdata[2]}"
                "<extra>Year to date</extra>",
            ),
            secondary_y=False,
        )
    _gap_markers(fig, capital, "registered capital", secondary_y=False)
    if projects["value"].notna().any():
        # Missing years stay in the trace as None so the line breaks instead of bridging them.
        fig.add_trace(
            go.Scatter(
                x=mid_year(projects["year"]),
                y=projects["value"].astype(object).where(projects["value"].notna(), None),
                mode="lines+markers",
                line=dict(color="#1f2933", width=2),
                connectgaps=False,
                name="New projects (right axis)",
                customdata=projects[["year"]],
                hovertemplate="%{customdata[0]}: %{y:,.0f} new projects<extra></extra>",
            ),
            secondary_y=True,
        )
    fig.update_yaxes(title_text="Registered capital (USD million)", rangemode="tozero", secondary_y=False)
    # "auto" ticks: plotly.js otherwise syncs an overlaying axis to the primary grid (78, 157, 235...).
    fig.update_yaxes(
        title_text="New projects (number)",
        rangemode="tozero",
        showgrid=False,
        tickformat=",d",
        tickmode="auto",
        secondary_y=True,
    )
    fig.update_xaxes(title_text="Calendar year", dtick="M12", tickformat="%Y", ticklabelmode="period")
    _fit_x_to_data(fig, whole_years=True)
    return add_milestones(fig, milestones)


def fdi_compare(
    annual_by_partner: pd.DataFrame, milestones: pd.DataFrame | None = None, year_end: pd.DataFrame | None = None
) -> go.Figure:
    """Registered FDI capital by year for Japan and the other top investors (one line each).

    `year_end` holds figures from year-end reports that stop in late December; they are drawn
    as open markers, apart from the full-year lines."""
    fig = _base("Registered FDI capital in Viet Nam by investor and year", 480)
    for partner, rows in annual_by_partner.groupby("partner", sort=False):
        label = PARTNER_LABELS.get(partner, partner)
        color = PARTNER_COLORS.get(partner, NEUTRAL)
        fig.add_trace(
            go.Scatter(
                x=mid_year(rows["year"]),
                y=rows["value"].astype(object).where(rows["value"].notna(), None),
                mode="lines+markers",
                connectgaps=False,
                name=label,
                legendgroup=partner,
                line=dict(color=color, width=3 if partner == "JPN" else 1.8),
                customdata=list(zip(rows["year"], [note_text(n) for n in rows["note"]], strict=True)),
                hovertemplate=f"{esc(label)}, %{{customdata[0]}}: USD %{{y:,.0f}} million<br>%{{customdata[1]}}<extra></extra>",
            )
        )
        partial = year_end[year_end["partner"] == partner] if year_end is not None else pd.DataFrame()
        if len(partial):
            fig.add_trace(
                go.Scatter(
                    x=mid_year(partial["year"]),
                    y=partial["value"],
                    mode="markers",
                    name=f"{label}, year-end report (to mid/late Dec)",
                    legendgroup=partner,
                    showlegend=False,
                    marker=dict(color="white", size=9, line=dict(color=color, width=2)),
                    customdata=list(
                        zip(
                            partial["period_end"].dt.strftime("%d %b %Y"),
                            [note_text(n) for n in partial["note"]],
                            strict=True,
                        )
                    ),
                    hovertemplate=f"{esc(label)}: USD %{{y:,.0f}} million to %{{customdata[0]}} (year-end report, not a full year)"
                    "<br>%{customdata[1]}<extra></extra>",
                )
            )
    fig.update_yaxes(title_text="Registered capital (USD million)", rangemode="tozero")
    fig.update_xaxes(title_text="Calendar year", dtick="M12", tickformat="%Y", ticklabelmode="period")
    _fit_x_to_data(fig, whole_years=True)
    return add_milestones(fig, milestones)


def cumulative(capital: pd.DataFrame, projects: pd.DataFrame, milestones: pd.DataFrame | None = None) -> go.Figure:
    """Japan's cumulative FDI stock at the dates sources report it: points, not a line, so
    nothing is drawn between snapshots."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.update_layout(
        template=TEMPLATE_NAME,
        title="Japan's cumulative FDI in Viet Nam (valid projects) at reported dates",
        height=440,
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
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=projects["period_end"],
            y=projects["value"],
            mode="markers",
            marker=dict(size=9, color="#1f2933", symbol="diamond-open", line=dict(width=2)),
            name="Valid projects (right axis)",
            customdata=[note_text(n) for n in projects["note"]],
            hovertemplate="As of %{x|%d %b %Y}: %{y:,.0f} projects<br>%{customdata}<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_yaxes(title_text="Cumulative registered capital (USD million)", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title_text="Valid projects (number)", rangemode="tozero", showgrid=False, tickmode="auto", secondary_y=True
    )
    fig.update_xaxes(title_text="Date of the snapshot")
    _fit_x_to_data(fig, whole_years=False)
    return add_milestones(fig, milestones)


def breakdown(
    frame: pd.DataFrame, by: str, title: str, colors: dict[str, str] | None = None, labels: dict[str, str] | None = None
) -> go.Figure:
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
    fig = _base(title, max(300, 60 + 34 * len(rows)))
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
    return fig


def fiscal_year_label(period_end: pd.Series) -> pd.Series:
    """Japanese fiscal year N runs from April N to March N+1, so it ends in year N+1."""
    return "FY" + (period_end.dt.year - 1).astype(str)


def oda_commitments(frame: pd.DataFrame, milestones: pd.DataFrame | None = None) -> go.Figure:
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
                    hovertemplate=f"%{{customdata[0]}}: %{{y:,.1f}} {UNIT_LABELS[unit]}<br>%{{customdata[1]}}<extra></extra>",
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
                    hovertemplate=f"For %{{customdata[0]}}: %{{y:,.1f}} {UNIT_LABELS[unit]}<br>%{{customdata[1]}}<extra></extra>",
                ),
                row=row_number,
                col=1,
            )
        fig.update_yaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row_number, col=1)
    fig.update_xaxes(title_text="Period (bars centred on the fiscal or calendar year)", row=len(units), col=1)
    return add_milestones(fig, milestones)


def points_over_time(
    frame: pd.DataFrame, title: str, y_title: str, hover_unit: str, milestones: pd.DataFrame | None = None
) -> go.Figure:
    """Values at their reported dates (for shares and cumulative totals): points only."""
    fig = _base(title)
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
    return add_milestones(fig, milestones)


def projects_by_sector(projects: pd.DataFrame, colors: dict[str, str], labels: dict[str, str]) -> go.Figure:
    """Number of projects by sector (bars coloured by sector)."""
    counts = projects.groupby("sector", observed=True).size().sort_values()
    fig = _base("Projects by sector (number)", max(300, 60 + 34 * len(counts)))
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
    return fig


def project_values_by_sector(projects: pd.DataFrame, colors: dict[str, str], labels: dict[str, str]) -> go.Figure:
    """Sum of stated project values by sector, one panel per unit (yen and dollars are not added).

    Panels are stacked, not side by side, so that long sector names never run into the next
    panel in a half-width column."""
    valued = projects.dropna(subset=["value"])
    units = [u for u in ("jpy_billion", "usd_million") if (valued["value_unit"] == u).any()] or ["jpy_billion"]
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
                hovertemplate=f"%{{y}}: %{{x:,.1f}} {UNIT_LABELS[unit]} (%{{customdata}} projects)<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_xaxes(title_text=UNIT_LABELS[unit], rangemode="tozero", row=row, col=1)
        fig.update_yaxes(automargin=True, row=row, col=1)
    return fig


def timeline(events: pd.DataFrame) -> go.Figure:
    """Events on a date axis, one lane per event type, coloured by direction; milestones are stars."""
    fig = _base("High-level exchanges and milestones, Japan–Viet Nam", 520)
    lanes = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPE_LABELS if (events["event_type"] == t).any()]
    for direction, rows in events.groupby("direction", observed=True, sort=False):
        hover = [
            f"<b>{esc(r.title)}</b><br>{r.date:%d %b %Y} · {esc(r.place)}<br>Japan: {esc(r.japan_side)}<br>Viet Nam: {esc(r.vietnam_side)}<br>{esc(r.summary)}"
            for r in rows.itertuples()
        ]
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["event_type"].map(EVENT_TYPE_LABELS),
                mode="markers",
                name=DIRECTION_LABELS[direction],
                marker=dict(
                    color=DIRECTION_COLORS[direction],
                    size=[18 if m else 11 for m in rows["milestone"]],
                    symbol=["star" if m else "circle" for m in rows["milestone"]],
                    line=dict(color="white", width=1),
                    opacity=0.85,
                ),
                hovertext=hover,
                hoverinfo="text",
            )
        )
    _vertical_lines(fig, events.loc[events["milestone"], "date"])
    fig.update_yaxes(title_text="Type of event", categoryorder="array", categoryarray=lanes[::-1], type="category")
    fig.update_xaxes(title_text="Date (stars and dotted lines: partnership upgrades and milestones)")
    return fig


def sparkline(x: pd.Series, y: pd.Series, title: str, y_title: str, bars: bool = True) -> go.Figure:
    fig = _base(title, 230)
    trace = (
        go.Bar(x=x, y=y, marker_color=JAPAN_RED)
        if bars
        else go.Scatter(x=x, y=y, mode="markers", marker=dict(color=JAPAN_RED, size=8))
    )
    fig.add_trace(trace)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10), showlegend=False, title=dict(font=dict(size=14)))
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    fig.update_xaxes(showgrid=False)
    return fig
