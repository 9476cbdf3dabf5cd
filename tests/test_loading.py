"""The caches behind every page: shared tables stay as read, derived selections follow their
inputs, and frames are known by where they came from."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import PAGE_FILES, open_page

from jvties.app import loading
from jvties.data import filters
from jvties.data.catalog import DEFAULT_DATA_DIR
from jvties.data.loaders import load_tables


def test_every_page_leaves_the_shared_tables_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pages get the cached frames themselves, not copies: a page that edited one in place
    # would change what every later session sees.
    monkeypatch.delenv("JVTIES_DATA_DIR", raising=False)
    fresh = load_tables(DEFAULT_DATA_DIR).tables
    for page in PAGE_FILES:
        open_page(page, {"from": "2015", "to": "2024", "sector": "energy"})
    app = open_page("overview")
    assert not app.exception
    shared = loading._loaded_folder(str(DEFAULT_DATA_DIR), loading.data_signature(DEFAULT_DATA_DIR)).tables
    for name, table in fresh.items():
        pd.testing.assert_frame_equal(shared[name], table, obj=name)


def test_a_derived_selection_follows_its_arguments() -> None:
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2001-05-01", "2011-05-01"]),
            "sectors": ["energy", ""],
            "milestone": [True, True],
        }
    )
    early = loading.derive(filters.milestones, events, (2000, 2005))
    late = loading.derive(filters.milestones, events, (2010, 2015))
    assert early["date"].dt.year.tolist() == [2001]
    assert late["date"].dt.year.tolist() == [2011]
    assert loading.derive(filters.milestones, events, (2000, 2005)) is early


def test_frames_with_other_contents_get_other_keys() -> None:
    one = pd.DataFrame({"value": [1.0, 2.0]})
    other = pd.DataFrame({"value": [1.0, 3.0]})
    assert loading.key_of(one) != loading.key_of(other)
    assert loading.key_of(one) == loading.key_of(one.copy())
    assert loading.key_of(one) != loading.key_of(one.rename(columns={"value": "count"}))


def test_a_derived_object_is_known_by_where_it_came_from_not_by_its_contents() -> None:
    def outline(size: int) -> dict[str, list[int]]:
        return {"points": list(range(size))}

    big = loading.derive(outline, 100_000)
    assert loading.key_of(big)[0] == "derived"
    assert loading.key_of(big) != loading.key_of(loading.derive(outline, 99_999))
    assert loading.key_of({"points": [1, 2]}) == (("points", (1, 2)),)
