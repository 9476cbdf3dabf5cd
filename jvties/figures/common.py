"""Pieces every figure shares: the date axis fitted to the data, milestones on the time axis,
gap markers, and the base figure with the dashboard's template.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from jvties.data.labels import BASIS_LABELS, QUALIFIER_LABELS
from jvties.data.series import mid_year
from jvties.figures.theme import MILESTONE, NEUTRAL, TEMPLATE_NAME
from jvties.text import hover_note
from jvties.text import hover_text as esc


@dataclass(frozen=True)
class Drawn:
    """A figure and exactly the rows it draws: the page's CSV download and its source line are
    made from these rows, so they cannot differ from the chart."""

    figure: go.Figure
    rows: pd.DataFrame

    @functools.cached_property
    def source_ids(self) -> tuple[str, ...]:
        """The sources the drawn rows cite, each once, in order."""
        if "source_id" not in self.rows:
            return ()
        return tuple(sorted(set(self.rows["source_id"].dropna())))


YEAR_MS = 365.25 * 24 * 3600 * 1000
# A time axis of whole years: a tick at each 1 January, the label centred on its year.
YEAR_AXIS = dict(title_text="Calendar year", dtick="M12", tickformat="%Y", ticklabelmode="period")
# The same for half-width charts, the year written short ('19) so that each label fits.
NARROW_YEAR_AXIS = {**YEAR_AXIS, "tickformat": "’%y", "tickangle": 0}


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


UPGRADE_PREFIX = "Partnership upgrade"
# Milestones closer than this would print their numbers on top of each other: the later one
# is left out (a partnership upgrade is kept before any other milestone).
MILESTONE_MIN_GAP_DAYS = 200
MILESTONES_META = "milestones"  # where a figure lists the milestones it numbers


def thinned_milestones(milestones: pd.DataFrame, min_gap_days: int = MILESTONE_MIN_GAP_DAYS) -> pd.DataFrame:
    """The milestones a chart numbers, oldest first: none closer than `min_gap_days` to
    another, partnership upgrades chosen before other milestones."""
    upgrade = milestones["title"].astype(str).str.startswith(UPGRADE_PREFIX)
    chosen: list[pd.Timestamp] = []
    keep = []
    for index in [*milestones.index[upgrade], *milestones.index[~upgrade]]:
        date = milestones.at[index, "date"]
        if all(abs((date - other).days) >= min_gap_days for other in chosen):
            chosen.append(date)
            keep.append(index)
    return milestones.loc[keep].sort_values("date")


def add_milestones(fig: go.Figure, milestones: pd.DataFrame) -> go.Figure:
    """Numbers the milestones in the figure's span on its time axis (thinned where they crowd)
    with a dotted line for each partnership upgrade, and lists them in the figure's meta so the
    page can print the key beside the chart."""
    if milestones is None or milestones.empty:
        return fig
    span = x_span(fig)
    if span is not None:
        window = milestones["date"].between(span[0] - pd.DateOffset(months=6), span[1] + pd.DateOffset(months=6))
        milestones = milestones[window]
    if milestones.empty:
        return fig
    milestones = thinned_milestones(milestones)
    numbers = [str(n) for n in range(1, len(milestones) + 1)]
    upgrades = milestones[milestones["title"].astype(str).str.startswith(UPGRADE_PREFIX)]
    vertical_lines(fig, upgrades["date"])
    hover = [
        f"<b>{n}. {esc(t)}</b><br>{d:%d %b %Y}"
        for n, t, d in zip(numbers, milestones["title"], milestones["date"], strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=milestones["date"],
            y=[1.0] * len(milestones),
            yaxis=MILESTONE_AXIS,
            mode="markers+text",
            text=numbers,
            textposition="top center",
            textfont=dict(size=10, color=MILESTONE),
            marker=dict(symbol="triangle-down", size=10, color=MILESTONE),
            name="Milestone (diplomacy)",
            hovertext=hover,
            hoverinfo="text",
            cliponaxis=False,
        )
    )
    fig.update_layout(
        yaxis9=dict(overlaying="y", range=[0, 1.1], visible=False, fixedrange=True),
        meta={
            **(fig.layout.meta or {}),
            MILESTONES_META: [
                f"{n}. {d:%d %b %Y}: {t}"
                for n, t, d in zip(numbers, milestones["title"], milestones["date"], strict=True)
            ],
        },
    )
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
    add_trace(fig, trace, secondary_y)


def add_trace(fig: go.Figure, trace: go.Scatter, secondary_y: bool | None = None) -> None:
    """Adds a trace to a plain figure, or to one side of a figure made with secondary_y."""
    if secondary_y is None:
        fig.add_trace(trace)
    else:
        fig.add_trace(trace, secondary_y=secondary_y)


def currencies(units: pd.Series) -> list[str]:
    """The currencies present, yen first (one panel each: amounts are never converted)."""
    return [u for u in ("jpy_billion", "usd_million") if (units == u).any()] or ["jpy_billion"]


@dataclass(frozen=True)
class BasisStyle:
    """How one basis is drawn wherever it appears, so two bases never read as one series."""

    symbol: str  # marker of a point or line
    dash: str  # line between consecutive years on this basis
    bar_opacity: float
    bar_pattern: str  # Plotly pattern shape; "" for a solid bar


# The agency's full-year total and its year-end report are solid (the year-end report lighter);
# every other basis is hatched or open, so it stands apart from the agency's series.
BASIS_STYLES = {
    "agency_full_year": BasisStyle("square", "solid", 1.0, ""),
    "agency_year_end_report": BasisStyle("circle", "solid", 0.6, ""),
    "agency_to_date": BasisStyle("circle-open", "dot", 0.35, "/"),
    "statistics_office": BasisStyle("diamond", "dash", 0.3, "."),
    "jetro_approvals": BasisStyle("triangle-up", "dash", 0.3, "x"),
    "local_authority": BasisStyle("hexagon", "dot", 0.3, "-"),
    "estimate": BasisStyle("x", "dot", 0.2, "\\"),
    "official_statement": BasisStyle("star", "dot", 0.2, "+"),
    # Exchanges of notes are Japan's formal commitment (solid); signed loan agreements are a
    # different count, drawn lighter and dotted, so a year on that basis is not read as a dip.
    "exchange_of_notes": BasisStyle("square", "solid", 1.0, ""),
    "loan_agreement": BasisStyle("diamond", "dash", 0.55, "."),
}
OTHER_BASIS = BasisStyle("circle-open", "dot", 0.3, ".")


def basis_style(basis: str) -> BasisStyle:
    return BASIS_STYLES.get(basis, OTHER_BASIS)


def bases_in_order(frame: pd.DataFrame) -> list[str]:
    """The bases of `frame`'s rows, the agency's first, for a stable legend order."""
    present = [b for b in frame["basis"].dropna().unique()]
    order = list(BASIS_STYLES)
    return sorted(present, key=lambda b: order.index(b) if b in order else len(order))


def basis_text(basis: object) -> str:
    return BASIS_LABELS.get(str(basis), str(basis)) if isinstance(basis, str) and basis else "basis not given"


def qualified(text: str, qualifier: object) -> str:
    """'USD 5,000 million' as the source worded it: 'over USD 5,000 million'."""
    if isinstance(qualifier, str) and qualifier and qualifier != "exact":
        return f"{QUALIFIER_LABELS.get(qualifier, qualifier)} {text}"
    return text


def point_hover(rows: pd.DataFrame, lead: list[str], values: list[str]) -> list[str]:
    """One hover label per row: the lead text, the value (already formatted) as the source
    worded it, the basis, the note and, for an uncertain row, why."""
    return [
        f"{esc(first)}: {esc(qualified(value, qualifier))}<br><i>{esc(basis_text(basis))}</i>"
        + (f"<br>{hover_note(note)}" if hover_note(note) else "")
        + doubt_text(doubt)
        for first, value, qualifier, basis, note, doubt in zip(
            lead, values, rows["qualifier"], rows["basis"], rows["note"], rows["doubt"], strict=True
        )
    ]


def doubt_text(doubt: object) -> str:
    """The hover line of an uncertain row; empty for a row its page confirms."""
    return f"<br><b>Uncertain:</b> {hover_note(doubt)}" if isinstance(doubt, str) and doubt.strip() else ""


def uncertain_markers(
    fig: go.Figure, frame: pd.DataFrame, x: pd.Series, y: pd.Series, secondary_y: bool | None = None
) -> None:
    """An open ring around each uncertain point (or on top of each uncertain bar), with the
    reason on hover."""
    doubtful = frame["doubt"].fillna("").str.strip() != "" if "doubt" in frame else pd.Series(False, index=frame.index)
    if not doubtful.any():
        return
    rows = frame[doubtful]
    trace = go.Scatter(
        x=x[doubtful],
        y=y[doubtful],
        mode="markers",
        marker=dict(symbol="circle-open-dot", size=16, color=NEUTRAL, line=dict(width=2)),
        name="Uncertain (hover or tap for why)",
        hovertext=[f"Uncertain: {hover_note(d)}" for d in rows["doubt"]],
        hoverinfo="text",
    )
    add_trace(fig, trace, secondary_y)


CITATION_FONT = dict(size=11, color="#555555")
CITATION_LINE_PX = 16
CITATION_WRAP = 150


def with_citation(fig: go.Figure, lines: Sequence[str]) -> go.Figure:
    """A copy of `fig` for a picture that stands alone in a slide: the citation lines (source,
    as-of date, view, link) printed under its title. The shown figure is left as it is."""
    cited = go.Figure(fig.to_dict())
    wrapped = [part for line in lines for part in textwrap.wrap(str(line), CITATION_WRAP)]
    extra = CITATION_LINE_PX * len(wrapped) + 12
    title = cited.layout.title.text or ""
    top = cited.layout.margin.t if cited.layout.margin.t is not None else 80
    cited.update_layout(
        title=dict(
            text=title,
            subtitle=dict(text="<br>".join(esc(w) for w in wrapped), font=CITATION_FONT),
        ),
        margin=dict(t=top + extra),
        height=(cited.layout.height or 450) + extra,
    )
    return cited
