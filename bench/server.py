"""A dashboard server on a free loopback port and the headless Chromium to open it with.

Shared by the browser tests and the benchmarks, so both start the server the same way and
fail fast with the server's own output when it does not come up.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from jvties.data.catalog import DATA_DIR_ENV, REPO_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A fresh `streamlit run` of the dashboard (or another script) on a loopback port."""

    def __init__(self, data_dir: Path | None = None, script: Path = REPO_DIR / "dashboard.py"):
        self.port = free_port()
        env = {**os.environ, "JVTIES_BASEMAP": "none"}
        env.pop(DATA_DIR_ENV, None)
        if data_dir:
            env[DATA_DIR_ENV] = str(data_dir)
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
        ]
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 -- read back on failure, closed with the server
        self.process = subprocess.Popen(command, cwd=REPO_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the dashboard server exited with code {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the dashboard server did not start within 60 s:\n{self.output()}")

    def output(self) -> str:
        """What the server printed so far (its last 4 KB), for a failure message."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", errors="replace")[-4000:]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
