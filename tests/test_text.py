"""Data text stays text: Markdown escaping and spreadsheet formula neutralisation."""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from jvties.exports import csv_bytes
from jvties.text import FORMULA_START, md_text, neutralise_cell


@given(st.sampled_from(FORMULA_START), st.text(max_size=30))
def test_a_cell_that_starts_like_a_formula_is_made_text(start, rest):
    assert neutralise_cell(start + rest) == "'" + start + rest


@given(st.text(max_size=30).filter(lambda t: not t.startswith(FORMULA_START)))
def test_other_text_is_unchanged(text):
    assert neutralise_cell(text) == text


def test_download_keeps_numbers_numbers_and_neutralises_text():
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("http://x")', "@SUM(A1)", "Plain", "-2+3"], "value": [-5.0, 1.5, None, 2.0]}
    )
    text = csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    assert back["name"].tolist() == ['\'=HYPERLINK("http://x")', "'@SUM(A1)", "Plain", "'-2+3"]
    assert back["value"].tolist()[:2] == [-5.0, 1.5]


def test_markdown_markup_is_escaped():
    assert md_text("![i](http://a.b/c.png) [x](y) www.a.b") == (r"\!\[i\]\(http\://a\.b/c\.png\) \[x\]\(y\) www\.a\.b")
