"""How a browser uses each search engine the benchmark compares, and how recall is scored.

Three engines, each driven the way a reader uses it, on a page Playwright already opened:

- ``new``: the site's own search (generator/search/, assets/javascripts/cg-search.js): the header
  box ``input.cg-search__input``, results ``.cg-search__results .cg-result a``;
- ``today``: Material for MkDocs' lunr search as on main before the new search (commit 45674cd):
  ``input.md-search__input``, results ``.md-search-result__item > a``, ready when the result
  meta no longer says it is initialising;
- ``pagefind``: Pagefind 1.6 out of the box (extended build, indexing the built HTML with no
  configuration), through its JavaScript API (``pagefind.js``: ``search()``, then ``data()``).

Recall is scored as the query sets' header says (tests/data/search/tuning.yml).
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

ENGINES = ("new", "today", "pagefind", "before")
# "before" is the site's own search as another commit built it (bench_search.py --before): driven like "new"
OWN = ("new", "before")

# Set before any page script runs: records performance.now() when the first result element appears,
# and (for the site's own box) when the box said it was ready and when the query arrived in it, so that
# a first-result time splits into what the page needs (ready, then typed → first result) and the driver's
# own delay between the two (Playwright checking the box and typing into a paused renderer).
FIRST_RESULT_OBSERVER = """
(() => {
  const selector = %r;
  let resolveReady;
  window.__boxReady = new Promise(resolve => { resolveReady = resolve; });
  document.addEventListener("input", () => {
    if (window.__typedAt === undefined) window.__typedAt = performance.now();
  }, true);
  // the document itself is watched (it exists before any element): the box's ready signal comes while
  // the page is still being read, before <html> is even complete
  const seen = () => {
    if (window.__readyAt === undefined && document.querySelector("form.cg-search[data-ready]")) {
      window.__readyAt = performance.now();
      resolveReady();
    }
    if (window.__firstResultAt === undefined && document.querySelector(selector)) {
      window.__firstResultAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"]});
})();
"""

RESULT_SELECTORS = {"new": ".cg-search__results .cg-result a", "today": ".md-search-result__item > a",
                    "before": ".cg-search__results .cg-result a"}
INPUT_SELECTORS = {"new": "input.cg-search__input", "today": "input.md-search__input", "before": "input.cg-search__input"}

PAGEFIND_SEARCH = """
async ([base, query, limit]) => {
  if (!window.__pagefind) {
    window.__pagefind = await import(base + "pagefind/pagefind.js");
    await window.__pagefind.init();
  }
  const search = await window.__pagefind.search(query);
  const first = search.results.length ? await search.results[0].data() : null;
  const at = performance.now();
  const urls = first ? [first.url] : [];
  for (const result of search.results.slice(1, limit)) urls.push((await result.data()).url);
  return {at, urls};
}
"""


# The site's own box, timed: one call that returns as soon as the box has said it is ready (the observer above
# resolves window.__boxReady at that moment, whatever the page is still loading) and focuses it, as a reader's tap
# does and as Playwright's fill() does before it types.
FOCUS_WHEN_READY = """() => window.__boxReady.then(() => { document.querySelector(%r).focus(); })"""


def type_when_ready(page: Any, cdp: Any, engine: str, query: str) -> None:
    """Type ``query`` into the site's own box the moment it is ready: focus it, then insert the text.

    What ``fill()`` does (focus, then the DevTools protocol's ``Input.insertText``, which the page receives as
    typing: one ``input`` event), without the checks fill() runs first — each a round trip to a renderer that is
    paused 75 % of the time, which a reader's finger does not wait for. The page is opened without waiting for
    its DOMContentLoaded, which comes only after the theme's bundle has been fetched and run: the box works
    before that, and a reader sees it and types.
    """
    page.evaluate(FOCUS_WHEN_READY % INPUT_SELECTORS[engine])
    cdp.send("Input.insertText", {"text": query})


def wait_until_ready(page: Any, engine: str) -> None:
    """Wait for the engine's own sign that a query can be typed."""
    if engine in OWN:  # the box says it is ready (its script is loaded async by the box, before the theme's)
        page.wait_for_selector("form.cg-search[data-ready] " + INPUT_SELECTORS["new"], state="visible", timeout=300_000)
    elif engine == "today":
        page.wait_for_selector(INPUT_SELECTORS["today"], state="attached")
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.textContent.trim() !== '' && !/初始化|Initializ/.test(m.textContent); }",
            timeout=300_000)


def type_query(page: Any, engine: str, query: str) -> None:
    """Type ``query`` into the engine's search box, as a reader does."""
    selector = INPUT_SELECTORS[engine]
    toggle = "label.md-header__button[for=__search]"
    if engine == "today" and page.is_visible(toggle):  # on a phone the box opens from the header button
        page.click(toggle)
    # the site's own box is typed into at once: fill() focuses it (the reader's tap) and types. A click
    # first added Playwright's own checks (the box holds still over two frames, nothing covers it) run
    # in a renderer paused 75 % of the time: a second on a loaded machine, before and after alike.
    page.fill(selector, query)
    if engine == "today":  # Material searches on keyup (a fill alone sends input events only)
        page.press(selector, "End")


def first_result_time(page: Any, engine: str, root: str, query: str, *, timeout_s: float = 300,
                      typed: bool = False) -> tuple[float, list[str]]:
    """Milliseconds from navigation start to the first result on screen, and the result links.

    ``root`` is the site root URL (Pagefind's bundle lives there for both languages); ``typed``: the query is
    in the box already (:func:`type_when_ready`).
    """
    if engine == "pagefind":
        outcome = page.evaluate(PAGEFIND_SEARCH, [root, query, 5])
        return float(outcome["at"]), [root + url.lstrip("/") for url in outcome["urls"]]
    if not typed:
        type_query(page, engine, query)
    page.wait_for_function("window.__firstResultAt !== undefined", timeout=timeout_s * 1000)
    at = float(page.evaluate("window.__firstResultAt"))
    return at, result_links(page, engine)


def result_links(page: Any, engine: str) -> list[str]:
    return page.eval_on_selector_all(RESULT_SELECTORS[engine], "els => els.map(e => e.href)")


def page_path(href: str, base: str) -> str:
    """The page a result link leads to, relative to the language root, without query or fragment."""
    return href.replace(base, "").split("?")[0].split("#")[0]


def ranked_pages(page: Any, engine: str, root: str, lang: str, query: str, *, limit: int = 10) -> list[str]:
    """The pages the engine lists for ``query``, best first, each once, relative to the language root."""
    base = root + ("en/" if lang == "en" else "")
    if engine == "pagefind":
        outcome = page.evaluate(PAGEFIND_SEARCH, [root, query, limit])
        hrefs = [root + url.lstrip("/") for url in outcome["urls"]]
    else:
        page.fill(INPUT_SELECTORS[engine], "")
        if engine == "today":
            page.press(INPUT_SELECTORS[engine], "End")
        with contextlib.suppress(Exception):  # the previous query's results must be gone first
            page.wait_for_function(f"!document.querySelector({RESULT_SELECTORS[engine]!r})", timeout=3000)
        type_query(page, engine, query)
        if engine in OWN:  # the panel says which query its results are for
            page.wait_for_function("q => document.getElementById('cg-search-panel').dataset.query === q",
                                   arg=query.strip(), timeout=30_000)
            hrefs = result_links(page, engine)
        else:
            hrefs = _stable_links(page, engine)
    pages: list[str] = []
    for href in hrefs:
        path = page_path(href, base)
        if path not in pages:
            pages.append(path)
    return pages[:limit]


def _stable_links(page: Any, engine: str, settle_s: float = 0.4, empty_s: float = 2.5, timeout_s: float = 8) -> list[str]:
    """Result links once two reads ``settle_s`` apart agree (results render in batches).

    No result at all is accepted only after ``empty_s``: the first results may still be on the way.
    """
    start = time.monotonic()
    previous: list[str] | None = None
    while time.monotonic() < start + timeout_s:
        time.sleep(settle_s)
        links = result_links(page, engine)
        if links == previous and (links or time.monotonic() > start + empty_s):
            return links
        previous = links
    return previous or []


@dataclass
class Score:
    """recall@5 and MRR of one engine over some queries, and the misses."""

    found: int = 0
    reciprocal: float = 0.0
    count: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.count if self.count else float("nan")

    @property
    def mrr(self) -> float:
        return self.reciprocal / self.count if self.count else float("nan")


def score(item: dict[str, Any], pages: list[str]) -> tuple[bool, float]:
    """(found in the top 5 by the query sets' rule, reciprocal rank of the best acceptable page)."""
    top = pages[:5]
    first = item.get("first", [])
    found = all(page in top for page in item["expect"]) and (not first or (bool(pages) and pages[0] in first))
    ranks = [pages.index(page) + 1 for page in (first or item["expect"]) if page in pages]
    return found, (1 / min(ranks) if ranks else 0.0)


def score_by_category(items: list[dict[str, Any]], results: list[list[str]]) -> dict[str, Score]:
    """Scores per category, plus ``all``."""
    scores: dict[str, Score] = defaultdict(Score)
    for item, pages in zip(items, results, strict=True):
        found, reciprocal = score(item, pages)
        for key in (item["category"], "all"):
            scores[key].count += 1
            scores[key].found += found
            scores[key].reciprocal += reciprocal
            if not found and key == "all":
                scores[key].misses.append(f"{item['query']} → {pages[:5]}")
    return dict(scores)
