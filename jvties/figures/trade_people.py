"""The rest of the relationship: Viet Nam's goods trade with Japan, Vietnamese living and working
in Japan, and visitors both ways.

Pure functions: DataFrames in, Plotly figures out, no Streamlit. Data text in hovers is
escaped, because Plotly renders a subset of HTML in hover labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from jvties.data.series import mid_year
from jvties.figures.common import (
    NARROW_YEAR_AXIS,
    YEAR_AXIS,
    YEAR_MS,
    Drawn,
    add_milestones,
    base_figure,
    bases_in_order,
    basis_text,
    fit_x_to_data,
    gap_markers,
    point_hover,
    uncertain_markers,
)
from jvties.figures.theme import JAPAN_RED, NEUTRAL

TRADE_INDICATORS = ("trade_vn_exports_to_jpn", "trade_vn_imports_from_jpn", "trade_total_vn_jpn")
VISITOR_INDICATORS = ("arrivals_vn_to_jpn", "arrivals_jpn_to_vn")
EXPORTS_COLOR = "#1f6f50"  # Viet Nam's sales to Japan
IMPORTS_COLOR = JAPAN_RED  # Japan's sales to Viet Nam
SURPLUS_COLOR, DEFICIT_COLOR = "#1f6f50", "#b5562b"
TO_JAPAN_COLOR, TO_VIET_NAM_COLOR = "#da9a0b", JAPAN_RED
PEOPLE_COLORS = {
    "residents_vn_in_jpn": "#1f4e9c",
    "workers_vn_in_jpn": "#2a9d8f",
    "interns_vn_in_jpn": "#da9a0b",
}
PEOPLE_LABELS = {
    "residents_vn_in_jpn": "Vietnamese residents",
    "workers_vn_in_jpn": "Vietnamese workers (October count)",
    "interns_vn_in_jpn": "of whom technical intern trainees",
}
PEOPLE_BASIS_WORDS = {"isa_alien_registration": "alien registration, before the 2012 residence cards"}


def _one_legend_entry_per_name(fig: go.Figure) -> None:
    """Series drawn in parts (gap crosses, say) keep one legend entry each."""
    seen = set()
    for trace in fig.data:
        if trace.showlegend is not False and trace.name in seen:
            trace.showlegend = False
        seen.add(trace.name)


def _rows_drawn(frames: list[pd.DataFrame], like: pd.DataFrame) -> pd.DataFrame:
    """The rows of every part a chart drew, in one frame; no rows (with `like`'s columns) when
    the view leaves nothing to draw."""
    parts = [f for f in frames if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else like.head(0)


def _usd(rows: pd.DataFrame) -> list[str]:
    return [f"USD {v / 1000:,.2f} bn" for v in rows["value"]]


def _year_to_date_lead(rows: pd.DataFrame, what: str) -> list[str]:
    return [f"{what}, January to {d:%B %Y} (part of the year)" for d in rows["period_end"]]


TRADE_BASIS_WORDS = {
    "vn_customs": "Viet Nam customs",
    "jp_trade_statistics": "Japan's trade statistics",
    "official_statement": "source does not say whose figures",
}


def trade_by_year(
    exports: pd.DataFrame,
    imports: pd.DataFrame,
    totals: pd.DataFrame,
    year_to_date: pd.DataFrame,
    milestones: pd.DataFrame | None = None,
) -> Drawn:
    """Viet Nam's exports to and imports from Japan by year, stacked so that a bar's height is
    the two-way total; a year that sources give only as a total is one grey bar of that height,
    and a year known only in part is hatched, to the date it reaches.

    `exports`, `imports` and `totals` are series.annual frames (a gap is a NaN value);
    `year_to_date` holds the part-year rows of all three indicators."""
    fig = base_figure("Viet Nam's goods trade with Japan by year (USD billion)", 500)
    export_years = set(exports.dropna(subset=["value"])["year"])
    import_years = set(imports.dropna(subset=["value"])["year"])
    split_years, whole_split = export_years | import_years, export_years & import_years
    drawn = []

    def bars(rows: pd.DataFrame, name: str, color: str, solid: bool, lead: list[str], group: str) -> None:
        fig.add_trace(
            go.Bar(
                x=mid_year(rows["year"]),
                y=rows["value"] / 1000,
                width=0.7 * YEAR_MS,
                marker=dict(
                    color=color if solid else "rgba(255,255,255,0)",
                    line=dict(color=color, width=1.2),
                    pattern=dict(shape="" if solid else "/", fgcolor=color, solidity=0.35),
                ),
                name=name,
                legendgroup=group,
                hovertext=point_hover(rows, lead, _usd(rows)),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )

    for frame, indicator, name, color in (
        (exports, "trade_vn_exports_to_jpn", "Viet Nam's exports to Japan", EXPORTS_COLOR),
        (imports, "trade_vn_imports_from_jpn", "Viet Nam's imports from Japan", IMPORTS_COLOR),
    ):
        shown = frame.dropna(subset=["value"]).assign(indicator=indicator)
        drawn.append(shown)
        for basis in bases_in_order(shown):
            rows = shown[shown["basis"] == basis]
            words = TRADE_BASIS_WORDS.get(basis, basis_text(basis))
            # Customs figures are solid; a figure no one is named for is drawn lighter.
            tint = color if basis == "vn_customs" else color + "99"
            bars(rows, f"{name} ({words})", tint, True, [f"{name}, {y}" for y in rows["year"]], indicator)
    total_only = totals.dropna(subset=["value"])
    total_only = total_only[~total_only["year"].isin(split_years)].assign(indicator="trade_total_vn_jpn")
    if not total_only.empty:
        drawn.append(total_only)
        bars(
            total_only,
            "Two-way total only (no split found)",
            NEUTRAL,
            True,
            [f"Two-way trade, {y}" for y in total_only["year"]],
            "total",
        )
    # A year with one side only: its stated total marks how high the missing side would reach.
    half_split = totals.dropna(subset=["value"])
    half_split = half_split[half_split["year"].isin(split_years - whole_split)].assign(indicator="trade_total_vn_jpn")
    if not half_split.empty:
        drawn.append(half_split)
        fig.add_trace(
            go.Scatter(
                x=mid_year(half_split["year"]),
                y=half_split["value"] / 1000,
                mode="markers",
                marker=dict(symbol="line-ew-open", size=34, color=NEUTRAL, line=dict(width=3, color=NEUTRAL)),
                name="Two-way total where one side is missing",
                hovertext=point_hover(
                    half_split,
                    [f"Two-way trade, {y} (one side not found)" for y in half_split["year"]],
                    _usd(half_split),
                ),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    partial = year_to_date[~year_to_date["year"].isin(split_years | set(total_only["year"]))]
    split_partial = set(partial[partial["indicator"] != "trade_total_vn_jpn"]["year"])
    for indicator, name, color in (
        ("trade_vn_exports_to_jpn", "Exports", EXPORTS_COLOR),
        ("trade_vn_imports_from_jpn", "Imports", IMPORTS_COLOR),
        ("trade_total_vn_jpn", "Two-way total", NEUTRAL),
    ):
        rows = partial[partial["indicator"] == indicator]
        if indicator == "trade_total_vn_jpn":
            rows = rows[~rows["year"].isin(split_partial)]
        if rows.empty:
            continue
        drawn.append(rows)
        bars(rows, f"{name}, part of the year only", color, False, _year_to_date_lead(rows, name), indicator)
    tops = _rows_drawn(drawn, exports.assign(indicator=pd.Series(dtype=object)))
    doubtful = tops.groupby("year", as_index=False).agg(value=("value", "sum"), doubt=("doubt", "first"))
    uncertain_markers(fig, doubtful, mid_year(doubtful["year"]), doubtful["value"] / 1000)
    both = pd.concat([exports, imports], ignore_index=True)
    gaps = both.groupby("year", as_index=False)["value"].max()
    gaps = gaps[~gaps["year"].isin(set(total_only["year"]) | set(partial["year"]))]
    gap_markers(fig, gaps, "Viet Nam's exports to or imports from Japan")
    fig.update_yaxes(title_text="USD billion", rangemode="tozero")
    fig.update_xaxes(**YEAR_AXIS)
    fig.update_layout(barmode="stack", hovermode="x unified")
    fit_x_to_data(fig, whole_years=True)
    return Drawn(add_milestones(fig, milestones), tops)


def balance(exports: pd.DataFrame, imports: pd.DataFrame) -> pd.DataFrame:
    """Viet Nam's surplus (positive) or deficit with Japan, for the years whose exports and
    imports are both given on the same basis: exports minus imports, never mixing bases."""
    both = exports.dropna(subset=["value"]).merge(
        imports.dropna(subset=["value"]), on=["partner", "year"], suffixes=("_exports", "_imports")
    )
    both = both[both["basis_exports"] == both["basis_imports"]]
    return pd.DataFrame(
        {
            "partner": both["partner"],
            "year": both["year"],
            "indicator": "trade_balance_computed",
            "value": both["value_exports"] - both["value_imports"],
            "unit": "usd_million",
            "basis": both["basis_exports"],
            "period_type": "calendar_year",
            "period_end": both["period_end_exports"],
            "exports": both["value_exports"],
            "imports": both["value_imports"],
            "qualifier": [
                "exact" if a == b == "exact" else "about"
                for a, b in zip(both["qualifier_exports"], both["qualifier_imports"], strict=True)
            ],
            "source_id": both["source_id_exports"],
            "source_id_imports": both["source_id_imports"],
            "note": "Exports minus imports, computed by this dashboard from the two figures of the year.",
            "doubt": both["doubt_exports"].fillna(both["doubt_imports"]) if len(both) else pd.Series(dtype=object),
        }
    ).reset_index(drop=True)


def trade_balance(balances: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Viet Nam's trade balance with Japan by year: bars above zero for a surplus, below for a deficit."""
    fig = base_figure("Viet Nam's trade balance with Japan (USD billion)", 360)
    if not balances.empty:
        colors = [SURPLUS_COLOR if v >= 0 else DEFICIT_COLOR for v in balances["value"]]
        fig.add_trace(
            go.Bar(
                x=mid_year(balances["year"]),
                y=balances["value"] / 1000,
                width=0.7 * YEAR_MS,
                marker=dict(color=colors),
                name="Exports minus imports",
                hovertext=[
                    f"{y}: {'surplus' if v >= 0 else 'deficit'} of USD {abs(v) / 1000:,.2f} bn"
                    f"<br>exports USD {e / 1000:,.2f} bn − imports USD {i / 1000:,.2f} bn"
                    f"<br><i>{basis_text(b)}; computed by this dashboard</i>"
                    for y, v, e, i, b in zip(
                        balances["year"],
                        balances["value"],
                        balances["exports"],
                        balances["imports"],
                        balances["basis"],
                        strict=True,
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    fig.add_hline(y=0, line=dict(color=NEUTRAL, width=1))
    fig.update_yaxes(title_text="USD bn (+ surplus)", zeroline=False)
    fig.update_xaxes(**NARROW_YEAR_AXIS)
    fit_x_to_data(fig, whole_years=True)
    return Drawn(add_milestones(fig, milestones), balances)


def partner_rank(ranks: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Japan's rank among Viet Nam's trade partners at the dates sources state it: filled for a
    full year, open for a statement about part of a year; rank 1 on top."""
    fig = base_figure("Japan's rank among Viet Nam's trade partners", 360)
    for period_type, name, symbol in (
        ("calendar_year", "For the whole year", "circle"),
        ("year_to_date", "For part of the year, or 'now'", "circle-open"),
    ):
        rows = ranks[ranks["period_type"] == period_type]
        if rows.empty:
            continue
        lead = [f"{d.year}" if period_type == "calendar_year" else f"January to {d:%B %Y}" for d in rows["period_end"]]
        x = mid_year(rows["period_end"].dt.year) if period_type == "calendar_year" else rows["period_end"]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=rows["value"],
                mode="markers",
                marker=dict(symbol=symbol, size=12, color=JAPAN_RED, line=dict(width=2, color=JAPAN_RED)),
                name=name,
                hovertext=point_hover(rows, lead, [f"#{v:.0f}" for v in rows["value"]]),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    low = max(5, int(ranks["value"].max()) + 1) if len(ranks) else 5
    fig.update_yaxes(title_text="Rank (1 = largest)", autorange=False, range=[low + 0.5, 0.5], dtick=1)
    fig.update_xaxes(**NARROW_YEAR_AXIS)
    fit_x_to_data(fig, whole_years=True)
    return Drawn(add_milestones(fig, milestones), ranks)


def people_in_japan(stocks: pd.DataFrame, milestones: pd.DataFrame | None = None) -> Drawn:
    """Vietnamese residents, workers and technical interns in Japan at the dates counted (the
    end of June and December for residents and interns, the end of October for workers).

    One line per series and basis: a change of basis breaks the line."""
    fig = base_figure("Vietnamese living and working in Japan (people)", 480)
    for indicator, label in PEOPLE_LABELS.items():
        rows = stocks[stocks["indicator"] == indicator].sort_values("period_end")
        if rows.empty:
            continue
        color = PEOPLE_COLORS[indicator]
        # The basis most of the series is on is drawn solid; an older basis dotted.
        # (basis is categorical: value_counts lists every category, used or not)
        counts = rows["basis"].value_counts(sort=True)
        for number, basis in enumerate(counts[counts > 0].index):
            on_basis = rows["basis"] == basis
            fig.add_trace(
                go.Scatter(
                    x=rows["period_end"],
                    y=rows["value"].astype(object).where(on_basis, None),
                    mode="lines+markers",
                    connectgaps=False,
                    line=dict(color=color, width=2.5, dash="solid" if number == 0 else "dot"),
                    marker=dict(size=7, color=color, symbol="circle" if number == 0 else "circle-open"),
                    name=label if number == 0 else f"{label} ({PEOPLE_BASIS_WORDS.get(basis, basis_text(basis))})",
                    legendgroup=indicator,
                    hovertext=point_hover(
                        rows,
                        [f"{label}, {d:%d %b %Y}" for d in rows["period_end"]],
                        [f"{v:,.0f}" for v in rows["value"]],
                    ),
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
        uncertain_markers(fig, rows, rows["period_end"], rows["value"])
    fig.update_yaxes(title_text="People", rangemode="tozero", tickformat=",d")
    fig.update_xaxes(title_text="Date of the count")
    fit_x_to_data(fig, whole_years=False)
    return Drawn(add_milestones(fig, milestones), stocks.reset_index(drop=True))


def visitors(
    to_japan: pd.DataFrame,
    to_viet_nam: pd.DataFrame,
    year_to_date: pd.DataFrame,
    milestones: pd.DataFrame | None = None,
) -> Drawn:
    """Visitor arrivals each calendar year: Vietnamese visitors to Japan (JNTO) and Japanese
    visitors to Viet Nam (Viet Nam's tourism statistics). A year with no figure breaks its line
    and is marked on the axis; part-year figures are open markers, never joined to the line."""
    fig = base_figure("Visitors between Viet Nam and Japan by year (arrivals)", 460)
    drawn = []
    for frame, indicator, name, color in (
        (to_japan, "arrivals_vn_to_jpn", "Vietnamese visitors to Japan", TO_JAPAN_COLOR),
        (to_viet_nam, "arrivals_jpn_to_vn", "Japanese visitors to Viet Nam", TO_VIET_NAM_COLOR),
    ):
        shown = frame.dropna(subset=["value"])
        drawn.append(shown.assign(indicator=indicator))
        fig.add_trace(
            go.Scatter(
                x=mid_year(frame["year"]),
                y=frame["value"].astype(object).where(frame["value"].notna(), None),
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=color, width=2.5),
                marker=dict(size=8, color=color),
                name=name,
                hovertext=point_hover(
                    frame.fillna({"qualifier": "exact"}),
                    [f"{name}, {y}" for y in frame["year"]],
                    [f"{v:,.0f}" if pd.notna(v) else "no figure" for v in frame["value"]],
                ),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        uncertain_markers(fig, shown, mid_year(shown["year"]), shown["value"])
        gap_markers(fig, frame, name.lower())
        partial = year_to_date[year_to_date["indicator"] == indicator]
        if not partial.empty:
            drawn.append(partial)
            fig.add_trace(
                go.Scatter(
                    x=mid_year(partial["year"]),
                    y=partial["value"],
                    mode="markers",
                    marker=dict(size=11, color=color, symbol="circle-open", line=dict(width=2)),
                    name=f"{name}, part of the year only",
                    hovertext=point_hover(
                        partial, _year_to_date_lead(partial, name), [f"{v:,.0f}" for v in partial["value"]]
                    ),
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    _one_legend_entry_per_name(fig)
    fig.update_yaxes(title_text="Visitor arrivals", rangemode="tozero", tickformat=",d")
    fig.update_xaxes(**YEAR_AXIS)
    fig.update_layout(hovermode="x unified")
    fit_x_to_data(fig, whole_years=True)
    rows = _rows_drawn(drawn, to_japan.assign(indicator=pd.Series(dtype=object)))
    return Drawn(add_milestones(fig, milestones), rows)
