"""The timeline of visits, agreements and milestones.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jvties.data.labels import DIRECTION_LABELS, EVENT_TYPE_LABELS
from jvties.figures.common import (
    Drawn,
    base_figure,
    vertical_lines,
)
from jvties.figures.theme import DIRECTION_COLORS, NEUTRAL
from jvties.text import hover_text as esc
from jvties.text import md_text

# Two markers on one row of a lane stay this share of the axis apart: a marker is about 1 %
# of a desktop chart's width, so at 1.5 % none touches another.
STACK_GAP_SHARE = 0.015
MIN_STACK_GAP_DAYS = 7
MAX_ROW_SPACING = 0.22  # in lanes; rows squeeze closer when a lane needs more of them
LANE_HEIGHT_USED = 0.88
MILESTONE_SYMBOL = "star"


def stack_gap_days(dates: pd.Series) -> int:
    """How far apart two events on one row must be, for the dates shown."""
    if dates.empty:
        return MIN_STACK_GAP_DAYS
    return max(MIN_STACK_GAP_DAYS, int((dates.max() - dates.min()).days * STACK_GAP_SHARE))


def stacked_rows(dates: pd.Series, gap_days: int) -> pd.Series:
    """The offset of each event from its lane's centre: an event goes on the first row whose
    last event is more than `gap_days` earlier, opening a row when none is, so no two
    markers on a row overlap; rows alternate above and below the centre."""
    last: list[pd.Timestamp] = []
    rows = pd.Series(0, index=dates.index)
    for index, date in dates.sort_values(kind="stable").items():
        free = next((i for i, seen in enumerate(last) if (date - seen).days > gap_days), None)
        if free is None:
            last.append(date)
            free = len(last) - 1
        last[free] = date
        rows[index] = free
    spacing = min(MAX_ROW_SPACING, LANE_HEIGHT_USED / max(len(last) - 1, 1))
    # Row 0 on the centre, then one above, one below, two above...
    side = rows.map(lambda r: 0 if r == 0 else (1 if r % 2 else -1) * ((r + 1) // 2))
    centre = (side.max() + side.min()) / 2 if len(side) else 0
    return (side - centre) * spacing


def timeline(events: pd.DataFrame) -> Drawn:
    """Events on a date axis, one lane per event type, coloured by direction; milestones are
    stars. Events close in time are stacked within their lane, so each marker can be hovered."""
    fig = base_figure("High-level exchanges and milestones, Japan–Viet Nam", 560)
    lanes = [t for t in EVENT_TYPE_LABELS if (events["event_type"] == t).any()]
    lane_of = {t: len(lanes) - 1 - i for i, t in enumerate(lanes)}  # first type on top
    y = pd.Series(0.0, index=events.index)
    gap = stack_gap_days(events["date"])
    for event_type, rows in events.groupby("event_type", observed=True, sort=False):
        y[rows.index] = lane_of[event_type] + stacked_rows(rows["date"], gap)
    in_legend: set[str] = set()
    for direction, rows in events.groupby("direction", observed=True, sort=False):
        color = DIRECTION_COLORS.get(direction, NEUTRAL)
        for milestone in (False, True):
            part = rows[rows["milestone"] == milestone]
            if part.empty:
                continue
            hover = [
                f"<b>{esc(r.title)}</b><br>{r.date:%d %b %Y} · {esc(r.place)}<br>Japan: {esc(r.japan_side)}"
                f"<br>Viet Nam: {esc(r.vietnam_side)}<br>{esc(r.summary)}"
                for r in part.itertuples()
            ]
            fig.add_trace(
                go.Scatter(
                    x=part["date"],
                    y=y[part.index],
                    mode="markers",
                    name=DIRECTION_LABELS[direction],
                    legendgroup=direction,
                    # One legend entry per colour, drawn as a circle: the star is the milestone's.
                    showlegend=direction not in in_legend,
                    marker=dict(
                        color=color,
                        size=17 if milestone else 10,
                        symbol=MILESTONE_SYMBOL if milestone else "circle",
                        line=dict(color="white", width=1),
                        opacity=0.9,
                    ),
                    hovertext=hover,
                    hoverinfo="text",
                )
            )
            in_legend.add(direction)
    if events["milestone"].any():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="Milestone (any colour)",
                marker=dict(symbol=MILESTONE_SYMBOL, size=14, color="white", line=dict(color=NEUTRAL, width=1.5)),
            )
        )
    upgrades = events["milestone"] & events["title"].str.startswith("Partnership upgrade")
    vertical_lines(fig, events.loc[upgrades, "date"])
    fig.update_yaxes(
        title_text=None,
        tickvals=[lane_of[t] for t in lanes],
        ticktext=[EVENT_TYPE_LABELS[t] for t in lanes],
        range=[-0.6, len(lanes) - 0.4],
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(title_text="Date", type="date")
    fig.update_layout(hovermode="closest")
    return Drawn(fig, events)


NARROW_LIST_LIMIT = 40


def dated_list(events: pd.DataFrame, limit: int = NARROW_LIST_LIMIT) -> str:
    """The timeline's narrow-screen form: the latest events as a Markdown list, one line each
    with its date, a star for a milestone, its title and who travelled (data text escaped)."""
    latest = events.sort_values("date", ascending=False)
    lines = [
        f"- **{e.date:%d %b %Y}**{' ★' if e.milestone else ''} · {md_text(e.title)} "
        f"({md_text(DIRECTION_LABELS.get(e.direction, e.direction))})"
        for e in latest.head(limit).itertuples()
    ]
    if len(latest) > limit:
        lines.append(f"- … and {len(latest) - limit} earlier events, in the table below.")
    return "\n".join(lines)


LISTING_COLUMNS = [
    "date",
    "milestone",
    "title",
    "event_type",
    "direction",
    "japan_side",
    "vietnam_side",
    "place",
    "summary",
    "publisher",
    "url",
]


def event_listing(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The events as the table under the timeline lists them: latest first, labels instead of
    codes, a star for a milestone, and the source's publisher and link."""
    listing = events.sort_values("date", ascending=False).merge(
        sources[["source_id", "publisher", "url"]], on="source_id", how="left"
    )
    return listing.assign(
        event_type=listing["event_type"].map(EVENT_TYPE_LABELS),
        direction=listing["direction"].map(DIRECTION_LABELS),
        milestone=listing["milestone"].map({True: "★", False: ""}),
    )[LISTING_COLUMNS]
