"""The Overview: headline figures computed from the data for the selected years, and the
small trend charts beside them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from jvties.data import filters, series
from jvties.figures.common import Drawn, base_figure, basis_style, basis_text, qualified
from jvties.figures.theme import JAPAN_RED
from jvties.text import md_text

VISIT_TYPES = ("state_visit", "official_visit", "working_visit", "summit_sideline", "online_talks")


@dataclass(frozen=True)
class Kpi:
    label: str
    value_text: str
    help: str
    source_id: str | None = None
    delta_text: str | None = None
    # Where a figure counted from many rows gets its sources, when no single source gives it.
    source_note: str | None = None
    # The date the figure is current to, when it is one source's figure.
    as_of: pd.Timestamp | None = None

    def age_note(self, year_from: int) -> str | None:
        """What the card says when its figure is older than the selected years."""
        if self.as_of is None or self.as_of.year >= year_from:
            return None
        return (
            f"Older than the selected years: the latest figure is for {self.as_of.year}, "
            f"none is given for {year_from} or later."
        )


def _usd_billion(value: float) -> str:
    return f"USD {value / 1000:,.1f} bn"


def _as_of(figure: series.Figure) -> str:
    return f"{figure.period_end:%d %b %Y}"


def _missing(label: str, what: str) -> Kpi:
    return Kpi(label, "–", f"No source in the data gives {what} up to the selected end year.")


def investor_rank(indicators: pd.DataFrame, until: int) -> Kpi:
    """Japan's rank among investors in Viet Nam by cumulative registered capital, the latest
    figure on or before `until`."""
    rank = series.latest(indicators, "fdi_investor_rank", ("as_of",), until_year=until)
    label = "Japan's rank among investors"
    if not rank:
        return _missing(label, "Japan's rank")
    return Kpi(
        label,
        f"#{rank.value:.0f}",
        f"Rank by cumulative registered capital as of {_as_of(rank)}. {rank.note or ''}".strip(),
        rank.source_id,
        as_of=rank.period_end,
    )


def change_on_year_before(change: series.Change) -> str | None:
    """'+9.2% on 2024' when the year before is on the same basis, else None."""
    before, year = change.before, change.last.period_end.year
    if before is None or not before.value:
        return None
    return f"{(change.last.value / before.value - 1) * 100:+.1f}% on {year - 1}"


def _full_year_kpi(
    change: series.Change | None, label: str, value_text: Callable[[float], str], help_text: str, missing: str
) -> Kpi:
    """A card for an indicator's latest full year, with the change on the year before when both
    are on one basis. `label` and `help_text` may name {year}."""
    if change is None:
        return _missing(label.replace(" in {year}", ""), missing)
    last, year, delta = change.last, change.last.period_end.year, change_on_year_before(change)
    why = "" if delta else f" No change is shown: {change.no_change_reason}."
    return Kpi(
        label.format(year=year),
        qualified(value_text(last.value), last.qualifier),
        help_text.format(year=year, basis=basis_text(last.basis), note=last.note or "").strip() + why,
        last.source_id,
        delta,
        as_of=last.period_end,
    )


def relationship_kpis(indicators: pd.DataFrame, until: int) -> list[Kpi]:
    """Trade, residents and visitors: the latest figure of each on or before `until`."""
    trade = _full_year_kpi(
        series.latest_full_year_change(indicators, "trade_total_vn_jpn", until_year=until),
        "Goods trade with Japan in {year}",
        _usd_billion,
        "Viet Nam's exports to Japan plus its imports from Japan in {year} ({basis}).",
        "a full-year trade figure",
    )
    residents = series.latest(indicators, "residents_vn_in_jpn", ("as_of",), until_year=until)
    label = "Vietnamese residents in Japan"
    people = (
        Kpi(
            label,
            qualified(f"{residents.value:,.0f}", residents.qualifier),
            f"Vietnamese nationals living in Japan on {_as_of(residents)}, as Japan's Immigration Services Agency "
            "counts them.",
            residents.source_id,
            as_of=residents.period_end,
        )
        if residents
        else _missing(label, "the number of Vietnamese residents in Japan")
    )
    visitors = _full_year_kpi(
        series.latest_full_year_change(indicators, "arrivals_vn_to_jpn", until_year=until),
        "Vietnamese visitors to Japan in {year}",
        lambda value: f"{value:,.0f}",
        "Visitor arrivals from Viet Nam in Japan in {year}, as JNTO counts them. {note}",
        "a full-year visitor figure",
    )
    return [trade, people, visitors]


def overview_kpis(indicators: pd.DataFrame, events: pd.DataFrame, view: filters.View) -> list[Kpi]:
    """Nine KPIs, each current to the latest figure on or before the selected end year."""
    until = view.year_to
    kpis = []

    stock = series.latest(indicators, "fdi_cumulative_capital", ("as_of",), until_year=until)
    label = "Japan's FDI stock (registered)"
    kpis.append(
        Kpi(
            label,
            qualified(_usd_billion(stock.value), stock.qualifier),
            f"Total registered capital of Japan's valid FDI projects as of {_as_of(stock)}.",
            stock.source_id,
            as_of=stock.period_end,
        )
        if stock
        else _missing(label, "Japan's cumulative registered capital")
    )

    projects = series.latest(indicators, "fdi_cumulative_projects", ("as_of",), until_year=until)
    label = "Japan's valid FDI projects"
    kpis.append(
        Kpi(
            label,
            qualified(f"{projects.value:,.0f}", projects.qualifier),
            f"Number of Japanese FDI projects still valid as of {_as_of(projects)}.",
            projects.source_id,
            as_of=projects.period_end,
        )
        if projects
        else _missing(label, "the number of valid projects")
    )

    kpis.append(investor_rank(indicators, until))

    change = series.latest_full_year_change(indicators, "fdi_registered_capital", until_year=until)
    label = "Registered FDI from Japan, latest full year"
    if change:
        last = change.last
        year = last.period_end.year
        delta = change_on_year_before(change)
        help_text = f"Capital registered in {year} ({basis_text(last.basis).lower()})."
        if delta:
            help_text += " The change compares two figures on the same basis."
        else:
            help_text += f" No change is shown: {change.no_change_reason}."
        kpis.append(
            Kpi(
                f"FDI from Japan registered in {year}",
                qualified(_usd_billion(last.value), last.qualifier),
                help_text,
                last.source_id,
                delta,
                as_of=last.period_end,
            )
        )
    else:
        kpis.append(_missing(label, "a full-year figure"))

    share = series.latest(indicators, "oda_share_of_total", ("as_of", "calendar_year"), until_year=until)
    label = "Japan's share of Viet Nam's ODA"
    kpis.append(
        Kpi(
            label,
            qualified(f"{share.value:.0f}%", share.qualifier),
            f"{basis_text(share.basis)}, as stated on {_as_of(share)}. {share.note or ''}".strip(),
            share.source_id,
            as_of=share.period_end,
        )
        if share
        else _missing(label, "Japan's ODA share")
    )

    shown = filters.filter_events(events, view)
    exchanges = shown[shown["event_type"].isin(VISIT_TYPES)]
    kpis.append(
        Kpi(
            f"High-level exchanges {view.year_from}–{view.year_to}",
            f"{len(exchanges):,}",
            "Visits, summit-sideline meetings and online talks between leaders in the selected years and sectors, as recorded in the timeline.",
            source_note=f"Counts leaders' visits, summit-sideline meetings and online talks only, {len(exchanges):,} of the "
            f"{len(shown):,} events the Visits timeline shows for these years and sectors (it also lists agreements, "
            "anniversaries and other events); each has its own source there.",
        )
    )
    return kpis + relationship_kpis(indicators, until)


def sparkline(frame: pd.DataFrame, x: str, title: str, y_title: str, bars: bool = True) -> Drawn:
    """A small chart of `frame["value"]` against `frame[x]` (bars, or points for snapshots),
    each bar or point styled by its basis as on the full charts, with the basis on hover."""
    fig = base_figure(title, 230)
    bases = frame["basis"] if "basis" in frame else pd.Series("", index=frame.index)
    wording = frame["qualifier"] if "qualifier" in frame else pd.Series("exact", index=frame.index)
    styles = [basis_style(b) for b in bases]
    hover = [
        f"{basis_text(b)}: {qualified(f'{v:,.0f}', q)}" for b, v, q in zip(bases, frame["value"], wording, strict=True)
    ]
    trace = (
        go.Bar(
            x=frame[x],
            y=frame["value"],
            marker=dict(
                color=JAPAN_RED,
                opacity=[st.bar_opacity for st in styles],
                pattern_shape=[st.bar_pattern for st in styles],
                line=dict(color=JAPAN_RED, width=1),
            ),
            hovertext=hover,
            hovertemplate="%{x|%Y}: %{hovertext}<extra></extra>",
        )
        if bars
        else go.Scatter(
            x=frame[x],
            y=frame["value"],
            mode="markers",
            marker=dict(color=JAPAN_RED, size=8, symbol=[st.symbol for st in styles]),
            hovertext=hover,
            hovertemplate="%{x|%d %b %Y}: %{hovertext}<extra></extra>",
        )
    )
    fig.add_trace(trace)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10), showlegend=False, title=dict(font=dict(size=14)))
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    fig.update_xaxes(showgrid=False)
    return Drawn(fig, frame)


@dataclass(frozen=True)
class Exchanges:
    """The latest events as one Markdown block (data text escaped), and the sources they cite."""

    text: str
    source_ids: tuple[str, ...]


def latest_exchanges(events: pd.DataFrame, count: int = 6) -> Exchanges:
    recent = events.sort_values("date", ascending=False).head(count)
    lines = [f"**{e.date:%d %b %Y}** · {md_text(e.title)}  \n{md_text(e.summary)}" for e in recent.itertuples()]
    return Exchanges("\n\n".join(lines), tuple(recent["source_id"]))
