"""One loader per data file: read, validate, convert to explicit dtypes.

Loaders are plain functions of a folder, so they are tested without Streamlit; the app wraps
them in its cache (see jvties.app.loading).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from jvties.data import columns, geography
from jvties.data.catalog import Resource, catalog
from jvties.data.validation import TABLE_RULES, DataError, Problem, check_table, read_raw

# Which tables a table's references point to; they are loaded (and must be valid) first.
REFERENCED_TABLES = ("sources", "sectors", "provinces")


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


def _references(resource: Resource, done: Loaded) -> tuple[dict[str, pd.Series], list[Problem]]:
    """The keys of each table `resource` refers to, or a problem for each that did not load."""
    references: dict[str, pd.Series] = {}
    problems = []
    for table in _referenced(resource):
        other = catalog().resource(table)
        if table in done.tables:
            keys = done.tables[table][other.primary_key[0]]
            references[table] = keys[keys.notna()] if keys.hasnans else keys
        else:
            count = len(done.errors[table].problems)
            problems.append(
                Problem(
                    resource.path,
                    f"its references cannot be checked because {other.path} has {count} problem(s)",
                    f"fix {other.path} first",
                )
            )
    return references, problems


def _read_simple(path: Path) -> pa.Table | None:
    try:
        return columns.read_simple(path.read_bytes())
    except OSError:
        return None


def _load_one(resource: Resource, data_dir: Path, done: Loaded) -> pd.DataFrame:
    path = Path(data_dir) / resource.path
    references, problems = _references(resource, done)
    table = None if problems else _read_simple(path)
    if table is not None:
        cells = columns.Cells(table)
        keys = {name: pa.array(series.array, pa.string()) for name, series in references.items()}
        rules = columns.RULES_HOLD.get(resource.name)
        if columns.table_is_clean(resource, cells, keys) and (rules is None or rules(cells)):
            return _convert(resource, cells)
    # Not valid, or not simple to read: the careful reader and the cell-by-cell checks say why.
    frame, read_problems = read_raw(path)
    if frame is None:
        raise DataError(read_problems)
    problems += check_table(resource, frame, {name: set(series) for name, series in references.items()})
    if not problems and resource.name in TABLE_RULES:
        problems += TABLE_RULES[resource.name](frame)
    if problems:
        raise DataError(problems)
    return _convert(resource, columns.Cells(columns.from_frame(frame)))


def _convert(resource: Resource, cells: columns.Cells) -> pd.DataFrame:
    try:
        return columns.convert(resource, cells)
    except ValueError as err:
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
