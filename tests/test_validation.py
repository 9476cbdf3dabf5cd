"""The data layer: shipped files validate, and each kind of fault gives its own message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_csv, write_csv

from jvties.data.catalog import DEFAULT_DATA_DIR, REPO_DIR, catalog
from jvties.data.loaders import load_table, validate_folder
from jvties.data.validation import DataError


def messages(data_dir: Path) -> list[str]:
    return [str(p) for p in validate_folder(data_dir)]


def test_every_shipped_file_is_valid():
    assert validate_folder(DEFAULT_DATA_DIR) == []


@pytest.mark.parametrize("name", [r.name for r in catalog().resources])
def test_loaders_return_every_row_with_declared_columns(name):
    table = load_table(name, DEFAULT_DATA_DIR)
    raw = read_csv(DEFAULT_DATA_DIR / catalog().resource(name).path)
    assert len(table) == len(raw) > 0
    assert set(catalog().resource(name).column_names) <= set(table.columns)


def test_loaded_dtypes_are_explicit():
    indicators = load_table("indicators", DEFAULT_DATA_DIR)
    projects = load_table("projects", DEFAULT_DATA_DIR)
    assert str(indicators["period_end"].dtype).startswith("datetime64")
    assert indicators["value"].dtype == "float64"
    assert indicators["preferred"].dtype == bool
    assert str(projects["start_year"].dtype) == "Int64"


def test_missing_column_names_file_line_and_column(data_copy):
    frame = read_csv(data_copy / "projects.csv").drop(columns=["lat"])
    write_csv(frame, data_copy / "projects.csv")
    assert "projects.csv, line 1, column 'lat': the column 'lat' is missing" in "\n".join(messages(data_copy))


def test_bad_date_points_to_its_line(data_copy):
    frame = read_csv(data_copy / "events.csv")
    frame.loc[4, "date"] = "2017-02-30"
    write_csv(frame, data_copy / "events.csv")
    assert "events.csv, line 6, column 'date': '2017-02-30' is not a date in the form YYYY-MM-DD" in "\n".join(
        messages(data_copy)
    )


def test_non_numeric_value_is_reported_not_zeroed(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    frame.loc[0, "value"] = "1,234"
    write_csv(frame, data_copy / "indicators.csv")
    with pytest.raises(DataError) as err:
        load_table("indicators", data_copy)
    assert "indicators.csv, line 2, column 'value': '1,234' is not a number" in str(err.value)


def test_unknown_sector(data_copy):
    frame = read_csv(data_copy / "projects.csv")
    frame.loc[0, "sector"] = "mining"
    write_csv(frame, data_copy / "projects.csv")
    assert "projects.csv, line 2, column 'sector': 'mining' is not a known sector_id" in "\n".join(messages(data_copy))


def test_unknown_event_sector_in_a_list(data_copy):
    frame = read_csv(data_copy / "events.csv")
    frame.loc[0, "sectors"] = "energy;space_tourism"
    write_csv(frame, data_copy / "events.csv")
    assert "events.csv, line 2, column 'sectors': 'space_tourism' is not a known sector_id" in "\n".join(
        messages(data_copy)
    )


def test_unknown_source(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    frame.loc[2, "source_id"] = "nowhere-2020"
    write_csv(frame, data_copy / "indicators.csv")
    assert "indicators.csv, line 4, column 'source_id': 'nowhere-2020' is not a known source_id" in "\n".join(
        messages(data_copy)
    )


def test_duplicate_key(data_copy):
    frame = read_csv(data_copy / "events.csv")
    frame.loc[3, "event_id"] = frame.loc[1, "event_id"]
    write_csv(frame, data_copy / "events.csv")
    found = "\n".join(messages(data_copy))
    assert (
        f"events.csv, line 5, column 'event_id': the key (event_id={frame.loc[1, 'event_id']}) repeats line 3" in found
    )


def test_coordinate_outside_viet_nam(data_copy):
    frame = read_csv(data_copy / "projects.csv")
    frame.loc[0, "lat"] = "35.68"
    write_csv(frame, data_copy / "projects.csv")
    assert "projects.csv, line 2, column 'lat': 35.68 is above the maximum 23.5" in "\n".join(messages(data_copy))


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    assert messages(data_copy)[0].startswith("events.csv: the file is missing")


def test_empty_file(data_copy):
    (data_copy / "projects.csv").write_text("", encoding="utf-8")
    assert "projects.csv: the file is empty" in "\n".join(messages(data_copy))


def test_wrong_encoding(data_copy):
    text = (data_copy / "events.csv").read_text(encoding="utf-8")
    (data_copy / "events.csv").write_bytes(text.replace("Viet Nam", "Việt Nam", 1).encode("cp1258", errors="replace"))
    found = "\n".join(messages(data_copy))
    assert "events.csv" in found and "is not UTF-8 text" in found


def test_javascript_url_is_refused(data_copy):
    frame = read_csv(data_copy / "sources.csv")
    frame.loc[0, "url"] = "javascript:alert(1)"
    write_csv(frame, data_copy / "sources.csv")
    assert "sources.csv, line 2, column 'url': 'javascript:alert(1)' is not a web address" in "\n".join(
        messages(data_copy)
    )


def test_calendar_year_must_end_on_31_december(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    row = frame.index[(frame["period_type"] == "calendar_year") & (frame["basis"] == "agency_full_year")][0]
    frame.loc[row, "period_end"] = "2019-12-20"
    write_csv(frame, data_copy / "indicators.csv")
    assert "a calendar_year period must end on 12-31, not 2019-12-20" in "\n".join(messages(data_copy))


@pytest.mark.parametrize(("cut_off", "valid"), [("2019-12-20", True), ("2019-12-31", True), ("2019-12-14", False)])
def test_a_year_end_report_is_dated_at_its_cut_off_in_late_december(data_copy, cut_off, valid):
    frame = read_csv(data_copy / "indicators.csv")
    row = frame.index[(frame["period_type"] == "calendar_year") & (frame["basis"] == "agency_year_end_report")][0]
    frame.loc[row, "period_end"] = cut_off
    write_csv(frame, data_copy / "indicators.csv")
    found = "\n".join(messages(data_copy))
    expected = f"an agency year-end report must be dated at its cut-off in the second half of December, not {cut_off}"
    assert (expected not in found) is valid


def test_a_basis_must_fit_its_indicator(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    row = frame.index[frame["indicator"] == "oda_commitment"][0]
    frame.loc[row, "basis"] = "jetro_approvals"
    write_csv(frame, data_copy / "indicators.csv")
    assert "oda_commitment cannot have basis jetro_approvals" in "\n".join(messages(data_copy))


def test_a_preferred_series_that_changes_basis_must_say_so(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    said = frame.index[frame["note"].str.contains("Basis change", regex=False) & (frame["preferred"] == "true")][0]
    frame.loc[said, "note"] = "A note that no longer mentions the switch."
    write_csv(frame, data_copy / "indicators.csv")
    line = said + 2
    assert any(
        f"line {line}, column 'note': this preferred series changes basis" in message for message in messages(data_copy)
    )


def test_two_preferred_rows_for_one_observation(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    key = ["indicator", "partner", "period_type", "period_end", "sector", "province"]
    group = frame[frame.duplicated(key, keep=False)].groupby(key).head(2).index[:2]
    frame.loc[group, "preferred"] = "true"
    write_csv(frame, data_copy / "indicators.csv")
    assert "marked preferred. Fix: mark exactly one of them preferred=true" in "\n".join(messages(data_copy))


def test_validate_command_lists_problems_and_fails(data_copy):
    frame = read_csv(data_copy / "projects.csv")
    frame.loc[0, "lon"] = "not-a-number"
    write_csv(frame, data_copy / "projects.csv")
    result = subprocess.run(
        [sys.executable, "-m", "jvties.validate", str(data_copy)], capture_output=True, text=True, cwd=REPO_DIR
    )
    assert result.returncode == 1
    assert "projects.csv, line 2, column 'lon': 'not-a-number' is not a number" in result.stdout


def test_validate_command_passes_on_shipped_data():
    result = subprocess.run([sys.executable, "-m", "jvties.validate"], capture_output=True, text=True, cwd=REPO_DIR)
    assert result.returncode == 0, result.stdout


# Faults a hand-edited file can carry, each with the exact message the validator and the pages give.
def set_cell(file: str, row: int, column: str, value: str):
    def apply(folder: Path) -> None:
        frame = read_csv(folder / file)
        frame.loc[row, column] = value
        write_csv(frame, folder / file)

    return apply


def first_row(file: str, column: str, match: str, new_column: str, value: str):
    """Sets `new_column` on the first row whose `column` equals `match`; returns its line."""

    def apply(folder: Path) -> None:
        frame = read_csv(folder / file)
        row = frame.index[frame[column] == match][0]
        frame.loc[row, new_column] = value
        write_csv(frame, folder / file)

    return apply


def header_only(file: str):
    def apply(folder: Path) -> None:
        path = folder / file
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")

    return apply


def duplicate_header(folder: Path) -> None:
    path = folder / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace(",summary,", ",title,")
    path.write_text("".join(lines), encoding="utf-8")


def oversized_cell(folder: Path) -> None:
    set_cell("events.csv", 0, "summary", "x" * 200_000)(folder)


def directory_in_place(folder: Path) -> None:
    (folder / "events.csv").unlink()
    (folder / "events.csv").mkdir()


def duplicate_sector_label(folder: Path) -> None:
    frame = read_csv(folder / "sectors.csv")
    frame.loc[1, "label"] = frame.loc[0, "label"]
    write_csv(frame, folder / "sectors.csv")


def indicator_line(unit: str) -> int:
    frame = read_csv(DEFAULT_DATA_DIR / "indicators.csv")
    return int(frame.index[frame["unit"] == unit][0]) + 2


FAULTS = {
    "arabic-indic digits": (
        set_cell("indicators.csv", 0, "value", "١٢٣"),
        "indicators.csv, line 2, column 'value': '١٢٣' has characters other than the digits 0-9, a sign and a dot. "
        "Fix: write the number with the digits 0-9 and a dot for decimals, e.g. 1234.5",
    ),
    "full-width digits": (
        set_cell("projects.csv", 0, "start_year", "２０２５"),
        "projects.csv, line 2, column 'start_year': '２０２５' has characters other than the digits 0-9, a sign and a dot.",
    ),
    "underscore in a number": (
        set_cell("indicators.csv", 0, "value", "1_000"),
        "indicators.csv, line 2, column 'value': '1_000' is not a number (use a dot for decimals, no thousands separators)",
    ),
    "week date": (
        set_cell("events.csv", 0, "date", "2025-W01-1"),
        "events.csv, line 2, column 'date': '2025-W01-1' is not a date in the form YYYY-MM-DD. Fix: write the date as YYYY-MM-DD",
    ),
    "compact date": (
        set_cell("events.csv", 0, "date", "20250101"),
        "events.csv, line 2, column 'date': '20250101' is not a date in the form YYYY-MM-DD",
    ),
    "duplicate header": (
        duplicate_header,
        "events.csv, line 1, column 'title': the header names 'title' twice (columns 3 and 11). "
        "Fix: rename or delete the second one",
    ),
    "oversized cell": (
        oversized_cell,
        "events.csv, line 2: a cell is longer than 131,072 characters. Fix: shorten the cell, or look for an "
        "unclosed quote that runs into the following rows",
    ),
    "unreadable file": (
        directory_in_place,
        "events.csv: the path is not a regular file. Fix: replace it with the CSV file events.csv",
    ),
    "header only": (
        header_only("events.csv"),
        "events.csv: the file has a header but no data rows. Fix: restore the data rows",
    ),
    "duplicate sector label": (
        duplicate_sector_label,
        "sectors.csv, line 3, column 'label': 'Manufacturing' repeats line 2; each label must be different. "
        "Fix: give each row its own label",
    ),
    "negative FDI": (
        first_row("indicators.csv", "unit", "usd_million", "value", "-5"),
        f"indicators.csv, line {indicator_line('usd_million')}, column 'value': -5 is not a possible value in "
        "usd_million (must be at least 0). Fix: correct the value or the unit",
    ),
    "negative ODA": (
        first_row("indicators.csv", "unit", "jpy_billion", "value", "-0.5"),
        f"indicators.csv, line {indicator_line('jpy_billion')}, column 'value': -0.5 is not a possible value in "
        "jpy_billion (must be at least 0)",
    ),
    "share over 100": (
        first_row("indicators.csv", "unit", "percent", "value", "120"),
        f"indicators.csv, line {indicator_line('percent')}, column 'value': 120 is not a possible value in percent "
        "(must be between 0 and 100)",
    ),
    "rank 0": (
        first_row("indicators.csv", "unit", "rank", "value", "0"),
        f"indicators.csv, line {indicator_line('rank')}, column 'value': 0 is not a possible value in rank "
        "(must be at least 1)",
    ),
    "negative project value": (
        first_row("projects.csv", "value_unit", "usd_million", "value", "-1"),
        "column 'value': -1 is below the minimum 0. Fix: give a value of at least 0",
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_gives_its_named_message(data_copy, fault):
    breaks, expected = FAULTS[fault]
    breaks(data_copy)
    found = messages(data_copy)
    assert any(expected in message for message in found), found


@pytest.mark.parametrize("fault", ["arabic-indic digits", "week date", "oversized cell", "duplicate sector label"])
def test_validate_command_names_the_fault_without_a_traceback(data_copy, fault):
    breaks, expected = FAULTS[fault]
    breaks(data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "jvties.validate", str(data_copy)], capture_output=True, text=True, cwd=REPO_DIR
    )
    assert result.returncode == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_unreadable_file_is_named(data_copy, monkeypatch):
    target = data_copy / "events.csv"
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == target:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert "events.csv: the file cannot be read (Permission denied)" in "\n".join(messages(data_copy))


def test_project_ending_before_it_starts(data_copy):
    frame = read_csv(data_copy / "projects.csv")
    row = frame.index[frame["start_year"] != ""][0]
    start = int(frame.loc[row, "start_year"])
    frame.loc[row, "end_year"] = str(start - 1)
    write_csv(frame, data_copy / "projects.csv")
    assert (
        f"projects.csv, line {row + 2}, column 'end_year': end_year {start - 1} is before start_year {start}. "
        "Fix: swap or correct the years"
    ) in messages(data_copy)


def test_project_value_without_unit(data_copy):
    frame = read_csv(data_copy / "projects.csv")
    row = frame.index[frame["value"] != ""][0]
    frame.loc[row, "value_unit"] = ""
    write_csv(frame, data_copy / "projects.csv")
    assert (
        f"projects.csv, line {row + 2}, column 'value_unit': value and value_unit must be given together. "
        "Fix: fill in both or leave both empty"
    ) in messages(data_copy)


def test_indicator_in_the_wrong_unit(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    row = frame.index[frame["indicator"] == "fdi_new_projects"][0]
    frame.loc[row, "unit"] = "usd_million"
    write_csv(frame, data_copy / "indicators.csv")
    assert (
        f"indicators.csv, line {row + 2}, column 'unit': fdi_new_projects is measured in count, not usd_million. "
        "Fix: correct the unit or the indicator"
    ) in messages(data_copy)


def test_fiscal_year_must_end_on_31_march(data_copy):
    frame = read_csv(data_copy / "indicators.csv")
    row = frame.index[frame["period_type"] == "fiscal_year_jp"][0]
    year = frame.loc[row, "period_end"][:4]
    frame.loc[row, "period_end"] = f"{year}-12-31"
    write_csv(frame, data_copy / "indicators.csv")
    assert (
        f"indicators.csv, line {row + 2}, column 'period_end': a fiscal_year_jp period must end on 03-31, "
        f"not {year}-12-31. Fix: use the last day of the period (31 March for a Japanese fiscal year)"
    ) in messages(data_copy)
