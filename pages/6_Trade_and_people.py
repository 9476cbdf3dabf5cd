"""Trade & people: Viet Nam's goods trade with Japan, Vietnamese living and working in Japan,
and visitors both ways."""

import pandas as pd
import streamlit as st

from jvties.app import components, loading, navigation
from jvties.data import filters, series
from jvties.figures import trade_people

view, options = navigation.frame("people")
components.header("Trade & people", "trade_people")
tables = loading.require("indicators", "events", "sources")
indicators, events, sources = (tables[n] for n in ("indicators", "events", "sources"))
years = (view.year_from, view.year_to)
milestones = loading.derive(filters.milestones, events, years) if options["milestones"] else None
if view.sectors:
    st.caption(
        "Sources give trade, residents, workers and visitors for the whole country, not by sector, "
        "so the sector filter does not change this page."
    )


def by_year(names: tuple[str, ...]) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    """Each indicator's full years in the selected range (gaps kept), and their part years."""
    annual = [
        loading.derive(series.annual, indicators, name, "JPN", years, series.RELATIONS_SERIES_START) for name in names
    ]
    return annual, loading.derive(series.years_to_date, indicators, names, years)


st.subheader("Trade in goods")
(exports, imports, totals), trade_to_date = by_year(trade_people.TRADE_INDICATORS)
components.chart(
    trade_people.trade_by_year,
    exports,
    imports,
    totals,
    trade_to_date,
    milestones,
    sources=sources,
    key="trade_by_year",
    caption="Goods only (services are not included), in US dollars as Viet Nam's customs count them unless the "
    "legend says otherwise; a bar's height is the two-way total. Exports are goods Viet Nam sold to Japan, imports "
    "goods it bought from Japan. A year given only as a two-way total is a grey bar; a grey dash marks the total "
    "of a year whose other side no source found gives; hatched bars cover part of a year. Japan's own statistics "
    "count the same trade differently and are not mixed in.",
)
left, right = st.columns(2)
with left:
    balances = loading.derive(trade_people.balance, exports, imports)
    components.chart(
        trade_people.trade_balance,
        balances,
        milestones,
        sources=sources,
        key="trade_balance",
        caption="Exports minus imports, computed here only for years whose two figures are on the same basis.",
    )
with right:
    ranks = loading.derive(series.dated, indicators, "trade_partner_rank", ("calendar_year", "year_to_date"), years)
    components.chart(
        trade_people.partner_rank,
        ranks,
        milestones,
        sources=sources,
        key="trade_rank",
        caption="By two-way trade, as sources state it; open circles are statements about part of a year or about 'now' at the time of writing.",
    )

st.subheader("Vietnamese living and working in Japan")
stocks = loading.derive(series.snapshots_of, indicators, tuple(trade_people.PEOPLE_LABELS), years)
components.chart(
    trade_people.people_in_japan,
    stocks,
    milestones,
    sources=sources,
    key="people_in_japan",
    caption="Residents: Vietnamese nationals with a residence status of three months or more, counted by Japan's "
    "Immigration Services Agency at the end of June and December (a dotted line before 2012, when foreigners were "
    "still counted by alien registration). Technical intern trainees are the residents holding that status. "
    "Workers: those whose employers notified the labour ministry, counted at the end of October; they include "
    "most interns. The three counts overlap and are not added up.",
)

st.subheader("Visitors both ways")
(to_japan, to_viet_nam), visits_to_date = by_year(trade_people.VISITOR_INDICATORS)
components.chart(
    trade_people.visitors,
    to_japan,
    to_viet_nam,
    visits_to_date,
    milestones,
    sources=sources,
    key="visitors",
    caption="Arrivals, not people: someone who visits twice in a year counts twice. Vietnamese visitors to Japan "
    "are JNTO's counts (the latest months are its estimates); Japanese visitors to Viet Nam are Viet Nam's tourism "
    "statistics. Open circles cover part of a year. 2020–2022 show the border closures of the pandemic.",
)

components.workbook(sources)
