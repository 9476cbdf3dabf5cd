"""Cached, validated loading for the pages, and the message a page shows for a broken file."""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from jvties.data import geography
from jvties.data.catalog import catalog, data_dir
from jvties.data.catalog import data_version as catalog_data_version
from jvties.data.loaders import Loaded, load_tables
from jvties.data.validation import DataError

# Bounded so that a long-running server that sees many views keeps a fixed ceiling (measured
# by bench/soak.py); derived selections are small (tens to thousands of rows).
DERIVED_CACHE_ENTRIES = 1024

Result = TypeVar("Result")


def data_signature(folder: Path, pattern: str = "*.csv") -> tuple:
    """Changes when any data file changes, so an edited file is reloaded without a restart."""
    signature = []
    for path in sorted(folder.glob(pattern)):
        try:
            stat = path.stat()
        except OSError:
            continue  # vanished between listing and reading: the loader reports it
        signature.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


@st.cache_resource(show_spinner=False, max_entries=2)
def _loaded_folder(folder: str, version: str) -> Loaded:
    # Every file read and validated once per data version (`version`: the digest of the
    # folder's signature, which Streamlit hashes faster), references checked across tables.
    return load_tables(Path(folder))


# Frames handed out by load() and derive() are shared by every session and rerun, and are
# never changed in place (pandas' copy-on-write keeps a page's own edits to itself). Each is
# known by the key of what produced it, so caches downstream key on that instead of hashing
# the frame's contents on every rerun.
_frame_keys: dict[int, tuple[weakref.ref, Hashable]] = {}
_frame_keys_lock = threading.Lock()


def remember(frame: pd.DataFrame, key: Hashable, replace: bool = True) -> None:
    """Makes `frame` known to the caches by `key` (where it came from) for as long as it lives,
    instead of by its contents. `replace=False` keeps a key the frame already has."""
    frame_id = id(frame)

    def forget(_ref: weakref.ref, frame_id: int = frame_id) -> None:
        with _frame_keys_lock:
            _frame_keys.pop(frame_id, None)

    with _frame_keys_lock:
        known = _frame_keys.get(frame_id)
        if not replace and known is not None and known[0]() is frame:
            return
        _frame_keys[frame_id] = (weakref.ref(frame, forget), key)


class Shared(list):
    """A list shared read-only by every session (the map's outlines), known to caches by the
    file version it was read from instead of by its contents, which are large."""

    def __init__(self, items: list, cache_key: Hashable) -> None:
        super().__init__(items)
        self.cache_key = cache_key


# Derived results that cannot be weakly referenced (dicts, lists, tuples) are known by identity
# while they are among the most recent ones; the derive cache holds them meanwhile.
_object_keys: OrderedDict[int, tuple[object, Hashable]] = OrderedDict()
OBJECT_KEYS_KEPT = 2 * 1024


def _remember_object(value: object, key: Hashable) -> None:
    with _frame_keys_lock:
        _object_keys[id(value)] = (value, key)
        _object_keys.move_to_end(id(value))
        while len(_object_keys) > OBJECT_KEYS_KEPT:
            _object_keys.popitem(last=False)


def key_of(value: object) -> Hashable:
    """A hashable stand-in for a cache argument: a shared frame's or object's provenance,
    another frame's contents, or the value itself."""
    if isinstance(value, Shared):
        return value.cache_key
    known_object = _object_keys.get(id(value))
    if known_object is not None and known_object[0] is value:
        return known_object[1]
    if isinstance(value, pd.DataFrame):
        known = _frame_keys.get(id(value))
        if known is not None and known[0]() is value:
            return known[1]
        return ("frame", tuple(value.columns), int(pd.util.hash_pandas_object(value, index=False).sum()))
    if isinstance(value, list | tuple):
        return tuple(key_of(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((k, key_of(v)) for k, v in value.items()))
    if isinstance(value, Hashable):
        return value
    return repr(value)


def digest(key: Hashable) -> str:
    """A short fixed-size cache key: Streamlit hashes a string far faster than a nested tuple
    holding the data signature. Keys hold only strings, numbers and tuples, whose repr is stable."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


# Data versions this process has read: their look-up needs no spinner. A cleared cache makes
# the next read silent, never wrong.
_read_versions: set[tuple[str, str]] = set()


def load(name: str) -> pd.DataFrame:
    """A validated table from the configured data folder (raises DataError). Read-only: the
    frame is shared by every session."""
    folder = data_dir()
    path = catalog().resource(name).path
    signature = data_signature(folder)
    version = digest(signature)
    if (str(folder), version) in _read_versions:
        loaded = _folder_tables(str(folder), version)
    else:
        # Only a first read can take a moment (a cold start, an edited file, a large folder);
        # a spinner costs a warm rerun more than the cached look-up it would cover.
        with st.spinner(f"Reading and checking {path}…", show_time=True):
            loaded = _folder_tables(str(folder), version)
        _read_versions.add((str(folder), version))
    if name in loaded.errors:
        raise loaded.errors[name]
    table = loaded.tables[name]
    remember(table, ("table", name, str(folder), signature))
    return table


def _folder_tables(folder: str, version: str) -> Loaded:
    # A dict in front of the st.cache_resource loader: a warm rerun asks once per table, and the
    # decorator's look-up costs more than the dict's. On a miss the decorated loader runs, and it
    # makes concurrent first reads of one folder wait for a single read.
    return _folders.get(f"{folder}|{version}", lambda: _loaded_folder(folder, version))


class Memo:
    """A bounded, thread-safe cache of shared results, looked up by a digest string.

    For the per-chart and per-selection results a rerun asks for by the dozen: Streamlit's
    cache decorators inspect the function's signature on every call, which made a page's warm
    rerun spend more time on look-ups than on drawing. Values are shared by every session and
    never changed in place, as with st.cache_resource."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        _memos.append(self)

    def get(self, key: str, make: Callable[[], Result]) -> Result:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()  # outside the lock: two sessions may both make it; both get one value
        with self._lock:
            value = self._values.setdefault(key, value)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_memos: list[Memo] = []
_folders = Memo(2)  # in front of _loaded_folder, as _folder_tables says
_geographies = Memo(4)  # in front of _geography, likewise


_versions = Memo(4)


def data_version() -> str:
    """The data folder's content fingerprint (catalog.data_version), read again only when a
    file changes."""
    folder = data_dir()
    signature = (data_signature(folder), data_signature(folder, "**/*.*json"))
    return _versions.get(digest((str(folder), signature)), lambda: catalog_data_version(folder))


def clear_caches() -> None:
    """Forgets every cached table, selection and figure (the benchmark's cold start)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    _read_versions.clear()
    for memo in _memos:
        memo.clear()


_derived = Memo(DERIVED_CACHE_ENTRIES)


def derive(fn: Callable[..., Result], *args: object, **kwargs: object) -> Result:
    """`fn(*args, **kwargs)`, computed once per data version and arguments and shared.

    For the selections pages make of the tables: a rerun with the same filters costs a dict
    look-up instead of re-filtering, and the result is known by its key downstream."""
    key = (f"{fn.__module__}.{fn.__qualname__}", key_of(args), key_of(kwargs))
    result = _derived.get(digest(key), lambda: fn(*args, **kwargs))
    if isinstance(result, pd.DataFrame):
        remember(result, ("derived", key))
    elif isinstance(result, list | tuple | dict) or hasattr(result, "__dict__"):
        _remember_object(result, ("derived", key))
    return result


@st.cache_resource(show_spinner=False, max_entries=4)
def _geography(folder: str, signature: tuple) -> tuple[Shared, Shared]:
    geo = Path(folder) / geography.GEO_DIR
    provinces = geography.read_features(geo / geography.PROVINCES_FILE, geography.PROVINCE_PROPERTIES)
    countries = geography.read_features(geo / geography.COUNTRIES_FILE, geography.COUNTRY_PROPERTIES)
    return (
        Shared(provinces, ("geo", folder, signature, geography.PROVINCES_FILE)),
        Shared(countries, ("geo", folder, signature, geography.COUNTRIES_FILE)),
    )


def load_geography() -> tuple[Shared, Shared] | None:
    """The map's province and country outlines, shared read-only; None (after a notice that
    names the file and the fix) when they cannot be read, so the map still shows projects."""
    folder = data_dir()
    geo = folder / geography.GEO_DIR
    signature = data_signature(geo, "*.geojson")
    try:
        return _geographies.get(digest((str(folder), signature)), lambda: _geography(str(folder), signature))
    except DataError as err:
        st.warning(
            "The map's geography cannot be drawn: " + "; ".join(str(p) for p in err.problems[:3]),
            icon=":material/public_off:",
        )
        return None


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
