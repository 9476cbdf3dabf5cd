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

from jvties.catalog import Field, Resource

HEADER_LINE = 1
SAFE_URL = re.compile(r"^https?://[^\s/$.?#][^\s<>\"']*$", re.IGNORECASE)
PARTIAL_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


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
    """Reads a CSV as text cells. Returns the frame, or None with the problems that stop reading."""
    name = path.name
    if not path.is_file():
        return None, [
            Problem(
                name, f"the file is missing from {path.parent}", f"restore {name} (see data/README.md for its columns)"
            )
        ]
    raw = path.read_bytes()
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
    rows = list(csv.reader(io.StringIO(text)))
    header, width = rows[0], len(rows[0])
    problems = [
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
    frame = pd.DataFrame(body, columns=header, dtype="string")
    # Remember each row's line in the file so messages can point to it.
    line_numbers = [number for number, row in enumerate(rows[1:], start=HEADER_LINE + 1) if row]
    frame.index = pd.Index(line_numbers, name="line")
    return frame, []


def _check_cell(field: Field, text: str) -> str | None:
    """The reason a non-empty cell is invalid, or None."""
    kind = field.type
    if kind == "date":
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return f"'{text}' is not a date in the form YYYY-MM-DD"
        if len(text) != 10:
            return f"'{text}' is not a date in the form YYYY-MM-DD"
    elif kind == "partial_date":
        if not PARTIAL_DATE.match(text):
            return f"'{text}' is not a date in the form YYYY-MM-DD or YYYY-MM"
        try:
            dt.date.fromisoformat(text if len(text) == 10 else text + "-01")
        except ValueError:
            return f"'{text}' is not a real date"
    elif kind in ("number", "integer"):
        try:
            number = float(text) if kind == "number" else int(text)
        except ValueError:
            expected = (
                "a number (use a dot for decimals, no thousands separators)" if kind == "number" else "a whole number"
            )
            return f"'{text}' is not {expected}"
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
    if field.type in ("number", "integer") and (field.minimum is not None or field.maximum is not None):
        return (
            f"give a value between {field.minimum:g} and {field.maximum:g}"
            if field.maximum is not None
            else f"give a value of at least {field.minimum:g}"
        )
    return f"correct the value ({field.description})"


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
    references = {table: set(keys) for table, keys in (references or {}).items()}
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
        column = frame[field.name].fillna("").str.strip()
        for line, text in column.items():
            if not text:
                if field.required:
                    problems.append(
                        Problem(name, "the value is empty", f"fill it in ({field.description})", line, field.name)
                    )
                continue
            reason = _check_cell(field, text)
            if reason:
                problems.append(Problem(name, reason, _fix_for(field), line, field.name))
                continue
            if field.foreign_table in references:
                known = references[field.foreign_table] | set(field.allow)
                values = [v.strip() for v in text.split(";")] if field.type == "list" else [text]
                for value in values:
                    if value not in known:
                        target = "sources.csv" if field.foreign_table == "sources" else f"{field.foreign_table}.csv"
                        problems.append(
                            Problem(
                                name,
                                f"'{value}' is not a known {field.foreign_key.split('.')[1]}",
                                f"use an id listed in {target} or add it there first",
                                line,
                                field.name,
                            )
                        )
    problems += _duplicate_keys(resource, frame)
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
}
PERIOD_END_SUFFIX = {"calendar_year": "-12-31", "fiscal_year_jp": "-03-31"}
OBSERVATION_KEY = ["indicator", "partner", "period_type", "period_end", "sector", "province"]


def check_indicator_rules(frame: pd.DataFrame) -> list[Problem]:
    """Rules across columns: units fit the indicator, periods end where their type says, and
    exactly one row of every observation given by several sources is the preferred one (a
    figure given by one source only may be kept as not preferred: listed, but not charted)."""
    name = "indicators.csv"
    problems = []
    for line, row in frame.iterrows():
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
        suffix = PERIOD_END_SUFFIX.get(row["period_type"])
        if suffix and not str(row["period_end"]).endswith(suffix):
            problems.append(
                Problem(
                    name,
                    f"a {row['period_type']} period must end on {suffix[1:]}, not {row['period_end']}",
                    "use the last day of the period (31 March for a Japanese fiscal year)",
                    line,
                    "period_end",
                )
            )
    preferred = frame["preferred"].str.strip().str.lower() == "true"
    for _, group in frame.assign(_preferred=preferred).groupby(OBSERVATION_KEY, sort=False):
        chosen = int(group["_preferred"].sum())
        if chosen > 1 or (chosen == 0 and len(group) > 1):
            lines = ", ".join(str(i) for i in group.index)
            how = "none is" if chosen == 0 else f"{chosen} are"
            problems.append(
                Problem(
                    name,
                    f"the same observation is given on lines {lines} and {how} marked preferred",
                    "mark exactly one of them preferred=true",
                    int(group.index[0]),
                    "preferred",
                )
            )
    return problems


def check_project_rules(frame: pd.DataFrame) -> list[Problem]:
    name = "projects.csv"
    problems = []
    for line, row in frame.iterrows():
        start, end = row["start_year"], row["end_year"]
        if start and end and start.isdigit() and end.isdigit() and int(end) < int(start):
            problems.append(
                Problem(
                    name, f"end_year {end} is before start_year {start}", "swap or correct the years", line, "end_year"
                )
            )
        if bool(row["value"]) != bool(row["value_unit"]):
            problems.append(
                Problem(
                    name,
                    "value and value_unit must be given together",
                    "fill in both or leave both empty",
                    line,
                    "value_unit",
                )
            )
    return problems


TABLE_RULES = {"indicators": check_indicator_rules, "projects": check_project_rules}
