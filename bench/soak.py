"""Soak benchmark (run by hand, not a test): several browser sessions change filters for a
while and the server's memory is sampled, to show whether it levels off.

    .venv/bin/python -m bench.soak --minutes 10 --sessions 4

Writes bench/out/soak.json and prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from bench.server import CHROMIUM, CHROMIUM_ARGS, Server
from jvties.app.navigation import PAGES as NAV_PAGES
from jvties.data.catalog import REPO_DIR as REPO

PAGES = [spec.url_path for spec in NAV_PAGES]
SECTORS = ["manufacturing", "energy", "transport", "urban_real_estate", "health", "agriculture"]
PAGE_OPTIONS = {
    "FDI_trends": ["compare=1", "milestones=0", ""],
    "ODA": ["milestones=0", ""],
    "Project_map": ["kind=ODA", "kind=FDI", "status=operating", ""],
    "Visits_timeline": ["type=state_visit", "dir=JP_to_VN", "q=Abe", ""],
    "Trade_and_people": ["milestones=0", ""],
}


def random_view(rng: random.Random) -> str:
    page = rng.choice(PAGES)
    first = rng.randint(1973, 2026)
    last = rng.randint(first, 2026)
    parts = [f"from={first}", f"to={last}"]
    parts += [f"sector={s}" for s in rng.sample(SECTORS, rng.randint(0, 2))]
    option = rng.choice(PAGE_OPTIONS.get(page, [""]))
    if option:
        parts.append(option)
    return f"{page}?{'&'.join(parts)}"


STATUS_GONE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def session(url: str, seconds: float, seed: int, counts: list[int], failures: list[str]) -> None:
    """Opens random views until the time is up; a view that errors or hangs is recorded."""
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        while time.monotonic() < deadline:
            view = random_view(rng)
            try:
                page.goto(f"{url}/{view}", timeout=120_000)
                page.wait_for_selector("h1", timeout=120_000)
                page.wait_for_function(STATUS_GONE, timeout=120_000)
                if page.locator("[data-testid='stException']").count():
                    failures.append(f"error box: {view}")
            except PlaywrightTimeout:
                failures.append(f"no answer in 120 s: {view}")
            counts[seed] += 1
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--every", type=float, default=15, help="seconds between memory samples")
    args = parser.parse_args()
    server = Server()
    url = server.url
    seconds = args.minutes * 60
    counts = [0] * args.sessions
    failures: list[str] = []
    threads = [
        threading.Thread(target=session, args=(url, seconds, i, counts, failures), daemon=True)
        for i in range(args.sessions)
    ]
    start = time.monotonic()
    samples = [(0.0, server.rss_mb(), 0)]
    for thread in threads:
        thread.start()
    try:
        while any(t.is_alive() for t in threads):
            time.sleep(args.every)
            samples.append((time.monotonic() - start, server.rss_mb(), sum(counts)))
    finally:
        server.stop()
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "soak.json").write_text(
        json.dumps({"sessions": args.sessions, "samples": samples, "failures": failures}, indent=1)
    )
    print(f"{sum(counts)} views, {len(failures)} failed: {failures[:10]}")
    print(f"| minute | server RSS (MB) | views loaded by {args.sessions} sessions |")
    print("|---|---|---|")
    shown = 0.0
    for elapsed, rss, views in samples:
        if elapsed >= shown or (elapsed, rss, views) == samples[-1]:
            print(f"| {elapsed / 60:.1f} | {rss:.0f} | {views} |")
            shown += 60
    return 0


if __name__ == "__main__":
    sys.exit(main())
