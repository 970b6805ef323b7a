"""A phone that is easy to hold (issue 19), in Debian's Chromium at 360 × 780, every kind of page, zh and en.

- Header controls, the navigation drawer, the language menu and filter chips: at least 44 × 44 px; every other
  link or button not inside running text at least 24 × 24 px, or spaced as WCAG 2.2 (2.5.8) allows.
- No visible text under 12 px (chart text measured as drawn).
- The header search, open with results, fits the screen: no sideways scroll.
- The larger-text switch is in the header; fonts are the system's own, Chinese faces named, none downloaded.
- The reader's menu has no editors' pages; Chinese pages carry no English credit.
- No page asks for sitemap.xml, even where hreflang links are written (a site built with its address).
- A long document folds its contents list and its long "cited by" lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.site.navigation import CONTRIBUTOR_PAGES
from tests.conftest import DATA, make_project, settle

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PHONE = {"width": 360, "height": 780}
LANGS = ("", "en/")
# one page of every kind a reader meets
PAGES = {
    "home": "index.html",
    "document": "documents/henan-2022-community-service-plan.html",
    "indicator": "indicators/rural-community-service-facility-coverage.html",
    "case": "cases/si-yi-liang-gong-kai.html",
    "term": "glossary/bai-cun-diao-yan.html",
    "theme": "themes/facilities.html",
    "listing": "indicators/index.html",
    "browse": "browse/region.html",
    "search": "search.html?q=%E5%85%BB%E8%80%81",
    "course": "courses/index.html",
    "rules": "reference/status-rules.html",
    "downloads": "downloads.html",
    "contribute": "contribute.html",
}
# Where 44 px is asked for: the header's controls (menu, language, larger text, search box; not the results under
# it), the drawer and the language menu, the footer's links, the search page's filter chips and the topic chips.
BIG = ".md-header, .md-nav--primary, .md-select, .md-footer, .cg-search-page__kinds, .topic-chips"

TARGETS = """([big, within]) => {
  const selector = "a[href], button, summary, input:not([type=hidden]), select, textarea, label[for], [role=button]";
  const shown = [...document.querySelectorAll(selector)].filter((e) => {
    if (within && !e.closest(within)) return false;
    if (!e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const box = e.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && !e.closest("[hidden], .md-sidebar--secondary, .cg-visually-hidden, .md-skip, .md-overlay");
  });
  const targets = shown.filter((e) => !shown.some((o) => o !== e && o.contains(e)));  // a target inside another counts once
  const boxes = targets.map((e) => e.getBoundingClientRect());
  const inRunningText = (e) => {  // WCAG's inline exception: a link in a sentence, sized by the line around it
    if (!getComputedStyle(e).display.startsWith("inline")) return false;
    let block = e.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!targets.some((t) => t.contains(node)) && /[\\p{L}\\p{N}]/u.test(node.textContent)) return true;
    }
    return false;
  };
  const name = (e) => `${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]} "${(e.textContent || "").trim().slice(0, 16)}"`;
  const problems = [];
  targets.forEach((e, i) => {
    const box = boxes[i], size = `${Math.round(box.width)}×${Math.round(box.height)}`;
    if (e.closest(big) && !e.closest(".cg-search__panel")) {  // results under the header box are ordinary links
      if (box.width < 43.5 || box.height < 43.5) problems.push(`under 44 px: ${name(e)} ${size}`);
      return;
    }
    if ((box.width >= 23.5 && box.height >= 23.5) || inRunningText(e)) return;
    // WCAG 2.5.8 spacing: a 24 px circle on the target's centre may not touch another target
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (boxes.some((o, j) => j !== i && Math.hypot(Math.max(o.left - x, 0, x - o.right), Math.max(o.top - y, 0, y - o.bottom)) < 12)) {
      problems.push(`under 24 px and crowded: ${name(e)} ${size}`);
    }
  });
  return {count: targets.length, problems};
}"""

TEXT_SIZES = """() => {
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const e = node.parentElement;
    if (!/\\S/.test(node.textContent) || !e || e.closest("script, style, .cg-visually-hidden, .md-skip, [hidden]")) continue;
    if (!e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e instanceof SVGElement && e.ownerSVGElement) {  // chart text: as drawn, after the drawing is scaled
      const m = e.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    const name = `${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).split(" ")[0]}`;
    if (size < 11.95) found.add(`${name} ${size.toFixed(1)} px "${node.textContent.trim().slice(0, 20)}"`);
  }
  return [...found];
}"""

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def phone(browser: Browser, session_requests: list[str]) -> Iterator[Page]:
    """A phone (360 × 780, touch); its requests are recorded for the whole session."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(15_000)
    context.on("request", lambda request: session_requests.append(request.url))
    page = context.new_page()
    yield page
    settle(page)
    context.close()


def _check(page: Page, where: str, within: str = "") -> None:
    """Target and text sizes of the page, or (``within``) of what is on top: the open menu and the header."""
    targets = page.evaluate(TARGETS, [BIG, within])
    assert targets["count"] >= (3 if within else 6), where
    assert targets["problems"] == [], f"{where}: {targets['problems']}"
    assert page.evaluate(TEXT_SIZES) == [], where


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_targets_and_text_are_large_enough(phone: Page, site_url: str, kind: str, lang: str) -> None:
    phone.goto(site_url + lang + (PAGES[kind] if kind != "search" or not lang else "search.html?q=elderly+care"))
    if kind == "search":
        phone.wait_for_selector(".cg-search-page__results .cg-result")
    _check(phone, f"{lang}{kind}")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL), kind
    # the navigation drawer, open
    phone.click("label.md-header__button[for='__drawer']")
    phone.wait_for_timeout(300)
    _check(phone, f"{lang}{kind} with the menu open", within=".md-sidebar--primary, .md-header")
    drawer = phone.eval_on_selector_all(".md-nav--primary a.md-nav__link", "links => links.map(a => a.getAttribute('href'))")
    editors = {page.replace(".md", ".html").rsplit("/", 1)[-1] for page, _, _ in CONTRIBUTOR_PAGES}
    assert drawer and not [href for href in drawer if href and href.rsplit("/", 1)[-1] in editors], drawer


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_header_search_with_results_fits_the_screen(phone: Page, site_url: str, lang: str) -> None:
    phone.goto(site_url + lang + PAGES["document"])
    phone.fill("#cg-search-input", "养老服务" if not lang else "elderly care")
    phone.wait_for_selector(".cg-search__results .cg-result")
    panel = phone.eval_on_selector(".cg-search__panel", "e => e.getBoundingClientRect().toJSON()")
    assert panel["left"] >= 0 and panel["right"] <= PHONE["width"], panel
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    assert phone.evaluate("window.scrollX") == 0
    _check(phone, f"{lang}header search")


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_language_menu_and_larger_text_switch_are_in_the_header(phone: Page, site_url: str, lang: str) -> None:
    phone.goto(site_url + lang + PAGES["case"])
    switch = phone.locator(".md-header button.text-size-toggle")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 44 and box["y"] + box["height"] <= 48
    phone.click(".md-header .md-select button")  # the language menu opens on a tap
    phone.wait_for_selector(".md-select__link", state="visible")
    links = phone.eval_on_selector_all(".md-select__link", "els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert len(links) == 2 and all(b["height"] >= 43.5 and b["width"] >= 43.5 for b in links), links


@pytest.mark.parametrize("lang", LANGS, ids=["zh", "en"])
def test_fonts_are_the_systems_own(phone: Page, site_url: str, lang: str) -> None:
    fonts: list[str] = []
    phone.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    phone.goto(site_url + lang + PAGES["document"])
    family = phone.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    for name in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert name in family, family
    assert phone.evaluate("document.fonts.size") == 0  # no @font-face anywhere
    assert fonts == []


def test_chinese_pages_have_a_chinese_footer(phone: Page, site_url: str) -> None:
    for kind in ("home", "document", "term"):
        phone.goto(site_url + PAGES[kind])
        footer = phone.inner_text("footer.md-footer")
        assert re.search(r"[\u4e00-\u9fff]", footer) and "参与编辑" in footer
        assert not re.search(r"Made with|Material for MkDocs", footer), footer
    phone.goto(site_url + "en/" + PAGES["home"])
    assert "Contribute" in phone.inner_text("footer.md-footer")


def test_a_long_document_folds_its_contents_and_long_cited_by_lists(phone: Page, site_url: str) -> None:
    phone.goto(site_url + PAGES["document"])
    contents = phone.locator("details.doc-contents")
    assert contents.is_visible() and contents.get_attribute("open") is None
    folded = phone.locator("details.cited-by")
    assert folded.count() >= 3
    first = folded.first
    assert first.get_attribute("open") is None and not first.locator("a").first.is_visible()
    first.locator("summary").click()
    assert first.locator("a").first.is_visible()
    assert re.search(r"（\d+）$", first.locator("summary").inner_text().strip())


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus built with a public address, so that every page carries hreflang links."""
    from generator.site.build import build_site

    project = make_project(tmp_path_factory.mktemp("published"), DATA / "valid")
    assert build_site(project, project / "site", DATA / "sources", site_url="https://example.org/compendium/").ok
    return project / "site"


def test_no_page_asks_for_a_sitemap(phone: Page, site_url: str, published_site: Path, session_requests: list[str]) -> None:
    from tests.conftest import _serve

    for kind in ("home", "document", "indicator"):
        phone.goto(site_url + PAGES[kind])
        phone.goto(site_url + "en/" + PAGES[kind])
    server = _serve(published_site)
    address = next(server)
    try:
        page = "cases/model-community.html"
        head = (published_site / page).read_text(encoding="utf-8")
        assert 'hreflang="en" href="https://example.org/compendium/en/cases/model-community.html"' in head
        phone.goto(address + page)
        phone.wait_for_load_state("networkidle")
        phone.goto(address + "en/" + page)
        phone.wait_for_load_state("networkidle")
    finally:
        next(server, None)
    assert not [url for url in session_requests if "sitemap" in url]
