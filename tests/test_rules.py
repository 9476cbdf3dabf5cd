"""The data dictionary's rules (jvties/prose/definitions.md), each checked on the shipped files.

The validator enforces most of these on any folder; these tests say, rule by rule, that the
data the dashboard ships keeps the promises its documentation makes to readers."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import shipped

from jvties.data.validation import OBSERVATION_KEY, SERIES_KEY

# How a note quotes the source's own hedge word, and the qualifier that word means.
WORDING = {
    "over": "over",
    "more than": "over",
    "exceeds": "over",
    "topped": "over",
    "hơn": "over",
    "nearly": "nearly",
    "gần": "nearly",
    "about": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "khoảng": "about",
}


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return shipped("indicators")


def test_year_end_reports_are_calendar_years_dated_at_a_late_december_cut_off(indicators):
    calendar = indicators[indicators["period_type"] == "calendar_year"]
    reports = calendar[calendar["basis"] == "agency_year_end_report"]
    assert len(reports) > 50
    assert ((reports["period_end"].dt.month == 12) & (reports["period_end"].dt.day >= 15)).all()
    others = calendar[calendar["basis"] != "agency_year_end_report"]
    assert ((others["period_end"].dt.month == 12) & (others["period_end"].dt.day == 31)).all()
    fiscal = indicators[indicators["period_type"] == "fiscal_year_jp"]
    assert ((fiscal["period_end"].dt.month == 3) & (fiscal["period_end"].dt.day == 31)).all()


def test_no_agency_report_to_late_december_is_stored_as_year_to_date(indicators):
    ytd = indicators[(indicators["period_type"] == "year_to_date") & indicators["basis"].str.startswith("agency_")]
    late_december = (ytd["period_end"].dt.month == 12) & (ytd["period_end"].dt.day >= 15)
    assert not late_december.any(), ytd[late_december][["indicator", "partner", "period_end"]]


def test_no_observation_is_drawn_twice_under_two_period_types(indicators):
    # Amounts only: the same rank at two cut-offs is two observations that agree.
    preferred = indicators[indicators["preferred"] & (indicators["unit"] != "rank")]
    key = ["indicator", "partner", "sector", "province", "unit", "value", "year"]
    rows = preferred.assign(year=preferred["period_end"].dt.year)
    full = rows[rows["period_type"] == "calendar_year"][key]
    partial = rows[rows["period_type"] == "year_to_date"][key]
    assert full.merge(partial, on=key).empty


def test_every_observation_given_by_several_sources_has_one_preferred_row(indicators):
    counts = indicators.groupby(OBSERVATION_KEY)["preferred"].agg(["sum", "size"])
    assert (counts[counts["size"] > 1]["sum"] == 1).all()


def test_every_change_of_basis_along_a_preferred_series_is_said_in_the_note(indicators):
    rows = indicators[indicators["preferred"]].sort_values("period_end", kind="stable")
    previous = rows.groupby(SERIES_KEY)["basis"].shift()
    changed = rows[previous.notna() & (rows["basis"] != previous)]
    assert len(changed) > 0
    assert changed["note"].fillna("").str.contains("Basis change", regex=False).all()


def test_the_qualifier_matches_the_wording_the_note_quotes(indicators):
    quoted = indicators["note"].fillna("").str.extract(r"[Ss]ource says '([^']+)'")[0].dropna()
    checked = 0
    for line, words in quoted.items():
        word = re.sub(r"\s.*\d.*$", "", words)  # "over 30 per cent" -> "over"
        if word in WORDING:
            assert indicators.at[line, "qualifier"] == WORDING[word], (line, words)
            checked += 1
    assert checked > 50


def test_a_gap_is_missing_never_zero(indicators):
    amounts = indicators[indicators["unit"].isin(["usd_million", "jpy_billion", "count"])]
    assert (amounts["value"] > 0).all()


def test_a_row_that_asks_to_be_verified_says_why_it_is_uncertain(indicators):
    asks = indicators["note"].fillna("").str.contains("verify", case=False)
    assert (indicators.loc[asks, "doubt"].fillna("").str.strip() != "").all()


def test_each_project_carries_the_2025_unit_of_its_province():
    projects, provinces = shipped("projects"), shipped("provinces")
    unit = dict(zip(provinces["province"], provinces["province_2025"], strict=True))
    assert (projects["province_2025"] == projects["province"].map(unit)).all()


def test_only_projects_placed_at_a_town_or_province_centre_share_a_point():
    projects = shipped("projects")
    exact = projects[projects["coord_quality"].isin(["site", "landmark"])]
    assert not exact.duplicated(["lat", "lon"]).any()
    assert (projects.loc[projects["coord_quality"] == "city", "place"].str.strip() != "").all()
