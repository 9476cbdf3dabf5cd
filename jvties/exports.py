"""What a download holds: rows in one column order, each with its source spelled out, as a CSV
that Excel opens as UTF-8 or as one workbook per page, under a file name that says which view it
came from. No Streamlit."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from jvties.data.catalog import catalog
from jvties.data.filters import YEAR_FROM_KEY, YEAR_TO_KEY
from jvties.text import neutralise_frame

# Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without one,
# Vietnamese and Japanese text turns into mojibake when the file is double-clicked.
UTF8_BOM = "\ufeff"
# The columns a download leads with, in this order, whichever table its rows came from; a
# table's other columns follow in their own order, then the source.
LEADING_COLUMNS = (
    "indicator",
    "partner",
    "year",
    "period_type",
    "period_end",
    "date",
    "event_id",
    "project_id",
    "name",
    "title",
    "kind",
    "sector",
    "province",
    "basis",
    "value",
    "qualifier",
    "unit",
    "value_unit",
)
# The source of each row, spelled out beside its id (from sources.csv).
SOURCE_FIELDS = {
    "publisher": "source_publisher",
    "title": "source_title",
    "published": "source_date",
    "url": "source_url",
}
SOURCE_COLUMNS = ("source_id", *SOURCE_FIELDS.values())
FILE_PREFIX = "japan-vietnam"
MAX_STEM_CHARS = 150


def with_sources(rows: pd.DataFrame, sources: pd.DataFrame | None) -> pd.DataFrame:
    """`rows` with each row's source publisher, title, date and link beside its source_id."""
    if sources is None or "source_id" not in rows or "publisher" in rows:
        return rows
    cited = sources[["source_id", *SOURCE_FIELDS]].rename(columns=SOURCE_FIELDS).drop_duplicates("source_id")
    joined = rows.merge(cited, on="source_id", how="left", validate="many_to_one")
    joined.index = rows.index
    return joined


@cache
def reference_order() -> dict[str, int]:
    """Each known column's place: the leading ones, then every dataset's columns as its file
    orders them (data/datapackage.json)."""
    order: dict[str, int] = {}
    for name in (*LEADING_COLUMNS, *(n for r in catalog().resources for n in r.column_names)):
        if name not in SOURCE_COLUMNS:
            order.setdefault(name, len(order))
    return order


def in_column_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Known columns in the reference order, then a chart's own columns (a year it derived,
    say) in the order it gave them, then the source."""
    order = reference_order()
    places = {c: order.get(c, len(order) + i) for i, c in enumerate(rows.columns) if c not in SOURCE_COLUMNS}
    return rows[[*sorted(places, key=places.__getitem__), *(c for c in SOURCE_COLUMNS if c in rows)]]


def export_frame(rows: pd.DataFrame, sources: pd.DataFrame | None = None, reorder: bool = True) -> pd.DataFrame:
    """The rows as a download holds them: sources joined in, columns in the one order (or, for a
    whole dataset, in its file's order, so it lines up with the data dictionary)."""
    joined = with_sources(rows, sources)
    return in_column_order(joined) if reorder else joined


def csv_bytes(rows: pd.DataFrame, sources: pd.DataFrame | None = None, reorder: bool = True) -> bytes:
    """A CSV Excel opens as UTF-8, with cells a spreadsheet would run as formulas neutralised."""
    frame = neutralise_frame(export_frame(rows, sources, reorder))
    return (UTF8_BOM + frame.to_csv(index=False)).encode("utf-8")


def _slug(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def file_stem(page: str, chart: str, params: Mapping[str, Sequence[str]]) -> str:
    """A file name (without extension) naming the page, the chart and the filters of the view,
    e.g. japan-vietnam_fdi_fdi-by-sector_2015-2024_sector-energy+manufacturing. `params` are the
    view's link parameters, so defaults (every year, every sector) are left out as in the link."""
    parts = [FILE_PREFIX, _slug(page), _slug(chart)]
    first, last = (_slug((params.get(key) or [""])[0]) for key in (YEAR_FROM_KEY, YEAR_TO_KEY))
    if first or last:
        parts.append(f"{first or 'start'}-{last or 'end'}")
    for key, values in sorted(params.items()):
        if key in (YEAR_FROM_KEY, YEAR_TO_KEY) or not values:
            continue
        parts.append(f"{_slug(key)}-" + "+".join(_slug(v) for v in values))
    stem = "_".join(p for p in parts if p)
    return stem[:MAX_STEM_CHARS].rstrip("-_+")


SHEET_NAME_CHARS = 31  # Excel's limit
ABOUT_SHEET, SOURCES_SHEET = "About this view", "Sources"


def _sheet_names(names: Sequence[str]) -> list[str]:
    """Sheet names Excel accepts (31 characters, no []:*?/\\), each unique."""
    taken = {ABOUT_SHEET.lower(), SOURCES_SHEET.lower()}
    result = []
    for name in names:
        base = " ".join(re.sub(r"[\[\]:*?/\\']", " ", name).split()) or "Chart"
        candidate, number = base[:SHEET_NAME_CHARS], 2
        while candidate.lower() in taken:
            suffix = f" ({number})"
            candidate, number = base[: SHEET_NAME_CHARS - len(suffix)] + suffix, number + 1
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def _write_frame(sheet, frame: pd.DataFrame, header_format, date_format) -> None:
    for column, name in enumerate(frame.columns):
        sheet.write_string(0, column, str(name), header_format)
        values = frame[name]
        is_date = pd.api.types.is_datetime64_any_dtype(values)
        for row, value in enumerate(values, start=1):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if is_date:
                sheet.write_datetime(row, column, value.to_pydatetime(), date_format)
            elif isinstance(value, bool | np.bool_):
                sheet.write_boolean(row, column, bool(value))
            elif pd.api.types.is_number(value):
                sheet.write_number(row, column, float(value))
            else:
                # Always text, never a formula: strings are written as strings.
                sheet.write_string(row, column, str(value))
        width = max([len(str(name)), *(len(str(v)) for v in values.head(200))], default=8)
        sheet.set_column(column, column, min(max(width, 8), 60))
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)


def workbook_bytes(
    charts: Sequence[tuple[str, pd.DataFrame]], sources: pd.DataFrame, about: Sequence[tuple[str, str]]
) -> bytes:
    """One Excel workbook for a page: first the view (`about`: filters, data version, link,
    licence, how to cite), then a sheet per chart with exactly its rows, sources joined in,
    then every source those rows cite."""
    import xlsxwriter  # only when a reader asks for a workbook

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet(ABOUT_SHEET)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 100)
    names = _sheet_names([n for n, _ in charts])
    reach = [f"{name}: to {as_of(rows) or 'undated'}" for name, (_, rows) in zip(names, charts, strict=True)]
    about = [*about, ("Figures reach", "; ".join(reach) or "–")]
    for row, (label, value) in enumerate(about):
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, value, wrapped)
    cited: set[str] = set()
    for name, (_, rows) in zip(names, charts, strict=True):
        frame = export_frame(rows, sources)
        if "source_id" in frame:
            cited |= set(frame["source_id"].dropna())
        _write_frame(book.add_worksheet(name), frame, bold, dates)
    listed = sources[sources["source_id"].isin(cited)].sort_values("source_id")
    _write_frame(book.add_worksheet(SOURCES_SHEET), listed.reset_index(drop=True), bold, dates)
    book.close()
    return buffer.getvalue()


IMAGE_SOURCES_LISTED = 6
IMAGE_WIDTH_PX = 1200
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")


def as_of(rows: pd.DataFrame) -> str | None:
    """The latest date the rows reach (a period's end, an event's date), as the picture says it."""
    for column in ("period_end", "date", "end_year", "start_year", "year"):
        if column in rows:
            values = rows[column].dropna()
            if len(values):
                latest = values.max()
                return f"{latest:%d %b %Y}" if isinstance(latest, pd.Timestamp) else str(int(latest))
    return None


def citation_lines(
    rows: pd.DataFrame, sources: pd.DataFrame, view_text: str, version: str, url: str | None
) -> list[str]:
    """What a chart's picture prints under its title: its sources (the first few, then how many
    more), how recent its figures are, the view, the data version and the link."""
    cited = sources[sources["source_id"].isin(set(rows.get("source_id", pd.Series(dtype=str)).dropna()))]
    cited = cited.sort_values("published", na_position="first")
    names = [
        f"{r.publisher}, {r.published if isinstance(r.published, str) and r.published else 'undated'}"
        for r in cited.itertuples()
    ]
    listed = "; ".join(names[-IMAGE_SOURCES_LISTED:])
    more = len(names) - IMAGE_SOURCES_LISTED
    source_line = f"Sources: {listed}" + (f"; and {more} more (all in the CSV)" if more > 0 else "") if names else ""
    latest = as_of(rows)
    view_line = " · ".join(
        p
        for p in (
            f"Figures to {latest}" if latest else "",
            view_text,
            f"Japan–Viet Nam ties dashboard, data version {version}",
        )
        if p
    )
    return [line for line in (source_line, view_line, url or "") if line]


def image_bytes(figure, fmt: str) -> bytes:
    """The figure as a PNG or SVG, drawn by Plotly's own exporter (Kaleido driving a local
    Chrome or Chromium; Debian's when no other is named), with no network."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {', '.join(IMAGE_FORMATS)}")
    if "BROWSER_PATH" not in os.environ and DEBIAN_CHROMIUM.exists():
        os.environ["BROWSER_PATH"] = str(DEBIAN_CHROMIUM)
    width = IMAGE_WIDTH_PX
    return figure.to_image(format=fmt, width=width, height=figure.layout.height or 450, scale=2 if fmt == "png" else 1)
