"""The data dictionary: generated from data/datapackage.json and the data itself.

`python -m jvties.data.dictionary` rewrites data/README.md; a test fails when the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from jvties.data import series
from jvties.data.catalog import DEFAULT_DATA_DIR, Resource, catalog
from jvties.data.loaders import load_table
from jvties.text import prose

README_PATH = DEFAULT_DATA_DIR / "README.md"
FDI_YEARS = (2010, 2025)
PEER_YEARS = (2018, 2025)
ODA_YEARS = (1992, 2024)
PEERS = ("KOR", "SGP", "CHN", "TWN", "HKG")
RELATIONS_YEARS = (2010, 2025)
# Indicators of the Trade & people page and the dates in each year they are counted at.
RELATIONS_ANNUAL = (
    "trade_vn_exports_to_jpn",
    "trade_vn_imports_from_jpn",
    "trade_total_vn_jpn",
    "arrivals_vn_to_jpn",
    "arrivals_jpn_to_vn",
)
RELATIONS_STOCKS = {
    "residents_vn_in_jpn": ("12-31", "year-end"),
    "interns_vn_in_jpn": ("12-31", "year-end"),
    "workers_vn_in_jpn": ("10-31", "end-October"),
}

DEFINITIONS = prose("definitions")


def field_table(resource: Resource) -> str:
    lines = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for field in resource.fields:
        meaning = field.description
        if field.enum:
            meaning += f" One of: {', '.join(f'`{v}`' for v in field.enum)}."
        if field.foreign_key:
            meaning += f" Refers to `{field.foreign_key}`."
        if field.unique:
            meaning += " No two rows may share a value."
        lines.append(f"| `{field.name}` | {field.type} | {'yes' if field.required else 'no'} | {meaning} |")
    return "\n".join(lines)


def as_of(name: str, table: pd.DataFrame, sources: pd.DataFrame) -> str | None:
    """The date a table is current to: its latest observation or event, or its newest source."""
    if name == "indicators":
        return f"{table['period_end'].max():%Y-%m-%d}"
    if name == "events":
        return f"{table['date'].max():%Y-%m-%d}"
    if "source_id" in table:
        return str(sources[sources["source_id"].isin(table["source_id"])]["published"].dropna().max())
    if name == "sources":
        return str(table["published"].dropna().max())
    return None  # a vocabulary has no date


def sources_listing(sources: pd.DataFrame) -> pd.DataFrame:
    """Every source, newest first, with the columns a reader looks for first."""
    return sources.sort_values("published", ascending=False)[
        ["publisher", "title", "published", "language", "url", "source_id", "note"]
    ]


MIN_SECTORS = 5  # the sector breakdown the dashboard aims to show


def known_gaps(indicators: pd.DataFrame) -> list[str]:
    """Years in the coverage targets for which no preferred full-year (or fiscal-year) figure exists."""
    full = indicators[
        (indicators["indicator"] == "fdi_registered_capital")
        & (indicators["period_type"] == "calendar_year")
        & indicators["preferred"]
        & (indicators["sector"] == "all")
        & (indicators["province"] == "all")
    ]
    gaps = []
    for partner, years in [("JPN", FDI_YEARS), *((p, PEER_YEARS) for p in PEERS)]:
        have = set(full[full["partner"] == partner]["period_end"].dt.year)
        missing = [y for y in range(years[0], years[1] + 1) if y not in have]
        if missing:
            gaps.append(
                f"- `fdi_registered_capital`, {partner}: no full-year figure for {', '.join(map(str, missing))}."
            )
    oda = indicators[
        (indicators["indicator"] == "oda_commitment")
        & (indicators["period_type"] == "fiscal_year_jp")
        & indicators["preferred"]
    ]
    have = set(oda["period_end"].dt.year - 1)
    missing = [y for y in range(ODA_YEARS[0], ODA_YEARS[1] + 1) if y not in have]
    if missing:
        gaps.append(
            f"- `oda_commitment`, JPN, Japanese fiscal years: no figure for FY{', FY'.join(map(str, missing))}."
        )
    gaps += relations_gaps(indicators)
    by_sector = series.select(indicators, "fdi_cumulative_capital", "JPN", ("as_of",), sector=None)
    by_sector = by_sector[by_sector["sector"] != "all"]
    if len(by_sector):
        newest = by_sector["period_end"].max()
        named = by_sector[by_sector["period_end"] == newest]["sector"].nunique()
        if named < MIN_SECTORS:
            gaps.append(
                f"- `fdi_cumulative_capital` by sector, JPN: the newest national breakdown (as of {newest:%Y-%m-%d}) "
                f"names {named} sectors; the sources name only their largest sectors, so the others are missing."
            )
    return gaps


def relations_gaps(indicators: pd.DataFrame) -> list[str]:
    """Years from 2010 to 2025 with no preferred figure for trade, people and visitors."""
    years = range(RELATIONS_YEARS[0], RELATIONS_YEARS[1] + 1)
    gaps = []
    for indicator in RELATIONS_ANNUAL:
        have = set(series.select(indicators, indicator, "JPN", (series.FULL_YEAR,))["period_end"].dt.year)
        missing = [y for y in years if y not in have]
        if missing:
            gaps.append(f"- `{indicator}`, JPN: no full-year figure for {', '.join(map(str, missing))}.")
    for indicator, (day, words) in RELATIONS_STOCKS.items():
        rows = series.select(indicators, indicator, "JPN", ("as_of",))
        have = {d.year for d in rows["period_end"] if f"{d:%m-%d}" == day}
        missing = [y for y in years if y not in have]
        if missing:
            gaps.append(f"- `{indicator}`, JPN: no {words} figure for {', '.join(map(str, missing))}.")
    return gaps


def render(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    spec = catalog()
    tables = {r.name: load_table(r.name, data_dir) for r in spec.resources}
    parts = [
        f"# Data dictionary: {spec.title}",
        "",
        "_Generated by `python -m jvties.data.dictionary` from `datapackage.json` and the data; do not edit by hand._",
        "",
        spec.description,
        "",
        "| file | rows | current to | one row is |",
        "|---|---|---|---|",
    ]
    for resource in spec.resources:
        table = tables[resource.name]
        parts.append(
            f"| `{resource.path}` | {len(table)} | {as_of(resource.name, table, tables['sources']) or '–'} | {resource.row} |"
        )
    for geo in spec.geo:
        parts.append(
            f"| `{geo.path}` | – | – | {geo.title}: {geo.row} Sources: {', '.join(f'`{i}`' for i in geo.source_ids)}. |"
        )
    parts += ["", DEFINITIONS]
    for resource in spec.resources:
        parts += [
            f"## `{resource.path}`: {resource.title}",
            "",
            resource.row,
            "",
            f"Key: {', '.join(f'`{k}`' for k in resource.primary_key)}.",
            "",
            field_table(resource),
            "",
        ]
    parts += [
        "## Known gaps",
        "",
        "Years no source in `sources.csv` gives (they show as gaps in the charts):",
        "",
        *known_gaps(tables["indicators"]),
        "",
        "For several of these years a figure on another basis (part of the year, newly registered capital "
        "only, the basis of the statistics office's monthly ranking of partners) is in `indicators.csv` as "
        "`year_to_date` or `fdi_new_registered_capital`; charts draw each basis apart, never on one line.",
        "",
    ]
    return "\n".join(parts)


def main() -> int:
    README_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {README_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


CITATION_TITLE = "Japan–Viet Nam economic and diplomatic ties: a dashboard of investment, aid and exchanges"
DATA_LICENCE = (
    "The code is under the MIT licence (LICENSE). The compiled tables are offered under Creative Commons "
    "Attribution 4.0 (CC BY 4.0): reuse them with credit to this dashboard. Every figure in them is a fact "
    "its source published, cited on its row; the sources' own texts stay theirs, so the tables link to them "
    "and never copy them, and descriptions are written in this project's words. Outlines come from Natural "
    "Earth (public domain); town centres from GeoNames (CC BY 4.0)."
)


def citation(version: str, sources: pd.DataFrame, accessed: str, url: str | None = None) -> str:
    """The "cite as" line: the dashboard, its data version, how recent its sources are, where
    and when it was read."""
    published = sources["published"].dropna().astype(str)
    latest = max(published) if len(published) else "undated"
    where = f" {url}" if url else ""
    return f"{CITATION_TITLE}. Data version {version} (sources published up to {latest}).{where} Accessed {accessed}."
