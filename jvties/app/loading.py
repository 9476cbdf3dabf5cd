"""Cached, validated loading for the pages, and the message a page shows for a broken file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from jvties.data.catalog import catalog, data_dir
from jvties.data.loaders import Loaded, load_tables
from jvties.data.validation import DataError

# Bounded so that a server that sees many data versions (edited files) does not grow forever.
TABLE_CACHE_ENTRIES = 32


def data_signature(folder: Path) -> tuple:
    """Changes when any data file changes, so an edited file is reloaded without a restart."""
    signature = []
    for path in sorted(folder.glob("*.csv")):
        try:
            stat = path.stat()
        except OSError:
            continue  # vanished between listing and reading: the loader reports it
        signature.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


@st.cache_resource(show_spinner=False, max_entries=2)
def _loaded_folder(folder: str, signature: tuple) -> Loaded:
    # Every file read and validated once per data version, references checked across tables.
    # Pages never see these frames: they get copies through _cached_table.
    return load_tables(Path(folder))


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _cached_table(name: str, folder: str, signature: tuple) -> pd.DataFrame:
    loaded = _loaded_folder(folder, signature)
    if name in loaded.errors:
        raise loaded.errors[name]
    return loaded.tables[name]


def load(name: str) -> pd.DataFrame:
    """A validated table from the configured data folder (raises DataError).

    The frame comes from Streamlit's cache as a fresh copy, so a page may change it freely."""
    folder = data_dir()
    path = catalog().resource(name).path
    # The spinner appears only when reading takes a moment: on a cold start with a large folder.
    with st.spinner(f"Reading and checking {path}…", show_time=True):
        return _cached_table(name, str(folder), data_signature(folder))


def show_data_error(err: DataError, name: str, stops_page: bool = True) -> None:
    """What is wrong with a data file, where, and how to fix it; no traceback."""
    path = catalog().resource(name).path
    lead = "This page cannot be shown: the" if stops_page else "The"
    st.error(
        f"{lead} data file {path} has {len(err.problems)} problem(s). Fix them, then reload the page.",
        icon=":material/error:",
    )
    # A code block shows the messages literally, whatever the data cells contain.
    st.code(
        "\n".join(str(p) for p in err.problems[:50]) + ("\n…" if len(err.problems) > 50 else ""),
        language=None,
        wrap_lines=True,
    )
    st.caption("Run `python -m jvties.validate` to list every problem in the data folder.")


def require(*names: str) -> dict[str, pd.DataFrame]:
    """Loads the tables a page needs, or shows what is wrong with them and stops the page."""
    tables = {}
    for name in names:
        try:
            tables[name] = load(name)
        except DataError as err:
            show_data_error(err, name)
            st.stop()
    return tables
