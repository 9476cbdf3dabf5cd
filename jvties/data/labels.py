"""What users read for each coded value: the labels of the descriptor's categories.

Nothing here is written by hand: a new value in datapackage.json brings its label with it,
and tests/test_datapackage.py fails when a category has no label."""

from __future__ import annotations

from jvties.data.catalog import catalog

PARTNER_LABELS = catalog().labels("indicators", "partner")
UNIT_LABELS = catalog().labels("indicators", "unit")
UNITS = catalog().categories("indicators", "unit")
KIND_LABELS = catalog().labels("projects", "kind")
STATUS_LABELS = catalog().labels("projects", "status")
COORD_LABELS = catalog().labels("projects", "coord_quality")
EVENT_TYPE_LABELS = catalog().labels("events", "event_type")
DIRECTION_LABELS = catalog().labels("events", "direction")
BASIS_LABELS = catalog().labels("indicators", "basis")
QUALIFIER_LABELS = catalog().labels("indicators", "qualifier")
