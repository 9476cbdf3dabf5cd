"""Builds data/geo/ from the open reference files in ../shared/geo (run by hand, once):

    python scripts/build_geo.py ../shared/geo

Keeps Viet Nam's 63 provinces with the project's own province names, and the outlines of Viet
Nam and its neighbours without the few Paracel (Hoang Sa) islets that Natural Earth's admin-0
layer draws inside China's feature: Viet Nam claims the archipelago, so the map never shows it
as another country's territory. Coordinates are rounded to 5 decimals (about 1 m).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
NAME_FIXES = {"Hanoi": "Ha Noi", "Thua Thien - Hue": "Thua Thien Hue"}
# Natural Earth's China feature holds Paracel islets south of Hainan (which ends near 18.1° N).
PARACEL_BOX = {"lon": (110.5, 113.0), "lat": (15.0, 17.6)}


def rounded(coordinates):
    if isinstance(coordinates[0], int | float):
        return [round(coordinates[0], 5), round(coordinates[1], 5)]
    return [rounded(c) for c in coordinates]


def in_paracel_box(polygon) -> bool:
    lons = [p[0] for p in polygon[0]]
    lats = [p[1] for p in polygon[0]]
    return all(PARACEL_BOX["lon"][0] <= x <= PARACEL_BOX["lon"][1] for x in lons) and all(
        PARACEL_BOX["lat"][0] <= y <= PARACEL_BOX["lat"][1] for y in lats
    )


def main(shared: Path) -> None:
    provinces = pd.read_csv(REPO / "data" / "provinces.csv")
    units = dict(zip(provinces["province"], provinces["province_2025"], strict=True))
    geo = json.loads((shared / "vn_provinces_63.geojson").read_text(encoding="utf-8"))
    features = []
    for feature in geo["features"]:
        props = feature["properties"]
        name = NAME_FIXES.get(props["name_en"], props["name_en"])
        assert name in units, name
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "province": name,
                    "name_vi": props["name_vi"],
                    "iso_3166_2": props["iso_3166_2"],
                    "province_2025": units[name],
                },
                "geometry": {
                    "type": feature["geometry"]["type"],
                    "coordinates": rounded(feature["geometry"]["coordinates"]),
                },
            }
        )
    assert len(features) == 63
    out = REPO / "data" / "geo"
    out.mkdir(exist_ok=True)
    (out / "provinces_63.geojson").write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["province"])},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    region = json.loads((shared / "vn_region_admin0.geojson").read_text(encoding="utf-8"))
    countries = []
    for feature in region["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        if feature["properties"]["iso_a3"] == "CHN":
            polygons = [p for p in polygons if not in_paracel_box(p)]
        countries.append(
            {
                "type": "Feature",
                "properties": {"name": feature["properties"]["name"], "iso_a3": feature["properties"]["iso_a3"]},
                "geometry": {"type": "MultiPolygon", "coordinates": rounded(polygons)},
            }
        )
    (out / "region_countries.geojson").write_text(
        json.dumps(
            {"type": "FeatureCollection", "bbox": region.get("bbox"), "features": countries},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
