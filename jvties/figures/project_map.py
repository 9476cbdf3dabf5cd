"""pydeck builder for the project map: DataFrame in, Deck out, no Streamlit."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pydeck as pdk

from jvties.data.geography import centre, polygons
from jvties.data.labels import COORD_LABELS, KIND_LABELS, STATUS_LABELS, UNIT_LABELS
from jvties.figures.theme import hex_to_rgb

LAYER_ID = "projects"
CELLS_LAYER_ID = "project_cells"
# Beyond this many projects the map draws counts per grid cell instead of one marker per project,
# so the page stays fast and light with a full project register.
POINT_LIMIT = 5_000
CELL_DEG = 0.25
HUBS_LAYER_ID = "project_hubs"
# Projects at one town centre sit on a ring of FAN_STEP_DEG x sqrt(count) degrees around it
# (about 2.6 km for 3 projects): under their hub's disc at the first view, clear of it from
# about zoom 9.
FAN_STEP_DEG = 0.012
HUB_MIN_RADIUS_PX = 8.0
HUB_FILL = [45, 55, 72, 235]
# The hover card sits in the map's top left corner (over Laos at the first view, where no
# project is) instead of at the pointer: at the pointer, the cards of southern markers ran
# past the map's lower edge and were cut off. deck.gl places the card with a transform at each
# move and applies these styles after it.
TOOLTIP_STYLE = {"fontSize": "12px", "maxWidth": "300px", "transform": "none", "top": "8px", "left": "8px"}
VIETNAM_VIEW = pdk.ViewState(latitude=16.0, longitude=106.3, zoom=4.6, min_zoom=3, max_zoom=16)
MIN_RADIUS_PX, MAX_RADIUS_PX = 4.0, 18.0
# How exact a position is, drawn on the marker: a solid dot at the site, a lighter dot at a named
# landmark, a ring (hollow) at a town or province centre.
PRECISION_FILL_ALPHA = {"site": 235, "landmark": 170, "city": 45, "province": 20}
PRECISION_LINE_PX = {"site": 1.0, "landmark": 1.0, "city": 2.0, "province": 2.5}
PRECISION_LEGEND = (
    ("site", "solid dot: at the site a source states"),
    ("landmark", "lighter dot: at a park, commune or campus a source names (within about 2 km)"),
    ("city", "ring: at the centre of the town named"),
    ("province", "wide ring: at the province centre"),
)
BASEMAPS = ("carto", "none")

# One template for projects and provinces: each row brings its own labelled lines.
TOOLTIP_HTML = (
    "<b>{t_name}</b><br/>{t_kind} · {t_sector}<br/>{t_province} · {t_years} · {t_status}<br/>"
    "{t_value}<br/>{t_party}<br/>{t_coord}<br/>{t_source}"
)
TOOLTIP_FIELDS = (
    "t_name",
    "t_kind",
    "t_sector",
    "t_province",
    "t_years",
    "t_status",
    "t_value",
    "t_party",
    "t_coord",
    "t_source",
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


def colocated_groups(lat: pd.Series, lon: pd.Series) -> list[pd.Index]:
    """The index of each set of two or more projects placed at one position (a town centre)."""
    groups = lat.astype("float64").groupby([lat.astype("float64").round(5), lon.astype("float64").round(5)]).groups
    return [index for index in groups.values() if len(index) > 1]


def fan_out(lat: pd.Series, lon: pd.Series, step_deg: float = FAN_STEP_DEG) -> tuple[pd.Series, pd.Series]:
    """Spreads projects that share one position (the same town centre) on a small circle
    around it, so each marker can be hovered once zoomed in; a lone project stays where it is."""
    lat, lon = lat.astype("float64").copy(), lon.astype("float64").copy()
    for index in colocated_groups(lat, lon):
        count = len(index)
        radius = step_deg * math.sqrt(count)
        centre_lat = lat[index[0]]
        for k, row in enumerate(index):
            angle = 2 * math.pi * k / count
            lat[row] += radius * math.sin(angle)
            lon[row] += radius * math.cos(angle) / math.cos(math.radians(centre_lat))
    return lat, lon


def hub_radius_px(count: int) -> float:
    return round(HUB_MIN_RADIUS_PX + 1.5 * math.sqrt(count), 1)


def hub_frame(projects: pd.DataFrame) -> pd.DataFrame:
    """One disc per town centre that two or more projects share, with their count: at the
    first view it stands for them all, and as the reader zooms in they spread around it."""
    rows = []
    for index in colocated_groups(projects["lat"], projects["lon"]):
        group = projects.loc[index]
        kinds = group["kind"].value_counts()
        starts, ends = group["start_year"].dropna(), group[["start_year", "end_year"]].max(axis=1).dropna()
        place = group["place"].dropna()
        place_name = str(place.iloc[0]) if len(place) else str(group["province"].iloc[0])
        rows.append(
            {
                "lon": round(float(group["lon"].iloc[0]), 5),
                "lat": round(float(group["lat"].iloc[0]), 5),
                "radius": hub_radius_px(len(group)),
                "count": str(len(group)),
                "t_name": f"{len(group)} projects placed at the centre of {place_name}",
                "t_kind": ", ".join(f"{int(kinds[k])} {label}" for k, label in KIND_LABELS.items() if k in kinds),
                "t_sector": f"{group['sector'].nunique()} sectors" if group["sector"].nunique() > 1 else "one sector",
                "t_province": _text(group["province"].iloc[0]),
                "t_years": f"{int(starts.min())}–{int(ends.max())}" if len(starts) else "years not stated",
                "t_status": "zoom in to hover each",
                "t_value": "Each one is listed in the table below the map",
                "t_party": "",
                "t_coord": "Position: approximate, the town centre a source names",
                "t_source": "Sources: in each project's row of the table",
            }
        )
    columns = ["lon", "lat", "radius", "count", *(c for c in TOOLTIP_FIELDS)]
    return pd.DataFrame(rows, columns=columns)


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
    rgb = [hex_to_rgb(colors.get(s, "#5f6b7a")) for s in projects["sector"]]
    fill_alpha = projects["coord_quality"].map(PRECISION_FILL_ALPHA).fillna(PRECISION_FILL_ALPHA["province"])
    lat, lon = fan_out(projects["lat"], projects["lon"])
    return pd.DataFrame(
        {
            "project_id": projects["project_id"].astype(str),
            "lon": lon.round(5),
            "lat": lat.round(5),
            "fill": [[*c, int(a)] for c, a in zip(rgb, fill_alpha, strict=True)],
            "line_width": projects["coord_quality"].map(PRECISION_LINE_PX).fillna(1.0).astype(float),
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
                "Value: " + _text(value_text(v, u))
                for v, u in zip(projects["value"], projects["value_unit"], strict=True)
            ],
            "t_party": "Japanese party: " + projects["japanese_party"].map(_text),
            "t_coord": [
                "Position: " + _text(position_text(q, p))
                for q, p in zip(projects["coord_quality"], projects["place"], strict=True)
            ],
            "t_source": "Source: " + projects["source_id"].map(lambda s: _text(source_labels.get(s, s))),
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


class SharedDeck(pdk.Deck):
    """A Deck serialised once, compactly. The app shares one Deck per view across reruns and
    never changes it; pydeck would otherwise rebuild (and indent) the whole JSON, outlines
    included, on every rerun."""

    def to_json(self) -> str:
        cached = self.__dict__.get("_shared_json")
        if cached is None:
            cached = json.dumps(json.loads(super().to_json()), separators=(",", ":"))
            self.__dict__["_shared_json"] = cached
        return cached


def project_deck(
    projects: pd.DataFrame,
    colors: dict[str, str],
    sector_labels: dict[str, str],
    source_labels: dict[str, str],
    basemap: str = "none",
    base_layers: Sequence[pdk.Layer] = (),
) -> pdk.Deck:
    """Projects coloured by sector, sized by value and styled by how exact their position is,
    over `base_layers` (the shipped geography).

    `basemap="carto"` adds online map tiles under everything; the shipped geography still
    shows where they do not load.
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
        get_line_width=1 if aggregated else "line_width",
        pickable=True,
        auto_highlight=True,
    )
    layers = [*base_layers, layer]
    hubs = pd.DataFrame() if aggregated else hub_frame(projects)
    if len(hubs):
        layers += [
            pdk.Layer(
                "ScatterplotLayer",
                data=hubs,
                id=HUBS_LAYER_ID,
                get_position=["lon", "lat"],
                get_fill_color=HUB_FILL,
                get_line_color=[255, 255, 255, 255],
                get_radius="radius",
                radius_units="'pixels'",
                stroked=True,
                line_width_units="'pixels'",
                get_line_width=1.5,
                pickable=True,
                auto_highlight=True,
            ),
            pdk.Layer(
                "TextLayer",
                data=hubs[["lon", "lat", "count"]],
                id="project_hub_counts",
                get_position=["lon", "lat"],
                get_text="count",
                get_size=11,
                get_color=[255, 255, 255, 255],
                font_weight="'bold'",
                character_set="'0123456789'",
            ),
        ]
    options = (
        {"map_provider": "carto", "map_style": pdk.map_styles.CARTO_LIGHT}
        if basemap == "carto"
        else {"map_provider": None, "map_style": None}
    )
    return SharedDeck(
        layers=layers,
        initial_view_state=VIETNAM_VIEW,
        tooltip={
            "html": CELLS_TOOLTIP_HTML if aggregated else TOOLTIP_HTML,
            "style": TOOLTIP_STYLE,
        },
        **options,
    )


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> "publisher, date", the source line of a marker's tooltip."""
    return {r.source_id: f"{r.publisher}, {r.published}" for r in sources.itertuples()}


def project_table(
    projects: pd.DataFrame, sources: pd.DataFrame, sector_labels: dict[str, str], limit: int | None = None
) -> pd.DataFrame:
    """The projects as the table under the map lists them (the first `limit`): labels instead of
    codes, the value with its unit, how exact the position is, and the source's publisher and link."""
    table = projects.head(limit).merge(sources[["source_id", "publisher", "url"]], on="source_id", how="left")
    return table.assign(
        kind=table["kind"].map(KIND_LABELS),
        sector=table["sector"].map(sector_labels),
        status=table["status"].map(STATUS_LABELS),
        value=[value_text(v, u) for v, u in zip(table["value"], table["value_unit"], strict=True)],
        position=[position_text(q, p) for q, p in zip(table["coord_quality"], table["place"], strict=True)],
    )


# Shipped geography, drawn under the projects so the map reads with no network. Drawn to
# about 100 m (3 decimals): finer than the eye sees at the map's zooms, and a lighter page.
DRAW_DECIMALS = 3


def _drawn(ring: list) -> list[list[float]]:
    return [[round(x, DRAW_DECIMALS), round(y, DRAW_DECIMALS)] for x, y in ring]


PROVINCES_LAYER_ID = "provinces"
SEA = [214, 228, 240, 255]
OUTSIDE = [238, 238, 236, 255]
VIET_NAM_LAND = [250, 248, 242, 255]
NEIGHBOUR_LAND = [232, 232, 228, 255]
NATIONAL_BORDER = [95, 107, 122, 255]
PROVINCE_BORDER = [150, 150, 150, 200]
NO_FIGURE = [225, 225, 225, 160]
# Japan's cumulative registered FDI by province (USD million), in classes a reader can name.
FDI_CLASSES = ((1_000, "under 1,000"), (2_500, "1,000–2,500"), (5_000, "2,500–5,000"), (8_000, "5,000–8,000"))
FDI_TOP_CLASS = "8,000 and over"
CLASS_COLORS = ([254, 229, 217], [252, 174, 145], [251, 106, 74], [222, 45, 38], [165, 15, 21])
# Upper bounds are exclusive, as for the FDI classes: "2–3" holds 2 and 3 projects.
COUNT_CLASSES = ((2, "1"), (4, "2–3"), (7, "4–6"), (12, "7–11"))
COUNT_TOP_CLASS = "12 and over"
SHADING_CLASSES = {"fdi": (FDI_CLASSES, FDI_TOP_CLASS), "projects": (COUNT_CLASSES, COUNT_TOP_CLASS)}


def _class_number(value: float, classes: tuple[tuple[float, str], ...]) -> int:
    return next((number for number, (upper, _) in enumerate(classes) if value < upper), len(classes))


def rgb_to_hex(color: list[int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in color[:3])


def shading_legend(shading: str) -> list[tuple[list[int], str]]:
    """(colour, label) of each class of the province shading, then "no figure"."""
    classes, top = SHADING_CLASSES[shading]
    unit = " USD million" if shading == "fdi" else " mapped projects"
    entries = [(CLASS_COLORS[i], label + unit) for i, (_, label) in enumerate(classes)]
    entries.append((CLASS_COLORS[len(classes)], top + unit))
    entries.append((NO_FIGURE[:3], "no figure" if shading == "fdi" else "no mapped project"))
    return entries


def area_values(
    features: list[dict],
    by_province: pd.DataFrame,
    shown: pd.DataFrame,
    units: dict[str, str],
    use_units: bool,
) -> pd.DataFrame:
    """One row per area (province, or 2025 unit) with Japan's latest FDI figure and the mapped
    projects. A unit's figure is the sum of its provinces' latest figures only when every one
    of them has a figure; otherwise it has none, never a partial sum drawn as a total."""
    rows = []
    latest = {r.province: r for r in by_province.itertuples()}
    counts = shown["province_2025" if use_units else "province"].value_counts()
    areas: dict[str, list[str]] = {}
    for feature in features:
        province = feature["properties"]["province"]
        areas.setdefault(units[province] if use_units else province, []).append(province)
    for area, members in sorted(areas.items()):
        figures = [latest[m] for m in members if m in latest]
        complete = len(figures) == len(members)
        value = sum(f.value for f in figures) if complete else None
        if not figures:
            fdi_text = "Japan's FDI stock: no figure in the data"
        elif len(members) == 1:
            f = figures[0]
            fdi_text = f"Japan's FDI stock: USD {f.value:,.0f} million as of {f.period_end:%d %b %Y}"
        else:
            parts = "; ".join(f"{f.province} {f.value:,.0f} ({f.period_end:%b %Y})" for f in figures)
            lead = (
                f"USD {value:,.0f} million, sum of"
                if complete
                else f"no total ({len(figures)} of {len(members)} provinces have a figure):"
            )
            fdi_text = f"Japan's FDI stock: {lead} {parts}"
        rows.append(
            {
                "area": area,
                "members": members,
                "fdi": value,
                "projects": int(counts.get(area, 0)),
                "t_fdi": fdi_text,
                "t_members": ("Provinces before July 2025: " + ", ".join(members))
                if use_units
                else (f"Part of {units[members[0]]} since 1 July 2025"),
            }
        )
    return pd.DataFrame(rows)


def province_rows(
    features: list[dict], areas: pd.DataFrame, units: dict[str, str], use_units: bool, shading: str
) -> pd.DataFrame:
    """One polygon row per province part, filled by its area's class, with tooltip texts."""
    by_area = areas.set_index("area")
    rows = []
    for feature in features:
        province = feature["properties"]["province"]
        area = by_area.loc[units[province] if use_units else province]
        value = area["fdi"] if shading == "fdi" else (area["projects"] or None)
        if value is None or pd.isna(value):
            fill = NO_FIGURE
        else:
            fill = [*CLASS_COLORS[_class_number(float(value), SHADING_CLASSES[shading][0])], 170]
        for polygon in polygons(feature["geometry"]):
            rows.append(
                {
                    "area": area.name,
                    "polygon": [_drawn(ring) for ring in polygon],
                    "fill": fill,
                    "t_name": area.name,
                    "t_kind": "Provincial unit since 1 July 2025" if use_units else "Province (until 30 June 2025)",
                    "t_sector": area["t_members"],
                    "t_province": area["t_fdi"],
                    "t_years": f"{area['projects']} mapped projects",
                    "t_status": "click to list only its projects",
                    "t_value": "",
                    "t_party": "",
                    "t_coord": "Outline: Natural Earth (public domain)",
                    "t_source": "FDI figures: sources listed under the FDI trends page's province chart",
                }
            )
    return pd.DataFrame(rows)


def geography_layers(
    countries: list[dict],
    provinces: pd.DataFrame,
    borders: dict[str, list[list[tuple[float, float]]]],
    labels: pd.DataFrame,
    over_tiles: bool = False,
) -> list[pdk.Layer]:
    """Sea, land, the province (or unit) shading and borders, national borders and names:
    everything under the project markers, from the shipped files. `over_tiles` leaves out the
    sea and the land fill, so online tiles show through; borders, shading and names stay."""
    # Beyond the shipped outlines (lon 100-112, lat 7-24) the map is plain grey, not white.
    sea = pd.DataFrame(
        {
            "polygon": [
                [[60.0, -20.0], [160.0, -20.0], [160.0, 50.0], [60.0, 50.0]],
                [[100.0, 7.0], [112.0, 7.0], [112.0, 24.0], [100.0, 24.0]],
            ],
            "fill": [OUTSIDE, SEA],
        }
    )
    land = pd.DataFrame(
        [
            {
                "polygon": _drawn(polygon[0]),
                "fill": VIET_NAM_LAND if c["properties"]["iso_a3"] == "VNM" else NEIGHBOUR_LAND,
            }
            for c in countries
            for polygon in polygons(c["geometry"])
        ]
    )
    paths = pd.DataFrame({"path": [_drawn(line) for lines in borders.values() for line in lines]})
    layers = [
        pdk.Layer("PolygonLayer", data=sea, id="sea", get_polygon="polygon", get_fill_color="fill", stroked=False),
        pdk.Layer(
            "PolygonLayer",
            data=land,
            id="land",
            get_polygon="polygon",
            get_fill_color="fill",
            filled=not over_tiles,
            get_line_color=NATIONAL_BORDER,
            line_width_units="'pixels'",
            get_line_width=1,
            stroked=True,
        ),
        pdk.Layer(
            "PolygonLayer",
            data=provinces,
            id=PROVINCES_LAYER_ID,
            get_polygon="polygon",
            get_fill_color="fill",
            stroked=False,
            pickable=True,
            auto_highlight=True,
            highlight_color=[31, 78, 156, 90],
        ),
        pdk.Layer(
            "PathLayer",
            data=paths,
            id="area_borders",
            get_path="path",
            get_color=PROVINCE_BORDER,
            width_units="'pixels'",
            get_width=0.8,
        ),
        pdk.Layer(
            "TextLayer",
            data=labels,
            id="area_names",
            get_position=["lon", "lat"],
            get_text="name",
            get_size=9000,
            size_units="'meters'",
            size_min_pixels=0,
            size_max_pixels=13,
            get_color=[60, 60, 60, 220],
            character_set="auto",
        ),
    ]
    return layers[1:] if over_tiles else layers


def area_labels(features: list[dict], units: dict[str, str], use_units: bool) -> pd.DataFrame:
    """A name at the centre of each province, or of each unit's largest former province."""
    rows = []
    seen: set[str] = set()
    for feature in sorted(features, key=lambda f: -len(str(f["geometry"]["coordinates"]))):
        province = feature["properties"]["province"]
        name = units[province] if use_units else province
        if name in seen:
            continue
        seen.add(name)
        lon, lat = centre(feature)
        rows.append({"name": name, "lon": round(lon, 4), "lat": round(lat, 4)})
    return pd.DataFrame(rows)


def shown_summary(shown: pd.DataFrame, total: int) -> str:
    """The line above the map: how many projects are shown, of each kind, and how many sit at
    their own site or a named landmark."""
    counts = shown["kind"].value_counts()
    kinds = " · ".join(f"{label}: {int(counts.get(kind, 0))}" for kind, label in KIND_LABELS.items())
    sited = int(shown["coord_quality"].isin(["site", "landmark"]).sum())
    return f"**{len(shown)} of {total} projects** shown · {kinds} · {sited} at their site or a named landmark"


def sectors_present(shown: pd.DataFrame, sector_labels: dict[str, str]) -> list[str]:
    """The sectors of the projects shown, in the order of their labels (the legend's rows)."""
    return sorted(shown["sector"].unique(), key=lambda s: sector_labels[s])
