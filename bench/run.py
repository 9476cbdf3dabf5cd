"""Benchmark of the dashboard's speed, payload and memory. Run by hand, not in the test suite:

    .venv/bin/python -m bench.run            # full run, writes BENCHMARKS.md
    .venv/bin/python -m bench.run --quick    # fewer repeats and no 100,000-row scale step

Measures, in one run: server time per page (AppTest: the first, cold run and the median of warm
reruns) beside a bare baseline page; browser time per page in headless Chromium and the time from
a sector-filter change to the redrawn page; bytes the browser receives per page; the same for the
map, overview and FDI pages on synthetic data of 1,000 to 100,000 projects and events; and the
server's memory after 20 sessions have opened every page.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.server import CHROMIUM, CHROMIUM_ARGS, Server
from bench.synthetic import make_folder
from jvties.app import loading
from jvties.app.navigation import PAGES as NAV_PAGES
from jvties.data.catalog import DATA_DIR_ENV
from jvties.data.catalog import REPO_DIR as REPO

PAGES = {spec.key: (spec.script, spec.url_path) for spec in NAV_PAGES}
BASELINE = REPO / "bench" / "baseline_page.py"
BUDGET_WARM_MS, BUDGET_RATIO, BUDGET_FILTER_MS = 150, 5.0, 700
BUDGET_MAP_100K_MS, BUDGET_MAP_100K_MB, BUDGET_RSS_MB = 1500, 15, 600
OTHER_SECTIONS = "## Soak"
READING = """## Reading the numbers

- Server times come from Streamlit's AppTest in this process: cold is the first run after the
  caches are cleared (it includes reading and validating the CSV files), warm is a rerun with
  the same filters, which is what a user's later clicks cost.
- The ratio to the bare page compares like with like: both are AppTest reruns in the same run.
  What a dashboard page adds is Streamlit's cost per element: a page sends 27-88 elements (the
  sidebar's widgets and six navigation links, headings, captions, downloads, tables) where the
  bare page sends 2. Ratios move with machine load (the bare page took 5.7-9 ms in one hour), so
  compare ratios within one run, not times across runs.
- What the profiles showed and what changed: building Plotly figures dominated, so each figure
  is built once per filter state and data version; then Streamlit's cache decorators, which
  inspect the cached function's signature on every call, and Plotly re-encoding each cached
  figure. Selections, figures and source lines now sit in small bounded memos looked up by
  digest (`loading.Memo`); each cached figure's dict is made once; the timeline's listing, the
  map's summary line and legends are derived once per view; legends are image cells instead of
  a styled table; a cached load shows no spinner; orjson encodes Plotly's JSON; milestone lines
  are set in one layout update; the 75 event cards are one table. Beyond 5,000 projects the map
  counts projects per 0.25-degree cell and the table lists the first 1,000 rows.
- Browser times run from navigation start to Streamlit's own "not running" state with the
  page's charts, map canvas or table present; most of it is the Streamlit client starting,
  as the bare page shows.
"""


@contextmanager
def data_env(data_dir: Path | None):
    old = os.environ.get(DATA_DIR_ENV)
    if data_dir:
        os.environ[DATA_DIR_ENV] = str(data_dir)
    else:
        os.environ.pop(DATA_DIR_ENV, None)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = old


def server_time(page: str | Path, runs: int, data_dir: Path | None = None) -> tuple[float, float]:
    """(cold ms, median warm ms) for one page of the app, or for a script given by its path."""
    with data_env(data_dir):
        loading.clear_caches()
        if isinstance(page, Path):
            app = AppTest.from_file(str(page), default_timeout=300)
        else:
            app = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=300)
            if page != "overview":
                # AppTest learns the pages st.navigation declares on a first run; clear what it cached.
                app.run()
                app.switch_page(PAGES[page][0])
                loading.clear_caches()
        start = time.perf_counter()
        app.run()
        cold = (time.perf_counter() - start) * 1000
        if app.exception:
            raise RuntimeError(f"{page}: {app.exception[0].value}")
        warm = []
        for _ in range(runs):
            start = time.perf_counter()
            app.run()
            warm.append((time.perf_counter() - start) * 1000)
        return cold, statistics.median(warm)


SCRIPT_STATE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
# Drawn: the script has finished (Streamlit's own run state) and the page's content is present.
DRAWN = f"""() => {SCRIPT_STATE} === 'notRunning'
    && document.querySelector('h1')
    && (document.querySelector('.js-plotly-plot .main-svg') || document.querySelector('canvas') || document.querySelector('[data-testid="stDataFrame"]'))"""
WATCH_RUNS = f"""() => {{
    window.__runs = [];
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => window.__runs.push([performance.now(), {SCRIPT_STATE}]))
        .observe(app, {{attributes: true, attributeFilter: ['data-test-script-state']}});
    window.__clicked = performance.now();
}}"""
RERUN_DONE = f"""() => window.__runs.some(r => r[1] === 'running') && {SCRIPT_STATE} === 'notRunning'"""


class Meter:
    """Counts what one page receives: network bytes after the cache, and websocket frames."""

    def __init__(self, context, page):
        self.bytes = 0
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, event):
        self.bytes += event.get("encodedDataLength", 0)

    def _frame(self, event):
        payload = event["response"]["payloadData"]
        self.bytes += len(base64.b64decode(payload)) if event["response"].get("opcode") == 2 else len(payload)


def load_ms(browser, url: str, repeats: int) -> tuple[float, float]:
    """(median ms from navigation start to drawn page, median bytes received) over `repeats`
    loads in a context whose cache is already warm."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    warm = context.new_page()
    warm.goto(url)
    warm.wait_for_function(DRAWN, timeout=120_000, polling=50)
    warm.close()
    times, sizes = [], []
    for _ in range(repeats):
        page = context.new_page()
        meter = Meter(context, page)
        page.goto(url, wait_until="commit")
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        times.append(page.evaluate("performance.now()"))
        page.wait_for_timeout(500)  # late frames still count towards the payload
        sizes.append(meter.bytes)
        page.close()
    context.close()
    return statistics.median(times), statistics.median(sizes)


def filter_change_ms(browser, url: str, repeats: int) -> float:
    """Median ms from choosing a sector in the sidebar to the end of the rerun it causes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    times = []
    for index in range(repeats):
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        page.wait_for_timeout(500)
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
        option = page.get_by_role("option").nth(index % 5)
        option.wait_for()
        page.evaluate(WATCH_RUNS)
        option.click()
        page.wait_for_function(RERUN_DONE, timeout=120_000, polling=20)
        page.wait_for_function(DRAWN, timeout=120_000, polling=20)
        times.append(page.evaluate("performance.now() - window.__clicked"))
        page.close()
    context.close()
    return statistics.median(times)


def sessions_rss(browser, server: Server, sessions: int) -> float:
    for _ in range(sessions):
        context = browser.new_context()
        for _, path in PAGES.values():
            page = context.new_page()
            page.goto(f"{server.url}/{path}")
            page.wait_for_function(DRAWN, timeout=120_000, polling=50)
            page.close()
        context.close()
    return server.rss_mb()


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def sections_of_other_benchmarks() -> str:
    """The soak and data-layer sections of BENCHMARKS.md, which other commands write: kept as they are."""
    path = REPO / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(OTHER_SECTIONS)
    return "\n" + text[start:] if start >= 0 else ""


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, scale up to 10,000 rows only")
    args = parser.parse_args()
    warm_runs, browser_runs = (5, 3) if args.quick else (10, 5)
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    from playwright.sync_api import sync_playwright

    lines = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}",
        f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"Command: `.venv/bin/python -m bench.run{' --quick' if args.quick else ''}`",
        "",
    ]
    print("\n".join(lines))

    base_cold, base_warm = server_time(BASELINE, warm_runs)
    rows = []
    for name in PAGES:
        cold, warm = server_time(name, warm_runs)
        rows.append((name, cold, warm))
        print(f"server {name}: cold {cold:.0f} ms, warm {warm:.0f} ms")

    app, baseline = Server(), Server(script=BASELINE)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            base_ms, base_bytes = load_ms(browser, baseline.url, browser_runs)
            browser_rows = {
                name: load_ms(browser, f"{app.url}/{path}", browser_runs) for name, (_, path) in PAGES.items()
            }
            filter_ms = filter_change_ms(browser, f"{app.url}/FDI_trends", browser_runs)
            rss = sessions_rss(browser, app, 20)
            browser.close()
    finally:
        app.stop()
        baseline.stop()

    lines += [
        "## Shipped data",
        "",
        f"Baseline page (title and one small chart): server warm {base_warm:.0f} ms (cold {base_cold:.0f} ms), "
        f"browser {base_ms:.0f} ms, {base_bytes / 1024:.0f} KB.",
        "",
        f"| page | server cold ms | server warm ms (median of {warm_runs}) | warm / baseline | browser ms (median of {browser_runs}) | browser / baseline | KB received | budget (≤{BUDGET_WARM_MS} ms, ≤{BUDGET_RATIO:.0f}x) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, cold, warm in rows:
        ms, size = browser_rows[name]
        ratio = warm / base_warm
        budgets = f"{BUDGET_WARM_MS} ms {verdict(warm <= BUDGET_WARM_MS)}; {BUDGET_RATIO:.0f}x {verdict(ratio <= BUDGET_RATIO)}"
        lines.append(
            f"| {name} | {cold:.0f} | {warm:.0f} | {ratio:.1f}x | {ms:.0f} | {ms / base_ms:.1f}x | {size / 1024:.0f} | {budgets} |"
        )
    lines += [
        "",
        f"Sector filter change to redrawn FDI page (browser, median of {browser_runs}): {filter_ms:.0f} ms; budget ≤{BUDGET_FILTER_MS} ms: {verdict(filter_ms <= BUDGET_FILTER_MS)}.",
        f"Server memory after 20 sessions opened every page: {rss:.0f} MB RSS; budget ≤{BUDGET_RSS_MB} MB: {verdict(rss <= BUDGET_RSS_MB)}.",
        "",
    ]

    lines += [
        "## Scale: synthetic projects and events",
        "",
        "Rows are generated by `bench/synthetic.py` into a temporary folder and marked synthetic.",
        "",
        "| rows | page | server cold ms | server warm ms | browser ms | KB received |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in sizes:
            folder = make_folder(Path(scratch) / f"rows_{size}", size)
            server = Server(folder)
            try:
                for name in ("map", "overview", "fdi"):
                    cold, warm = server_time(name, max(3, warm_runs // 2), folder)
                    ms, received = load_ms(browser, f"{server.url}/{PAGES[name][1]}", max(2, browser_runs // 2))
                    lines.append(f"| {size:,} | {name} | {cold:.0f} | {warm:.0f} | {ms:.0f} | {received / 1024:.0f} |")
                    print(lines[-1])
                    if size == 100_000 and name == "map":
                        lines_map = (warm, received / 1024 / 1024)
            finally:
                server.stop()
        browser.close()
    if not args.quick:
        warm, megabytes = lines_map
        lines += [
            "",
            f"Map page at 100,000 projects: warm server {warm:.0f} ms (budget ≤{BUDGET_MAP_100K_MS}: {verdict(warm <= BUDGET_MAP_100K_MS)}), "
            f"browser payload {megabytes:.1f} MB (budget ≤{BUDGET_MAP_100K_MB}: {verdict(megabytes <= BUDGET_MAP_100K_MB)}).",
        ]
    lines += ["", READING]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.quick:
        (REPO / "BENCHMARKS.md").write_text(text + sections_of_other_benchmarks(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
