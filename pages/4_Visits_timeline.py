"""Visits timeline: every dated exchange, agreement and milestone since 1973."""

import streamlit as st

from jvties import charts, filters, ui
from jvties.catalog import catalog
from jvties.theme import DIRECTION_LABELS, EVENT_TYPE_LABELS

event_fields = catalog().resource("events")
view, options = ui.page_setup(
    "Visits timeline",
    "High-level visits in both directions, meetings on the sidelines of summits, agreements, forums and "
    "anniversaries. Stars and dotted lines mark milestones: the partnership upgrades (diplomatic relations "
    "1973, strategic partnership 2009, extensive strategic partnership 2014, comprehensive strategic "
    "partnership 2023), key agreements, and Japanese prime ministers' official visits to Viet Nam.",
    page_params=[
        ui.PageParam(
            "type", "Type of event", "choices", list(event_fields.field("event_type").enum), EVENT_TYPE_LABELS
        ),
        ui.PageParam("dir", "Direction", "choices", list(event_fields.field("direction").enum), DIRECTION_LABELS),
        ui.PageParam(
            "q", "Search people", "text", help="Part of a name or title on either side, e.g. Abe, Chinh, Emperor."
        ),
    ],
)
tables = ui.require("events", "sources")
events, sources = tables["events"], tables["sources"]
shown = filters.filter_events(events, view)
if options["type"]:
    shown = shown[shown["event_type"].isin(options["type"])]
if options["dir"]:
    shown = shown[shown["direction"].isin(options["dir"])]
if options["q"]:
    people = shown["japan_side"].fillna("") + " " + shown["vietnam_side"].fillna("")
    shown = shown[people.str.contains(options["q"], case=False, regex=False)]

st.markdown(f"**{len(shown)} of {len(events)} events** shown.")
if shown.empty:
    st.warning(
        "No events match the selected filters. Widen them or press Reset filters.", icon=":material/filter_alt_off:"
    )
    st.stop()
st.plotly_chart(
    charts.timeline(shown), width="stretch", theme=None, key="chart_timeline", config={"displaylogo": False}
)
ui.sources_caption(shown["source_id"].tolist(), sources)
ui.download(shown, "events_shown", "events_shown")

st.subheader("Events, latest first")
source_rows = sources.set_index("source_id")
for event in shown.sort_values("date", ascending=False).itertuples():
    with st.container(border=True):
        marker = " · :material/star: milestone" if event.milestone else ""
        st.markdown(
            f"**{event.date:%d %b %Y}** · {ui.md_text(EVENT_TYPE_LABELS[event.event_type])} · {ui.md_text(DIRECTION_LABELS[event.direction])}{marker}"
        )
        st.markdown(f"##### {ui.md_text(event.title)}")
        st.markdown(ui.md_text(event.summary))
        people = [
            f"Japan: {ui.md_text(event.japan_side)}" if isinstance(event.japan_side, str) else "",
            f"Viet Nam: {ui.md_text(event.vietnam_side)}" if isinstance(event.vietnam_side, str) else "",
        ]
        place = f"Place: {ui.md_text(event.place)}" if isinstance(event.place, str) else ""
        st.caption(
            " · ".join(p for p in [*people, place] if p)
            + "  \nSource: "
            + ui.source_link(source_rows.loc[event.source_id])
        )
