"""Every page as a user sees it (Streamlit AppTest): it runs, and filters change what it shows."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import PAGE_FILES, read_csv, shipped, write_csv

from jvties import exports
from jvties.data.catalog import catalog


def figures(app):
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def deck(app):
    return json.loads(app.get("deck_gl_json_chart")[0].proto.json)


def project_layer(spec):
    return next(layer for layer in spec["layers"] if layer["id"] == "projects")


def layer(spec, layer_id):
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def trace_count(figure, name_prefix):
    return sum(1 for t in figure["data"] if str(t.get("name", "")).startswith(name_prefix))


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_page_runs_without_exception_or_error(run_page, page):
    app = run_page(page)
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error
    assert app.title[0].value


@pytest.mark.parametrize("page", ["overview", "fdi", "oda", "timeline"])
def test_page_draws_charts(run_page, page):
    app = run_page(page)
    assert figures(app), "no chart drawn"
    assert all(f["data"] for f in figures(app)), "an empty chart"


def test_overview_kpis_follow_the_year_range(run_page):
    app = run_page("overview")
    latest = {m.label: m.value for m in app.metric}
    app.slider(key="view_years").set_value((1973, 2015)).run()
    earlier = {m.label: m.value for m in app.metric}
    assert latest["Japan's FDI stock (registered)"] != earlier["Japan's FDI stock (registered)"]
    assert any(label.startswith("High-level exchanges 1973–2015") for label in earlier)


def test_fdi_compare_toggle_adds_other_investors(run_page):
    alone = figures(run_page("fdi"))[0]
    compared = figures(run_page("fdi", {"compare": "1"}))[0]
    names = {t.get("name") for t in compared["data"]}
    assert {"Japan", "Korea (Rep.)", "Singapore", "China"} <= names
    assert "Korea (Rep.)" not in {t.get("name") for t in alone["data"]}


def test_fdi_milestones_toggle(run_page):
    assert trace_count(figures(run_page("fdi"))[0], "Milestone") == 1
    assert trace_count(figures(run_page("fdi", {"milestones": "0"}))[0], "Milestone") == 0


def test_fdi_sector_filter_narrows_the_sector_breakdown(run_page):
    app = run_page("fdi")
    before = len(figures(app)[2]["data"][0]["y"])
    app.multiselect(key="view_sectors").set_value(["manufacturing", "energy"]).run()
    after = figures(app)[2]["data"][0]["y"]
    assert before > 2 and len(after) == 2


def test_link_years_set_the_widgets_and_the_chart(run_page):
    app = run_page("fdi", {"from": "2015", "to": "2018"})
    assert app.slider(key="view_years").value == (2015, 2018)
    bars = [t for t in figures(app)[0]["data"] if str(t.get("name")).startswith("Capital: ")]
    years = {x[:4] for t in bars for x in t["x"]}
    assert years <= {"2015", "2016", "2017", "2018"} and years


def test_changing_a_filter_writes_the_link(run_page):
    app = run_page("oda")
    app.slider(key="view_years").set_value((2000, 2010)).run()
    assert app.query_params["from"] == ["2000"] or app.query_params["from"] == "2000"


def test_bad_link_gives_notices_and_the_default_view(run_page):
    app = run_page("timeline", {"from": "abc", "to": "1800", "sector": "<script>", "bogus": "1"})
    assert not app.exception
    notices = " ".join(i.value for i in app.info)
    assert "not a year" in notices and "unknown link parameter" in notices
    assert app.slider(key="view_years").value == (1973, app.slider(key="view_years").max)


def test_map_kind_filter_changes_the_deck(run_page):
    everything = project_layer(deck(run_page("map")))["data"]
    oda_only = project_layer(deck(run_page("map", {"kind": "ODA"})))["data"]
    assert 0 < len(oda_only) < len(everything)
    assert all("ODA" in p["t_kind"] for p in oda_only)


def test_map_year_filter_keeps_overlapping_projects(run_page):
    app = run_page("map", {"from": "2024", "to": "2026"})
    data = project_layer(deck(app))["data"]
    everything = project_layer(deck(run_page("map")))["data"]
    assert 0 < len(data) < len(everything)


def test_map_years_keep_a_project_built_earlier_and_still_operating(run_page):
    projects = shipped("projects")
    built_before = projects[(projects["status"] == "operating") & (projects["end_year"] < 2015)]
    assert len(built_before), "the shipped data has operating projects built before 2015"
    app = run_page("map", {"from": "2015", "to": "2020"})
    listed = {row["project_id"] for row in project_layer(deck(app))["data"]}
    assert set(built_before["project_id"]) <= listed
    assert any(c.value.startswith("Years: projects active at some time") for c in app.caption)


def test_timeline_people_search(run_page):
    app = run_page("timeline", {"q": "Abe"})
    shown = sum(len(t["x"]) for t in figures(app)[0]["data"])
    total = sum(len(t["x"]) for t in figures(run_page("timeline"))[0]["data"])
    assert 0 < shown < total


def shown_count(app) -> int:
    return int(next(m.value for m in app.markdown if m.value.endswith("events** shown.")).split()[0].strip("*"))


def test_timeline_search_finds_names_written_with_or_without_accents(run_page):
    accented = run_page("timeline", {"q": "Phúc"})
    plain = run_page("timeline", {"q": "phuc"})
    assert shown_count(accented) == shown_count(plain) > 0
    assert accented.text_input(key="option.timeline.q").value == "Phúc"


def test_timeline_office_filter_narrows_to_one_side(run_page):
    everything = shown_count(run_page("timeline"))
    japan_pm = run_page("timeline", {"role": "jp_pm"})
    both = run_page("timeline", {"role": ["jp_pm", "vn_president"]})
    assert 0 < shown_count(japan_pm) < shown_count(both) <= everything
    assert japan_pm.multiselect(key="option.timeline.role").value == ["jp_pm"]


def test_sources_page_offers_every_dataset(run_page):
    app = run_page("sources")
    labels = [b.label for b in app.get("download_button")]
    assert labels.count("Download CSV") == len(catalog().resources) == 6
    assert labels.count("Download GeoJSON") == len(catalog().geo) == 2


def test_broken_projects_file_stops_only_the_pages_that_need_it(run_page, data_copy):
    frame = read_csv(data_copy / "projects.csv")
    frame.loc[2, "lat"] = "48.85"
    write_csv(frame, data_copy / "projects.csv")
    broken = run_page("map", data_dir=data_copy)
    assert not broken.exception
    assert "projects.csv has 1 problem(s)" in broken.error[0].value
    assert "projects.csv, line 4, column 'lat': 48.85 is above the maximum 23.5" in broken.code[0].value
    working = run_page("fdi", data_dir=data_copy)
    assert not working.exception and not working.error and figures(working)


def test_missing_events_file_is_reported_on_the_timeline(run_page, data_copy):
    (data_copy / "events.csv").unlink()
    app = run_page("timeline", data_dir=data_copy)
    assert not app.exception
    assert "events.csv" in app.error[0].value
    assert "the file is missing" in app.code[0].value


# Files a page draws from but does without: it names the problem and shows the rest (the map
# keeps every project when the province figures cannot be read).
USES = {
    "overview": set(),
    "fdi": set(),
    "oda": set(),
    "map": {"indicators"},
    "timeline": set(),
    "people": set(),
    "sources": set(),
}
# Which files each page needs, directly or through the references its files make.
NEEDS = {
    "overview": {"sources", "sectors", "provinces", "indicators", "events"},
    "fdi": {"sources", "sectors", "provinces", "indicators", "events"},
    "oda": {"sources", "sectors", "provinces", "indicators", "events", "projects"},
    "map": {"sources", "sectors", "provinces", "projects"},
    "timeline": {"sources", "sectors", "events"},
    "people": {"sources", "sectors", "provinces", "indicators", "events"},
    # Data & sources lists every dataset and reports a broken one in its place.
    "sources": {r.name for r in catalog().resources},
}


@pytest.mark.parametrize("broken", [r.name for r in catalog().resources])
def test_a_broken_file_stops_only_the_pages_that_need_it(run_page, data_copy, broken):
    path = data_copy / catalog().resource(broken).path
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";", 3), encoding="utf-8")
    for page in PAGE_FILES:
        app = run_page(page, data_dir=data_copy)
        assert not app.exception, (page, [e.value for e in app.exception])
        errors = " ".join(e.value for e in app.error)
        if broken in NEEDS[page]:
            assert catalog().resource(broken).path in errors or "problem" in errors, (page, broken)
        elif broken in USES[page]:
            assert catalog().resource(broken).path in errors and app.get("deck_gl_json_chart"), (page, broken)
        else:
            assert not app.error, (page, broken, errors)


FAULT_FILES = {
    "underscore in a number": "indicators",
    "week date": "events",
    "header only": "events",
    "oversized cell": "events",
    "duplicate sector label": "sectors",
    "share over 100": "indicators",
}


@pytest.mark.parametrize("fault", list(FAULT_FILES))
def test_a_data_fault_is_named_on_the_pages_that_need_the_file(run_page, data_copy, fault):
    from test_validation import FAULTS

    breaks, expected = FAULTS[fault]
    breaks(data_copy)
    broken = catalog().resource(FAULT_FILES[fault])
    for page in PAGE_FILES:
        app = run_page(page, data_dir=data_copy)
        assert not app.exception, (page, [e.value for e in app.exception])
        if FAULT_FILES[fault] in NEEDS[page] | USES[page]:
            assert any(broken.path in e.value for e in app.error), (page, fault)
            assert any(expected in c.value for c in app.code), (page, fault, [c.value for c in app.code])
        else:
            assert not app.error, (page, fault, [e.value for e in app.error])
            assert app.title, page


AUTH_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-only-secret",
        "client_id": "test",
        "client_secret": "test",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
}


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_with_sign_in_configured_a_signed_out_visitor_sees_no_data(page):
    """[auth] in secrets.toml gates every page: a signed-out visitor gets the sign-in button
    and nothing else, on every page, whatever the link."""
    from streamlit.testing.v1 import AppTest

    from jvties.data.catalog import REPO_DIR

    app = AppTest.from_file(str(REPO_DIR / "dashboard.py"), default_timeout=60)
    app.secrets = AUTH_SECRETS
    app.run()
    if page != "overview":
        app.switch_page(PAGE_FILES[page])
    app.query_params["from"] = "2010"
    app.run()
    assert not app.exception
    assert [b.label for b in app.button] == ["Sign in"]
    assert not app.metric and not app.get("plotly_chart") and not app.get("deck_gl_json_chart")
    assert not app.dataframe and not app.slider and not app.caption
    assert app.title[0].value == "Japan–Viet Nam economic and diplomatic ties"


def test_a_link_too_long_to_read_says_so(run_page):
    app = run_page("fdi", {f"p{i}": "1" for i in range(1_001)} | {"from": "2010"})
    assert not app.exception
    assert "The link was too long (over 1,000 parameters) to read; the default view is shown." in [
        i.value for i in app.info
    ]
    assert app.slider(key="view_years").value[0] == 1973


def test_reset_filters_clears_years_sectors_and_page_options(run_page):
    app = run_page("timeline", {"from": "2000", "to": "2010", "sector": ["energy"], "q": "Abe", "type": "agreement"})
    assert app.multiselect(key="view_sectors").value == ["energy"]
    app.button[0].click().run()
    assert app.slider(key="view_years").value == (1973, app.slider(key="view_years").max)
    assert app.multiselect(key="view_sectors").value == []
    assert app.text_input(key="option.timeline.q").value == ""
    assert app.multiselect(key="option.timeline.type").value == []
    assert dict(app.query_params) == {}


def test_overview_change_on_the_year_before_is_computed_from_the_data(run_page):
    from jvties.data import series

    full_years = series.annual(shipped("indicators"), "fdi_registered_capital", "JPN", (2010, 2026)).dropna(
        subset=["value"]
    )
    last, before = full_years.iloc[-1], full_years.iloc[-2]
    app = run_page("overview")
    metric = next(m for m in app.metric if m.label == f"FDI from Japan registered in {last['year']}")
    if before["year"] == last["year"] - 1 and before["basis"] == last["basis"]:
        assert metric.delta == f"{(last['value'] / before['value'] - 1) * 100:+.1f}% on {before['year']}"
    else:
        assert not metric.delta
        assert "No change is shown" in metric.help
    assert metric.value.endswith(f"USD {last['value'] / 1000:,.1f} bn")


@pytest.mark.parametrize(("basis_before", "delta"), [("agency_full_year", "+10.0% on 2024"), ("estimate", "")])
def test_overview_never_computes_a_change_across_two_bases(run_page, data_copy, basis_before, delta):
    frame = read_csv(data_copy / "indicators.csv")
    japan_years = (
        (frame["indicator"] == "fdi_registered_capital")
        & (frame["partner"] == "JPN")
        & (frame["period_type"] == "calendar_year")
        & (frame["sector"] == "all")
        & (frame["province"] == "all")
    )
    frame = frame[~japan_years]
    source = frame["source_id"].iloc[0]
    switch_note = "" if basis_before == "agency_full_year" else "Basis change: test row"
    common = {"indicator": "fdi_registered_capital", "partner": "JPN", "period_type": "calendar_year"}
    common |= {"qualifier": "exact", "unit": "usd_million", "sector": "all", "province": "all"}
    common |= {"source_id": source, "preferred": "true", "partial": "", "doubt": ""}
    new_rows = pd.DataFrame(
        [
            common | {"period_end": "2024-12-31", "basis": basis_before, "value": "1000", "note": ""},
            common | {"period_end": "2025-12-31", "basis": "agency_full_year", "value": "1100", "note": switch_note},
        ]
    )[frame.columns]
    write_csv(pd.concat([frame, new_rows]), data_copy / "indicators.csv")
    app = run_page("overview", data_dir=data_copy)
    assert not app.exception
    metric = next(m for m in app.metric if m.label == "FDI from Japan registered in 2025")
    assert (metric.delta or "") == delta
    if not delta:
        assert "the 2024 figure is on another basis" in metric.help


def test_a_qualified_figure_keeps_its_wording_in_the_headline(run_page):
    rows = shipped("indicators")
    statements = rows[(rows["indicator"] == "oda_share_of_total") & rows["preferred"]]
    latest = statements.sort_values("period_end").iloc[-1]
    assert latest["qualifier"] == "over", "the shipped latest statement is 'over 30 per cent'"
    app = run_page("overview")
    metric = next(m for m in app.metric if m.label == "Japan's share of Viet Nam's ODA")
    assert metric.value == f"over {latest['value']:.0f}%"


def test_the_map_draws_the_shipped_geography_under_the_projects(run_page):
    spec = deck(run_page("map"))
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == [
        "sea",
        "land",
        "provinces",
        "area_borders",
        "area_names",
        "projects",
        "project_hubs",
        "project_hub_counts",
    ]
    assert {row["t_name"] for row in layer(spec, "provinces")["data"]} == set(shipped("provinces")["province"])
    assert len(layer(spec, "area_names")["data"]) == 63
    assert not spec.get("mapStyle"), "no online tiles by default"


def test_the_province_layer_shows_each_provinces_latest_fdi_figure_with_its_date(run_page):
    from jvties.data import series

    latest = series.latest_breakdown(shipped("indicators"), "province")
    known = latest.iloc[0]
    rows = {row["t_name"]: row for row in layer(deck(run_page("map")), "provinces")["data"]}
    expected = f"USD {known['value']:,.0f} million as of {known['period_end']:%d %b %Y}"
    assert expected in rows[known["province"]]["t_province"]
    without = next(p for p in shipped("provinces")["province"] if p not in set(latest["province"]))
    assert "no figure" in rows[without]["t_province"]
    assert rows[without]["fill"] != rows[known["province"]]["fill"]


def test_the_34_units_of_2025_are_drawn_dissolved_from_the_63(run_page):
    before = deck(run_page("map"))
    after = deck(run_page("map", {"units2025": "1"}))
    units = {row["t_name"] for row in layer(after, "provinces")["data"]}
    assert units == set(shipped("provinces")["province_2025"]) and len(units) == 34
    assert len(layer(after, "area_names")["data"]) == 34
    assert len(layer(after, "area_borders")["data"]) < len(layer(before, "area_borders")["data"])


@pytest.mark.parametrize(
    ("params", "column", "value"),
    [
        ({"province": "Ha Noi"}, "province", "Ha Noi"),
        ({"unit": "Ho Chi Minh City"}, "province_2025", "Ho Chi Minh City"),
    ],
)
def test_a_chosen_province_or_unit_narrows_the_markers_and_the_table(run_page, params, column, value):
    app = run_page("map", params)
    chosen = project_layer(deck(app))["data"]
    projects = shipped("projects")
    expected = set(projects.loc[projects[column] == value, "project_id"])
    assert {row["project_id"] for row in chosen} == expected and 0 < len(expected) < len(projects)
    assert len(app.dataframe[-1].value) == len(expected)


def test_marker_style_says_how_exact_a_position_is(run_page):
    rows = project_layer(deck(run_page("map")))["data"]
    quality = dict(zip(shipped("projects")["project_id"], shipped("projects")["coord_quality"], strict=True))
    alpha = {q: {row["fill"][3] for row in rows if quality[row["project_id"]] == q} for q in ("site", "city")}
    assert min(alpha["site"]) > max(alpha["city"])


def test_projects_sharing_a_town_centre_are_counted_on_one_hub(run_page):
    projects = shipped("projects")
    hanoi = projects[(projects["coord_quality"] == "city") & (projects["place"] == "Hanoi")]
    hubs = {row["t_name"]: row for row in layer(deck(run_page("map")), "project_hubs")["data"]}
    hub = hubs[f"{len(hanoi)} projects placed at the centre of Hanoi"]
    assert len(hanoi) > 10 and hub["count"] == str(len(hanoi))
    oda = deck(run_page("map", {"kind": "ODA"}))
    counted = sum(int(row["count"]) for row in layer(oda, "project_hubs")["data"])
    assert counted < sum(int(row["count"]) for row in hubs.values())


def test_online_tiles_show_through_the_shipped_geography(run_page, monkeypatch):
    monkeypatch.setenv("JVTIES_BASEMAP", "carto")
    spec = deck(run_page("map"))
    ids = [layer["id"] for layer in spec["layers"]]
    assert spec.get("mapStyle") and "sea" not in ids
    assert layer(spec, "land")["filled"] is False
    assert {"provinces", "area_borders", "area_names", "projects"} <= set(ids)


def test_sources_page_gives_a_citation_with_the_data_version(run_page, data_copy):
    from jvties.data.catalog import DEFAULT_DATA_DIR, data_version

    cited = run_page("sources").code[0].value
    assert f"Data version {data_version(DEFAULT_DATA_DIR)}" in cited and "Accessed " in cited
    sources = read_csv(data_copy / "sources.csv")
    sources.loc[0, "note"] = "edited"
    write_csv(sources, data_copy / "sources.csv")
    edited = run_page("sources", data_dir=data_copy).code[0].value
    assert data_version(data_copy) != data_version(DEFAULT_DATA_DIR)
    assert f"Data version {data_version(data_copy)}" in edited


def test_each_overview_figure_names_its_own_source(run_page):
    from jvties.data.filters import View
    from jvties.figures.overview import overview_kpis
    from jvties.text import md_text

    app = run_page("overview", {"to": "2024"})
    kpis = overview_kpis(shipped("indicators"), shipped("events"), View(1973, 2024))
    publishers = shipped("sources").set_index("source_id")["publisher"]
    captions = [c.value for c in app.caption if c.value.startswith("Source: ")]
    expected = [publishers[k.source_id] for k in kpis if k.source_id]
    assert len(captions) == len(expected) >= 5
    for caption, publisher in zip(captions, expected, strict=True):
        assert caption.startswith((f"Source: [{md_text(publisher)}", f"Source: {md_text(publisher)}"))
    assert not [c for c in app.caption if c.value.startswith("Figures above")], "no pooled source list"


def test_fdi_page_gives_japans_rank_with_its_source(run_page):
    from jvties.figures.overview import investor_rank
    from jvties.text import md_text

    rank = investor_rank(shipped("indicators"), 2026)
    publisher = shipped("sources").set_index("source_id").loc[rank.source_id, "publisher"]
    app = run_page("fdi")
    assert any(f"Japan's rank among investors: {rank.value_text}" in m.value for m in app.markdown)
    assert any(c.value.startswith(f"Source: [{md_text(publisher)}") for c in app.caption)


def test_the_investor_comparison_hovers_every_investor_of_a_year_at_once(run_page):
    app = run_page("fdi", {"compare": "1"})
    compare = figures(app)[0]
    assert any(m.value.startswith("**Registered FDI capital in Viet Nam by investor") for m in app.markdown)
    assert compare["layout"]["hovermode"] == "x unified"


@pytest.mark.parametrize("page", ["overview", "fdi", "oda", "timeline", "people"])
def test_chart_titles_are_printed_above_the_chart_not_inside_it(run_page, page):
    """On a phone a title inside the chart is cut and Plotly's toolbar sits on it; printed by
    the page it wraps. The figure itself keeps it, for pictures."""
    app = run_page(page)
    drawn = figures(app)
    assert drawn and all("title" not in f["layout"] or not f["layout"]["title"].get("text") for f in drawn)
    headings = [m.value for m in app.markdown if m.value.startswith("**")]
    assert len(headings) >= len(drawn)
    long_names = [t["name"] for f in drawn for t in f["data"] if len(str(t.get("name", "")).replace("<br>", "")) > 40]
    assert all("<br>" in name for name in long_names), long_names


def chart_tables(app) -> list[pd.DataFrame]:
    """Switches every chart's table on and returns the tables, in page order."""
    app.run()  # AppTest keeps no widget state from the first run of the default page
    for switch in app.toggle:
        if switch.label == "Table of the figures drawn":
            switch.set_value(True)
    app.run()
    sourced = list(exports.SOURCE_FIELDS.values())
    return [d.value for d in app.dataframe if list(d.value.columns[-4:]) == sourced]


def test_every_chart_has_a_table_of_the_rows_its_download_holds(run_page):
    for page in ("overview", "fdi", "oda", "timeline"):
        app = run_page(page)
        assert not [d for d in app.dataframe if "source_title" in d.value.columns], "tables wait for their switch"
        tables = chart_tables(app)
        assert len(tables) == len(app.get("plotly_chart")), page
        for table in tables:
            assert len(table) > 0 and list(table.columns[-4:]) == list(exports.SOURCE_FIELDS.values())
        # The page's workbook gets a sheet of exactly these rows per chart.
        sheets = app.session_state["workbook_sheets"]
        assert [len(exports.export_frame(rows)) for _, rows in sheets] == [len(t) for t in tables], page
        assert [b.proto.label for b in app.get("download_button")].count("Download all as an Excel workbook") == 1
    every = sum(len(t) for t in chart_tables(run_page("fdi")))
    energy = sum(len(t) for t in chart_tables(run_page("fdi", {"sector": "energy"})))
    assert energy < every


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_table_heads_its_columns_in_one_style_and_shows_no_none(run_page, page):
    app = run_page(page, {"from": "2015", "to": "2020"} if page != "sources" else None)
    for frame in app.dataframe:
        assert frame.proto.placeholder == "–", page
        labels = [c.get("label") for c in json.loads(frame.proto.columns).values()]
        assert all(label and label[0].isupper() and "_" not in label for label in labels if label), (page, labels)


def test_a_short_table_is_as_tall_as_its_rows():
    from jvties.app.components import TABLE_MAX_PX, fitted_height

    assert fitted_height(3) < fitted_height(10) < TABLE_MAX_PX
    assert fitted_height(10_000) == TABLE_MAX_PX


def test_the_page_icon_ships_with_the_app():
    from jvties.app.navigation import PAGE_ICON

    assert PAGE_ICON.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
