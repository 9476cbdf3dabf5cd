"""Command line check of a data folder: `python -m jvties.validate [DATA_DIR]`.

Prints every problem with its file, line and column, and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jvties.data.catalog import data_dir
from jvties.data.loaders import validate_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jvties.validate", description=__doc__.splitlines()[0])
    parser.add_argument(
        "data_dir", nargs="?", type=Path, help="folder to check (default: $JVTIES_DATA_DIR or the shipped data/)"
    )
    folder = parser.parse_args(argv).data_dir or data_dir()
    problems = validate_folder(folder)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    print(f"{folder}: every file is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
