"""The machine-readable description of the datasets: data/datapackage.json, a Frictionless
Data Package (Table Schema fields, constraints, primaryKey, foreignKeys, categories).

Labels, units, help texts, validation rules and the data dictionary are all derived from this
one description, so they cannot drift apart. The project's own extensions are `x-*`
properties, documented in the package's `x-extensions`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
DATA_DIR_ENV = "JVTIES_DATA_DIR"
DESCRIPTOR_NAME = "datapackage.json"


@dataclass(frozen=True)
class Category:
    value: str
    label: str
    short_label: str | None = None
    number_format: str | None = None


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    foreign_key: str | None = None
    allow: tuple[str, ...] = ()
    unique: bool = False
    categories: tuple[Category, ...] = field(default=(), compare=False)

    @property
    def foreign_table(self) -> str | None:
        return self.foreign_key.split(".")[0] if self.foreign_key else None

    @property
    def labels(self) -> dict[str, str]:
        """value -> label shown to users, for a field with categories."""
        return {c.value: c.label for c in self.categories}


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    row: str
    primary_key: tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.path} has no column {name!r}")


@dataclass(frozen=True)
class GeoResource:
    """A non-tabular file of the package (the map's GeoJSON), with the sources that cite it."""

    name: str
    path: str
    title: str
    row: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    title: str
    description: str
    resources: tuple[Resource, ...]
    geo: tuple[GeoResource, ...] = ()

    def resource(self, name: str) -> Resource:
        for candidate in self.resources:
            if candidate.name == name:
                return candidate
        raise KeyError(f"no dataset named {name!r}")

    def labels(self, resource: str, field_name: str) -> dict[str, str]:
        return self.resource(resource).field(field_name).labels

    def categories(self, resource: str, field_name: str) -> dict[str, Category]:
        return {c.value: c for c in self.resource(resource).field(field_name).categories}


def _type(spec: dict) -> str:
    """The checking type: Table Schema's, or the project's own where it says x-kind."""
    if spec.get("x-kind"):
        return spec["x-kind"]
    if spec["type"] == "string" and spec.get("format") == "uri":
        return "url"
    return spec["type"]


def _field(spec: dict, references: dict[str, str]) -> Field:
    constraints = spec.get("constraints", {})
    item_reference = spec.get("x-item-reference")
    foreign_key = references.get(spec["name"]) or (
        f"{item_reference['resource']}.{item_reference['fields'][0]}" if item_reference else None
    )
    kind = _type(spec)
    return Field(
        name=spec["name"],
        type=kind,
        description=spec["description"],
        required=constraints.get("required", False),
        enum=tuple(constraints.get("enum", ())),
        # Our own checks cover URLs and partial dates (with better messages than a pattern).
        pattern=constraints.get("pattern") if kind not in ("url", "partial_date") else None,
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        foreign_key=foreign_key,
        allow=tuple(spec.get("x-sentinels", ())),
        unique=constraints.get("unique", False),
        categories=tuple(
            Category(c["value"], c["label"], c.get("x-short-label"), c.get("x-number-format"))
            for c in spec.get("categories", ())
        ),
    )


def _resource(spec: dict) -> Resource:
    schema = spec["schema"]
    references = {
        fk["fields"][0]: f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}"
        for fk in schema.get("foreignKeys", ())
    }
    return Resource(
        name=spec["name"],
        path=spec["path"],
        title=spec["title"],
        row=spec["description"],
        primary_key=tuple(schema["primaryKey"]),
        fields=tuple(_field(f, references) for f in schema["fields"]),
    )


@cache
def catalog() -> Catalog:
    """The dataset description shipped with the code (the contract every data folder meets)."""
    spec = json.loads((DEFAULT_DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    tables = tuple(_resource(r) for r in spec["resources"] if "schema" in r)
    geo = tuple(
        GeoResource(r["name"], r["path"], r["title"], r["description"], tuple(r.get("x-source-ids", ())))
        for r in spec["resources"]
        if "schema" not in r
    )
    return Catalog(spec["title"], spec["description"], tables, geo)


def data_dir() -> Path:
    """The data folder the app reads: $JVTIES_DATA_DIR when set, else the shipped data/."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override).expanduser().resolve() if override else DEFAULT_DATA_DIR


VERSION_CHARS = 12


def data_version(folder: Path) -> str:
    """A short fingerprint of the data files' contents (the tables, the descriptor and the
    shipped geography): a citation with it names exactly the data a figure came from."""
    fingerprint = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".geojson")):
        fingerprint.update(path.relative_to(folder).as_posix().encode() + b"\0")
        fingerprint.update(path.read_bytes())
    return fingerprint.hexdigest()[:VERSION_CHARS]
