"""The map's shipped geography (data/geo/): Viet Nam's 63 provinces and its neighbours, read and
checked, and the 34 provincial units of 1 July 2025 dissolved from the 63 by provinces.csv.

Pure Python, no Streamlit: the page caches what these functions return.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from jvties.data.validation import DataError, Problem

GEO_DIR = "geo"
PROVINCES_FILE = "provinces_63.geojson"
COUNTRIES_FILE = "region_countries.geojson"
PROVINCE_PROPERTIES = ("province", "name_vi", "iso_3166_2", "province_2025")
COUNTRY_PROPERTIES = ("name", "iso_a3")

Point = tuple[float, float]


def read_features(path: Path, properties: Iterable[str]) -> list[dict]:
    """The features of a GeoJSON FeatureCollection, each with the given properties and a
    (Multi)Polygon geometry; DataError naming the file and the fix otherwise."""
    name = f"{GEO_DIR}/{path.name}"
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(name, "the file is missing", "restore it from the repository")]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataError(
            [Problem(name, f"the file is not readable GeoJSON ({err})", "restore it from the repository")]
        ) from err
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DataError(
            [Problem(name, "the file is not a GeoJSON FeatureCollection", "restore it from the repository")]
        )
    features = collection.get("features")
    problems = []
    for number, feature in enumerate(features or [], start=1):
        props = feature.get("properties") or {}
        missing = [p for p in properties if not props.get(p)]
        geometry = feature.get("geometry") or {}
        if missing:
            problems.append(Problem(name, f"feature {number} has no {', '.join(missing)}", "restore the file"))
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not geometry.get("coordinates"):
            problems.append(Problem(name, f"feature {number} has no polygon", "restore the file"))
    if problems or not features:
        raise DataError(problems or [Problem(name, "the file has no features", "restore it from the repository")])
    return features


def polygons(geometry: Mapping) -> list[list[list[list[float]]]]:
    """A (Multi)Polygon's polygons, each a list of rings."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def _segments(feature: Mapping) -> Iterable[tuple[Point, Point]]:
    for polygon in polygons(feature["geometry"]):
        for ring in polygon:
            points = [(float(x), float(y)) for x, y in ring]
            yield from itertools.pairwise(points)


def _chain(segments: Iterable[tuple[Point, Point]]) -> list[list[Point]]:
    """Joins segments that meet end to end into as few polylines as possible."""
    neighbours: dict[Point, list[Point]] = defaultdict(list)
    for a, b in segments:
        neighbours[a].append(b)
        neighbours[b].append(a)
    used: set[frozenset[Point]] = set()
    lines = []
    # Start at the ends of open chains first, then walk what is left (closed rings).
    starts = [p for p, n in neighbours.items() if len(n) != 2] + list(neighbours)
    for start in starts:
        for first in neighbours[start]:
            if frozenset((start, first)) in used:
                continue
            line, here, step = [start], start, first
            while frozenset((here, step)) not in used:
                used.add(frozenset((here, step)))
                line.append(step)
                here = step
                onward = [n for n in neighbours[here] if frozenset((here, n)) not in used]
                if len(neighbours[here]) != 2 or not onward:
                    break
                step = onward[0]
            lines.append(line)
    return lines


def borders(features: list[dict], group_of: Mapping[str, str], key: str = "province") -> dict[str, list[list[Point]]]:
    """Each group's outline as polylines: the edges of its member features that no other member
    shares. With every province its own group these are the 63 outlines; grouped by
    provinces.csv they are the 34 units' outlines, the borders between merged provinces gone."""
    owners: dict[frozenset[Point], list[str]] = defaultdict(list)
    for feature in features:
        group = group_of[feature["properties"][key]]
        for a, b in _segments(feature):
            if a != b:
                owners[frozenset((a, b))].append(group)
    outline: dict[str, list[tuple[Point, Point]]] = defaultdict(list)
    for edge, groups in owners.items():
        counts = Counter(groups)
        for group, count in counts.items():
            if count == 1:  # an edge two members of one group share is inside the group
                a, b = tuple(edge)
                outline[group].append((a, b))
    return {group: _chain(edges) for group, edges in outline.items()}


def units_2025(provinces: pd.DataFrame) -> dict[str, str]:
    """Province (before 1 July 2025) -> the provincial unit it belongs to since."""
    return dict(zip(provinces["province"], provinces["province_2025"], strict=True))


def centre(feature: Mapping) -> Point:
    """A label point: the mean of the largest polygon's outer ring (inside for the shapes here)."""
    largest = max(polygons(feature["geometry"]), key=lambda p: len(p[0]))
    ring = largest[0]
    return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
