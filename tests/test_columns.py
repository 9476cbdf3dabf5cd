"""The data layer's fast path (whole-column Arrow checks) never changes an outcome: for any
edited file, loading gives the same table, or the same problems, as the careful cell-by-cell
path alone. Hypothesis edits cells of every shipped table with values near each rule's edges."""

from __future__ import annotations

import csv
import io
import tempfile
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jvties.data import columns, loaders
from jvties.data.catalog import DEFAULT_DATA_DIR, Resource, catalog
from jvties.data.validation import TABLE_RULES, DataError, _duplicate_values, _field_problems

# Values at the edges of each kind of check: rolled-over dates, year zero, other scripts'
# digits, signs and exponents, hostile and non-ASCII links, list separators.
EDGES_BY_TYPE = {
    "date": ["2025-02-30", "2024-02-29", "0000-01-01", "1500-06-01", "2025-1-01", "２０２５-01-01"],
    "partial_date": ["2025-06", "2025-13", "2025-02-30", "2025", "0000-01"],
    "number": ["1.", ".5", "+3", "-1", "1e5", "1,234", "9" * 400, "٣", "0", "150.5", "nan", "inf"],
    "integer": ["+3", "-1", "1.0", "007", "9" * 25, "٣", "1_000", "1975", "2200"],
    "boolean": ["true", "TRUE", "False", "yes", "1"],
    "url": ["https://example.org/a", "https://vi.wikipedia.org/wiki/Hà_Nội", "javascript:alert(1)", "http://"],
    "list": ["energy;", ";energy; ", "energy;;space", "energy; energy"],
}
# Whatever the column: empty and blank cells, whitespace other than the space, the separator
# the fast path joins keys with, values the table rules read, and cells that need quoting.
EDGES_ANYWHERE = [
    "",
    " ",
    "\u00a0",
    "\x1f",
    "count",
    "rank",
    "fiscal_year_jp",
    "agency_year_end_report",
    "2025-12-20",
    "2025-12-14",
    "2025-03-31",
    "Basis change: x",
    "line\nbreak",
    'a "quoted", cell',
]


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return rows[0], rows[1:]


@st.composite
def edits(draw, name: str):
    """Up to three cells of table `name`, each set to an edge value of its column's kind, one of
    its categories, another row's value (making duplicates), or a value padded with whitespace."""
    resource = catalog().resource(name)
    header, body = _rows(DEFAULT_DATA_DIR / resource.path)
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(body) - 1))
        column = draw(st.integers(0, len(header) - 1))
        field = resource.field(header[column])
        other = body[draw(st.integers(0, len(body) - 1))][column]
        value = draw(
            st.one_of(
                st.sampled_from(EDGES_BY_TYPE.get(field.type, EDGES_ANYWHERE)),
                st.sampled_from(EDGES_ANYWHERE),
                st.sampled_from(field.enum or (other,)),
                st.just(other),
                st.sampled_from([f" {other}", f"{other} ", f"\u00a0{other}"]),
            )
        )
        changes.append((row, column, value))
    return changes


def _outcome(folder: Path, name: str) -> pd.DataFrame | list[str]:
    try:
        return loaders.load_table(name, folder)
    except DataError as err:
        return [str(p) for p in err.problems]


def _careful_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "_read_simple", lambda path: None)


@pytest.mark.parametrize("name", [r.name for r in catalog().resources])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fast_path_gives_the_careful_outcome(name, data, monkeypatch):
    changes = data.draw(edits(name))
    header, body = _rows(DEFAULT_DATA_DIR / catalog().resource(name).path)
    for row, column, value in changes:
        body[row][column] = value
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for resource in catalog().resources:
            (folder / resource.path).symlink_to(DEFAULT_DATA_DIR / resource.path)
        target = folder / catalog().resource(name).path
        target.unlink()
        with target.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows([header, *body])
        fast = _outcome(folder, name)
        with monkeypatch.context() as patch:
            _careful_only(patch)
            careful = _outcome(folder, name)
    if isinstance(careful, list):
        assert fast == careful
    else:
        assert isinstance(fast, pd.DataFrame), fast
        pd.testing.assert_frame_equal(fast, careful, check_exact=True)


def test_the_shipped_tables_take_the_fast_path(monkeypatch):
    """Guards the speed: a shipped file falling back to the careful path is a regression."""
    careful = []
    read_raw = loaders.read_raw
    monkeypatch.setattr(loaders, "read_raw", lambda path: careful.append(path.name) or read_raw(path))
    loaded = loaders.load_tables(DEFAULT_DATA_DIR)
    assert not loaded.errors
    assert careful == []


FIELDS = [(resource, field) for resource in catalog().resources for field in resource.fields]


@pytest.mark.parametrize(("resource", "field"), FIELDS, ids=[f"{r.name}.{f.name}" for r, f in FIELDS])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_column_is_clean_exactly_when_the_careful_checks_find_nothing(resource, field, data):
    shipped = _rows(DEFAULT_DATA_DIR / resource.path)
    column = shipped[0].index(field.name)
    values = [row[column] for row in shipped[1]]
    cell = st.one_of(
        st.sampled_from(EDGES_BY_TYPE.get(field.type, EDGES_ANYWHERE)),
        st.sampled_from(EDGES_ANYWHERE),
        st.sampled_from(field.enum or values),
        st.sampled_from(values),
        st.sampled_from(values).map(lambda v: f" {v}\u00a0"),
    )
    cells = data.draw(st.lists(cell, min_size=1, max_size=6))
    keys = _reference_keys()
    series = pd.Series(cells, dtype="string", index=range(2, len(cells) + 2))
    careful = _field_problems(resource, field, series, {t: set(k.to_pylist()) for t, k in keys.items()})
    careful += _duplicate_values(
        Resource(resource.name, resource.path, "", "", (), (field,)), series.to_frame(field.name)
    )
    table = columns.Cells(pa.table({field.name: pa.array(cells, pa.string())}))
    fast = columns._column_is_clean(field, table, keys)
    assert fast == (careful == []), careful


@cache
def _reference_keys() -> dict[str, pa.Array]:
    loaded = loaders.load_tables(DEFAULT_DATA_DIR, list(loaders.REFERENCED_TABLES))
    return {
        name: pa.array(loaded.tables[name][catalog().resource(name).primary_key[0]].array, pa.string())
        for name in loaders.REFERENCED_TABLES
    }


RULE_COLUMNS = {
    "indicators": ["indicator", "unit", "basis", "period_type", "period_end", "preferred", "value", "note", "sector"],
    "projects": ["start_year", "end_year", "value", "value_unit"],
}


@pytest.mark.parametrize("name", sorted(RULE_COLUMNS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_table_rules_hold_exactly_when_the_careful_rules_find_nothing(name, data):
    header, body = _rows(DEFAULT_DATA_DIR / catalog().resource(name).path)
    for _ in range(data.draw(st.integers(1, 4))):
        row = data.draw(st.integers(0, len(body) - 1))
        column = header.index(data.draw(st.sampled_from(RULE_COLUMNS[name])))
        values = [line[column] for line in body]
        body[row][column] = data.draw(
            st.one_of(st.sampled_from(values), st.sampled_from(EDGES_ANYWHERE + EDGES_BY_TYPE["number"]))
        )
    frame = pd.DataFrame(body, columns=header, dtype="string", index=range(2, len(body) + 2))
    careful = TABLE_RULES[name](frame)
    fast = columns.RULES_HOLD[name](columns.Cells(columns.from_frame(frame)))
    assert fast == (careful == []), careful
