"""Whole-column checks and conversion on Arrow arrays: the data layer's fast path.

A valid table is decided here with a few Arrow compute calls per column, then converted to the
pandas dtypes the app uses. When a table is not valid, `validation` goes through it again cell by
cell for each fault's file, line, column and fix; these checks decide exactly what those do, so
the fast path never lets through what the careful one would refuse (tests/test_columns.py
sweeps both over generated cells).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from jvties.data.catalog import Field, Resource
from jvties.data.validation import (
    BASES_OF_INDICATOR,
    BASIS_CHANGE_WORDS,
    DATE,
    INTEGER,
    MAX_CELL_CHARS,
    NUMBER,
    OBSERVATION_KEY,
    PARTIAL_DATE,
    SAFE_URL,
    SERIES_KEY,
    UNIT_OF_INDICATOR,
    UNIT_RANGE,
    _check_cell,
    _period_end_fault,
)

_UTF8_BOM = b"\xef\xbb\xbf"
_SEPARATOR = "\x1f"  # the ASCII unit separator
# Above this size Arrow's reader splits the file across threads; below, threads cost more.
_THREADED_READ_BYTES = 4 << 20


def read_simple(raw: bytes) -> pa.Table | None:
    """Every cell as text, when the file is simple: a unique header and one record per line,
    no blank lines, every row as wide as the header, no cell over the length limit. None
    otherwise, for the careful reader (exact line numbers and messages)."""
    body = raw[len(_UTF8_BOM) :] if raw.startswith(_UTF8_BOM) else raw
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    first_line = body.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    header = next(csv.reader(io.StringIO(first_line)), [])
    if not header or len(set(header)) != len(header):
        return None
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(body),
            read_options=pa_csv.ReadOptions(use_threads=len(body) > _THREADED_READ_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if table.column_names != header or table.num_rows == 0 or lines != table.num_rows + 1:
        return None
    table = table.combine_chunks()
    for column in table.columns if len(body) > MAX_CELL_CHARS else ():
        longest = pc.max(pc.utf8_length(column)).as_py()
        if longest is not None and longest > MAX_CELL_CHARS:
            return None
    return table


def from_frame(frame: pd.DataFrame) -> pa.Table:
    """A table of text cells from the careful reader's frame."""
    return pa.table({name: pa.array(frame[name], pa.string()) for name in frame.columns})


class Cells:
    """A table's text cells, each column as one array, with the trimmed text of each column
    computed once for the checks, the rules and the conversion alike."""

    def __init__(self, table: pa.Table):
        self.table = table
        self.names: list[str] = table.column_names
        self._raw = {name: _array(table.column(name)) for name in self.names}
        self._text: dict[str, pa.Array] = {}
        self._empty: dict[str, pa.Array | None] = {}

    def raw(self, name: str) -> pa.Array:
        return self._raw[name]

    def text(self, name: str) -> pa.Array:
        """The column's cells without surrounding whitespace (Python's and pandas' strip)."""
        if name not in self._text:
            self._text[name] = pc.utf8_trim_whitespace(self._raw[name])
        return self._text[name]

    def empty(self, name: str) -> pa.Array | None:
        """Which cells of the column are empty once trimmed; None when none is."""
        if name not in self._empty:
            empty = pc.equal(self.text(name), "")
            self._empty[name] = empty if pc.any(empty).as_py() else None
        return self._empty[name]

    def present(self, name: str) -> pa.Array:
        """The trimmed text with empty cells as missing values."""
        empty = self.empty(name)
        return self.text(name) if empty is None else pc.if_else(empty, None, self.text(name))


def _array(column: pa.ChunkedArray) -> pa.Array:
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _all(mask: pa.Array) -> bool:
    return bool(pc.all(mask).as_py() in (True, None))


def _regex(text: pa.Array, pattern: str) -> pa.Array:
    # As pandas' str.match does for Arrow strings: anchored at the start, RE2 syntax.
    return pc.match_substring_regex(text, pattern if pattern.startswith("^") else f"^({pattern})")


def _real_dates(text: pa.Array) -> pa.Array:
    """Which YYYY-MM-DD texts name a real day: Arrow rolls 30 February over to March, so a day is
    real only if it reads back as written."""
    parsed = pc.strptime(text, format="%Y-%m-%d", unit="us", error_is_null=True)
    return pc.fill_null(pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), text), False)


def _whole_numbers(text: pa.Array) -> pa.Array:
    # Arrow's integer cast refuses a leading plus sign, which the checks allow.
    return pc.cast(pc.replace_substring_regex(text, r"^\+", ""), pa.int64())


def _numbers(text: pa.Array, kind: str) -> pa.Array | None:
    try:
        if kind == "integer":
            return _whole_numbers(text)
        return pc.cast(text, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _passes(field: Field, text: pa.Array) -> pa.Array | None:
    """Which non-empty cells certainly pass validation's `_check_cell`; the others are handed to it.
    None when the field has no rule for a cell's form (free text, a list)."""
    kind = field.type
    if kind in ("string", "list") and not field.enum and not field.pattern:
        return None
    if kind == "date":
        ok = pc.and_(_regex(text, DATE.pattern), _real_dates(text))
    elif kind == "partial_date":
        padded = pc.if_else(pc.equal(pc.utf8_length(text), 10), text, pc.binary_join_element_wise(text, "-01", ""))
        ok = pc.and_(_regex(text, PARTIAL_DATE.pattern), _real_dates(padded))
    elif kind in ("number", "integer"):
        ok = _regex(text, (NUMBER if kind == "number" else INTEGER).pattern)
        numbers = _numbers(pc.if_else(ok, text, None), kind)
        if numbers is None:  # a form Arrow does not parse: every cell goes to the careful check
            return pa.array(np.zeros(len(text), dtype=bool))
        numbers = pc.cast(numbers, pa.float64())
        within = pc.is_finite(numbers)
        if field.minimum is not None:
            within = pc.and_(within, pc.greater_equal(numbers, field.minimum))
        if field.maximum is not None:
            within = pc.and_(within, pc.less_equal(numbers, field.maximum))
        ok = pc.and_(ok, within)
    elif kind == "boolean":
        ok = pc.is_in(pc.utf8_lower(text), value_set=pa.array(["true", "false"]))
    elif kind == "url":
        ok = _regex(text, SAFE_URL.pattern)
    else:
        ok = pa.array(np.ones(len(text), dtype=bool))
    if field.enum:
        ok = pc.and_(ok, pc.is_in(text, value_set=_categories(field.enum)[0]))
    if field.pattern:
        ok = pc.and_(ok, _regex(text, field.pattern))
    return pc.fill_null(ok, False)


def _needs_checking(field: Field, references: Mapping[str, pa.Array]) -> bool:
    return bool(
        field.required
        or field.type not in ("string", "list")
        or field.enum
        or field.pattern
        or field.unique
        or field.foreign_table in references
    )


def _column_is_clean(field: Field, cells: Cells, references: Mapping[str, pa.Array]) -> bool:
    text, empty = cells.text(field.name), cells.empty(field.name)
    if empty is not None and field.required:
        return False
    filled = text if empty is None else pc.filter(text, pc.invert(empty))
    ok = _passes(field, filled)
    if ok is not None and not _all(ok):
        # The careful check decides the cells the whole-column one could not vouch for.
        doubtful = pc.filter(filled, pc.invert(ok)).to_pylist()
        if any(_check_cell(field, value) for value in doubtful):
            return False
    if field.foreign_table is not None and field.foreign_table in references:
        keys = filled
        if field.type == "list":
            keys = pc.utf8_trim_whitespace(pc.list_flatten(pc.split_pattern(filled, ";")))
            keys = pc.filter(keys, pc.not_equal(keys, ""))
        known = references[field.foreign_table]
        if field.allow:
            known = pa.concat_arrays([known, pa.array(field.allow, pa.string())])
        if not _all(pc.is_in(keys, value_set=known)):
            return False
    return not field.unique or pc.count_distinct(filled).as_py() == len(filled)


def _joined(columns: list[pa.Array]) -> pa.Array:
    """One text per row standing for the row's values in `columns`. Rows that differ can only
    share a text if a cell holds the separator; that makes a check stricter, never looser (the
    careful checks then decide)."""
    return columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, _SEPARATOR)


def _keys_unique(resource: Resource, cells: Cells) -> bool:
    keys = _joined([cells.text(k) for k in resource.primary_key])
    return pc.count_distinct(keys).as_py() == len(keys)


def table_is_clean(resource: Resource, cells: Cells, references: Mapping[str, pa.Array]) -> bool:
    """True when `validation.check_table` would find nothing wrong with the table."""
    if any(name not in cells.names for name in resource.column_names):
        return False
    return all(
        _column_is_clean(field, cells, references) for field in resource.fields if _needs_checking(field, references)
    ) and _keys_unique(resource, cells)


def _pairs_allowed(first: pa.Array, second: pa.Array, allowed: Mapping[str, set[str]]) -> bool:
    pairs = set(zip(first.to_pylist(), second.to_pylist(), strict=True))
    return all(b in allowed.get(a, {b}) for a, b in pairs)


def _indicator_rules_hold(cells: Cells) -> bool:
    """True when `validation.check_indicator_rules` would find nothing wrong."""
    indicator, unit, period_type, period_end, basis = (
        cells.raw(c) for c in ("indicator", "unit", "period_type", "period_end", "basis")
    )
    if not _pairs_allowed(indicator, unit, UNIT_OF_INDICATOR) or not _pairs_allowed(
        indicator, basis, BASES_OF_INDICATOR
    ):
        return False
    # Few distinct periods: the careful rule itself decides each, so both agree by construction.
    periods = set(zip(period_type.to_pylist(), period_end.to_pylist(), basis.to_pylist(), strict=True))
    if any(_period_end_fault(*period) for period in periods):
        return False
    text = cells.raw("value")  # as the careful rule reads it: untrimmed
    values = pc.cast(pc.if_else(pc.match_substring_regex(text, NUMBER.pattern), text, None), pa.float64())
    units = pa.array(list(UNIT_RANGE), pa.string())
    where = pc.index_in(unit, value_set=units)
    low = pc.take(pa.array([bounds[0] for bounds in UNIT_RANGE.values()], pa.float64()), where)
    high = pc.take(pa.array([bounds[1] for bounds in UNIT_RANGE.values()], pa.float64()), where)
    outside = pc.or_kleene(pc.less(values, low), pc.greater(values, high))
    ranks = pc.filter(values, pc.equal(unit, "rank"))
    if pc.any(outside).as_py() or not _all(pc.equal(pc.floor(ranks), ranks)):
        return False
    preferred = pc.equal(pc.utf8_lower(cells.text("preferred")), "true")
    # Each observation given more than once has exactly one preferred row; none has two.
    observation = _joined([cells.raw(k) for k in OBSERVATION_KEY])
    chosen = pc.filter(observation, preferred)
    if pc.count_distinct(chosen).as_py() != len(chosen):
        return False
    counts = pc.value_counts(observation)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    if not _all(pc.is_in(repeated, value_set=chosen)):
        return False
    return _basis_changes_said(cells.table, preferred)


def _basis_changes_said(table: pa.Table, preferred: pa.Array) -> bool:
    rows = table.filter(preferred).select([*SERIES_KEY, "period_end", "basis", "note"])
    if rows.num_rows < 2:
        return True
    rows = rows.append_column("_line", pa.array(np.arange(rows.num_rows)))
    order = pc.sort_indices(rows, sort_keys=[(k, "ascending") for k in [*SERIES_KEY, "period_end", "_line"]])
    rows = rows.take(order)
    same_series = pa.array(np.ones(rows.num_rows - 1, dtype=bool))
    for k in SERIES_KEY:
        column = _array(rows.column(k))
        same_series = pc.and_(same_series, pc.equal(column.slice(1), column.slice(0, rows.num_rows - 1)))
    basis = _array(rows.column("basis"))
    changed = pc.and_(same_series, pc.not_equal(basis.slice(1), basis.slice(0, rows.num_rows - 1)))
    said = pc.match_substring(pc.utf8_lower(_array(rows.column("note")).slice(1)), BASIS_CHANGE_WORDS)
    return not pc.any(pc.and_(changed, pc.invert(said))).as_py()


def _year_or_null(text: pa.Array) -> pa.Array:
    # Read as floats: pandas reads a year too long for 64 bits as a Python int, Arrow would refuse it.
    return pc.cast(pc.if_else(pc.match_substring_regex(text, INTEGER.pattern), text, None), pa.float64())


def _project_rules_hold(cells: Cells) -> bool:
    """True when `validation.check_project_rules` would find nothing wrong."""
    start, end = (_year_or_null(cells.raw(c)) for c in ("start_year", "end_year"))
    if pc.any(pc.less(end, start)).as_py():
        return False
    has_value = pc.not_equal(cells.text("value"), "")
    has_unit = pc.not_equal(cells.text("value_unit"), "")
    return _all(pc.equal(has_value, has_unit))


def _false_when_arrow_refuses(check: Callable[[Cells], bool]) -> Callable[[Cells], bool]:
    """A value Arrow cannot compute with (a year too large for 64 bits) is left to the careful
    rules, which read it as pandas does."""

    def guarded(cells: Cells) -> bool:
        try:
            return check(cells)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return False

    return guarded


RULES_HOLD = {
    "indicators": _false_when_arrow_refuses(_indicator_rules_hold),
    "projects": _false_when_arrow_refuses(_project_rules_hold),
}


@cache
def _categories(values: tuple[str, ...]) -> tuple[pa.Array, pd.CategoricalDtype]:
    return pa.array(values, pa.string()), pd.CategoricalDtype(list(values))


def _pandas(array: pa.Array, kind: str, field: Field) -> object:
    """One converted Arrow column as the pandas array the app reads."""
    if kind == "date":
        return array.to_numpy(zero_copy_only=False).astype("datetime64[us]")
    if kind in ("number", "boolean"):
        return array.to_numpy(zero_copy_only=False)
    if kind == "integer":
        missing = pc.is_null(array).to_numpy(zero_copy_only=False)
        return pd.arrays.IntegerArray(pc.fill_null(array, 0).to_numpy(), missing)
    if kind == "enum":
        codes = pc.fill_null(array, -1).to_numpy(zero_copy_only=False)
        return pd.Categorical.from_codes(codes, dtype=_categories(field.enum)[1])
    return pd.arrays.ArrowStringArray(array)


def convert(resource: Resource, cells: Cells) -> pd.DataFrame:
    """The table in the app's dtypes: dates, numbers, whole numbers (nullable), booleans,
    categories in the descriptor's order, and text with empty cells as missing.
    Raises ValueError for a value the checks should have refused."""
    converted: dict[str, object] = {}
    for field in resource.fields:
        text, present = cells.text(field.name), cells.present(field.name)
        kind = field.type if field.type in ("date", "number", "integer", "boolean") else "text"
        try:
            if kind == "date":
                array = pc.strptime(present, format="%Y-%m-%d", unit="us")
            elif kind == "number":
                array = pc.cast(present, pa.float64())
            elif kind == "integer":
                array = _whole_numbers(present)
            elif kind == "boolean":
                array = pc.equal(pc.utf8_lower(text), "true")
            elif field.enum:
                kind, array = "enum", pc.index_in(present, value_set=_categories(field.enum)[0])
            else:
                array = present
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
            raise ValueError(f"column '{field.name}': {err}") from err
        converted[field.name] = _pandas(array, kind, field)
    for name in cells.names:
        converted.setdefault(name, pd.arrays.ArrowStringArray(cells.raw(name)))
    return pd.DataFrame(converted)
