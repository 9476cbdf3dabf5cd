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


def timeline(events: pd.DataFrame) -> Drawn:
    """Events on a date axis, one lane per event type, coloured by direction; milestones are stars."""
    fig = base_figure("High-level exchanges and milestones, Japan–Viet Nam", 520)
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
                    color=DIRECTION_COLORS.get(direction, NEUTRAL),
                    size=[18 if m else 11 for m in rows["milestone"]],
                    symbol=["star" if m else "circle" for m in rows["milestone"]],
                    line=dict(color="white", width=1),
                    opacity=0.85,
                ),
                hovertext=hover,
                hoverinfo="text",
            )
        )
    vertical_lines(fig, events.loc[events["milestone"], "date"])
    fig.update_yaxes(title_text="Type of event", categoryorder="array", categoryarray=lanes[::-1], type="category")
    fig.update_xaxes(title_text="Date (stars and dotted lines: partnership upgrades and milestones)")
    return Drawn(fig, events)


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
