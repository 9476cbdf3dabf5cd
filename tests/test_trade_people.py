"""Trade & people (#14): the series the page selects, the figures it draws, and the page as a user
sees it. Year ranges are swept over the whole input space: any first and last year a link can give."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from conftest import shipped
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jvties.data import series
from jvties.figures import trade_people

FIRST_YEAR, THIS_YEAR = 1973, dt.date.today().year
YEAR_RANGES = st.integers(FIRST_YEAR, THIS_YEAR).flatmap(lambda a: st.tuples(st.just(a), st.integers(a, THIS_YEAR)))


def trade_inputs(years):
    indicators = shipped("indicators")
    frames = [
        series.annual(indicators, name, "JPN", years, series.RELATIONS_SERIES_START)
        for name in trade_people.TRADE_INDICATORS
    ]
    return (*frames, series.years_to_date(indicators, trade_people.TRADE_INDICATORS, years))


def bar_heights(figure) -> dict[int, float]:
    """Each year's stacked height as drawn (USD billion)."""
    heights: dict[int, float] = {}
    for trace in figure.data:
        if trace.type == "bar":
            for x, y in zip(trace.x, trace.y, strict=True):
                heights[pd.Timestamp(x).year] = heights.get(pd.Timestamp(x).year, 0) + y
    return heights


# Series -----------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(years=YEAR_RANGES)
def test_trade_series_stay_inside_the_years_and_keep_gaps_as_gaps(years):
    exports, imports, totals, partial = trade_inputs(years)
    for frame in (exports, imports, totals):
        assert frame["year"].between(*years).all()
        assert not (frame["value"] == 0).any(), "a missing year must be NaN, never zero"
    assert partial["period_end"].dt.year.between(*years).all()
    indicators = shipped("indicators")
    full_years = {
        (name, year)
        for name in trade_people.TRADE_INDICATORS
        for year in series.select(indicators, name, "JPN", (series.FULL_YEAR,))["period_end"].dt.year
    }
    for row in partial.itertuples():
        assert (row.indicator, row.period_end.year) not in full_years


def test_a_year_without_a_figure_is_a_gap_inside_the_series():
    exports, imports, *_ = trade_inputs((2010, 2025))
    assert pd.isna(imports.set_index("year").at[2012, "value"]), "no source gives 2012's imports"
    assert exports.set_index("year").at[2025, "value"] == pytest.approx(26770)


@settings(max_examples=40, deadline=None)
@given(years=YEAR_RANGES)
def test_people_stocks_are_dated_inside_the_years(years):
    stocks = series.snapshots_of(shipped("indicators"), tuple(trade_people.PEOPLE_LABELS), years)
    assert stocks["period_end"].dt.year.between(*years).all()
    assert set(stocks["indicator"]) <= set(trade_people.PEOPLE_LABELS)


# Figures ----------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years=YEAR_RANGES)
def test_trade_bars_stack_to_what_the_sources_give(years):
    exports, imports, totals, partial = trade_inputs(years)
    drawn = trade_people.trade_by_year(exports, imports, totals, partial)
    heights = bar_heights(drawn.figure)
    assert set(heights) == set(drawn.rows["year"])
    for year, rows in drawn.rows.groupby("year"):
        sides = rows[rows["indicator"] != "trade_total_vn_jpn"]
        expected = sides["value"].sum() if len(sides) else rows["value"].sum()
        assert heights[year] == pytest.approx(expected / 1000), year
    assert drawn.rows["period_end"].dt.year.between(*years).all()
    assert set(drawn.source_ids) <= set(shipped("sources")["source_id"])


def test_a_year_given_only_as_a_total_is_one_grey_bar_and_part_years_are_hatched():
    drawn = trade_people.trade_by_year(*trade_inputs((2010, 2025)))
    grey = next(t for t in drawn.figure.data if t.name.startswith("Two-way total only"))
    assert {pd.Timestamp(x).year for x in grey.x} >= {2011, 2016, 2023}
    # The year a source gives one side of only: its total marks where the other side would reach.
    half = next(t for t in drawn.figure.data if t.name.startswith("Two-way total where one side"))
    assert {pd.Timestamp(x).year for x in half.x} == {2012, 2014, 2024}
    # Without 2024's full-year rows, the year is drawn from its part-year figure, hatched.
    indicators = shipped("indicators")
    full_2024 = (indicators["period_type"] == "calendar_year") & (indicators["period_end"].dt.year == 2024)
    without = indicators[~full_2024]
    frames = [series.annual(without, n, "JPN", (2010, 2025), 2010) for n in trade_people.TRADE_INDICATORS]
    partial = series.years_to_date(without, trade_people.TRADE_INDICATORS, (2010, 2025))
    drawn = trade_people.trade_by_year(*frames, partial)
    hatched = [t for t in drawn.figure.data if t.type == "bar" and t.marker.pattern.shape == "/"]
    assert hatched and all("part of the year" in t.name for t in hatched)
    assert 2024 in {pd.Timestamp(x).year for t in hatched for x in t.x}
    assert not [
        t
        for t in drawn.figure.data
        if t.type == "bar" and t.marker.pattern.shape == "/" and not t.name.endswith("only")
    ]


@settings(max_examples=40, deadline=None)
@given(years=YEAR_RANGES)
def test_the_balance_is_computed_only_from_two_figures_on_one_basis(years):
    exports, imports, *_ = trade_inputs(years)
    balances = trade_people.balance(exports, imports)
    by_year_e = exports.set_index("year")
    by_year_i = imports.set_index("year")
    for row in balances.itertuples():
        assert by_year_e.at[row.year, "basis"] == by_year_i.at[row.year, "basis"]
        assert row.value == pytest.approx(by_year_e.at[row.year, "value"] - by_year_i.at[row.year, "value"])
    figure = trade_people.trade_balance(balances).figure
    bars = [t for t in figure.data if t.type == "bar"]
    if balances.empty:
        assert not bars
    else:
        colors = bars[0].marker.color
        assert all(
            (c == trade_people.SURPLUS_COLOR) == (v >= 0) for c, v in zip(colors, balances["value"], strict=True)
        )


def test_the_rank_axis_puts_first_place_on_top():
    ranks = series.dated(shipped("indicators"), "trade_partner_rank", ("calendar_year", "year_to_date"), (2010, 2025))
    figure = trade_people.partner_rank(ranks).figure
    low, high = figure.layout.yaxis.range
    assert low > high, "rank 1 must be at the top"
    assert {t.name for t in figure.data} == {"For the whole year", "For part of the year, or 'now'"}


def test_a_change_of_basis_breaks_the_residents_line():
    stocks = series.snapshots_of(shipped("indicators"), tuple(trade_people.PEOPLE_LABELS), (2010, 2025))
    figure = trade_people.people_in_japan(stocks).figure
    residents = [t for t in figure.data if str(t.name).startswith("Vietnamese residents")]
    assert len(residents) == 2, "alien registration (before 2012) and residence statistics drawn apart"
    solid, dotted = residents
    assert solid.line.dash == "solid" and dotted.line.dash == "dot"
    drawn_solid = {pd.Timestamp(x).year for x, y in zip(solid.x, solid.y, strict=True) if y is not None}
    drawn_dotted = {pd.Timestamp(x).year for x, y in zip(dotted.x, dotted.y, strict=True) if y is not None}
    assert drawn_dotted == {2010, 2011} and min(drawn_solid) == 2012


@settings(max_examples=40, deadline=None)
@given(years=YEAR_RANGES)
def test_visitor_lines_break_at_a_missing_year_and_mark_it(years):
    indicators = shipped("indicators")
    to_japan, to_viet_nam = (
        series.annual(indicators, name, "JPN", years, series.RELATIONS_SERIES_START)
        for name in trade_people.VISITOR_INDICATORS
    )
    partial = series.years_to_date(indicators, trade_people.VISITOR_INDICATORS, years)
    drawn = trade_people.visitors(to_japan, to_viet_nam, partial)
    line = next(t for t in drawn.figure.data if t.name == "Japanese visitors to Viet Nam")
    missing = set(to_viet_nam[to_viet_nam["value"].isna()]["year"])
    gaps = {pd.Timestamp(x).year for x, y in zip(line.x, line.y, strict=True) if y is None}
    assert gaps == missing
    crosses = [t for t in drawn.figure.data if t.name == "No figure found (gap)"]
    assert bool(missing or set(to_japan[to_japan["value"].isna()]["year"])) == bool(crosses)
    assert sum(1 for t in drawn.figure.data if t.showlegend is not False and t.name == "No figure found (gap)") <= 1


# The page ---------------------------------------------------------------------------------------


def figures(app):
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def test_the_page_draws_five_charts_with_data(run_page):
    app = run_page("people")
    assert not app.exception and not app.error
    drawn = figures(app)
    assert len(drawn) == 5 and all(f["data"] for f in drawn)
    assert [s.value for s in app.subheader] == [
        "Trade in goods",
        "Vietnamese living and working in Japan",
        "Visitors both ways",
    ]


def test_a_narrower_year_range_draws_fewer_years(run_page):
    wide = figures(run_page("people"))
    narrow_app = run_page("people", {"from": "2018", "to": "2020"})
    narrow = figures(narrow_app)
    years = {x[:4] for t in narrow[0]["data"] if t.get("type") == "bar" for x in t["x"]}
    assert years == {"2018", "2019", "2020"}
    assert len(json.dumps(narrow[0]["data"])) < len(json.dumps(wide[0]["data"]))


def test_the_link_reproduces_the_view_and_the_milestones_switch(run_page):
    app = run_page("people", {"from": "2015", "to": "2024", "milestones": "0"})
    assert app.slider(key="view_years").value == (2015, 2024)
    assert not any(t.get("name") == "Milestone (diplomacy)" for f in figures(app) for t in f["data"])
    app = run_page("people", {"from": "2015", "to": "2024"})
    assert any(t.get("name") == "Milestone (diplomacy)" for f in figures(app) for t in f["data"])


def test_the_sector_filter_is_explained_and_changes_nothing(run_page):
    plain = run_page("people")
    filtered = run_page("people", {"sector": "energy"})
    assert any("sector filter does not change this page" in c.value for c in filtered.caption)
    assert not any("sector filter does not change this page" in c.value for c in plain.caption)
    assert figures(plain) == figures(filtered)


def test_before_the_data_starts_the_page_says_there_are_no_figures(run_page):
    app = run_page("people", {"from": "1973", "to": "1980"})
    assert not app.exception and not app.error
    assert not figures(app)
    assert len(app.warning) == 5, "each chart says it has no figures for the view"


def test_the_overview_gives_trade_residents_and_visitors_with_their_sources(run_page):
    app = run_page("overview", {"to": "2024"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Goods trade with Japan in 2024"] == "USD 46.2 bn"
    assert metrics["Vietnamese residents in Japan"] == "634,361"
    assert metrics["Vietnamese visitors to Japan in 2024"] == "621,100"
    app = run_page("overview", {"to": "2016"})
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Vietnamese residents in Japan"] == "199,990"


def test_no_balance_is_computed_across_two_bases():
    def year_rows(basis, value):
        return pd.DataFrame(
            {
                "partner": ["JPN"],
                "year": [2021],
                "value": [value],
                "unit": ["usd_million"],
                "basis": [basis],
                "qualifier": ["exact"],
                "period_type": ["calendar_year"],
                "period_end": [pd.Timestamp("2021-12-31")],
                "source_id": ["s"],
                "note": [None],
                "doubt": [None],
            }
        )

    same = trade_people.balance(year_rows("vn_customs", 20130), year_rows("vn_customs", 22650))
    assert same["value"].tolist() == [20130 - 22650]
    mixed = trade_people.balance(year_rows("vn_customs", 20130), year_rows("official_statement", 22800))
    assert mixed.empty


@settings(max_examples=60, deadline=None)
@given(years=YEAR_RANGES)
def test_every_headline_figure_is_inside_the_years_or_says_it_is_older(years):
    from jvties.data.filters import View
    from jvties.figures.overview import overview_kpis

    for kpi in overview_kpis(shipped("indicators"), shipped("events"), View(*years)):
        if kpi.as_of is None:
            continue
        assert kpi.as_of.year <= years[1], kpi.label
        assert (kpi.age_note(years[0]) is not None) == (kpi.as_of.year < years[0]), kpi.label


def test_a_one_year_view_says_which_figures_are_from_before_it(run_page):
    app = run_page("overview", {"from": "2026", "to": "2026"})
    older = [c.value for c in app.caption if "Older than the selected years" in c.value]
    assert older and all("latest figure is for 2025" in text for text in older)
    assert not [c for c in run_page("overview").caption if "Older than the selected years" in c.value]
