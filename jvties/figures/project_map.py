"""pydeck builder for the project map: DataFrame in, Deck out, no Streamlit."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pydeck as pdk

from jvties.data.labels import COORD_LABELS, KIND_LABELS, STATUS_LABELS, UNIT_LABELS
from jvties.figures.theme import hex_to_rgb

LAYER_ID = "projects"
CELLS_LAYER_ID = "project_cells"
# Beyond this many projects the map draws counts per grid cell instead of one marker per project,
# so the page stays fast and light with a full project register.
POINT_LIMIT = 5_000
CELL_DEG = 0.25
VIETNAM_VIEW = pdk.ViewState(latitude=16.0, longitude=106.3, zoom=4.6, min_zoom=3, max_zoom=16)
MIN_RADIUS_PX, MAX_RADIUS_PX = 4.0, 18.0
BASEMAPS = ("carto", "none")

TOOLTIP_HTML = (
    "<b>{t_name}</b><br/>{t_kind} · {t_sector}<br/>{t_province} · {t_years} · {t_status}<br/>"
    "Value: {t_value}<br/>Japanese party: {t_party}<br/>Position: {t_coord}<br/>Source: {t_source}"
)


def _text(value: object) -> str:
    """Tooltip text. Streamlit's deck tooltip escapes every value it substitutes into the
    template (checked by tests/test_browser.py), so values go in as plain text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return str(value)


def radius_px(values: pd.Series, units: pd.Series) -> pd.Series:
    """Marker radius: area grows with value within each unit (yen and dollars are never
    compared), and a project with no stated value gets the smallest marker."""
    radius = pd.Series(MIN_RADIUS_PX, index=values.index, dtype="float64")
    for unit in units.dropna().unique():
        mask = (units == unit) & values.notna()
        largest = values[mask].max()
        if largest and largest > 0:
            radius[mask] = MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * (values[mask] / largest).map(math.sqrt)
    return radius


def years_text(start: Any, end: Any) -> str:
    if pd.isna(start):
        return "years not stated"
    return f"{int(start)}–{int(end)}" if pd.notna(end) else f"{int(start)}–"


def value_text(value: object, unit: object) -> str:
    if pd.isna(value):
        return "not stated"
    return f"{value:,.1f} {UNIT_LABELS.get(str(unit), str(unit))}"


def fan_out(lat: pd.Series, lon: pd.Series, step_deg: float = 0.012) -> tuple[pd.Series, pd.Series]:
    """Spreads projects that share one position (the same town centre) on a small circle
    around it, so each marker can be hovered; a lone project stays where it is."""
    lat, lon = lat.astype("float64").copy(), lon.astype("float64").copy()
    for _, index in lat.groupby([lat.round(5), lon.round(5)]).groups.items():
        count = len(index)
        if count < 2:
            continue
        radius = step_deg * math.sqrt(count)
        for k, row in enumerate(index):
            angle = 2 * math.pi * k / count
            lat[row] += radius * math.sin(angle)
            lon[row] += radius * math.cos(angle) / math.cos(math.radians(lat[row]))
    return lat, lon


def position_text(quality: object, place: object) -> str:
    if quality == "city":
        return f"approximate: centre of {place}"
    return COORD_LABELS.get(str(quality), str(quality))


def project_card(project: pd.Series, sector_labels: dict[str, str]) -> dict[str, str]:
    """The details shown on a selected project's card, as plain text ("–" where not stated)."""
    details = {
        "Kind": KIND_LABELS.get(str(project["kind"]), project["kind"]),
        "Sector": sector_labels.get(project["sector"], project["sector"]),
        "Province": project["province"],
        "Years": years_text(project["start_year"], project["end_year"]),
        "Status": STATUS_LABELS.get(str(project["status"]), project["status"]),
        "Value": value_text(project["value"], project["value_unit"]),
        "Japanese party": project["japanese_party"],
        "Vietnamese party": project["vietnamese_party"],
        "Position": position_text(project["coord_quality"], project["place"]),
    }
    return {label: _text(value) for label, value in details.items()}


def map_frame(
    projects: pd.DataFrame, colors: dict[str, str], sector_labels: dict[str, str], source_labels: dict[str, str]
) -> pd.DataFrame:
    """Only the columns the layer draws, with tooltip texts ready to show."""
    approximate = projects["coord_quality"] != "site"
    rgb = [hex_to_rgb(colors.get(s, "#5f6b7a")) for s in projects["sector"]]
    lat, lon = fan_out(projects["lat"], projects["lon"])
    return pd.DataFrame(
        {
            "project_id": projects["project_id"].astype(str),
            "lon": lon.round(5),
            "lat": lat.round(5),
            "fill": [[*c, 120 if a else 230] for c, a in zip(rgb, approximate, strict=True)],
            "line": [[*c, 255] for c in rgb],
            "radius": radius_px(projects["value"], projects["value_unit"]).round(1),
            "t_name": projects["name"].map(_text),
            "t_kind": projects["kind"].map(lambda k: _text(KIND_LABELS.get(str(k), k))),
            "t_sector": projects["sector"].map(lambda s: _text(sector_labels.get(s, s))),
            "t_province": projects["province"].map(_text),
            "t_years": [
                _text(years_text(s, e)) for s, e in zip(projects["start_year"], projects["end_year"], strict=True)
            ],
            "t_status": projects["status"].map(lambda s: _text(STATUS_LABELS.get(str(s), s))),
            "t_value": [
                _text(value_text(v, u)) for v, u in zip(projects["value"], projects["value_unit"], strict=True)
            ],
            "t_party": projects["japanese_party"].map(_text),
            "t_coord": [
                _text(position_text(q, p)) for q, p in zip(projects["coord_quality"], projects["place"], strict=True)
            ],
            "t_source": projects["source_id"].map(lambda s: _text(source_labels.get(s, s))),
        }
    )


CELLS_TOOLTIP_HTML = "<b>{t_count} projects</b> in this area<br/>Most common sector: {t_sector}"


def cell_frame(
    projects: pd.DataFrame, colors: dict[str, str], sector_labels: dict[str, str], cell_deg: float = CELL_DEG
) -> pd.DataFrame:
    """Projects counted per grid cell of `cell_deg` degrees, coloured by the cell's most common sector."""
    cells = projects.assign(
        cell_lat=(projects["lat"] / cell_deg).round() * cell_deg,
        cell_lon=(projects["lon"] / cell_deg).round() * cell_deg,
    )
    grouped = cells.groupby(["cell_lat", "cell_lon"], observed=True)
    counts = grouped.size().rename("count")
    top = grouped["sector"].agg(lambda s: s.value_counts().index[0]).rename("sector")
    frame = pd.concat([counts, top], axis=1).reset_index()
    share = (frame["count"] / frame["count"].max()).map(math.sqrt)
    return pd.DataFrame(
        {
            "lon": frame["cell_lon"].round(4),
            "lat": frame["cell_lat"].round(4),
            "fill": [[*hex_to_rgb(colors.get(s, "#5f6b7a")), 170] for s in frame["sector"]],
            "radius": (MIN_RADIUS_PX + (MAX_RADIUS_PX - MIN_RADIUS_PX) * share).round(1),
            "t_count": frame["count"].map(lambda n: f"{n:,}"),
            "t_sector": frame["sector"].map(lambda s: _text(sector_labels.get(s, s))),
        }
    )


def project_deck(
    projects: pd.DataFrame,
    colors: dict[str, str],
    sector_labels: dict[str, str],
    source_labels: dict[str, str],
    basemap: str = "carto",
) -> pdk.Deck:
    """A scatter layer of projects, coloured by sector and sized by value.

    `basemap="none"` draws the layers with no tiles at all, for offline use.
    """
    aggregated = len(projects) > POINT_LIMIT
    if aggregated:
        data = cell_frame(projects, colors, sector_labels)
    else:
        data = map_frame(projects, colors, sector_labels, source_labels)
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=data,
        id=CELLS_LAYER_ID if aggregated else LAYER_ID,
        get_position=["lon", "lat"],
        get_fill_color="fill",
        get_line_color=[255, 255, 255, 200] if aggregated else "line",
        get_radius="radius",
        radius_units="'pixels'",  # quoted: pydeck reads bare strings as data expressions
        stroked=True,
        line_width_units="'pixels'",
        get_line_width=1 if aggregated else 1.5,
        pickable=True,
        auto_highlight=True,
    )
    options = (
        {"map_provider": "carto", "map_style": pdk.map_styles.CARTO_LIGHT}
        if basemap == "carto"
        else {"map_provider": None, "map_style": None}
    )
    return pdk.Deck(
        layers=[layer],
        initial_view_state=VIETNAM_VIEW,
        tooltip={
            "html": CELLS_TOOLTIP_HTML if aggregated else TOOLTIP_HTML,
            "style": {"fontSize": "12px", "maxWidth": "320px"},
        },
        **options,
    )


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> "publisher, date", the source line of a marker's tooltip."""
    return {r.source_id: f"{r.publisher}, {r.published}" for r in sources.itertuples()}


def project_table(projects: pd.DataFrame, sources: pd.DataFrame, sector_labels: dict[str, str]) -> pd.DataFrame:
    """The projects as the table under the map lists them: labels instead of codes, the value
    with its unit, how exact the position is, and the source's publisher and link."""
    table = projects.merge(sources[["source_id", "publisher", "url"]], on="source_id", how="left")
    return table.assign(
        kind=table["kind"].map(KIND_LABELS),
        sector=table["sector"].map(sector_labels),
        status=table["status"].map(STATUS_LABELS),
        value=[value_text(v, u) for v, u in zip(table["value"], table["value_unit"], strict=True)],
        position=[position_text(q, p) for q, p in zip(table["coord_quality"], table["place"], strict=True)],
    )
