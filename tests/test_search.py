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
    """recall@5 (every ``expect`` page in the top 5, and a ``first`` page first where given), MRR, failures.

    The reciprocal rank is that of the best-placed acceptable page: one of ``first`` when the
    query names one, else any of ``expect``.
    """
    hits, reciprocal, failures = 0, 0.0, []
    for item, pages, _ in outcome:
        top = pages[:5]
        missing = [p for p in item["expect"] if p not in top]
        first = item.get("first", [])
        if first and (not pages or pages[0] not in first):
            failures.append(f"{item['query']!r}: expected one of {first} first, got {pages[:3]}")
        elif missing:
            failures.append(f"{item['query']!r}: expected {missing} in the top 5, got {top}")
        else:
            hits += 1
        ranks = [pages.index(p) + 1 for p in (first or item["expect"]) if p in pages]
        reciprocal += 1 / min(ranks) if ranks else 0
    return hits / len(outcome), reciprocal / len(outcome), failures


def test_query_set_is_large_and_bilingual() -> None:
    assert len(QUERIES) >= 40
    assert {item["lang"] for item in QUERIES} == {"zh", "en"}
    for item in QUERIES:
        assert set(item) <= {"query", "lang", "expect", "first"} and item["expect"], item


def test_report_counts_a_wrong_first_page_as_a_miss() -> None:
    """The scoring itself: a query whose named page is second does not pass, and scores 1/2."""
    item = {"query": "五社联动", "lang": "zh", "expect": ["a.html", "b.html"], "first": ["a.html"]}
    recall, mrr, failures = _report([(item, ["b.html", "a.html"], [])])
    assert (recall, mrr) == (0.0, 0.5) and len(failures) == 1
    recall, mrr, failures = _report([(item, ["a.html", "c.html", "b.html"], [])])
    assert (recall, mrr, failures) == (1.0, 1.0, [])


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


@pytest.mark.browser
def test_the_worker_makes_the_same_tokens_as_the_index(browser: Any) -> None:
    """The query side (JavaScript in the patched worker) and the index side (Python) must agree."""
    import json

    from generator.search.plugin import CODES_JS, document_code, name_token

    page = browser.new_page()
    try:
        for query in ["五社联动", "Five-Society Linkage", "five society  linkage", "乡镇（街道）社会工作服务站",
                      "𠀀字 Ünïcode", "豫政办〔2022〕79号"]:
            tokens = page.evaluate(f"() => {{ {CODES_JS} return __compendiumCodes({json.dumps(query)}); }}").split()
            assert name_token(query) == tokens[-1], query
            code = document_code(query)
            assert code is None or code in tokens, query
    finally:
        page.close()
