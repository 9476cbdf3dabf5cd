"""Colours and the Plotly template shared by every chart (labels come from the descriptor:
jvties.data.labels)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "jvties"
JAPAN_RED = "#bc002d"
NEUTRAL = "#5f6b7a"
MILESTONE = "#7a1f5c"

PARTNER_COLORS = {
    "JPN": JAPAN_RED,
    "KOR": "#1f4e9c",
    "SGP": "#e8a33d",
    "CHN": "#6b4c9a",
    "TWN": "#2a9d8f",
    "HKG": "#8c564b",
}
DIRECTION_COLORS = {
    "JP_to_VN": JAPAN_RED,
    "VN_to_JP": "#da9a0b",
    "third_country": "#1f4e9c",
    "online": "#2a9d8f",
    "in_country": NEUTRAL,
}


def sector_colors(sectors: pd.DataFrame) -> dict[str, str]:
    """sector_id -> hex colour, from sectors.csv so a sector has one colour everywhere."""
    return dict(zip(sectors["sector_id"], sectors["color"], strict=True))


def sector_labels(sectors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(sectors["sector_id"], sectors["label"], strict=True))


def hex_to_rgb(color: str) -> list[int]:
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def _register_template() -> None:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        font=dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=13, color="#1f2933"),
        title=dict(font=dict(size=16), x=0, xanchor="left"),
        margin=dict(l=10, r=10, t=60, b=10),
        # Legends sit under the plot, measured from the bottom of the figure, so on a narrow screen
        # they wrap downwards instead of running into the title.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(bgcolor="white", font_size=12),
        colorway=[JAPAN_RED, "#1f4e9c", "#e8a33d", "#6b4c9a", "#2a9d8f", "#8c564b", NEUTRAL],
    )
    pio.templates[TEMPLATE_NAME] = template


_register_template()
