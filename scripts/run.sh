#!/usr/bin/env bash
# Sets up a virtual environment with the pinned packages and starts the dashboard.
# Extra arguments go to streamlit, e.g. `bash scripts/run.sh --server.port 8600`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV_DIR:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec "$venv/bin/streamlit" run dashboard.py "$@"
