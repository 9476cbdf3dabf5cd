"""Redraws the README's screenshots from a running copy of the dashboard, at desktop and phone
sizes: `.venv/bin/python scripts/screenshots.py` (needs Debian's chromium, as the browser tests)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from bench.server import CHROMIUM, CHROMIUM_ARGS, Server

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DESKTOP, PHONE = (1400, 900), (390, 844)
RUN_FINISHED = "() => !document.querySelector('[data-testid=stStatusWidget]')"
SHOTS = [
    ("overview", "", DESKTOP),
    ("fdi", "FDI_trends", DESKTOP),
    ("map", "Project_map", DESKTOP),
    ("map_2025_units", "Project_map?units2025=1", DESKTOP),
    ("trade_people", "Trade_and_people", DESKTOP),
    ("timeline", "Visits_timeline", DESKTOP),
    ("phone_overview", "", PHONE),
    ("phone_trade_people", "Trade_and_people", PHONE),
    ("phone_timeline", "Visits_timeline", PHONE),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = Server()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, path, (width, height) in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{server.url}/{path}", wait_until="load")
                page.wait_for_selector("h1", timeout=60_000)
                page.wait_for_function(RUN_FINISHED, timeout=60_000)
                page.wait_for_timeout(3000)
                page.screenshot(path=str(OUT / f"{name}.png"))
                page.close()
                print("wrote", OUT / f"{name}.png")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
