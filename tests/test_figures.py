"""Figure and map builders: pure functions from frames to figures."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
from conftest import shipped
from hypothesis import given, settings
from hypothesis import strategies as st

from jvties.data import filters, series
from jvties.figures import common, events, fdi, oda, overview, projects
from jvties.figures import project_map as maps
from jvties.figures.theme import sector_colors, sector_labels


def trace_names(fig):
    return [t.name for t in fig.data]


def capital_bars(fig):
    """The bar traces of registered capital, one per basis."""
    return [t for t in fig.data if t.type == "bar" and str(t.name).startswith("Capital: ")]


def hover_basis(hover: str) -> str:
    """The basis line of a hover label (set in italics)."""
    return hover.split("<i>")[1].split("</i>")[0]


def test_annual_series_keeps_gaps_as_missing_not_zero():
    annual = series.annual(
        shipped("indicators"), "fdi_registered_capital", "JPN", (2000, 2024), start=series.FDI_SERIES_START
    )
    # The series starts where the dashboard's coverage starts (2010); no source gives Japan's 2020 total.
    assert annual["year"].tolist() == list(range(2010, 2025))
    gaps = annual[annual["value"].isna()]["year"].tolist()
    assert 2020 in gaps
    assert (annual["value"].dropna() > 0).all()


def test_annual_series_draws_only_preferred_full_year_rows():
    annual = series.annual(shipped("indicators"), "fdi_registered_capital", "JPN", (2010, 2025)).dropna(
        subset=["value"]
    )
    assert set(annual["period_type"]) == {"calendar_year"}
    assert not annual.duplicated("year").any()


def test_fdi_annual_figure_has_bars_line_gaps_and_milestones():
    years = (2010, 2026)
    capital = series.annual(
        shipped("indicators"), "fdi_registered_capital", "JPN", years, start=series.FDI_SERIES_START
    )
    projects = series.annual(shipped("indicators"), "fdi_new_projects", "JPN", years, start=series.FDI_SERIES_START)
    ytd = series.year_to_date(shipped("indicators"), "fdi_registered_capital", "JPN", years)
    milestones = shipped("events")[shipped("events")["milestone"] & (shipped("events")["date"].dt.year >= 2010)]
    fig = fdi.fdi_annual(capital, projects, ytd, milestones).figure
    names = trace_names(fig)
    assert "Capital: Agency total for the full year" in names
    assert "No figure found (gap)" in names
    assert "Milestone (diplomacy)" in names
    bars = capital_bars(fig)
    assert sum(len(t.y) for t in bars) == capital["value"].notna().sum()
    assert fig.layout.yaxis.title.text == "USD million"
    without = fdi.fdi_annual(capital, projects, ytd, None).figure
    assert "Milestone (diplomacy)" not in trace_names(without)
    marker_dates = next(t for t in fig.data if t.name == "Milestone (diplomacy)").x
    assert min(marker_dates) >= pd.Timestamp("2009-07-01"), "milestones outside the data span widen the axis"


def test_milestone_hover_escapes_markup():
    planted = pd.DataFrame({"date": [pd.Timestamp("2020-01-01")], "title": ["<img src=x onerror=alert(1)>"]})
    frame = pd.DataFrame({"date": pd.to_datetime(["2019-01-01", "2021-01-01"]), "value": [1, 2]})
    base = overview.sparkline(frame, "date", "t", "y").figure
    fig = common.add_milestones(base, planted)
    hover = fig.data[-1].hovertext[0]
    assert "<img" not in hover and "&lt;img" in hover


def test_compare_figure_has_one_trace_per_partner():
    annual = series.annual(shipped("indicators"), "fdi_registered_capital", ["JPN", "KOR", "SGP"], (2018, 2024))
    fig = fdi.fdi_compare(annual).figure
    in_legend = [t.name for t in fig.data if t.showlegend is not False and t.legendgroup in ("JPN", "KOR", "SGP")]
    assert in_legend == ["Japan", "Korea (Rep.)", "Singapore"]


def test_no_line_joins_two_bases():
    annual = series.annual(shipped("indicators"), "fdi_registered_capital", ["JPN", "KOR", "SGP", "CHN"], (2010, 2026))
    assert annual["basis"].nunique() > 1, "the shipped series mix bases, so the test can fail"
    for fig in (
        fdi.fdi_compare(annual).figure,
        fdi.fdi_annual(
            annual[annual["partner"] == "JPN"],
            series.annual(shipped("indicators"), "fdi_new_projects", "JPN", (2010, 2026)),
            annual.iloc[0:0],
        ).figure,
    ):
        for trace in fig.data:
            if trace.type == "scatter" and "lines" in (trace.mode or "") and trace.hovertext:
                drawn = [h for h, y in zip(trace.hovertext, trace.y, strict=True) if y is not None]
                assert len({hover_basis(h) for h in drawn}) <= 1, trace.name
        for bar in capital_bars(fig):
            assert len({hover_basis(h) for h in bar.hovertext}) == 1


def test_cumulative_figure_draws_points_not_lines():
    capital = series.snapshots(shipped("indicators"), "fdi_cumulative_capital", (2010, 2026))
    projects = series.snapshots(shipped("indicators"), "fdi_cumulative_projects", (2010, 2026))
    fig = fdi.cumulative(capital, projects).figure
    assert {t.mode for t in fig.data} == {"markers"}
    assert len(fig.data[0].x) == len(capital) >= 10


def test_breakdown_uses_sector_colours():
    rows = series.latest_breakdown(shipped("indicators"), "sector")
    colors = sector_colors(shipped("sectors"))
    fig = fdi.breakdown(rows, "sector", "t", colors, sector_labels(shipped("sectors"))).figure
    assert list(fig.data[0].marker.color) == [colors[s] for s in rows.sort_values("value")["sector"]]


def test_oda_commitments_keep_currencies_apart():
    rows = series.select(shipped("indicators"), "oda_commitment", "JPN", ("fiscal_year_jp", "calendar_year"))
    fig = oda.oda_commitments(rows).figure
    names = [t.name for t in fig.data if t.name]
    assert any(n.endswith("(JPY billion)") for n in names) and any(n.endswith("(USD million)") for n in names)
    fy = next(t for t in fig.data if str(t.name).startswith("Exchange of notes ("))
    assert all(label.startswith("FY") for label in fy.hovertext)
    assert {hover_basis(h) for h in fy.hovertext} == {"Exchange of notes"}
    pledges = [t for t in fig.data if str(t.name).startswith("Donor-meeting pledge")]
    assert pledges and all(t.type == "scatter" for t in pledges)


def test_oda_share_is_drawn_as_dated_statements_with_their_wording():
    rows = series.select(shipped("indicators"), "oda_share_of_total", "JPN", ("as_of", "calendar_year"))
    fig = oda.share_statements(rows).figure
    assert all("lines" not in (t.mode or "") for t in fig.data), "statements are never joined into a trend"
    hovers = [h for t in fig.data if t.hovertext for h in t.hovertext if h.startswith("Stated")]
    assert len(hovers) == len(rows)
    over = rows[rows["qualifier"] == "over"]
    assert len(over) and sum(": over " in h for h in hovers) == len(over)


def test_cumulative_oda_has_one_panel_per_currency_and_one_line_per_basis():
    rows = series.select(shipped("indicators"), "oda_cumulative_commitment", "JPN", ("as_of",))
    fig = oda.cumulative_by_basis(rows).figure
    lines = [t for t in fig.data if t.type == "scatter" and "lines" in (t.mode or "")]
    assert {t.yaxis for t in lines} == {"y", "y2"}
    for trace in lines:
        assert len({hover_basis(h) for h in trace.hovertext}) == 1
        assert trace.name.endswith("(JPY billion)") == (trace.yaxis == "y")


def test_fiscal_year_label():
    assert oda.fiscal_year_label(pd.Series(pd.to_datetime(["2016-03-31"]))).tolist() == ["FY2015"]


def test_timeline_lanes_and_escaped_hover():
    planted = shipped("events").head(3).copy()
    planted.loc[planted.index[0], "summary"] = "<script>alert(1)</script>"
    fig = events.timeline(planted).figure
    hovers = [h for t in fig.data if t.hovertext for h in t.hovertext]
    assert any("&lt;script&gt;" in h for h in hovers)
    assert not any("<script>" in h for h in hovers)


def test_timeline_shows_only_filtered_events():
    shown = filters.filter_events(shipped("events"), filters.View(2023, 2023))
    fig = events.timeline(shown).figure
    assert sum(len(t.x) for t in fig.data if t.hovertext) == len(shown)


@settings(max_examples=80, deadline=None)
@given(first=st.integers(1973, 2026), span=st.integers(0, 53))
def test_timeline_markers_in_a_lane_never_sit_on_each_other(first, span):
    """Any year range: two events on one row of a lane are more than the stacking gap apart,
    rows of a lane stay inside it, and every event keeps its own hoverable marker."""
    shown = filters.filter_events(shipped("events"), filters.View(first, min(first + span, 2026)))
    fig = events.timeline(shown).figure
    points = [(pd.Timestamp(x), y) for t in fig.data if t.hovertext for x, y in zip(t.x, t.y, strict=True)]
    assert len(points) == len(shown)
    gap = events.stack_gap_days(shown["date"])
    by_row: dict[float, list[pd.Timestamp]] = {}
    for date, y in points:
        assert abs(y - round(y)) <= events.LANE_HEIGHT_USED / 2 + 1e-9
        by_row.setdefault(round(y, 6), []).append(date)
    for y, dates in by_row.items():
        dates.sort()
        assert all((b - a).days > gap for a, b in itertools.pairwise(dates)), (y, dates)


def test_timeline_legend_uses_circles_for_colours_and_one_star_for_milestones():
    fig = events.timeline(shipped("events")).figure
    in_legend = [t for t in fig.data if t.showlegend is not False]
    stars = [t for t in in_legend if t.marker.symbol == events.MILESTONE_SYMBOL]
    assert [t.name for t in stars] == ["Milestone (any colour)"]
    assert all(t.marker.symbol == "circle" for t in in_legend if t not in stars)


def test_map_deck_has_one_point_per_project_with_plain_tooltip_text():
    # Streamlit's tooltip escapes substituted values itself (see test_browser), so no pre-escaping.
    planted = shipped("projects").head(4).copy()
    planted.loc[planted.index[0], "name"] = "<b onmouseover=alert(1)>x</b>"
    deck = maps.project_deck(
        planted, sector_colors(shipped("sectors")), sector_labels(shipped("sectors")), {}, basemap="none"
    )
    spec = json.loads(deck.to_json())
    data = spec["layers"][0]["data"]
    assert len(data) == 4
    assert data[0]["t_name"] == "<b onmouseover=alert(1)>x</b>"
    assert spec.get("mapProvider") in (None, "")


def test_map_fans_out_projects_that_share_a_town_centre():
    lat, lon = maps.fan_out(pd.Series([21.0, 21.0, 10.0]), pd.Series([105.8, 105.8, 106.6]))
    assert (lat[0], lon[0]) != (lat[1], lon[1])
    assert (lat[2], lon[2]) == (10.0, 106.6)
    assert np.hypot(lat[0] - 21.0, lon[0] - 105.8) < 0.05


def pixels_apart(lat_a: float, lon_a: float, lat_b: float, lon_b: float, zoom: float) -> float:
    """How far apart two coordinates are drawn at a zoom (deck.gl's Web Mercator, 512-pixel world)."""
    scale = 512 * 2**zoom / (2 * np.pi)

    def y(lat: float) -> float:
        return np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))

    return float(np.hypot(scale * np.radians(lon_a - lon_b), scale * (y(lat_a) - y(lat_b))))


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 60), min_size=1, max_size=6),
    lat=st.floats(8.5, 23.0),
    lon=st.floats(102.5, 109.0),
)
def test_shared_town_centres_aggregate_at_first_view_and_spread_when_zoomed(sizes, lat, lon):
    # Groups of projects at town centres 0.5 degrees apart; a group of one is a lone project.
    rows = [
        {
            "lat": lat + 0.5 * g,
            "lon": lon,
            "kind": "FDI",
            "sector": "energy",
            "province": "P",
            "place": f"T{g}",
            "start_year": 2000,
            "end_year": None,
        }
        for g, size in enumerate(sizes)
        for _ in range(size)
    ]
    projects = pd.DataFrame(rows)
    hubs = maps.hub_frame(projects)
    assert sorted(int(c) for c in hubs["count"]) == sorted(s for s in sizes if s > 1)
    fanned_lat, fanned_lon = maps.fan_out(projects["lat"], projects["lon"])
    for hub in hubs.itertuples():
        members = (projects["lat"].round(5) == hub.lat) & (projects["lon"].round(5) == hub.lon)
        assert members.sum() == int(hub.count)
        apart = [
            (pixels_apart(a, b, hub.lat, hub.lon, maps.VIETNAM_VIEW.zoom), pixels_apart(a, b, hub.lat, hub.lon, 10))
            for a, b in zip(fanned_lat[members], fanned_lon[members], strict=True)
        ]
        # Under the hub's disc at the first view; clear of it, each hoverable, at zoom 10.
        assert all(first < hub.radius for first, _ in apart)
        assert all(zoomed > hub.radius + maps.MIN_RADIUS_PX for _, zoomed in apart)


def test_marker_size_grows_with_value_within_a_currency():
    radius = maps.radius_px(
        pd.Series([1.0, 100.0, None, 50.0]), pd.Series(["usd_million", "usd_million", None, "jpy_billion"])
    )
    assert radius[0] < radius[1] == maps.MAX_RADIUS_PX
    assert radius[2] == maps.MIN_RADIUS_PX
    assert radius[3] == maps.MAX_RADIUS_PX


def test_map_counts_projects_per_area_beyond_the_point_limit():
    many = shipped("projects").sample(maps.POINT_LIMIT + 1, replace=True, random_state=1).reset_index(drop=True)
    deck = maps.project_deck(
        many, sector_colors(shipped("sectors")), sector_labels(shipped("sectors")), {}, basemap="none"
    )
    spec = json.loads(deck.to_json())
    layer = spec["layers"][0]
    assert layer["id"] == maps.CELLS_LAYER_ID
    assert sum(int(c["t_count"].replace(",", "")) for c in layer["data"]) == len(many)
    assert len(layer["data"]) < 200


def test_partial_oda_years_are_drawn_apart_from_full_years():
    rows = series.select(shipped("indicators"), "oda_commitment", "JPN", ("fiscal_year_jp",))
    fig = oda.oda_commitments(rows).figure
    partial = next(t for t in fig.data if ", part of the year or expected" in str(t.name))
    assert len(partial.x) == int(rows["partial"].sum()) > 0
    assert partial.marker.pattern.shape == "/"


def _ytd_rows(cut_offs: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "fdi_registered_capital",
            "partner": "JPN",
            "period_type": "year_to_date",
            "period_end": pd.to_datetime(cut_offs),
            "value": 100.0,
            "unit": "usd_million",
            "sector": "all",
            "province": "all",
            "source_id": "s",
            "preferred": True,
            "note": None,
        }
    )


def test_past_years_keep_only_partial_figures_that_cover_most_of_the_year():
    rows = _ytd_rows(["2010-04-30", "2011-12-16", "2020-09-20", "2026-02-28"])
    kept = series.year_to_date(
        rows, "fdi_registered_capital", "JPN", (2010, 2026), past_years_from_month=series.PARTIAL_YEAR_MIN_MONTH
    )
    assert kept["year"].tolist() == [2011, 2020, 2026], "Jan-Apr 2010 dropped; the latest year kept however short"
    assert len(series.year_to_date(rows, "fdi_registered_capital", "JPN", (2010, 2026))) == 4


def test_breakdown_of_mixed_dates_labels_each_bar_with_its_date():
    rows = series.latest_breakdown(shipped("indicators"), "province")
    assert rows["period_end"].nunique() > 1
    fig = fdi.breakdown(rows, "province", "By province").figure
    assert all(label.endswith(")") and " (" in label for label in fig.data[0].y)
    one_date = rows[rows["period_end"] == rows["period_end"].max()]
    single = fdi.breakdown(one_date, "province", "By province").figure
    assert "as of" in single.layout.title.text and all("(" not in label for label in single.data[0].y)


def test_project_values_stack_one_full_width_panel_per_currency():
    valued = shipped("projects").dropna(subset=["value"])
    assert set(valued["value_unit"]) >= {"jpy_billion", "usd_million"}
    fig = projects.project_values_by_sector(
        valued, sector_colors(shipped("sectors")), sector_labels(shipped("sectors"))
    ).figure
    assert len(fig.data) == 2
    assert fig.layout.xaxis.domain == fig.layout.xaxis2.domain == (0.0, 1.0)
    top, bottom = sorted([fig.layout.yaxis.domain, fig.layout.yaxis2.domain])
    assert top[1] < bottom[0], "the two panels overlap"


def test_fdi_hovers_carry_each_rows_source_note_escaped_and_wrapped():
    capital = series.annual(shipped("indicators"), "fdi_registered_capital", ["JPN", "KOR"], (2018, 2025))
    planted = capital.copy()
    planted.loc[planted["value"].notna(), "note"] = "<b>planted</b> " + "word " * 30
    fig = fdi.fdi_compare(planted).figure
    notes = [
        h.split("</i><br>", 1)[1]
        for t in fig.data
        if t.hovertext and "lines" in (t.mode or "")
        for h, y in zip(t.hovertext, t.y, strict=True)
        if y is not None
    ]
    assert len(notes) == capital["value"].notna().sum()
    assert all("&lt;b&gt;planted" in n and "<b>" not in n for n in notes)
    assert all(max(len(line) for line in n.split("<br>")) <= 70 for n in notes)


def test_yearly_charts_span_exactly_the_years_they_draw():
    years = (1973, 2026)
    capital = series.annual(
        shipped("indicators"), "fdi_registered_capital", "JPN", years, start=series.FDI_SERIES_START
    )
    projects = series.annual(shipped("indicators"), "fdi_new_projects", "JPN", years, start=series.FDI_SERIES_START)
    ytd = series.year_to_date(
        shipped("indicators"), "fdi_registered_capital", "JPN", years, series.PARTIAL_YEAR_MIN_MONTH
    )
    fig = fdi.fdi_annual(capital, projects, ytd).figure
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (low, high) == (
        pd.Timestamp(f"{capital['year'].min()}-01-01"),
        pd.Timestamp(f"{capital['year'].max()}-12-31"),
    )


def test_the_rows_a_builder_returns_are_exactly_the_points_it_draws():
    """The CSV download and the source line come from Drawn.rows: no gap row, no row not drawn."""
    years = (2010, 2026)
    capital = series.annual(shipped("indicators"), "fdi_registered_capital", "JPN", years, start=2010)
    projects = series.annual(shipped("indicators"), "fdi_new_projects", "JPN", years, start=2010)
    ytd = series.year_to_date(shipped("indicators"), "fdi_registered_capital", "JPN", years)
    drawn = fdi.fdi_annual(capital, projects, ytd)
    bars = [y for t in capital_bars(drawn.figure) for y in t.y]
    full = drawn.rows[
        (drawn.rows["indicator"] == "fdi_registered_capital") & (drawn.rows["period_type"] == "calendar_year")
    ]
    assert sorted(full["value"]) == sorted(bars)
    lines = [t for t in drawn.figure.data if str(t.name).startswith("New projects")]
    counted = drawn.rows[drawn.rows["indicator"] == "fdi_new_projects"]
    assert sorted(counted["value"]) == sorted(v for t in lines for v in t.y if v is not None)
    assert drawn.rows["value"].notna().all()
    assert len(drawn.rows) == len(bars) + len(counted) + len(ytd)


@settings(max_examples=60, deadline=None)
@given(first=st.integers(1973, 2026), span=st.integers(0, 53))
def test_milestones_are_numbered_thinned_and_listed(first, span):
    """Numbers never crowd (none closer than the gap), every partnership upgrade in the span is
    kept with its dotted line, and the key lists exactly the numbered milestones."""
    years = (first, min(first + span, 2026))
    milestones = filters.milestones(shipped("events"), years)
    frame = pd.DataFrame({"date": pd.to_datetime([f"{years[0]}-01-01", f"{years[1]}-12-31"]), "value": [1, 2]})
    fig = common.add_milestones(overview.sparkline(frame, "date", "t", "y").figure, milestones)
    marked = [t for t in fig.data if t.name == "Milestone (diplomacy)"]
    if milestones.empty:
        assert not marked
        return
    dates = sorted(pd.Timestamp(x) for x in marked[0].x)
    assert all((b - a).days >= common.MILESTONE_MIN_GAP_DAYS for a, b in itertools.pairwise(dates))
    assert list(marked[0].text) == [str(n) for n in range(1, len(dates) + 1)]
    assert len(fig.layout.meta[common.MILESTONES_META]) == len(dates)
    upgrades = milestones[milestones["title"].str.startswith(common.UPGRADE_PREFIX)]
    assert set(upgrades["date"]) <= set(dates)
    assert len(fig.layout.shapes) == len(upgrades)


def test_cumulative_capital_and_projects_sit_in_separate_panels():
    """The two series share snapshot dates: in one panel the project count hid the capital."""
    indicators = shipped("indicators")
    capital = series.snapshots(indicators, "fdi_cumulative_capital", (1973, 2026))
    projects = series.snapshots(indicators, "fdi_cumulative_projects", (1973, 2026))
    fig = fdi.cumulative(capital, projects).figure
    capital_trace, projects_trace = fig.data[0], fig.data[1]
    assert capital_trace.yaxis != projects_trace.yaxis
    assert fig.layout[f"yaxis{projects_trace.yaxis[1:]}"].domain[1] < fig.layout.yaxis.domain[0]
