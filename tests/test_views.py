"""Every page survives every view a user can ask for: any year range from 1973 to this year
(single years included), any set of sectors, every page option. A selection with no rows is
a normal case, shown with the page's "no figures" text, never an error box."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import open_page, shipped
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jvties.app.navigation import PAGES
from jvties.data.filters import PageOption

FIRST_YEAR, THIS_YEAR = 1973, dt.date.today().year
SPECS = {spec.key: spec for spec in PAGES}


def sector_ids() -> list[str]:
    return shipped("sectors")["sector_id"].tolist()


PEOPLE = ["Abe", "Phúc", "Chinh", "Emperor", "Kishida", "zzz-nobody", "<b>x</b>", "ả"]


def option_values(option: PageOption) -> st.SearchStrategy[list[str] | None]:
    """What a link may give an option: nothing, or a value of the kind it takes."""
    if option.kind == "flag":
        return st.sampled_from([None, ["0"], ["1"]])
    if option.kind == "choices":
        return st.none() | st.lists(st.sampled_from(list(option.options)), min_size=1, unique=True)
    return st.none() | st.sampled_from(PEOPLE).map(lambda text: [text]) | st.text(max_size=20).map(lambda t: [t])


@st.composite
def views(draw, page: str) -> dict[str, list[str]]:
    first = draw(st.integers(FIRST_YEAR, THIS_YEAR))
    last = draw(st.integers(first, THIS_YEAR))
    params = {"from": [str(first)], "to": [str(last)]}
    sectors = draw(st.lists(st.sampled_from(sector_ids()), unique=True))
    if sectors:
        params["sector"] = sectors
    for option in SPECS[page].options:
        value = draw(option_values(option))
        if value is not None:
            params[option.key] = value
    return params


def assert_page_works(page: str, params: dict[str, list[str]]) -> None:
    app = open_page(page, params)
    assert not app.exception, (page, params, [e.value for e in app.exception])
    assert not app.error, (page, params, [e.value for e in app.error])
    # The page drew the view it was asked for, not a default it fell back to.
    assert app.slider(key="view_years").value == (int(params["from"][0]), int(params["to"][0]))
    assert app.multiselect(key="view_sectors").value == [s for s in sector_ids() if s in params.get("sector", [])]


@pytest.mark.parametrize("page", list(SPECS))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_page_survives_any_view(page, data):
    assert_page_works(page, data.draw(views(page)))


@pytest.mark.parametrize("page", list(SPECS))
@pytest.mark.parametrize(
    "years",
    [(FIRST_YEAR, FIRST_YEAR), (THIS_YEAR, THIS_YEAR), (THIS_YEAR - 1, THIS_YEAR), (2000, 2010), (FIRST_YEAR, 2009)],
)
def test_edge_ranges_on_every_page(page, years):
    assert_page_works(page, {"from": [str(years[0])], "to": [str(years[1])]})


@pytest.mark.parametrize("compare", ["0", "1"])
@pytest.mark.parametrize("year", range(FIRST_YEAR, THIS_YEAR + 1))
def test_fdi_page_every_single_year_in_both_modes(year, compare):
    assert_page_works("fdi", {"from": [str(year)], "to": [str(year)], "compare": [compare]})


@pytest.mark.parametrize("year", range(FIRST_YEAR, THIS_YEAR + 1))
@pytest.mark.parametrize("page", [key for key in SPECS if key != "fdi"])
def test_other_pages_every_single_year(page, year):
    assert_page_works(page, {"from": [str(year)], "to": [str(year)]})


@pytest.mark.parametrize("compare", ["0", "1"])
def test_a_year_without_figures_says_so_in_words(compare):
    app = open_page("fdi", {"from": ["1990"], "to": ["1990"], "compare": [compare]})
    assert not app.exception and not app.error
    assert any("No figures match the selected years" in w.value for w in app.warning)
