"""Search, typed into the real search box in headless Chromium, over http and from disk."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

QUERIES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "search_queries.yml").read_text(encoding="utf-8"))


def results(page: Any, base: str, query: str) -> list[tuple[str, str]]:
    """(page path, title) of the search results for ``query``, best first, one per page."""
    page.goto(base + "index.html")
    page.fill("input.md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    # results render in batches; wait until two reads agree
    previous: list[tuple[str, str]] = []
    for _ in range(20):
        found = page.eval_on_selector_all(
            ".md-search-result__item > a",
            "els => els.map(e => [e.href, (e.querySelector('h1, h2') || e).innerText])")
        pages: list[tuple[str, str]] = []
        for href, title in found:
            path = href.replace(base, "").split("?")[0].split("#")[0]
            if path not in [p for p, _ in pages]:
                pages.append((path, title))
        if pages and pages == previous:
            return pages
        previous = pages
        time.sleep(0.1)
    return previous


def _evaluate(browser: Any, base: str) -> list[tuple[dict[str, Any], list[str], list[tuple[str, str]]]]:
    page = browser.new_page()
    outcome = []
    for item in QUERIES:
        prefix = base + ("en/" if item["lang"] == "en" else "")
        found = results(page, prefix, item["query"])
        outcome.append((item, [p for p, _ in found], found))
    page.close()
    return outcome


def _report(outcome: list[tuple[dict[str, Any], list[str], list[tuple[str, str]]]]) -> tuple[float, float, list[str]]:
    hits, reciprocal, failures = 0, 0.0, []
    for item, pages, _ in outcome:
        ranks = [pages.index(p) + 1 if p in pages else None for p in item["expect"]]
        if all(rank is not None and rank <= 5 for rank in ranks):
            hits += 1
        else:
            failures.append(f"{item['query']!r}: expected {item['expect']} in top 5, got {pages[:5]}")
        first = ranks[0]
        reciprocal += 1 / first if first else 0
    return hits / len(outcome), reciprocal / len(outcome), failures


def test_query_set_is_large_and_bilingual() -> None:
    assert len(QUERIES) >= 40
    assert {item["lang"] for item in QUERIES} == {"zh", "en"}


@pytest.mark.browser
def test_every_query_finds_its_pages_in_the_top_five(browser: Any, site_url: str) -> None:
    outcome = _evaluate(browser, site_url)
    recall, mrr, failures = _report(outcome)
    print(f"recall@5 = {recall:.3f}, MRR = {mrr:.3f} over {len(outcome)} queries")
    assert not failures, "\n".join(failures)
    for item, _, found in outcome:
        if item["lang"] == "en":
            # the English side does not put Chinese-only pages first
            assert any("a" <= ch.lower() <= "z" for ch in found[0][1]), (item["query"], found[0])


@pytest.mark.browser
def test_search_works_from_disk(browser: Any, built_site: Path) -> None:
    base = built_site.as_uri() + "/"
    outcome = _evaluate(browser, base)
    recall, _, failures = _report(outcome)
    assert not failures, "\n".join(failures)
    assert recall == 1.0
