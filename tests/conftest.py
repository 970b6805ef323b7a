"""Shared fixtures for tests that look at built sites, in a browser or not.

``built_site``: the site built once per session from the repository's own corpus into a
temporary folder (the repository's site/ is not touched). ``fixture_site``: the same for the
small fixture corpus in tests/data/valid, which keeps some texts untranslated on purpose.
``site_url`` / ``fixture_site_url``: those folders served over http on 127.0.0.1.
``browser``: Debian's Chromium driven by Playwright. ``page``: a fresh browser context and
page per test whose every request is also recorded in ``session_requests``, so a test can
check that nothing left the machine.

Chromium is Debian's /usr/bin/chromium; ``playwright install`` is never needed. Without it
the browser tests are skipped, unless the environment variable CI is set: then they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from generator.content.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
TIMEOUT_MS = 15_000  # fail in seconds, not in Playwright's default 30 s per step
EXPECT_TIMEOUT_MS = 10_000  # expect() waits 5 s by default: too little on a busy machine


def project_at(root: Path, sources: Path | None = None, site_url: str | None = None) -> Project:
    """The project at ``root`` as the command line resolves it (every kind, the course included)."""
    from generator.content.project import resolve_project
    from generator.courses.kind import ALL_KINDS

    return resolve_project(root, sources=sources, site_url=site_url, kinds=ALL_KINDS)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the repository corpus (policies/, casebook/, ...) into a temporary folder."""
    from generator.content.sources import default_sources_dir
    from generator.site.build import build_site

    site = tmp_path_factory.mktemp("browser") / "site"
    report = build_site(root=ROOT, site_dir=site, sources_dir=default_sources_dir(ROOT))
    assert report.ok, "building the site from the repository corpus failed; run `python -m generator build` to see why"
    assert (site / "index.html").is_file()
    assert (site / "en" / "index.html").is_file()
    return site


def make_project(folder: Path, corpus: Path) -> Path:
    """A project folder: the repository's site configuration plus the given corpus."""
    for name in ("mkdocs.yml", "overrides", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    for name in ("policies", "casebook", "glossary", "themes"):
        shutil.copytree(corpus / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the fixture corpus (tests/data/valid) into a temporary folder."""
    from generator.site.build import build_site

    project = make_project(tmp_path_factory.mktemp("project"), DATA / "valid")
    report = build_site(project, project / "site", DATA / "sources")
    assert report.ok
    return project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``built_site`` (a free port, a server thread, no request log)."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``fixture_site``."""
    yield from _serve(fixture_site)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (``CI`` set, as .ci/run sets it) a skipped test is a failure: CI passes only when every test ran."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]  # pluggy's hookwrapper result
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI: this test was skipped ({reason}); in CI every test must run"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium; skipped when it is missing, failed instead when $CI is set."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found (install Debian's chromium package; `playwright install` is not used)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def session_requests() -> list[str]:
    """Every URL requested by any ``page`` in this session, in order."""
    return []


@pytest.fixture
def page(browser: Browser, session_requests: list[str]) -> Iterator[Page]:
    """A new desktop-sized context and page; its requests are appended to ``session_requests``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda request: session_requests.append(request.url))
    page = context.new_page()
    try:
        yield page
    finally:
        settle(page)
        context.close()


def settle(page: Page) -> None:
    """Let a navigation the test started finish before its context is closed.

    Closing a context while a page is still navigating (a form submitted just before the test ended)
    can hang Chromium for ever: seen in CI (stop 16) and here, where a loop of "open the home page,
    press Enter in its search box, close" hung at its 3rd close, and 30 closes of 30 went through
    once each results page had loaded.
    """
    with contextlib.suppress(Exception):  # a page that is closed or crashed needs no waiting
        page.wait_for_load_state("load", timeout=TIMEOUT_MS)
