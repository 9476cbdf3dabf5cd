"""The view a user selects (years, sectors, page options), its link form, and the row filters.

Parsing never raises: whatever a link holds, the result is a valid view plus short notices
that say, in plain words and without echoing the raw input, what was ignored or corrected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from jvties.text import folded, folded_series

MAX_PARAM_VALUES = 50
MAX_TEXT_LENGTH = 100
YEAR_FROM_KEY, YEAR_TO_KEY, SECTOR_KEY = "from", "to", "sector"
GLOBAL_KEYS = (YEAR_FROM_KEY, YEAR_TO_KEY, SECTOR_KEY)


@dataclass(frozen=True)
class View:
    """The global filters. An empty `sectors` means every sector."""

    year_from: int
    year_to: int
    sectors: tuple[str, ...] = ()

    def to_params(self, bounds: tuple[int, int]) -> dict[str, list[str]]:
        """Link parameters for this view; defaults are left out so links stay short."""
        params: dict[str, list[str]] = {}
        if self.year_from != bounds[0]:
            params[YEAR_FROM_KEY] = [str(self.year_from)]
        if self.year_to != bounds[1]:
            params[YEAR_TO_KEY] = [str(self.year_to)]
        if self.sectors:
            params[SECTOR_KEY] = list(self.sectors)
        return params


@dataclass
class ParseResult:
    view: View
    notices: list[str] = field(default_factory=list)


def param_values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    # A value may also list several choices separated by commas.
    return [part.strip() for value in values[:MAX_PARAM_VALUES] for part in str(value).split(",") if part.strip()]


def _parse_year(values: list[str], key: str, default: int, bounds: tuple[int, int], notices: list[str]) -> int:
    if not values:
        return default
    if len(values) > 1:
        notices.append(f"The link gives '{key}' more than once; the first value is used.")
    text = values[0]
    if not (text.isascii() and text.lstrip("-").isdigit() and len(text) <= 6):
        notices.append(f"The '{key}' year in the link is not a year; {default} is used.")
        return default
    year = int(text)
    if not bounds[0] <= year <= bounds[1]:
        notices.append(f"The '{key}' year in the link is outside {bounds[0]}–{bounds[1]}; {default} is used.")
        return default
    return year


def parse_choices(values: list[str], allowed: Sequence[str], key: str, notices: list[str]) -> tuple[str, ...]:
    """The values that are allowed, de-duplicated, in the order of `allowed`."""
    valid = [v for v in allowed if v in set(values)]
    unknown = len({v for v in values if v not in set(allowed)})
    if unknown:
        notices.append(f"{unknown} unknown value(s) for '{key}' in the link were ignored.")
    return tuple(valid)


def parse_view(
    params: Mapping[str, Sequence[str] | str],
    sector_ids: Sequence[str],
    bounds: tuple[int, int],
    page_keys: Iterable[str] = (),
) -> ParseResult:
    """The view a link describes. Unknown keys, bad years and unknown sectors become notices."""
    notices: list[str] = []
    unknown_keys = [k for k in params if k not in GLOBAL_KEYS and k not in set(page_keys)]
    if unknown_keys:
        notices.append(f"{len(unknown_keys)} unknown link parameter(s) were ignored.")
    year_from = _parse_year(param_values(params, YEAR_FROM_KEY), YEAR_FROM_KEY, bounds[0], bounds, notices)
    year_to = _parse_year(param_values(params, YEAR_TO_KEY), YEAR_TO_KEY, bounds[1], bounds, notices)
    if year_from > year_to:
        notices.append("The link's years were in reverse order; they have been swapped.")
        year_from, year_to = year_to, year_from
    sectors = parse_choices(param_values(params, SECTOR_KEY), sector_ids, SECTOR_KEY, notices)
    return ParseResult(View(year_from, year_to, sectors), notices)


def parse_flag(params: Mapping[str, Sequence[str] | str], key: str, default: bool, notices: list[str]) -> bool:
    values = param_values(params, key)
    if not values:
        return default
    if values[0] in ("1", "true", "on"):
        return True
    if values[0] in ("0", "false", "off"):
        return False
    notices.append(f"'{key}' in the link must be 1 or 0; the default is used.")
    return default


def parse_text(params: Mapping[str, Sequence[str] | str], key: str, notices: list[str]) -> str:
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    if not values:
        return ""
    text = "".join(ch for ch in str(values[0]) if ch.isprintable()).strip()
    if len(text) > MAX_TEXT_LENGTH:
        notices.append(f"The '{key}' text in the link was cut to {MAX_TEXT_LENGTH} characters.")
        text = text[:MAX_TEXT_LENGTH]
    return text


@dataclass(frozen=True)
class PageOption:
    """A filter of one page that lives in its link: a multiple choice, a flag or a text.

    `key` is the link parameter (`compare`, `kind`...); two pages may use the same key, since a
    link names its page, and the app keeps each page's value apart."""

    key: str
    label: str
    kind: Literal["choices", "flag", "text"]
    options: Sequence[str] = ()
    labels: Mapping[str, str] | None = None
    default: bool = False
    help: str | None = None

    def parse(self, params: Mapping[str, Sequence[str] | str], notices: list[str]) -> object:
        """The value a link gives this option (its default when the link has none)."""
        if self.kind == "choices":
            return list(parse_choices(param_values(params, self.key), self.options, self.key, notices))
        if self.kind == "flag":
            return parse_flag(params, self.key, self.default, notices)
        return parse_text(params, self.key, notices)

    def default_value(self) -> object:
        return self.parse({}, [])

    def to_params(self, value: object) -> list[str] | None:
        """The link form of a value; None for the default, so links stay short."""
        if self.kind == "choices":
            chosen = set(value) if isinstance(value, list | tuple | set) else set()
            return [v for v in self.options if v in chosen] or None
        if self.kind == "flag":
            return None if value == self.default else ["1" if value else "0"]
        return [str(value)] if value else None


def options_to_params(options: Sequence[PageOption], values: Mapping[str, object]) -> dict[str, list[str]]:
    encoded = {option.key: option.to_params(values[option.key]) for option in options if option.key in values}
    return {key: value for key, value in encoded.items() if value}


# Row filters: pure functions of a frame and a view.


def in_sectors(column: pd.Series, sectors: Sequence[str]) -> pd.Series:
    return column.isin(sectors) if sectors else pd.Series(True, index=column.index)


def filter_observations(indicators: pd.DataFrame, view: View) -> pd.DataFrame:
    """Observations whose period ends within the selected years, in the selected sectors
    (strict: a total over all sectors is not in any one sector)."""
    years = indicators["period_end"].dt.year
    keep = years.between(view.year_from, view.year_to) & in_sectors(indicators["sector"], view.sectors)
    return indicators[keep]


def filter_period(indicators: pd.DataFrame, view: View) -> pd.DataFrame:
    """Observations whose period ends within the selected years (no sector condition), for
    totals that sources do not break down by sector."""
    return indicators[indicators["period_end"].dt.year.between(view.year_from, view.year_to)]


def filter_projects(
    projects: pd.DataFrame,
    view: View,
    kinds: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    provinces: tuple[str, ...] = (),
    units: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Projects in the selected sectors whose active years overlap the selected range, of the
    given kinds and statuses, in the given provinces (before July 2025) or provincial units
    (since), when any are given.

    A project is active from start_year until it ends: its end_year, or today while end_year
    is empty or the project is operating (for an operating plant, road or terminal, end_year
    is when building finished, not when it stopped). A project with no known start year is
    kept, since it cannot be shown to fall outside.
    """
    starts_before_end = projects["start_year"].isna() | (projects["start_year"] <= view.year_to)
    still_running = projects["end_year"].isna() | (projects["status"] == "operating")
    ends_after_start = still_running | (projects["end_year"] >= view.year_from)
    keep = starts_before_end & ends_after_start & in_sectors(projects["sector"], view.sectors)
    if kinds:
        keep &= projects["kind"].isin(kinds)
    if statuses:
        keep &= projects["status"].isin(statuses)
    if provinces:
        keep &= projects["province"].isin(provinces)
    if units:
        keep &= projects["province_2025"].isin(units)
    return projects[keep.fillna(False).astype(bool)]


@dataclass(frozen=True)
class Role:
    """An office on one side of the relationship, matched at the start of a participant entry
    (entries are separated by ';') so that a deputy prime minister is not a prime minister."""

    side: str  # events column: japan_side or vietnam_side
    label: str
    pattern: str  # a regular expression over the folded entry


ROLES = {
    "jp_pm": Role("japan_side", "Japan's prime minister", r"^prime minister\b"),
    "jp_emperor": Role("japan_side", "Japan's emperor or crown prince", r"^(emperor|crown prince)\b"),
    "jp_fm": Role("japan_side", "Japan's foreign minister", r"^(minister for foreign affairs|foreign minister)\b"),
    "jp_parliament": Role(
        "japan_side", "Japan's Diet leaders", r"^(speaker|house of councillors president|president of the house)\b"
    ),
    "vn_gs": Role("vietnam_side", "Viet Nam's party general secretary", r"^(communist party )?general secretary\b"),
    "vn_president": Role(
        "vietnam_side", "Viet Nam's president", r"^(president\b|general secretary and president\b|.*, president\b)"
    ),
    "vn_pm": Role("vietnam_side", "Viet Nam's prime minister", r"^(prime minister|pm)\b|^.*\band prime minister\b"),
    "vn_na": Role("vietnam_side", "Viet Nam's National Assembly chair", r"^national assembly chair"),
    "vn_fm": Role(
        "vietnam_side",
        "Viet Nam's foreign minister",
        r"^((deputy prime minister|deputy pm) and foreign minister|minister of foreign affairs|foreign minister)\b",
    ),
}
ROLE_LABELS = {key: role.label for key, role in ROLES.items()}


def holds_role(sides: pd.Series, role: Role) -> pd.Series:
    """Whether any participant entry on the role's side holds it."""
    pattern = re.compile(role.pattern)
    return pd.Series(
        [any(pattern.search(entry.strip()) for entry in text.split(";")) for text in folded_series(sides)],
        index=sides.index,
        dtype=bool,
    )


ACTIVE_YEARS_RULE = (
    "Years: projects active at some time in the selected years, that is started by the last year and not "
    "ended before the first (an operating project has not ended, whenever it was built)."
)


def event_sector_sets(events: pd.DataFrame) -> list[set[str]]:
    return [{s.strip() for s in text.split(";") if s.strip()} for text in events["sectors"].fillna("")]


def filter_events(
    events: pd.DataFrame,
    view: View,
    types: tuple[str, ...] = (),
    directions: tuple[str, ...] = (),
    people: str = "",
    roles: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Events dated within the selected years and, when sectors are selected, tagged with one;
    of the given types and directions when any are given; with `people` among the participants
    of either side when given (any case, with or without diacritics); with a participant in
    one of `roles` (keys of ROLES) when any are given."""
    keep = events["date"].dt.year.between(view.year_from, view.year_to)
    if view.sectors:
        wanted = set(view.sectors)
        keep &= pd.Series([bool(tags & wanted) for tags in event_sector_sets(events)], index=events.index)
    if types:
        keep &= events["event_type"].isin(types)
    if directions:
        keep &= events["direction"].isin(directions)
    if people:
        participants = folded_series(events["japan_side"].fillna("") + " ; " + events["vietnam_side"].fillna(""))
        keep &= participants.str.contains(folded(people), regex=False)
    if roles:
        in_role = pd.Series(False, index=events.index)
        for key in roles:
            in_role |= holds_role(events[ROLES[key].side], ROLES[key])
        keep &= in_role
    return events[keep]


def milestones(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """The partnership's milestones dated within `years`, whatever the sector filter: the
    markers on the FDI and ODA charts."""
    in_years = filter_events(events, View(*years))
    return in_years[in_years["milestone"]]
