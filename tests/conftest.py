"""Shared fixtures: a writable copy of the shipped data, and a page runner for AppTest."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from jvties.app.navigation import PAGES
from jvties.data.catalog import DATA_DIR_ENV, DEFAULT_DATA_DIR, REPO_DIR

PAGE_FILES = {spec.key: spec.script for spec in PAGES}
# Tests read the real exception, not the redacted box that users of a shared link see.
config.set_option("client.showErrorDetails", "full")


@cache
def shipped(name: str) -> pd.DataFrame:
    """A shipped table, read when a test first asks for it (not when tests are collected).
    Callers must not change it: take a copy to edit."""
    from jvties.data.loaders import load_table

    return load_table(name, DEFAULT_DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data folder that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False)


def open_page(page: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Runs one page as a user opening a link to it, with the link's parameters."""
    app = AppTest.from_file(str(REPO_DIR / "dashboard.py"), default_timeout=60)
    if PAGE_FILES[page] != PAGE_FILES["overview"]:
        # AppTest learns the pages that st.navigation declares on a first run.
        app.run()
        app.switch_page(PAGE_FILES[page])
    app.query_params.clear()
    for key, value in (params or {}).items():
        app.query_params[key] = value
    return app.run()


@pytest.fixture
def run_page(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Runs one page as a user opening it, optionally with link parameters and a data folder."""

    def run(page: str, params: dict[str, str | list[str]] | None = None, data_dir: Path | None = None) -> AppTest:
        if data_dir is not None:
            monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
        else:
            monkeypatch.delenv(DATA_DIR_ENV, raising=False)
        return open_page(page, params)

    return run
