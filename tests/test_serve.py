"""`compendium serve`: serves the site on 127.0.0.1 and rebuilds when an entry changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import DATA, make_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_an_entry_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path, DATA / "valid")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--root", str(project), "--port", str(port),
         "--sources", str(DATA / "sources")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/themes/facilities.html"
        assert _wait_for(url, "社区服务设施", 90), "the site was not served"
        theme = project / "themes" / "facilities.yml"
        theme.write_text(theme.read_text(encoding="utf-8").replace("社区服务设施", "社区服务设施与场地"), encoding="utf-8")
        assert _wait_for(url, "社区服务设施与场地", 90), "the change was not rebuilt"
    finally:
        server.terminate()
        server.wait(timeout=20)
