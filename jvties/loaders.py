"""One loader per data file: read, validate, convert to explicit dtypes.

Loaders are plain functions of a folder, so they are tested without Streamlit; the app wraps
them in its cache (see jvties.ui.data).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jvties.catalog import Resource, catalog
from jvties.validation import TABLE_RULES, DataError, Problem, check_table, read_raw

# Which tables a table's references point to; they are loaded (and must be valid) first.
REFERENCED_TABLES = ("sources", "sectors", "provinces")


def _convert(resource: Resource, frame: pd.DataFrame) -> pd.DataFrame:
    converted = {}
    for field in resource.fields:
        text = frame[field.name].fillna("").str.strip()
        empty = text == ""
        if field.type == "date":
            converted[field.name] = pd.to_datetime(text.mask(empty), format="%Y-%m-%d")
        elif field.type == "number":
            converted[field.name] = pd.to_numeric(text.mask(empty)).astype("float64")
        elif field.type == "integer":
            converted[field.name] = pd.to_numeric(text.mask(empty)).astype("Int64")
        elif field.type == "boolean":
            converted[field.name] = (text.str.lower() == "true").astype("bool")
        elif field.enum:
            converted[field.name] = pd.Categorical(text.mask(empty), categories=list(field.enum))
        else:
            converted[field.name] = text.mask(empty).astype("string")
    extra = [c for c in frame.columns if c not in converted]
    result = pd.DataFrame(converted, index=frame.index)
    for column in extra:
        result[column] = frame[column]
    return result.reset_index(drop=True)


def reference_keys(data_dir: Path, table: str) -> set[str]:
    resource = catalog().resource(table)
    return set(load_table(table, data_dir)[resource.primary_key[0]])


def load_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Loads and validates one table. Raises DataError listing every problem found."""
    resource = catalog().resource(name)
    frame, problems = read_raw(Path(data_dir) / resource.path)
    if frame is None:
        raise DataError(problems)
    references: dict[str, set[str]] = {}
    for table in REFERENCED_TABLES:
        if table == name or not any(f.foreign_table == table for f in resource.fields):
            continue
        try:
            references[table] = reference_keys(data_dir, table)
        except DataError as err:
            problems.append(
                Problem(
                    resource.path,
                    f"its references cannot be checked because {catalog().resource(table).path} has {len(err.problems)} problem(s)",
                    f"fix {catalog().resource(table).path} first",
                )
            )
    problems += check_table(resource, frame, references)
    if not problems and name in TABLE_RULES:
        problems += TABLE_RULES[name](frame)
    if problems:
        raise DataError(problems)
    try:
        return _convert(resource, frame)
    except (ValueError, TypeError) as err:
        # The checks above are meant to make this unreachable; if a value still slips through,
        # the pages show a named problem rather than a traceback.
        raise DataError(
            [Problem(resource.path, f"a value could not be converted ({err})", "run python -m jvties.validate")]
        ) from err


def validate_folder(data_dir: Path) -> list[Problem]:
    """Every problem in every file of a data folder (empty when the folder is valid)."""
    found: list[Problem] = []
    for resource in catalog().resources:
        try:
            load_table(resource.name, data_dir)
        except DataError as err:
            found += [p for p in err.problems if p not in found]
    return found
