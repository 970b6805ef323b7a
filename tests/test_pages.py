"""Every kind of page on a 360 × 780 phone, in both languages, in Debian's Chromium.

Nothing sticks out of the screen unless it scrolls inside its own box; every chart point is on
screen; no serious or critical axe-core violation (axe-core 4.14.1, vendored in tests/vendor/
from npm, injected into the page: no CDN); the description and Open Graph tags are there and
belong to the page. Also: the timeline turns into cards with 44 × 44 px source links, the
larger-text mode, and pages read once open again offline (service worker), while the site opened
from disk registers none and still works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 360, "height": 780}
LANGS = ("", "en/")
KINDS = ("home", "document", "indicator", "case", "term", "theme", "listing", "browse")
SITE_DESCRIPTION = "社区治理政策、指标与优秀社区工作法 · Community governance policy, indicators and work methods"

# Elements wider than the screen whose nearest scrolling ancestor fits the screen are fine: they scroll
# inside their own box (a wide table in Material's scroll wrapper). Anything else sticking out is a bug.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    let parent = element.parentElement, contained = false;
    while (parent) {
      const overflow = getComputedStyle(parent).overflowX;
      if (["auto", "scroll", "hidden", "clip"].includes(overflow) && parent.getBoundingClientRect().right <= width + 1) {
        contained = true; break;
      }
      parent = parent.parentElement;
    }
    if (!contained) found.push(`${element.tagName.toLowerCase()}.${element.className} right=${Math.round(box.right)}`);
  }
  return found;
}"""

AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter((v) => v.impact === "serious" || v.impact === "critical")
  .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)"""


# counts calls to navigator.serviceWorker.register (where the browser offers it at all) and keeps
# what the browser answered: "pending", "registered" or the error it gave
SPY_ON_REGISTER = """window.__registerCalls = 0;
window.__registerOutcome = "not called";
if (window.navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => {
    window.__registerCalls += 1;
    window.__registerOutcome = "pending";
    const registering = register(...args);
    registering.then(() => { window.__registerOutcome = "registered"; },
                     (error) => { window.__registerOutcome = "refused: " + error; });
    return registering;
  };
}"""

# registration errors that mean the site is wrong (scope, script, headers), not the browser's storage
OUR_FAULTS = ("SecurityError", "evaluation failed", "bad HTTP response", "MIME type")

# navigator.serviceWorker.ready never settles when no worker becomes active: wait for it, but not forever
WORKER_ACTIVE = """(ms) => Promise.race([
  navigator.serviceWorker.ready.then(() => "active"),
  new Promise((resolve) => setTimeout(() => resolve("not active after " + ms + " ms"), ms)),
])"""


def _largest(site: Path, folder: str) -> str:
    files = [path for path in (site / folder).glob("*.html") if path.name != "index.html"]
    return f"{folder}/{max(files, key=lambda path: path.stat().st_size).name}"


def _first(site: Path, folder: str) -> str:
    return f"{folder}/{sorted(p.name for p in (site / folder).glob('*.html') if p.name != 'index.html')[0]}"


@pytest.fixture(scope="module")
def pages_by_kind(built_site: Path) -> dict[str, str]:
    """One page of each kind: the largest document and indicator pages, the first case, term and theme."""
    return {
        "home": "index.html",
        "document": _largest(built_site, "documents"),
        "indicator": _largest(built_site, "indicators"),
        "case": _first(built_site, "cases"),
        "term": _first(built_site, "glossary"),
        "theme": _first(built_site, "themes"),
        "listing": "indicators/index.html",
        "browse": "browse/region.html",
    }


@pytest.fixture
def phone(browser: Browser, session_requests: list[str]) -> Iterator[Page]:
    """A phone-sized page (360 × 780, touch) in a fresh context; its requests are recorded."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(15_000)
    context.on("request", lambda request: session_requests.append(request.url))
    page = context.new_page()
    yield page
    settle(page)
    context.close()


def _meta(page: Page, selector: str) -> str:
    element = page.query_selector(selector)
    return (element.get_attribute("content") or "") if element else ""


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_page_fits_a_phone_passes_axe_and_describes_itself(
        phone: Page, site_url: str, pages_by_kind: dict[str, str], kind: str, lang: str) -> None:
    phone.goto(site_url + lang + pages_by_kind[kind])
    assert phone.evaluate(STICKING_OUT) == []
    phone.add_script_tag(path=str(AXE))
    assert phone.evaluate(AXE_RUN) == []

    heading = phone.inner_text("h1").replace("¶", "").strip()
    description = _meta(phone, 'meta[name="description"]')
    assert description and description != SITE_DESCRIPTION
    assert _meta(phone, 'meta[property="og:description"]') == description
    assert heading in _meta(phone, 'meta[property="og:title"]')
    assert _meta(phone, 'meta[property="og:locale"]') == ("en_US" if lang else "zh_CN")
    title = phone.title()
    assert title.count("社区治理知识库") + title.count("Community Governance Compendium") == 1, title
    if kind != "home":  # the description comes from the entry, not from the site
        assert description != _home_description(phone, site_url + lang)


def _home_description(page: Page, home: str) -> str:
    other = page.context.new_page()
    other.goto(home + "index.html")
    description = _meta(other, 'meta[name="description"]')
    other.close()
    return description


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_every_chart_point_of_every_indicator_is_on_a_phone_screen(phone: Page, site_url: str, built_site: Path,
                                                                   pages_by_kind: dict[str, str], lang: str) -> None:
    """Each indicator's chart, as built, placed in turn in a real indicator page's chart box (same CSS, same column)."""
    phone.goto(site_url + lang + pages_by_kind["indicator"])
    width = phone.evaluate("document.documentElement.clientWidth")
    charts = 0
    for path in sorted((built_site / lang / "indicators").glob("*.html")):
        found = re.search(r'<figure class="indicator-chart"[^>]*>(.*?)</figure>', path.read_text(encoding="utf-8"), re.S)
        if path.name == "index.html" or not found:
            continue
        charts += 1
        phone.eval_on_selector(".indicator-chart", "(figure, svg) => { figure.innerHTML = svg; }", found.group(1))
        boxes = phone.eval_on_selector_all(".indicator-chart svg .chart-point, .indicator-chart svg text",
                                           "els => els.map(e => { const b = e.getBoundingClientRect(); "
                                           "return [b.left, b.right]; })")
        assert boxes and all(left >= 0 and right <= width for left, right in boxes), (path.name, boxes)
        assert phone.eval_on_selector(".indicator-chart svg", "e => e.getBoundingClientRect().right") <= width
    assert charts >= 20  # the real corpus has dated facts on most indicators


def test_timeline_rows_are_cards_with_large_source_links_on_a_phone(phone: Page, site_url: str,
                                                                     pages_by_kind: dict[str, str]) -> None:
    phone.goto(site_url + pages_by_kind["indicator"])
    assert phone.eval_on_selector(".timeline-table tbody tr", "e => getComputedStyle(e).display") == "block"
    assert phone.eval_on_selector(".timeline-table thead", "e => e.getBoundingClientRect().height") <= 1
    # each cell names its column (年份, 类型, …) on the card
    label = phone.eval_on_selector(".timeline-table td", "e => getComputedStyle(e, '::before').content")
    assert label == '"年份"'
    for box in phone.eval_on_selector_all("a.source-link", "els => els.map(e => e.getBoundingClientRect().toJSON())"):
        assert box["width"] >= 44 and box["height"] >= 44, box
    texts = phone.eval_on_selector_all("a.source-link", "els => els.map(e => e.textContent)")
    assert texts and not any(text.strip() in {"§", ""} or re.search(r"§ ?s\d", text) for text in texts), texts
    # the chart's data as a table, and the CSV of the timeline
    phone.click(".chart-data summary")
    assert phone.is_visible(".chart-table")
    csv_link = phone.get_attribute(".download-line a", "href")
    response = phone.request.get(phone.url.rsplit("/", 1)[0] + "/" + csv_link)
    assert response.ok and response.text().splitlines()[0].lstrip("\ufeff").startswith("year,kind,")


def test_timeline_is_a_table_on_a_desktop(page: Page, site_url: str, pages_by_kind: dict[str, str]) -> None:
    page.goto(site_url + pages_by_kind["indicator"])
    assert page.eval_on_selector(".timeline-table tbody tr", "e => getComputedStyle(e).display") == "table-row"


def test_document_contents_list_is_reachable_on_a_phone(phone: Page, site_url: str, pages_by_kind: dict[str, str]) -> None:
    phone.goto(site_url + pages_by_kind["document"])
    assert phone.is_visible("details.doc-contents summary")
    phone.click("details.doc-contents summary")
    first = phone.locator("details.doc-contents a").nth(1)
    target = first.get_attribute("href")
    first.click()
    assert phone.evaluate("location.hash") == target
    assert phone.is_visible(".metadata-card")
    # clause anchors read as the document numbers them, not as internal ids
    anchors = phone.eval_on_selector_all("a.clause-anchor", "els => els.map(e => e.textContent)")
    assert anchors and not any(re.fullmatch(r"§ s\d+-\d+", text.strip()) for text in anchors)


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_document_facts_are_cards_on_a_phone_and_a_table_on_a_desktop(phone: Page, page: Page, site_url: str,
                                                                      pages_by_kind: dict[str, str], lang: str) -> None:
    url = site_url + lang + pages_by_kind["document"]
    phone.goto(url)
    rows = phone.locator("div.facts-table tbody tr")
    assert rows.count() > 5 and phone.eval_on_selector("div.facts-table tbody tr", "e => getComputedStyle(e).display") == "block"
    # every cell is named after its column, and the card is no wider than the screen
    first = phone.eval_on_selector_all("div.facts-table tbody tr:first-child td",
                                       "tds => tds.map(td => [td.dataset.label, getComputedStyle(td, '::before').content])")
    assert first[0][0] == ("Indicator" if lang else "指标") and all(f'"{label}"' == content for label, content in first)
    width = phone.evaluate("document.documentElement.clientWidth")
    assert phone.eval_on_selector("div.facts-table tbody tr", "e => e.getBoundingClientRect().right") <= width
    assert phone.eval_on_selector("div.facts-table table", "t => t.scrollWidth") <= width
    page.goto(url)
    assert page.eval_on_selector("div.facts-table tbody tr", "e => getComputedStyle(e).display") == "table-row"


BODY_SCRIPTS = re.compile(r"<script\b.*?</script>", re.S)


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_facts_are_cards_before_any_script_in_the_body_has_run(phone: Page, site_url: str,
                                                                pages_by_kind: dict[str, str], lang: str) -> None:
    """The layout a phone first paints is the final one: a slow phone paints before the body's scripts run,
    and cards that appeared only then shifted the whole page (Lighthouse CLS 0.92, Performance 75)."""
    url = site_url + lang + pages_by_kind["document"]

    def without_body_scripts(route):  # type: ignore[no-untyped-def]
        html = route.fetch().text()
        head, body = html.split("<body", 1)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=head + "<body" + BODY_SCRIPTS.sub("", body))

    phone.route(url, without_body_scripts)
    phone.goto(url)
    assert phone.eval_on_selector("div.facts-table tbody tr", "e => getComputedStyle(e).display") == "block"
    assert phone.eval_on_selector("div.facts-table table", "t => t.getBoundingClientRect().width") <= PHONE["width"]


def test_course_schedule_rows_are_cards_on_a_phone(phone: Page, site_url: str, built_site: Path) -> None:
    course = _first(built_site, "courses")
    phone.goto(site_url + course)
    assert phone.eval_on_selector("div.card-rows tbody tr", "e => getComputedStyle(e).display") == "block"
    labels = phone.eval_on_selector_all("div.card-rows tbody tr:first-child td", "tds => tds.map(td => td.dataset.label)")
    assert labels == ["时间", "单元", "方式", "分钟", "目标"]
    assert phone.evaluate(STICKING_OUT) == []


def test_larger_text_mode_is_remembered(phone: Page, site_url: str) -> None:
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    phone.goto(site_url + "documents/index.html")
    before = phone.eval_on_selector(".md-typeset td", size)
    phone.click(".text-size-toggle")
    assert phone.get_attribute(".text-size-toggle", "aria-pressed") == "true"
    phone.goto(site_url + "index.html")
    phone.goto(site_url + "documents/index.html")  # another visit: the choice is remembered
    assert phone.get_attribute(".text-size-toggle", "aria-pressed") == "true"
    after = phone.eval_on_selector(".md-typeset td", size)
    assert after > before * 1.1
    assert phone.evaluate(STICKING_OUT) == []


def test_home_page_leads_somewhere_on_a_phone(phone: Page, site_url: str) -> None:
    phone.goto(site_url + "index.html")
    form = phone.locator("form.home-search")
    assert form.get_attribute("action") == "search.html" and form.get_attribute("method") == "get"
    assert form.get_attribute("role") == "search"
    assert phone.locator("form.home-search input[name=q][type=search]").is_visible()
    assert phone.locator("form.home-search label").inner_text().strip()
    chips = phone.locator("a.topic-chip")
    assert chips.count() >= 10 and re.search(r"\d", chips.first.inner_text())
    assert phone.locator("ul.card-list a.card-link").count() >= 3
    # the search box and the first topics are on the first screen
    assert phone.eval_on_selector("form.home-search", "e => e.getBoundingClientRect().bottom") < PHONE["height"]
    phone.fill("form.home-search input", "养老")
    phone.press("form.home-search input", "Enter")
    # the results page opens and answers (closing a context mid-navigation hangs Chromium: see conftest.settle)
    phone.wait_for_url(re.compile(r"search\.html\?q=%E5%85%BB%E8%80%81$"))
    phone.wait_for_selector(".cg-search-page__results .cg-result")


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_home_page_transfers_at_most_300_kb_compressed(phone: Page, site_url: str, built_site: Path, lang: str) -> None:
    """Every file the home page loads before any search, counted as a server sends it (the build's .gz copy)."""
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.goto(site_url + lang + "index.html")
    phone.wait_for_load_state("networkidle")
    sizes = []
    for url in dict.fromkeys(requested):
        assert url.startswith(site_url), url
        path = built_site / urlsplit(url).path.lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        compressed = path.with_name(path.name + ".gz")
        sizes.append((compressed if compressed.is_file() else path).stat().st_size)
    assert 0 < sum(sizes) <= 300_000, sum(sizes)
    assert not any("/search/t/" in url or "/search/d/" in url for url in requested)


def test_pages_read_once_open_offline_over_http(browser: Browser, site_url: str, pages_by_kind: dict[str, str]) -> None:
    """The page registers its worker a few seconds after load; once active, the page read opens again offline."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.add_init_script(SPY_ON_REGISTER)
        page.goto(site_url + pages_by_kind["case"])
        page.wait_for_function("window.__registerCalls > 0")  # 4 s after the load event
        assert page.evaluate("window.__registerCalls") == 1
        worker = page.request.get(site_url + "sw.js")
        assert worker.ok and "javascript" in worker.headers.get("content-type", ""), worker.status
        try:
            page.wait_for_function("window.__registerOutcome !== 'pending'")
        except PlaywrightTimeout:
            _browser_cannot_store_workers("register() did not settle in 30 s")
        outcome = page.evaluate("window.__registerOutcome")
        assert not any(fault in outcome for fault in OUR_FAULTS), outcome
        if outcome != "registered":  # the script is served and was not rejected for anything of ours
            _browser_cannot_store_workers(outcome)
        active = page.evaluate(WORKER_ACTIVE, 20_000)
        if active != "active":
            _browser_cannot_store_workers(f"registered, {active}")
        page.wait_for_function("caches.keys().then(k => k.length > 0)")
        page.wait_for_timeout(500)  # the worker stores the first page's files after it is ready
        heading = page.inner_text("h1")
        context.set_offline(True)
        page.goto(site_url + pages_by_kind["case"])
        assert page.inner_text("h1") == heading
        assert page.eval_on_selector("link[href*='compendium.css']", "e => !!e.sheet")  # its stylesheet too
    finally:
        context.close()


def _browser_cannot_store_workers(what: str) -> None:
    """Skip, saying what the browser did: sw.js was served and valid, but this Chromium's profile kept no worker."""
    pytest.skip(f"this Chromium did not keep a service worker for a served, valid sw.js: {what}")


def test_site_opened_from_disk_registers_no_service_worker(browser: Browser, built_site: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.add_init_script(SPY_ON_REGISTER)
        page.goto((built_site / "index.html").as_uri())
        assert page.inner_text("h1").replace("¶", "").strip() == "社区治理知识库"
        assert page.evaluate("window.__registerCalls") == 0
        assert page.inner_text(".print-url").startswith("file://")
        assert errors == []
    finally:
        context.close()


NOT_FOUND = {"": ("页面未找到", "返回首页"), "en/": ("Page not found", "Home page")}


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_not_found_page_says_so_in_its_language_and_leads_home(phone: Page, site_url: str, built_site: Path,
                                                                 lang: str) -> None:
    """The 404 page as a server shows it for a missing address deep in the site: its own title and description."""
    heading, home = NOT_FOUND[lang]
    phone.goto(site_url + lang + "cases/no-such-case.html")  # the test server answers 404 with its own page
    phone.set_content((built_site / lang / "404.html").read_text(encoding="utf-8"))  # as a server would send it
    assert phone.inner_text("h1").replace("¶", "").strip() == heading
    assert _meta(phone, 'meta[name="robots"]') == "noindex"
    description = _meta(phone, 'meta[name="description"]')
    assert description and description != SITE_DESCRIPTION
    assert phone.title().startswith(heading) and _meta(phone, 'meta[property="og:description"]') == description
    link = phone.get_by_role("link", name=home)
    assert link.get_attribute("href") == f"/{lang}index.html"
    assert phone.evaluate(STICKING_OUT) == []


def test_no_request_leaves_the_machine(session_requests: list[str]) -> None:
    """Runs last in this file: every request of the tests above went to the local server (or disk)."""
    if not session_requests:
        pytest.skip("no browser test ran before this one")
    local = ("http://127.0.0.1:", "file://", "data:", "blob:")  # this session's servers (site_url and the fixture site's)
    outside = [url for url in session_requests if not url.startswith(local)]
    assert outside == []
