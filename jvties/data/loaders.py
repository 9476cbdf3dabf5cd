"""One loader per data file: read, validate, convert to explicit dtypes.

Loaders are plain functions of a folder, so they are tested without Streamlit; the app wraps
them in its cache (see jvties.ui.data).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jvties.data import geography
from jvties.data.catalog import Resource, catalog
from jvties.data.validation import TABLE_RULES, DataError, Problem, check_table, read_raw

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


@dataclass(frozen=True)
class Loaded:
    """The tables of a folder that validated, and the problems of those that did not."""

    tables: dict[str, pd.DataFrame]
    errors: dict[str, DataError]


def _referenced(resource: Resource) -> list[str]:
    return [t for t in REFERENCED_TABLES if t != resource.name and any(f.foreign_table == t for f in resource.fields)]


def _with_references(names: list[str]) -> list[str]:
    """`names` and every table they refer to, referenced tables first (each read once)."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for table in _referenced(catalog().resource(name)):
            visit(table)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def _load_one(resource: Resource, data_dir: Path, done: Loaded) -> pd.DataFrame:
    frame, problems = read_raw(Path(data_dir) / resource.path)
    if frame is None:
        raise DataError(problems)
    references: dict[str, set[str]] = {}
    for table in _referenced(resource):
        other = catalog().resource(table)
        if table in done.tables:
            references[table] = set(done.tables[table][other.primary_key[0]].dropna())
        else:
            count = len(done.errors[table].problems)
            problems.append(
                Problem(
                    resource.path,
                    f"its references cannot be checked because {other.path} has {count} problem(s)",
                    f"fix {other.path} first",
                )
            )
    problems += check_table(resource, frame, references)
    if not problems and resource.name in TABLE_RULES:
        problems += TABLE_RULES[resource.name](frame)
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


def load_tables(data_dir: Path, names: list[str] | None = None) -> Loaded:
    """Loads and validates `names` (default: every table) and the tables they refer to, each
    file read once, references checked against the tables already read."""
    done = Loaded({}, {})
    for name in _with_references(names or [r.name for r in catalog().resources]):
        try:
            done.tables[name] = _load_one(catalog().resource(name), data_dir, done)
        except DataError as err:
            done.errors[name] = err
    return done


def load_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Loads and validates one table. Raises DataError listing every problem found."""
    loaded = load_tables(data_dir, [name])
    if name in loaded.errors:
        raise loaded.errors[name]
    return loaded.tables[name]


def geo_problems(data_dir: Path, loaded: Loaded) -> list[Problem]:
    """What is wrong with the map's geography files: unreadable, or citing unknown sources."""
    problems: list[Problem] = []
    properties = {
        "provinces_geometry": geography.PROVINCE_PROPERTIES,
        "countries_geometry": geography.COUNTRY_PROPERTIES,
    }
    known = set(loaded.tables["sources"]["source_id"]) if "sources" in loaded.tables else None
    for geo in catalog().geo:
        try:
            geography.read_features(Path(data_dir) / geo.path, properties.get(geo.name, ()))
        except DataError as err:
            problems += err.problems
        if known is not None:
            problems += [
                Problem(
                    "datapackage.json", f"{geo.name} cites '{s}', which is not in sources.csv", "add the source first"
                )
                for s in geo.source_ids
                if s not in known
            ]
    return problems


def validate_folder(data_dir: Path) -> list[Problem]:
    """Every problem in every file of a data folder (empty when the folder is valid)."""
    found: list[Problem] = []
    loaded = load_tables(data_dir)
    for err in loaded.errors.values():
        found += [p for p in err.problems if p not in found]
    return found + geo_problems(data_dir, loaded)
