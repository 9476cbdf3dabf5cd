"""Selections of the indicator table that charts and KPIs draw: pure pandas, no Streamlit.

Only `preferred` rows are drawn; alternatives stay in the data and in the downloads. Gaps stay
gaps: a year no source gives is a missing value, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

FULL_YEAR = "calendar_year"
# Which figure a year's bar or point shows when sources give it on several bases: the agency's
# own annual figures first, then the statistics office, JETRO, officials and estimates. Each
# basis is drawn as its own series, so this only decides which one a year shows.
ANNUAL_BASIS_ORDER = (
    "agency_full_year",
    "agency_year_end_report",
    "statistics_office",
    "jetro_approvals",
    "official_statement",
    "estimate",
    "local_authority",
    "agency_to_date",
)
ROW_COLUMNS = ["value", "unit", "basis", "qualifier", "period_type", "period_end", "source_id", "note", "doubt"]
FDI_SERIES_START = 2010  # the dashboard covers FDI flows from 2010; earlier years are not gaps
PARTIAL_YEAR_MIN_MONTH = 9  # a past year's partial figure is drawn only if it runs to September or later
RELATIONS_SERIES_START = 2010  # trade, people and visitors are covered from 2010; earlier years are not gaps


def mid_year(years: pd.Series) -> pd.Series:
    """1 July of each year: where a figure for the whole year is drawn on a time axis."""
    return pd.to_datetime(years.astype(int).astype(str) + "-07-01")


def preferred(indicators: pd.DataFrame) -> pd.DataFrame:
    return indicators[indicators["preferred"]]


def select(
    indicators: pd.DataFrame,
    indicator: str,
    partners: list[str] | str = "JPN",
    period_types: tuple[str, ...] | None = None,
    sector: str | None = "all",
    province: str | None = "all",
) -> pd.DataFrame:
    """Preferred rows of one indicator for the given partners, sorted by date."""
    partners = [partners] if isinstance(partners, str) else partners
    rows = preferred(indicators)
    keep = (rows["indicator"] == indicator) & rows["partner"].isin(partners)
    if period_types:
        keep &= rows["period_type"].isin(period_types)
    if sector is not None:
        keep &= rows["sector"] == sector
    if province is not None:
        keep &= rows["province"] == province
    return rows[keep].sort_values(["period_end", "partner"]).reset_index(drop=True)


def annual(
    indicators: pd.DataFrame,
    indicator: str,
    partners: list[str] | str,
    years: tuple[int, int],
    start: int | None = None,
) -> pd.DataFrame:
    """One row per partner and year in `years`, full-year figures only; a year without a
    figure has value NaN so the chart shows a gap. Year-to-date rows are returned apart.

    The series runs from `start` (or its first reported year, if earlier) to its last one."""
    rows = select(indicators, indicator, partners, (FULL_YEAR,))
    rank = rows["basis"].map({b: i for i, b in enumerate(ANNUAL_BASIS_ORDER)}).fillna(len(ANNUAL_BASIS_ORDER))
    rows = rows.assign(year=rows["period_end"].dt.year, _rank=rank)
    rows = rows.sort_values("_rank", kind="stable").drop_duplicates(["partner", "year"]).drop(columns="_rank")
    partners = [partners] if isinstance(partners, str) else partners
    # Years before the first and after the last reported figure are outside the series, not gaps.
    covered = select(indicators, indicator, partners, (FULL_YEAR, "year_to_date"))["period_end"].dt.year
    if len(covered):
        first = max(years[0], min(covered.min(), start or covered.min()))
        last = min(years[1], covered.max())
    else:
        first, last = 1, 0
    grid = pd.MultiIndex.from_product([partners, range(first, last + 1)], names=["partner", "year"])
    framed = rows.set_index(["partner", "year"]).reindex(grid).reset_index()
    return framed[["partner", "year", *ROW_COLUMNS]]


def annual_points(
    indicators: pd.DataFrame, indicator: str, partners: list[str] | str, years: tuple[int, int]
) -> pd.DataFrame:
    """The full-year figures of `annual`, without its gaps, each dated mid-year (`date`) so a
    point sits in the middle of the year it covers."""
    rows = annual(indicators, indicator, partners, years).dropna(subset=["value"])
    return rows.assign(date=mid_year(rows["year"]))


def year_to_date(
    indicators: pd.DataFrame,
    indicator: str,
    partners: list[str] | str,
    years: tuple[int, int],
    past_years_from_month: int | None = None,
) -> pd.DataFrame:
    """Year-to-date figures for years that have no full-year figure yet (for example 2026).

    With `past_years_from_month`, a year before the latest one keeps its figure only when the
    cut-off falls in or after that month: a January-April figure drawn beside full years reads
    as a collapse, while the latest year's figure is the news."""
    rows = select(indicators, indicator, partners, ("year_to_date",))
    rows = rows.assign(year=rows["period_end"].dt.year)
    full = select(indicators, indicator, partners, (FULL_YEAR,))
    latest = max(rows["year"].max(), full["period_end"].dt.year.max()) if len(rows) and len(full) else None
    if latest is None and len(rows):
        latest = rows["year"].max()
    rows = rows[rows["year"].between(*years)]
    if past_years_from_month is not None and len(rows):
        rows = rows[(rows["year"] == latest) | (rows["period_end"].dt.month >= past_years_from_month)]
    have_full = set(zip(full["partner"], full["period_end"].dt.year, strict=True))
    # A boolean Series, not a list: an empty list would select no columns instead of no rows.
    without_full = pd.Series(
        [(p, y) not in have_full for p, y in zip(rows["partner"], rows["year"], strict=True)],
        index=rows.index,
        dtype=bool,
    )
    rows = rows[without_full]
    # Keep the latest cut-off of each year.
    return rows.sort_values("period_end").groupby(["partner", "year"]).tail(1).reset_index(drop=True)


def years_to_date(indicators: pd.DataFrame, names: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """The part-year figures of several indicators that `year_to_date` would draw beside their
    full years (the latest year's, and earlier years' only from September on), in one frame."""
    frames = [year_to_date(indicators, name, "JPN", years, PARTIAL_YEAR_MIN_MONTH) for name in names]
    return pd.concat(frames, ignore_index=True)


def dated(
    indicators: pd.DataFrame, indicator: str, period_types: tuple[str, ...], years: tuple[int, int]
) -> pd.DataFrame:
    """Japan's preferred rows of one indicator whose period ends in `years`, oldest first."""
    rows = select(indicators, indicator, "JPN", period_types)
    return rows[rows["period_end"].dt.year.between(*years)].reset_index(drop=True)


def snapshots_of(indicators: pd.DataFrame, names: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """The dated stocks of several indicators in `years`, in one frame."""
    return pd.concat([snapshots(indicators, name, years) for name in names], ignore_index=True)


def snapshots(indicators: pd.DataFrame, indicator: str, years: tuple[int, int], partner: str = "JPN") -> pd.DataFrame:
    rows = select(indicators, indicator, partner, ("as_of",))
    return rows[rows["period_end"].dt.year.between(*years)].reset_index(drop=True)


def latest_breakdown(
    indicators: pd.DataFrame,
    by: str,
    until_year: int | None = None,
    only: tuple[str, ...] = (),
    partner: str = "JPN",
    indicator: str = "fdi_cumulative_capital",
) -> pd.DataFrame:
    """The most recent as-of breakdown by `by` ("sector" or "province"), largest first, from
    figures dated up to `until_year`, limited to the categories in `only` when given.

    Each category keeps its own latest figure, so a breakdown assembled from two dates says
    so through its period_end column.
    """
    other = "province" if by == "sector" else "sector"
    rows = select(indicators, indicator, partner, ("as_of",), sector=None, province=None)
    rows = rows[(rows[by] != "all") & (rows[other] == "all")]
    if until_year is not None:
        rows = rows[rows["period_end"].dt.year <= until_year]
    if only:
        rows = rows[rows[by].isin(only)]
    rows = rows.sort_values("period_end").groupby(by).tail(1)
    return rows.sort_values("value", ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Figure:
    """A KPI: a value with its unit, the date it is current to and its source."""

    value: float
    unit: str
    period_end: pd.Timestamp
    period_type: str
    source_id: str
    note: str | None = None
    basis: str = ""
    qualifier: str = "exact"
    doubt: str | None = None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _figure(row: pd.Series) -> Figure:
    return Figure(
        row["value"],
        row["unit"],
        row["period_end"],
        row["period_type"],
        row["source_id"],
        _text_or_none(row["note"]),
        row.get("basis", ""),
        row.get("qualifier", "exact"),
        _text_or_none(row.get("doubt")),
    )


def latest(
    indicators: pd.DataFrame,
    indicator: str,
    period_types: tuple[str, ...],
    partner: str = "JPN",
    until_year: int | None = None,
) -> Figure | None:
    rows = select(indicators, indicator, partner, period_types)
    if until_year is not None:
        rows = rows[rows["period_end"].dt.year <= until_year]
    return _figure(rows.iloc[-1]) if len(rows) else None


@dataclass(frozen=True)
class Change:
    """The latest full-year figure and the year before it, if that year's figure is on the
    same basis; otherwise `before` is None and `no_change_reason` says why."""

    last: Figure
    before: Figure | None
    no_change_reason: str | None = None


def latest_full_year_change(
    indicators: pd.DataFrame, indicator: str, partner: str = "JPN", until_year: int | None = None
) -> Change | None:
    """The latest full-year figure and the change on the year before, computed only when both
    figures are on the same basis and stated exactly or with the same qualifier."""
    rows = annual(indicators, indicator, partner, (1900, until_year or 2100)).dropna(subset=["value"])
    if rows.empty:
        return None
    last = rows.iloc[-1]
    before = rows[rows["year"] == last["year"] - 1]
    if before.empty:
        return Change(_figure(last), None, f"no full-year figure for {last['year'] - 1}")
    previous = before.iloc[-1]
    if previous["basis"] != last["basis"]:
        return Change(_figure(last), None, f"the {last['year'] - 1} figure is on another basis")
    return Change(_figure(last), _figure(previous))
