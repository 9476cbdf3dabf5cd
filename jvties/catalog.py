"""The machine-readable description of the datasets (data/datapackage.json).

Labels, help texts, validation rules and the data dictionary are all derived from this one
description, so they cannot drift apart.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
DATA_DIR_ENV = "JVTIES_DATA_DIR"
DESCRIPTOR_NAME = "datapackage.json"


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

    @property
    def foreign_table(self) -> str | None:
        return self.foreign_key.split(".")[0] if self.foreign_key else None


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
class Catalog:
    title: str
    description: str
    resources: tuple[Resource, ...]

    def resource(self, name: str) -> Resource:
        for candidate in self.resources:
            if candidate.name == name:
                return candidate
        raise KeyError(f"no dataset named {name!r}")


def _field(spec: dict) -> Field:
    return Field(
        name=spec["name"],
        type=spec["type"],
        description=spec["description"],
        required=spec.get("required", False),
        enum=tuple(spec.get("enum", ())),
        pattern=spec.get("pattern"),
        minimum=spec.get("minimum"),
        maximum=spec.get("maximum"),
        foreign_key=spec.get("foreign_key"),
        allow=tuple(spec.get("allow", ())),
        unique=spec.get("unique", False),
    )


@cache
def catalog() -> Catalog:
    """The dataset description shipped with the code (the contract every data folder meets)."""
    spec = json.loads((DEFAULT_DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    resources = tuple(
        Resource(
            name=r["name"],
            path=r["path"],
            title=r["title"],
            row=r["row"],
            primary_key=tuple(r["primary_key"]),
            fields=tuple(_field(f) for f in r["fields"]),
        )
        for r in spec["resources"]
    )
    return Catalog(spec["title"], spec["description"], resources)


def data_dir() -> Path:
    """The data folder the app reads: $JVTIES_DATA_DIR when set, else the shipped data/."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(override).expanduser().resolve() if override else DEFAULT_DATA_DIR
