"""The phone profile every user-facing benchmark shares (search, page load, preview).

What a community worker on a mid-range phone over a slow mobile network feels:

- **network**: 1.6 Mbps down, 750 kbps up, 150 ms latency, applied through the DevTools
  protocol (``Network.emulateNetworkConditions``) to every page of a fresh browser context;
- **compression**: the site is served by :class:`GzipServer`, a local server that gzips text the
  way a production server would (precompressed ``.gz`` files when the build wrote them, on the fly
  otherwise) and counts the bytes it really sent;
- **cold cache**: every load gets a new browser context (no HTTP cache, no service worker);
- **CPU**: :class:`CpuThrottle` pauses the renderer processes (``SIGSTOP``) for 75 ms of every
  100 ms. The DevTools CPU throttle slows only a page's main thread — a worker target answers
  "only supported for pages" — and search runs in workers, so it would flatter them. Pausing
  the processes slows the main thread and every worker alike, by at most 4×.

Usage::

    with GzipServer(site_dir) as server, phone_browser() as browser:
        page = new_phone_page(browser)
        server.reset()
        with CpuThrottle():
            page.goto(server.url + "index.html")
        print(server.bytes_sent)
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import mimetypes
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".csv", ".webmanifest", ".map")


@dataclass(frozen=True)
class PhoneProfile:
    """The figures of the phone profile (documented in benchmarks/README.md)."""

    download_kbps: int = 1600
    upload_kbps: int = 750
    latency_ms: int = 150
    cpu_pause_ms: int = 75
    cpu_period_ms: int = 100
    width: int = 360
    height: int = 780

    def describe(self) -> str:
        return (f"{self.download_kbps / 1000:g} Mbps down, {self.upload_kbps} kbps up, {self.latency_ms} ms latency, "
                f"gzip, cold cache, CPU paused {self.cpu_pause_ms} ms of every {self.cpu_period_ms} ms, "
                f"{self.width}×{self.height}")


PHONE = PhoneProfile()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzipped when the client accepts it; counts the bytes sent."""

    server: _CountingServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def send_head(self) -> Any:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        precompressed = path.with_name(path.name + ".gz")
        body = precompressed.read_bytes() if precompressed.is_file() else gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.server.cache_control)
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        self.server.count(len(data))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser dropped a request
            outputfile.write(data)


class _CountingServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that adds up the body bytes it sent."""

    daemon_threads = True

    cache_control = "no-store"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self.bytes_sent = 0
        self.requests = 0

    def count(self, size: int) -> None:
        with self._lock:
            self.bytes_sent += size
            self.requests += 1


class GzipServer:
    """A local server for a built site on 127.0.0.1, compressing like a production server.

    Every answer says ``Cache-Control: no-store`` (each load cold), unless ``cache_control`` says otherwise:
    ``no-cache`` lets the browser keep what a page loaded, as a server without cache headers does.
    """

    def __init__(self, root: Path, port: int = 0, cache_control: str = "no-store") -> None:
        handler = lambda *a, **k: _Handler(*a, directory=str(root), **k)  # noqa: E731
        self._server = _CountingServer(("127.0.0.1", port), handler)
        self._server.cache_control = cache_control
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    @property
    def bytes_sent(self) -> int:
        return self._server.bytes_sent

    @property
    def requests(self) -> int:
        return self._server.requests

    def reset(self) -> None:
        self._server.bytes_sent = 0
        self._server.requests = 0

    def __enter__(self) -> GzipServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def phone_browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_phone_page(browser: Any, profile: PhoneProfile = PHONE, service_workers: str = "block") -> Any:
    """A page in a new context (cold cache), phone-sized, with the network throttled.

    Service workers are blocked unless ``service_workers="allow"`` (to measure what one keeps).
    """
    context = browser.new_context(viewport={"width": profile.width, "height": profile.height},
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  service_workers=service_workers)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False,
        "latency": profile.latency_ms,
        "downloadThroughput": profile.download_kbps * 1000 / 8,
        "uploadThroughput": profile.upload_kbps * 1000 / 8,
    })
    session.send("Network.setCacheDisabled", {"cacheDisabled": service_workers == "block"})
    return page


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: the fields follow the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def renderer_pids(ancestor: int | None = None) -> list[int]:
    """Chromium renderer processes descended from ``ancestor`` (default: this process)."""
    tree = _children()
    found, todo = [], [ancestor or os.getpid()]
    while todo:
        pid = todo.pop()
        for child in tree.get(pid, []):
            todo.append(child)
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"--type=renderer" in cmdline:
                found.append(child)
    return found


class CpuThrottle:
    """Pauses the renderer processes for ``cpu_pause_ms`` of every ``cpu_period_ms`` while active."""

    def __init__(self, profile: PhoneProfile = PHONE) -> None:
        self.profile = profile
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._paused: set[int] = set()

    def _signal(self, pids: list[int], sig: signal.Signals) -> None:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)

    def _loop(self) -> None:
        pause = self.profile.cpu_pause_ms / 1000
        run = (self.profile.cpu_period_ms - self.profile.cpu_pause_ms) / 1000
        while not self._stop.is_set():
            pids = renderer_pids()  # renderers come and go with pages: look again every period
            self._paused = set(pids)
            self._signal(pids, signal.SIGSTOP)
            time.sleep(pause)
            self._signal(pids, signal.SIGCONT)
            self._paused.clear()
            self._stop.wait(run)

    def __enter__(self) -> CpuThrottle:
        if self.profile.cpu_pause_ms > 0:
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._signal(renderer_pids(), signal.SIGCONT)  # never leave a renderer stopped


def load_average_note() -> str:
    """The 1-minute load average, and a warning when the machine was busy."""
    one, five, _ = os.getloadavg()
    cpus = os.cpu_count() or 1
    note = f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {cpus} CPUs"
    if one > cpus:
        note += " — HEAVY LOAD: figures are inflated; rerun on a quiet machine"
    return note
