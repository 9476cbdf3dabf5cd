"""Filters and link parsing: pure functions, tested without Streamlit."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from jvties.data import filters
from jvties.data.catalog import DEFAULT_DATA_DIR
from jvties.data.loaders import load_table

SECTORS = ["energy", "transport", "health"]
BOUNDS = (1973, 2026)


def parse(params, page_keys=()):
    return filters.parse_view(params, SECTORS, BOUNDS, page_keys)


def test_empty_link_gives_the_default_view_without_notices():
    result = parse({})
    assert result.view == filters.View(1973, 2026, ())
    assert result.notices == []


def test_valid_link_is_read_exactly():
    result = parse({"from": ["2015"], "to": ["2024"], "sector": ["transport", "energy"]})
    assert result.view == filters.View(2015, 2024, ("energy", "transport"))
    assert result.notices == []


def test_reversed_years_are_swapped_with_a_notice():
    result = parse({"from": "2024", "to": "2015"})
    assert (result.view.year_from, result.view.year_to) == (2015, 2024)
    assert result.notices == ["The link's years were in reverse order; they have been swapped."]


def test_out_of_range_and_non_numeric_years():
    result = parse({"from": "1900", "to": "twenty"})
    assert (result.view.year_from, result.view.year_to) == (1973, 2026)
    assert len(result.notices) == 2


def test_unknown_sector_and_key_keep_the_valid_part():
    result = parse({"sector": ["energy", "<script>alert(1)</script>"], "utm_source": "mail"})
    assert result.view.sectors == ("energy",)
    assert "1 unknown link parameter(s) were ignored." in result.notices
    assert "1 unknown value(s) for 'sector' in the link were ignored." in result.notices
    assert all("<script>" not in n for n in result.notices)


def test_comma_separated_sectors_are_accepted():
    assert parse({"sector": "health,energy"}).view.sectors == ("energy", "health")


def test_view_round_trips_through_its_link():
    view = filters.View(2010, 2020, ("transport",))
    assert parse(view.to_params(BOUNDS)).view == view
    assert filters.View(*BOUNDS).to_params(BOUNDS) == {}


link_values = st.lists(st.text(max_size=300), max_size=5) | st.text(max_size=3000)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "sector", "kind", "zz", "", "from[]"]) | st.text(max_size=20),
        link_values,
        max_size=6,
    )
)
def test_any_link_gives_a_valid_view_and_short_notices(params):
    result = parse(params, page_keys=["kind"])
    view = result.view
    assert BOUNDS[0] <= view.year_from <= view.year_to <= BOUNDS[1]
    assert set(view.sectors) <= set(SECTORS)
    assert all(len(n) < 120 for n in result.notices)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=5000))
def test_text_parameters_are_bounded_and_printable(text):
    notices: list[str] = []
    parsed = filters.parse_text({"q": [text]}, "q", notices)
    assert len(parsed) <= filters.MAX_TEXT_LENGTH
    assert parsed.isprintable()


def projects_frame():
    return pd.DataFrame(
        {
            "project_id": ["a", "b", "c", "d"],
            "sector": ["energy", "transport", "energy", "health"],
            "start_year": pd.array([2000, 2018, None, 2024], dtype="Int64"),
            "end_year": pd.array([2005, None, None, 2025], dtype="Int64"),
        }
    )


def test_year_range_keeps_projects_whose_active_span_overlaps_it():
    shown = filters.filter_projects(projects_frame(), filters.View(2004, 2019))
    assert shown["project_id"].tolist() == ["a", "b", "c"]


def test_year_range_excludes_projects_finished_before_it():
    shown = filters.filter_projects(projects_frame(), filters.View(2020, 2026))
    assert shown["project_id"].tolist() == ["b", "c", "d"]


def test_sector_filter_leaves_only_that_sector():
    shown = filters.filter_projects(projects_frame(), filters.View(1973, 2026, ("energy",)))
    assert set(shown["sector"]) == {"energy"}
    assert len(shown) == 2


def test_sector_filter_on_shipped_events_keeps_tagged_events_only():
    events = load_table("events", DEFAULT_DATA_DIR)
    shown = filters.filter_events(events, filters.View(1973, 2026, ("defence_security",)))
    assert 0 < len(shown) < len(events)
    assert shown["sectors"].str.contains("defence_security").all()


def test_year_filter_on_observations():
    indicators = load_table("indicators", DEFAULT_DATA_DIR)
    shown = filters.filter_period(indicators, filters.View(2015, 2016))
    assert set(shown["period_end"].dt.year) <= {2015, 2016}
    assert len(shown) > 0
