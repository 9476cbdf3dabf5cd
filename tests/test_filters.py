"""Filters and link parsing: pure functions, tested without Streamlit."""

from __future__ import annotations

import pandas as pd
from conftest import shipped
from hypothesis import given, settings
from hypothesis import strategies as st

from jvties.data import filters
from jvties.data.catalog import DEFAULT_DATA_DIR
from jvties.data.loaders import load_table
from jvties.text import folded

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
            "status": ["completed", "under_construction", "planned", "completed"],
        }
    )


def test_year_range_keeps_projects_whose_active_span_overlaps_it():
    shown = filters.filter_projects(projects_frame(), filters.View(2004, 2019))
    assert shown["project_id"].tolist() == ["a", "b", "c"]


def test_year_range_excludes_projects_finished_before_it():
    shown = filters.filter_projects(projects_frame(), filters.View(2020, 2026))
    assert shown["project_id"].tolist() == ["b", "c", "d"]


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(1990, 2026),
    built=st.integers(0, 10),
    status=st.sampled_from(["planned", "under_construction", "operating", "completed", "cancelled"]),
    first=st.integers(1973, 2026),
    span=st.integers(0, 20),
)
def test_a_project_is_listed_exactly_when_it_is_active_in_the_years(start, built, status, first, span):
    """Started by the range's end and not ended before its start; an operating project has
    not ended, whatever year its building finished (an airport terminal built 2004-2007 and
    operating today is on the map for 2015-2020)."""
    last = min(first + span, 2026)
    end = start + built
    frame = pd.DataFrame(
        {
            "project_id": ["p"],
            "sector": ["transport"],
            "start_year": pd.array([start], dtype="Int64"),
            "end_year": pd.array([end], dtype="Int64"),
            "status": [status],
        }
    )
    shown = not filters.filter_projects(frame, filters.View(first, last)).empty
    ended_before = status != "operating" and end < first
    assert shown == (start <= last and not ended_before)


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


# People search and offices (#15) ----------------------------------------------------------------


def _names() -> list[str]:
    events = shipped("events")
    text = " ".join(events["japan_side"].fillna("") + " " + events["vietnam_side"].fillna(""))
    return sorted({word.strip("();,.") for word in text.split() if len(word.strip("();,.")) > 2})


def _strip_marks(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _add_marks(text: str) -> str:
    """The same word as a Vietnamese or Japanese writer might mark it."""
    marked = {"a": "á", "e": "ê", "o": "ō", "u": "ú", "i": "í", "d": "đ"}
    return "".join(marked.get(c, c) for c in text)


@settings(max_examples=150, deadline=None)
@given(word=st.sampled_from(_names()), case=st.sampled_from([str.lower, str.upper, str.title]))
def test_people_search_ignores_case_diacritics_and_macrons(word, case):
    events, view = shipped("events"), filters.View(1973, 2026)
    found = set(filters.filter_events(events, view, people=word).index)
    assert found, word
    for variant in (_strip_marks(word), _add_marks(_strip_marks(word)), case(word)):
        assert set(filters.filter_events(events, view, people=variant).index) == found, (word, variant)


def test_phuc_and_chinh_are_found_with_their_accents():
    events, view = shipped("events"), filters.View(1973, 2026)
    assert (
        len(filters.filter_events(events, view, people="Phúc"))
        == len(filters.filter_events(events, view, people="Phuc"))
        > 0
    )
    assert len(filters.filter_events(events, view, people="Chính")) > 0
    assert folded("Đà Nẵng Ōno") == "da nang ono"


def test_an_office_matches_its_holder_and_not_a_deputy():
    events, view = shipped("events"), filters.View(1973, 2026)
    prime_ministers = filters.filter_events(events, view, roles=("vn_pm",))
    assert len(prime_ministers) > 20
    deputies_only = events[
        events["vietnam_side"].fillna("").str.contains("Deputy Prime Minister")
        & ~events["vietnam_side"].fillna("").str.contains(r"(?:^|; )(?:Prime Minister|PM)\b", regex=True)
        & ~events["vietnam_side"].fillna("").str.contains("and Prime Minister")
    ]
    assert not set(deputies_only.index) & set(prime_ministers.index)
    japan_pm = filters.filter_events(events, view, roles=("jp_pm",))
    assert japan_pm["japan_side"].str.contains("Prime Minister").all()
    # Sides are kept apart: Japan's prime minister is not matched on Viet Nam's side.
    assert not japan_pm.equals(prime_ministers)


@settings(max_examples=60, deadline=None)
@given(roles=st.lists(st.sampled_from(list(filters.ROLES)), unique=True, min_size=1))
def test_choosing_more_offices_never_shows_fewer_events(roles):
    events, view = shipped("events"), filters.View(1973, 2026)
    union = set(filters.filter_events(events, view, roles=tuple(roles)).index)
    for role in roles:
        assert set(filters.filter_events(events, view, roles=(role,)).index) <= union
