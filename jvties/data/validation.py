"""Checks a data file against the catalog and says, for each fault, where it is and how to fix it.

Every check works on the raw text of the cells, before any conversion, so that a bad value is
reported rather than silently turned into a zero or a missing value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jvties.data.catalog import Field, Resource

HEADER_LINE = 1
# The longest cell a file may hold: csv's own default limit, checked here explicitly because
# other libraries in the process (frictionless, for one) raise csv.field_size_limit.
MAX_CELL_CHARS = 131_072
SAFE_URL = re.compile(r"^[hH][tT][tT][pP][sS]?://[^\s/$.?#][^\s<>\"']*$")
# Python's own parsers also accept other scripts' digits (١٢٣, ２０１０),
# underscores (1_000) and ISO week dates (2025-W01-1), which pandas then cannot convert.
# Written with [0-9], not \d, so that Python's re and pyarrow's RE2 (which checks whole
# columns) read them alike.
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PARTIAL_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
INTEGER = re.compile(r"^[+-]?[0-9]+$")


@dataclass(frozen=True)
class Problem:
    """One fault in one data file. `line` counts the header as line 1, like a text editor."""

    file: str
    message: str
    fix: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}. Fix: {self.fix}"


class DataError(Exception):
    """A data file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_raw(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Reads a CSV as text cells. Returns the frame, or None with the problems that stop reading.

    Never raises for what a file holds or for a file that cannot be read: each case is a
    Problem that names the file, the line where known, and a fix."""
    name = path.name
    if not path.exists():
        return None, [
            Problem(
                name, f"the file is missing from {path.parent}", f"restore {name} (see data/README.md for its columns)"
            )
        ]
    if not path.is_file():
        return None, [Problem(name, "the path is not a regular file", f"replace it with the CSV file {name}")]
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [
            Problem(
                name,
                f"the file cannot be read ({err.strerror or type(err).__name__})",
                "check that the file exists and that the server's user may read it",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} cannot be decoded)",
                "save the file as UTF-8 (in Excel: CSV UTF-8)",
                line,
            )
        ]
    if not text.strip():
        return None, [Problem(name, "the file is empty", "restore the header row and the data rows")]
    fast = _read_fast(name, text)
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as err:
        line = reader.line_num  # the line being read when the reader gave up
        reason = str(err)
        if "field larger than field limit" in reason:
            message = f"a cell is longer than {MAX_CELL_CHARS:,} characters"
            fix = "shorten the cell, or look for an unclosed quote that runs into the following rows"
        else:
            message, fix = f"the row cannot be read as CSV ({reason})", "check the quotes and separators on this line"
        return None, [Problem(name, message, fix, line)]
    header, width = rows[0], len(rows[0])
    seen: dict[str, int] = {}
    problems = []
    for position, column in enumerate(header, start=1):
        if column in seen:
            problems.append(
                Problem(
                    name,
                    f"the header names '{column}' twice (columns {seen[column]} and {position})",
                    "rename or delete the second one",
                    HEADER_LINE,
                    column,
                )
            )
        seen.setdefault(column, position)
    problems += [
        Problem(
            name,
            f"the row has {len(row)} fields but the header has {width}",
            "check for an unquoted comma or a missing field",
            number,
        )
        for number, row in enumerate(rows[1:], start=HEADER_LINE + 1)
        if row and len(row) != width
    ]
    if problems:
        return None, problems
    body = [row for row in rows[1:] if row]
    if not body:
        return None, [Problem(name, "the file has a header but no data rows", "restore the data rows")]
    frame = pd.DataFrame(body, columns=header, dtype="string")
    # Remember each row's line in the file so messages can point to it.
    line_numbers = [number for number, row in enumerate(rows[1:], start=HEADER_LINE + 1) if row]
    frame.index = pd.Index(line_numbers, name="line")
    return _refuse_long_cells(name, frame)


def _read_fast(name: str, text: str) -> tuple[pd.DataFrame | None, list[Problem]] | None:
    """pandas' C reader for a well-formed file in which every record is one line; None when
    the file needs the careful reader (blank lines, line breaks in cells, ragged rows), which
    gives exact line numbers and messages."""
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    if len(set(header)) != len(header):
        return None
    try:
        frame = pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False, skip_blank_lines=False)
    except (ValueError, csv.Error):  # pandas' ParserError is a ValueError
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if list(frame.columns) != header or lines != len(frame) + 1 or len(frame) == 0 or frame.isna().any().any():
        return None
    frame.index = pd.RangeIndex(HEADER_LINE + 1, HEADER_LINE + 1 + len(frame), name="line")
    return _refuse_long_cells(name, frame)


def _refuse_long_cells(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    for column in frame.columns:
        too_long = frame[column].str.len() > MAX_CELL_CHARS
        if too_long.any():
            return None, [
                Problem(
                    name,
                    f"a cell is longer than {MAX_CELL_CHARS:,} characters",
                    "shorten the cell, or look for an unclosed quote that runs into the following rows",
                    int(frame.index[too_long.to_numpy()][0]),
                )
            ]
    return frame, []


def _check_cell(field: Field, text: str) -> str | None:
    """The reason a non-empty cell is invalid, or None."""
    kind = field.type
    if kind == "date":
        if not DATE.match(text):
            return f"'{text}' is not a date in the form YYYY-MM-DD"
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return f"'{text}' is not a date in the form YYYY-MM-DD"
    elif kind == "partial_date":
        if not PARTIAL_DATE.match(text):
            return f"'{text}' is not a date in the form YYYY-MM-DD or YYYY-MM"
        try:
            dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
        except ValueError:
            return f"'{text}' is not a real date"
    elif kind in ("number", "integer"):
        if not text.isascii():
            return f"'{text}' has characters other than the digits 0-9, a sign and a dot"
        if not (NUMBER if kind == "number" else INTEGER).match(text):
            expected = (
                "a number (use a dot for decimals, no thousands separators)" if kind == "number" else "a whole number"
            )
            return f"'{text}' is not {expected}"
        number = float(text) if kind == "number" else int(text)
        if not math.isfinite(number):
            return f"'{text}' is not a finite number"
        if field.minimum is not None and number < field.minimum:
            return f"{text} is below the minimum {field.minimum:g}"
        if field.maximum is not None and number > field.maximum:
            return f"{text} is above the maximum {field.maximum:g}"
    elif kind == "boolean" and text.lower() not in ("true", "false"):
        return f"'{text}' is not true or false"
    elif kind == "url" and not SAFE_URL.match(text):
        return f"'{text}' is not a web address starting with http:// or https://"
    if field.enum and text not in field.enum:
        return f"'{text}' is not one of: {', '.join(field.enum)}"
    if field.pattern and not re.match(field.pattern, text):
        return f"'{text}' does not have the expected form ({field.description})"
    return None


def _fix_for(field: Field) -> str:
    if field.enum:
        return f"use one of: {', '.join(field.enum)}"
    if field.type in ("date", "partial_date"):
        return "write the date as YYYY-MM-DD"
    if field.type in ("number", "integer") and not (field.minimum is not None or field.maximum is not None):
        return "write the number with the digits 0-9 and a dot for decimals, e.g. 1234.5"
    if field.type in ("number", "integer") and (field.minimum is not None or field.maximum is not None):
        return (
            f"give a value between {field.minimum:g} and {field.maximum:g}"
            if field.maximum is not None
            else f"give a value of at least {field.minimum:g}"
        )
    return f"correct the value ({field.description})"


def _passes(field: Field, text: pd.Series) -> pd.Series:
    """Which non-empty cells certainly pass `_check_cell`, decided on the whole column at once.
    Cells that do not are handed to `_check_cell` one by one, for its exact message."""
    kind = field.type
    if kind == "date":
        ok = text.str.fullmatch(DATE.pattern) & pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").notna()
    elif kind == "partial_date":
        padded = text.where(text.str.len() == 10, text + "-01")
        ok = (
            text.str.fullmatch(PARTIAL_DATE.pattern)
            & pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce").notna()
        )
    elif kind in ("number", "integer"):
        ok = text.str.fullmatch((NUMBER if kind == "number" else INTEGER).pattern)
        numbers = pd.to_numeric(text.where(ok), errors="coerce")
        # A long enough run of digits reads as infinity; _check_cell says why it is refused.
        ok &= numbers.notna() & numbers.abs().lt(math.inf)
        if field.minimum is not None:
            ok &= numbers >= field.minimum
        if field.maximum is not None:
            ok &= numbers <= field.maximum
    elif kind == "boolean":
        ok = text.str.lower().isin(("true", "false"))
    elif kind == "url":
        ok = text.str.match(SAFE_URL.pattern)
    else:
        ok = pd.Series(True, index=text.index)
    if field.enum:
        ok &= text.isin(field.enum)
    if field.pattern:
        ok &= text.str.match(field.pattern)
    return ok.fillna(False).astype(bool)


def _field_problems(
    resource: Resource, field: Field, raw: pd.Series, references: Mapping[str, set[str]]
) -> list[Problem]:
    """Every fault in one column, in line order: empty required cells, malformed values, and
    references to keys the referenced table does not have."""
    name = resource.path
    text = raw.fillna("").str.strip()
    empty = text == ""
    found: list[Problem] = []
    if field.required:
        found += [
            Problem(name, "the value is empty", f"fill it in ({field.description})", line, field.name)
            for line in text.index[empty]
        ]
    filled = text[~empty]
    ok = _passes(field, filled)
    for line, value in filled[~ok].items():
        reason = _check_cell(field, value)
        if reason:
            found.append(Problem(name, reason, _fix_for(field), line, field.name))
        else:
            ok[line] = True
    if field.foreign_table is not None and field.foreign_table in references:
        known = references[field.foreign_table] | set(field.allow)
        checked = filled[ok]
        if field.type == "list":
            checked = checked.str.split(";").explode().str.strip()
            checked = checked[checked != ""]
        unknown = checked[~checked.isin(known)]
        target = f"{field.foreign_table}.csv"
        key = field.foreign_key.split(".")[1] if field.foreign_key else ""
        found += [
            Problem(
                name,
                f"'{value}' is not a known {key}",
                f"use an id listed in {target} or add it there first",
                line,
                field.name,
            )
            for line, value in unknown.items()
        ]
    return sorted(found, key=lambda problem: problem.line or 0)


def check_table(
    resource: Resource,
    frame: pd.DataFrame,
    references: Mapping[str, Iterable[str]] | None = None,
) -> list[Problem]:
    """Checks columns, cells, keys and references of one table read by `read_raw`.

    `references` maps a referenced table name ("sources", "sectors") to its valid keys; a
    reference to a table not in the mapping is not checked.
    """
    name = resource.path
    checked_references: dict[str, set[str]] = {table: set(keys) for table, keys in (references or {}).items()}
    missing = [c for c in resource.column_names if c not in frame.columns]
    problems = [
        Problem(
            name,
            f"the column '{c}' is missing",
            f"add the column '{c}' to the header row: {resource.field(c).description}",
            HEADER_LINE,
            c,
        )
        for c in missing
    ]
    if missing:
        return problems
    for field in resource.fields:
        problems += _field_problems(resource, field, frame[field.name], checked_references)
    problems += _duplicate_keys(resource, frame)
    problems += _duplicate_values(resource, frame)
    return problems


def _duplicate_values(resource: Resource, frame: pd.DataFrame) -> list[Problem]:
    """Columns that must not repeat a value (a sector's label: the filter tells sectors apart by it)."""
    problems = []
    for field in resource.fields:
        if not field.unique:
            continue
        column = frame[field.name].fillna("").str.strip()
        column = column[column != ""]
        first_line = {value: line for line, value in column[~column.duplicated()].items()}
        problems += [
            Problem(
                resource.path,
                f"'{value}' repeats line {first_line[value]}; each {field.name} must be different",
                f"give each row its own {field.name}",
                line,
                field.name,
            )
            for line, value in column[column.duplicated()].items()
        ]
    return problems


def _duplicate_keys(resource: Resource, frame: pd.DataFrame) -> list[Problem]:
    key = list(resource.primary_key)
    normalised = frame[key].fillna("").apply(lambda c: c.str.strip())
    duplicated = normalised[normalised.duplicated(keep=False)]
    problems = []
    for _, group in duplicated.groupby(key, sort=False):
        first, *others = group.index.tolist()
        for line in others:
            label = ", ".join(f"{k}={group.loc[line, k]}" for k in key)
            problems.append(
                Problem(
                    resource.path,
                    f"the key ({label}) repeats line {first}",
                    "give each row its own key or delete the duplicate row",
                    line,
                    key[0],
                )
            )
    return problems


UNIT_OF_INDICATOR = {
    "fdi_new_projects": {"count"},
    "fdi_cumulative_projects": {"count"},
    "fdi_investor_rank": {"rank"},
    "oda_share_of_total": {"percent"},
    "fdi_registered_capital": {"usd_million"},
    "fdi_new_registered_capital": {"usd_million"},
    "fdi_cumulative_capital": {"usd_million"},
    "oda_commitment": {"usd_million", "jpy_billion"},
    "oda_cumulative_commitment": {"usd_million", "jpy_billion"},
    "trade_vn_exports_to_jpn": {"usd_million"},
    "trade_vn_imports_from_jpn": {"usd_million"},
    "trade_total_vn_jpn": {"usd_million"},
    "trade_partner_rank": {"rank"},
    "residents_vn_in_jpn": {"people"},
    "interns_vn_in_jpn": {"people"},
    "workers_vn_in_jpn": {"people"},
    "arrivals_jpn_to_vn": {"arrivals"},
    "arrivals_vn_to_jpn": {"arrivals"},
}
# What a value can be in each unit: amounts and counts are never negative, shares are
# percentages, and rank 1 is the largest investor.
UNIT_RANGE = {
    "usd_million": (0, None),
    "jpy_billion": (0, None),
    "count": (0, None),
    "people": (0, None),
    "arrivals": (0, None),
    "percent": (0, 100),
    "rank": (1, None),
}
PERIOD_END_SUFFIX = {"calendar_year": "-12-31", "fiscal_year_jp": "-03-31"}
# The agency's year-end report is its figure for the year, dated at its cut-off.
YEAR_END_REPORT = "agency_year_end_report"
YEAR_END_REPORT_FIRST_DAY = 15
OBSERVATION_KEY = ["indicator", "partner", "period_type", "period_end", "sector", "province"]
# A preferred series: what one chart line draws. Each change of basis along it is said in the
# note of the row that changes (these words), so a reader of the file sees every switch.
SERIES_KEY = ["indicator", "partner", "period_type", "sector", "province", "unit"]
BASIS_CHANGE_WORDS = "basis change"
_FDI_BASES = {
    "agency_full_year",
    YEAR_END_REPORT,
    "agency_to_date",
    "statistics_office",
    "jetro_approvals",
    "local_authority",
    "estimate",
    "official_statement",
}
BASES_OF_INDICATOR = {
    **{i: _FDI_BASES for i in UNIT_OF_INDICATOR if i.startswith("fdi_")},
    "oda_commitment": {"donor_pledge", "exchange_of_notes", "loan_agreement", "official_statement", "estimate"},
    "oda_cumulative_commitment": {"oda_all_commitments", "oda_loans_only", "official_statement"},
    "oda_share_of_total": {
        "oda_share_all_donors",
        "oda_share_bilateral",
        "oda_share_annual_receipts",
        "official_statement",
    },
    # Trade is counted by each side's customs; a figure that names neither is a statement.
    **{
        i: {"vn_customs", "jp_trade_statistics", "official_statement"}
        for i in ("trade_vn_exports_to_jpn", "trade_vn_imports_from_jpn", "trade_total_vn_jpn", "trade_partner_rank")
    },
    "residents_vn_in_jpn": {"isa_residence_statistics", "isa_alien_registration"},
    "interns_vn_in_jpn": {"isa_residence_statistics"},
    "workers_vn_in_jpn": {"mhlw_employment_survey"},
    "arrivals_jpn_to_vn": {"vn_tourism_statistics", "official_statement"},
    "arrivals_vn_to_jpn": {"jnto_visitor_arrivals"},
}


def check_indicator_rules(frame: pd.DataFrame) -> list[Problem]:
    """Rules across columns: units fit the indicator, periods end where their type says, and
    exactly one row of every observation given by several sources is the preferred one (a
    figure given by one source only may be kept as not preferred: listed, but not charted)."""
    name = "indicators.csv"
    unit, indicator, period_type = frame["unit"], frame["indicator"], frame["period_type"]
    basis = frame["basis"] if "basis" in frame else pd.Series("", index=frame.index)
    # Decided on whole columns; only the rows flagged are visited for their messages.
    wrong_unit = pd.Series(
        [u not in UNIT_OF_INDICATOR.get(i, {u}) for i, u in zip(indicator, unit, strict=True)], index=frame.index
    )
    wrong_end = pd.Series(
        [
            _period_end_fault(t, str(e), b) is not None
            for t, e, b in zip(period_type, frame["period_end"], basis, strict=True)
        ],
        index=frame.index,
    )
    wrong_basis = pd.Series(
        [b not in BASES_OF_INDICATOR.get(i, {b}) for i, b in zip(indicator, basis, strict=True)], index=frame.index
    )
    values = pd.to_numeric(frame["value"].where(frame["value"].str.fullmatch(NUMBER.pattern)), errors="coerce")
    low = unit.map({u: b[0] for u, b in UNIT_RANGE.items()})
    high = unit.map({u: b[1] for u, b in UNIT_RANGE.items()})
    out_of_range = (values < low) | (values > high) | ((unit == "rank") & values.notna() & (values % 1 != 0))
    flagged = (wrong_unit | wrong_end | wrong_basis | out_of_range.fillna(False)).to_numpy(dtype=bool)
    problems = []
    for line, row in frame[flagged].iterrows():
        allowed = UNIT_OF_INDICATOR.get(row["indicator"])
        if allowed and row["unit"] not in allowed:
            problems.append(
                Problem(
                    name,
                    f"{row['indicator']} is measured in {' or '.join(sorted(allowed))}, not {row['unit']}",
                    "correct the unit or the indicator",
                    line,
                    "unit",
                )
            )
        problems += _unit_range_problems(name, line, row)
        end_fault = _period_end_fault(row["period_type"], str(row["period_end"]), row.get("basis", ""))
        if end_fault:
            problems.append(Problem(name, end_fault[0], end_fault[1], line, "period_end"))
        bases = BASES_OF_INDICATOR.get(row["indicator"])
        if bases and row.get("basis", "") not in bases:
            problems.append(
                Problem(
                    name,
                    f"{row['indicator']} cannot have basis {row['basis']}",
                    f"use one of: {', '.join(sorted(bases))}",
                    line,
                    "basis",
                )
            )
    preferred = frame["preferred"].str.strip().str.lower() == "true"
    grouped = frame.assign(_preferred=preferred).groupby(OBSERVATION_KEY, sort=False)["_preferred"]
    chosen, size = grouped.transform("sum"), grouped.transform("size")
    bad = ((chosen > 1) | ((chosen == 0) & (size > 1))).to_numpy(dtype=bool)
    if bad.any():
        for _, group in frame[bad].assign(_preferred=preferred[bad]).groupby(OBSERVATION_KEY, sort=False):
            count = int(group["_preferred"].sum())
            lines = ", ".join(str(i) for i in group.index)
            how = "none is" if count == 0 else f"{count} are"
            problems.append(
                Problem(
                    name,
                    f"the same observation is given on lines {lines} and {how} marked preferred",
                    "mark exactly one of them preferred=true",
                    int(group.index[0]),
                    "preferred",
                )
            )
    return problems + _basis_change_problems(frame.assign(_preferred=preferred))


def _period_end_fault(period_type: str, period_end: str, basis: str) -> tuple[str, str] | None:
    """(message, fix) when a period does not end where its type says, else None."""
    if period_type == "calendar_year" and basis == YEAR_END_REPORT:
        in_late_december = period_end[5:7] == "12" and period_end[8:].isdigit()
        if in_late_december and int(period_end[8:]) >= YEAR_END_REPORT_FIRST_DAY:
            return None
        return (
            f"an agency year-end report must be dated at its cut-off in the second half of December, not {period_end}",
            "give the report's cut-off (for example YYYY-12-20), or YYYY-12-31 when the source does not state it",
        )
    suffix = PERIOD_END_SUFFIX.get(period_type)
    if suffix and not period_end.endswith(suffix):
        return (
            f"a {period_type} period must end on {suffix[1:]}, not {period_end}",
            "use the last day of the period (31 March for a Japanese fiscal year)",
        )
    return None


def _basis_change_problems(frame: pd.DataFrame) -> list[Problem]:
    """A preferred series that changes basis from one date to the next without the changing
    row's note saying so."""
    if "basis" not in frame:
        return []
    rows = frame[frame["_preferred"]].sort_values("period_end", kind="stable")
    previous = rows.groupby(SERIES_KEY, sort=False)["basis"].shift()
    changed = previous.notna() & (rows["basis"] != previous)
    unsaid = changed & ~rows["note"].fillna("").str.lower().str.contains(BASIS_CHANGE_WORDS, regex=False)
    return [
        Problem(
            "indicators.csv",
            f"this preferred series changes basis from {previous[line]} to {rows.at[line, 'basis']} and the note does not say so",
            f"add '{BASIS_CHANGE_WORDS.capitalize()}: …' to the note, or mark the row preferred=false",
            int(line),
            "note",
        )
        for line in sorted(rows.index[unsaid.to_numpy(dtype=bool)])
    ]


def _unit_range_problems(name: str, line: int, row: pd.Series) -> list[Problem]:
    bounds = UNIT_RANGE.get(row["unit"])
    text = str(row["value"]).strip()
    if not bounds or not text or not NUMBER.match(text):
        return []
    value, (low, high) = float(text), bounds
    unit = row["unit"]
    if value < low or (high is not None and value > high):
        allowed = f"between {low} and {high}" if high is not None else f"at least {low}"
        return [
            Problem(
                name,
                f"{text} is not a possible value in {unit} (must be {allowed})",
                "correct the value or the unit",
                line,
                "value",
            )
        ]
    if unit == "rank" and not value.is_integer():
        return [Problem(name, f"{text} is not a whole rank", "give the rank as a whole number", line, "value")]
    return []


def check_project_rules(frame: pd.DataFrame) -> list[Problem]:
    name = "projects.csv"
    start = pd.to_numeric(
        frame["start_year"].where(frame["start_year"].str.fullmatch(INTEGER.pattern)), errors="coerce"
    )
    end = pd.to_numeric(frame["end_year"].where(frame["end_year"].str.fullmatch(INTEGER.pattern)), errors="coerce")
    reversed_years = (end < start).fillna(False)
    problems = [
        Problem(
            name,
            f"end_year {frame.at[line, 'end_year']} is before start_year {frame.at[line, 'start_year']}",
            "swap or correct the years",
            line,
            "end_year",
        )
        for line in frame.index[reversed_years.to_numpy(dtype=bool)]
    ]
    has_value = frame["value"].fillna("").str.strip() != ""
    has_unit = frame["value_unit"].fillna("").str.strip() != ""
    problems += [
        Problem(
            name, "value and value_unit must be given together", "fill in both or leave both empty", line, "value_unit"
        )
        for line in frame.index[(has_value != has_unit).to_numpy(dtype=bool)]
    ]
    return sorted(problems, key=lambda problem: problem.line or 0)


TABLE_RULES = {"indicators": check_indicator_rules, "projects": check_project_rules}
