"""The data dictionary: generated from data/datapackage.json and the data itself.

`python -m jvties.docs` rewrites data/README.md; a test fails when the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from jvties import series
from jvties.catalog import DEFAULT_DATA_DIR, Resource, catalog
from jvties.loaders import load_table

README_PATH = DEFAULT_DATA_DIR / "README.md"
FDI_YEARS = (2010, 2025)
PEER_YEARS = (2018, 2025)
ODA_YEARS = (1992, 2024)
PEERS = ("KOR", "SGP", "CHN", "TWN", "HKG")

DEFINITIONS = """\
## Definitions and caveats

**Registered vs disbursed FDI.** Viet Nam's Foreign Investment Agency (FIA) reports *registered*
capital: the amounts written into investment licences. A year's registered capital is the sum of
capital in newly licensed projects, capital added to existing projects ("adjusted"), and capital
contributions or share purchases by foreign investors. The last component has been included in
the headline figures since 2016; rows before that say so in their note. *Disbursed* (realised)
capital is what investors actually spend and is much lower; this dataset does not mix the two.

**Valid projects and cumulative capital.** The cumulative figures count projects whose licences
are still in force ("valid" or "effective" projects) and their total registered capital at a
date. Projects that expire or are withdrawn leave the count, so the stock can fall.

**Investor rank.** Japan's position among all investing countries and territories by cumulative
registered capital (or, for a year, by capital registered that year); the note gives the field size.

**Commitments vs disbursements (ODA).** Aid figures are *commitments*: amounts pledged at donor
meetings or signed in loan and grant agreements. They are disbursed over several years. Each row
says whether it is a pledge or a signed agreement, and whether grants are included.

**Japanese fiscal year.** Japan's fiscal year runs from 1 April to 31 March: FY2015 is April 2015
to March 2016, stored with period_end 2016-03-31. Charts label it FY2015.

**Currencies.** Yen figures stay in yen and dollar figures in dollars; nothing is converted,
because exchange rates over 30 years would change the picture more than the aid itself did.

**Provinces.** Province names are those in use before 1 July 2025, when Viet Nam's 63 provinces
and centrally run cities were merged into 34 provincial units. Most sources predate the merger.
`provinces.csv` maps each old province to its new unit, with a source for each, and
`projects.csv` carries the new unit in `province_2025`.

**Year-to-date figures.** Reports issued in late December often cut off on the 15th or 20th.
Such a figure is stored as `year_to_date` with its cut-off date, never as a full year; charts
draw it apart (hatched) and the KPIs never compare it with a full year.

**Disagreeing sources.** When two sources give different figures for the same observation, both
rows are kept with their own citations; `preferred=true` marks the one the charts draw (the
agency's final full-year report before early estimates, the agency before a paraphrase).

**Gaps.** A figure no source gives is missing, never zero. Charts show gaps as breaks or as
crosses on the axis.

**Coordinates.** Projects are placed at their site where a source or landmark gives it, and
otherwise at the centre of the city or town named (`coord_quality=city`), using the GeoNames
gazetteer; the map draws such markers paler.
"""


def _field_table(resource: Resource) -> str:
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


def render(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    spec = catalog()
    tables = {r.name: load_table(r.name, data_dir) for r in spec.resources}
    parts = [
        f"# Data dictionary: {spec.title}",
        "",
        "_Generated by `python -m jvties.docs` from `datapackage.json` and the data; do not edit by hand._",
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
    parts += ["", DEFINITIONS]
    for resource in spec.resources:
        parts += [
            f"## `{resource.path}`: {resource.title}",
            "",
            resource.row,
            "",
            f"Key: {', '.join(f'`{k}`' for k in resource.primary_key)}.",
            "",
            _field_table(resource),
            "",
        ]
    parts += [
        "## Known gaps",
        "",
        "Years no source in `sources.csv` gives (they show as gaps in the charts):",
        "",
        *known_gaps(tables["indicators"]),
        "",
        "For several of these years a year-end report cut off around 20 December, or a figure on another "
        "basis (newly registered capital only, the basis of the statistics office's monthly ranking of "
        "partners), is in `indicators.csv` as `year_to_date` or `fdi_new_registered_capital`; charts draw "
        "such figures apart from full years, never on the same line.",
        "",
    ]
    return "\n".join(parts)


def main() -> int:
    README_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {README_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
