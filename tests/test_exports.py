"""Downloads: bytes Excel opens as UTF-8, sources spelled out, one column order, telling names."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from conftest import shipped
from hypothesis import given, settings
from hypothesis import strategies as st

from jvties import exports
from jvties.data.filters import SECTOR_KEY, YEAR_FROM_KEY, YEAR_TO_KEY


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data.decode("utf-8-sig")), dtype=str, keep_default_na=False)


def test_a_download_opens_as_utf8_with_each_rows_source_spelled_out():
    rows = shipped("indicators").head(5).copy()
    rows.loc[rows.index[0], "note"] = '=HYPERLINK("http://x")'
    sources = shipped("sources")
    data = exports.csv_bytes(rows, sources)
    assert data.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would misread the accents"
    back = read_back(data)
    assert list(back.columns[-5:]) == ["source_id", "source_publisher", "source_title", "source_date", "source_url"]
    first = sources.set_index("source_id").loc[rows["source_id"].iloc[0]]
    assert back.loc[0, "source_title"] == first["title"] and back.loc[0, "source_url"] == first["url"]
    assert back.loc[0, "note"] == '\'=HYPERLINK("http://x")'
    assert len(back) == len(rows)


def test_vietnamese_and_japanese_text_survive_the_round_trip():
    rows = pd.DataFrame({"name": ["tổng số vốn", "523億4百万円", "2010–2024"], "value": [1.0, 2.0, 3.0]})
    assert read_back(exports.csv_bytes(rows))["name"].tolist() == rows["name"].tolist()


@settings(max_examples=50, deadline=None)
@given(order=st.permutations(list(shipped("indicators").columns)))
def test_rows_from_any_chart_come_out_in_one_column_order(order):
    rows = shipped("indicators").head(3)
    expected = list(exports.export_frame(rows, shipped("sources")).columns)
    assert list(exports.export_frame(rows[order], shipped("sources")).columns) == expected
    assert expected[:2] == ["indicator", "partner"]


def test_a_whole_dataset_keeps_its_files_column_order():
    events = shipped("events")
    columns = list(exports.export_frame(events, shipped("sources"), reorder=False).columns)
    assert columns[: len(events.columns)] == list(events.columns)


def test_rows_without_a_source_column_are_left_as_they_are():
    rows = pd.DataFrame({"year": [2020], "value": [1.5]})
    assert list(exports.export_frame(rows, shipped("sources")).columns) == ["year", "value"]


link_text = st.text(min_size=0, max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    page=st.sampled_from(["overview", "fdi", "oda", "map", "timeline", "sources"]),
    chart=link_text,
    params=st.dictionaries(
        st.sampled_from([YEAR_FROM_KEY, YEAR_TO_KEY, SECTOR_KEY, "kind", "q"]), st.lists(link_text, max_size=4)
    ),
)
def test_file_names_are_safe_and_name_the_view(page, chart, params):
    stem = exports.file_stem(page, chart, params)
    assert re.fullmatch(r"[a-z0-9_+-]+", stem), stem
    assert stem.startswith(f"japan-vietnam_{page}") and len(stem) <= exports.MAX_STEM_CHARS


def test_file_names_differ_by_filter():
    every = exports.file_stem("fdi", "fdi_by_sector", {})
    energy = exports.file_stem("fdi", "fdi_by_sector", {SECTOR_KEY: ["energy"], YEAR_FROM_KEY: ["2015"]})
    assert every == "japan-vietnam_fdi_fdi-by-sector"
    assert energy == "japan-vietnam_fdi_fdi-by-sector_2015-end_sector-energy"


def workbook_parts(data: bytes) -> tuple[list[str], list[str]]:
    """The sheet names and each sheet's XML, in order."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = re.findall(r'<sheet name="([^"]+)"', book.read("xl/workbook.xml").decode())
        sheets = [book.read(f"xl/worksheets/sheet{n}.xml").decode() for n in range(1, len(names) + 1)]
        strings = book.read("xl/sharedStrings.xml").decode()
    return names, [*sheets, strings]


def test_a_workbook_has_the_view_a_sheet_per_chart_with_its_rows_and_the_sources():
    indicators = shipped("indicators")
    first, second = indicators.head(7).copy(), indicators.tail(3)
    first.loc[first.index[0], "note"] = "=cmd|' /C calc'!A0"
    about = [("Years", "2010–2024"), ("Cite as", "the dashboard")]
    data = exports.workbook_bytes(
        [("Japan's FDI: by year?", first), ("Japan's FDI: by year?", second)], shipped("sources"), about
    )
    names, parts = workbook_parts(data)
    assert names[0] == "About this view" and names[-1] == "Sources" and len(names) == 4
    assert len(set(names)) == 4 and all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    rows_per_sheet = [part.count("<row ") for part in parts[:4]]
    cited = set(first["source_id"]) | set(second["source_id"])
    assert rows_per_sheet == [len(about) + 1, len(first) + 1, len(second) + 1, len(cited) + 1]
    latest = f"{second['period_end'].max():%d %b %Y}"
    assert f"Japan s FDI by year (2): to {latest}" in parts[-1], "each sheet's as-of date is on the first sheet"
    assert all("<f>" not in part for part in parts), "a cell was written as a formula"
    assert "=cmd|" in parts[-1], "the text is kept, as text"


@settings(max_examples=100, deadline=None)
@given(names=st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_any_chart_titles_make_valid_distinct_sheet_names(names):
    sheets = exports._sheet_names(names)
    assert len(set(s.lower() for s in sheets)) == len(sheets)
    assert all(0 < len(s) <= 31 and not set(s) & set("[]:*?/\\'") for s in sheets)
    assert not {s.lower() for s in sheets} & {"about this view", "sources"}


def cited_figure():
    from jvties.figures import overview

    rows = shipped("indicators").query("indicator == 'fdi_cumulative_capital' and partner == 'JPN'").head(9)
    figure = overview.sparkline(rows, "period_end", "Japan's cumulative FDI", "USD million", False).figure
    lines = exports.citation_lines(rows, shipped("sources"), "Years 2010–2026, all sectors", "abc123", "http://x/?a=1")
    return rows, figure, lines


def test_a_charts_picture_prints_its_sources_date_view_and_link():
    from jvties.figures.common import with_citation

    rows, figure, lines = cited_figure()
    cited = with_citation(figure, lines)
    subtitle = cited.layout.title.subtitle.text
    publishers = shipped("sources").set_index("source_id").loc[rows["source_id"].unique(), "publisher"]
    latest = f"{rows['period_end'].max():%d %b %Y}"
    assert any(p.replace("&", "&amp;") in subtitle for p in publishers)
    assert f"Figures to {latest}" in subtitle and "data version abc123" in subtitle and "http://x/?a=1" in subtitle
    assert cited.layout.height > figure.layout.height and figure.layout.title.subtitle.text is None
    if len(set(rows["source_id"])) > exports.IMAGE_SOURCES_LISTED:
        assert "more (all in the CSV)" in subtitle


@pytest.mark.skipif(not exports.DEBIAN_CHROMIUM.exists(), reason="Plotly's image export needs Chromium")
def test_the_picture_is_a_valid_png_and_svg_with_the_citation_in_it():
    from PIL import Image

    from jvties.figures.common import with_citation

    _, figure, lines = cited_figure()
    cited = with_citation(figure, lines)
    png = Image.open(io.BytesIO(exports.image_bytes(cited, "png")))
    assert png.format == "PNG" and png.size == (2 * exports.IMAGE_WIDTH_PX, 2 * cited.layout.height)
    svg = exports.image_bytes(cited, "svg").decode()
    assert "data version abc123" in svg
