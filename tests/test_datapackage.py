"""The descriptor is a real Data Package: frictionless-py, the reference implementation,
accepts it and the shipped data; and every category has a label the app can show."""

from __future__ import annotations

import json

import pytest

from jvties.data.catalog import DEFAULT_DATA_DIR, DESCRIPTOR_NAME, catalog

DESCRIPTOR = DEFAULT_DATA_DIR / DESCRIPTOR_NAME


def test_frictionless_accepts_the_package_and_the_data():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DESCRIPTOR), limit_errors=1_000_000)
    sentinels = {
        (resource.name, field.name): set(field.allow)
        for resource in catalog().resources
        for field in resource.fields
        if field.allow
    }
    errors = []
    for task in report.tasks:
        for error in task.errors:
            # The one documented extension: `x-sentinels` values ("all") that a foreign key also accepts.
            if error.type == "foreign-key" and all(
                value in sentinels.get((task.name, name), set())
                for name, value in zip(error.field_names, error.field_cells, strict=True)
            ):
                continue
            errors.append(f"{task.name}: {error.type}: {error.note}")
    assert report.tasks, "frictionless found no resources"
    assert errors == [], errors[:10]


def test_frictionless_refuses_a_javascript_address(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    spec = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    sources = next(r for r in spec["resources"] if r["name"] == "sources")
    (tmp_path / "sources.csv").write_text(
        "source_id,publisher,title,url,published,language,note\na,Pub,Title,javascript:alert(1),2024-01-02,en,\n",
        encoding="utf-8",
    )
    report = frictionless.validate(frictionless.Resource(sources, basepath=str(tmp_path)))
    assert any(e.type == "constraint-error" and "pattern" in e.note for t in report.tasks for e in t.errors)


def test_every_category_has_a_value_and_a_label():
    for resource in catalog().resources:
        for field in resource.fields:
            if not (field.enum or field.categories):
                continue
            values = [c.value for c in field.categories]
            assert values == list(field.enum), (resource.name, field.name, "categories differ from enum")
            assert all(c.label.strip() for c in field.categories), (resource.name, field.name)
            assert len(set(values)) == len(values), (resource.name, field.name)


def test_colour_maps_cover_every_category():
    from jvties.figures.theme import DIRECTION_COLORS, PARTNER_COLORS

    assert set(DIRECTION_COLORS) == set(catalog().labels("events", "direction"))
    assert set(PARTNER_COLORS) <= set(catalog().labels("indicators", "partner"))
