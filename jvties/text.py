"""Data text made safe for where it is shown: Markdown, Plotly hover labels, CSV cells.

Pure functions, no Streamlit: every place that shows a value from the data goes through one
of these, so a planted link, image or formula stays inert text.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

PROSE_DIR = Path(__file__).resolve().parent / "prose"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&@])")
# A cell a spreadsheet would run as a formula (OWASP, CSV injection): =, +, -, @, tab, CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Letters that Unicode does not decompose into a base letter and a mark.
_UNMARKED = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "ł": "l", "ı": "i"})


def folded(text: str) -> str:
    """`text` for matching as people type it: lower case, without diacritics or macrons
    (Phúc, Phuc and PHUC match; Đà and Da; Ōno and Ono)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNMARKED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def folded_series(values: pd.Series) -> pd.Series:
    return values.fillna("").map(folded)


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, str | list | tuple) and bool(pd.isna(value)))


def md_text(value: object) -> str:
    """Text for Markdown: every markup character is escaped, so links, images, emphasis and
    bare addresses (whose dots and colons are escaped too) show as typed."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def hover_text(value: object) -> str:
    """Text for a Plotly hover label: missing values become a dash, markup is shown as text."""
    if is_missing(value):
        return "–"
    return html.escape(str(value), quote=True)


def hover_note(value: object, width: int = 70) -> str:
    """A source note for a hover label: escaped, and wrapped so the label stays narrow."""
    text = hover_text(value)
    return "<br>".join(textwrap.wrap(text, width)) if text != "–" else ""


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe;
    numbers, dates and other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` fit for a spreadsheet: text columns neutralised, numbers kept numbers."""
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        if pd.api.types.is_bool_dtype(series):
            continue
        safe[column] = series.map(neutralise_cell, na_action="ignore")
    return safe


@cache
def prose(name: str) -> str:
    """A passage of the dashboard's own prose (page introductions, definitions), kept as a
    Markdown file in jvties/prose/ so that wording is edited in one place."""
    return (PROSE_DIR / f"{name}.md").read_text(encoding="utf-8")
