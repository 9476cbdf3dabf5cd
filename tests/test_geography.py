"""The shipped geography: 63 provinces joined to provinces.csv, the 34 units of 1 July 2025
dissolved from them, and no Paracel islet drawn as another country's territory."""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import shipped

from jvties.data import geography
from jvties.data.catalog import DEFAULT_DATA_DIR
from jvties.data.validation import DataError

GEO = DEFAULT_DATA_DIR / geography.GEO_DIR


@pytest.fixture(scope="module")
def provinces() -> list[dict]:
    return geography.read_features(GEO / geography.PROVINCES_FILE, geography.PROVINCE_PROPERTIES)


def edges(lines):
    return {frozenset(pair) for line in lines for pair in itertools.pairwise(line)}


def test_the_63_provinces_are_those_of_provinces_csv(provinces):
    names = {f["properties"]["province"] for f in provinces}
    assert names == set(shipped("provinces")["province"]) and len(provinces) == 63


def test_dissolving_63_into_34_removes_the_borders_inside_a_merged_unit(provinces):
    units = geography.units_2025(shipped("provinces"))
    assert len(set(units.values())) == 34
    own = geography.borders(provinces, {p: p for p in units})
    merged = geography.borders(provinces, units)
    assert len(own) == 63 and len(merged) == 34
    # Binh Duong and Ba Ria - Vung Tau joined Ho Chi Minh City on 1 July 2025.
    assert {p for p, u in units.items() if u == "Ho Chi Minh City"} == {
        "Ho Chi Minh City",
        "Binh Duong",
        "Ba Ria - Vung Tau",
    }
    shared = edges(own["Binh Duong"]) & edges(own["Ho Chi Minh City"])
    assert shared, "the two provinces share a border"
    unit = edges(merged["Ho Chi Minh City"])
    assert not shared & unit
    assert unit <= edges(own["Binh Duong"]) | edges(own["Ho Chi Minh City"]) | edges(own["Ba Ria - Vung Tau"])
    # A province merged with nobody keeps its outline.
    alone = next(p for p, u in units.items() if list(units.values()).count(u) == 1)
    assert edges(merged[units[alone]]) == edges(own[alone])


def test_no_paracel_islet_is_drawn_inside_another_country():
    countries = geography.read_features(GEO / geography.COUNTRIES_FILE, geography.COUNTRY_PROPERTIES)
    china = next(f for f in countries if f["properties"]["iso_a3"] == "CHN")
    for polygon in geography.polygons(china["geometry"]):
        lats = [p[1] for p in polygon[0]]
        lons = [p[0] for p in polygon[0]]
        assert not (min(lons) > 110.5 and max(lats) < 17.6), "a Paracel islet is drawn as Chinese territory"


def test_a_broken_geography_file_is_named_with_a_fix(tmp_path):
    broken = tmp_path / geography.PROVINCES_FILE
    broken.write_text(json.dumps({"type": "FeatureCollection", "features": [{"properties": {}, "geometry": None}]}))
    with pytest.raises(DataError) as caught:
        geography.read_features(broken, geography.PROVINCE_PROPERTIES)
    assert "feature 1 has no province" in str(caught.value.problems[0])
    broken.write_text("not json")
    with pytest.raises(DataError, match="not readable GeoJSON"):
        geography.read_features(broken, geography.PROVINCE_PROPERTIES)
