"""Search, typed into the real header search box in headless Chromium, over http and from disk.

Every query of every query file (tests/data/search/tuning.yml, heldout.yml, heldout-2.yml, heldout-3.yml, the
blind heldout-4.yml — scored apart, see BLIND_SET — and the older tests/data/search_queries.yml) is typed into
the box; recall@5 must be at least 95 % in every category — spoken questions, toneless pinyin, one-character
slips and English questions with pinyin included (heldout-2.yml, issue 21) — and no result card may show an internal token, an asterisk, a
zero-width space or a "missing" line. Recall@5 and MRR per category and per file are printed
(pytest -s shows them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

DATA = Path(__file__).parent / "data"
QUERY_FILES = {"tuning": DATA / "search" / "tuning.yml", "held-out": DATA / "search" / "heldout.yml",
               "held-out-2": DATA / "search" / "heldout-2.yml", "held-out-3": DATA / "search" / "heldout-3.yml",
               "held-out-4": DATA / "search" / "heldout-4.yml", "old set": DATA / "search_queries.yml"}
REQUIRED_RECALL = 0.95
# Categories still short of REQUIRED_RECALL, with the recall they must not fall below (the issue stays
# open while this is not empty). None now: spoken questions (issue 21) were 50 of 56 over tuning, heldout-2 and
# heldout-3, then 54 of 56 once synonyms.yml had the everyday words heldout-3's misses used (家暴, 挨着, 开门 for
# 开放) and 多久 was read as a question frame asking for a number — tuned on heldout-3, which is no longer blind.
KNOWN_SHORTFALL: dict[str, float] = {}
# heldout-4.yml is the blind set (issue 21): written without running the search, committed before its one
# measurement, and NEVER to be tuned on (no synonyms, frames or ranking changes aimed at its misses). It is
# scored apart from the pooled categories above ("blind spoken", "blind pinyin"), under the same 95 % rule,
# except where BLIND_SET_FLOOR holds the figure it measured blind: a floor so the test still fails if recall
# drops, not a target to tune towards.
BLIND_SET = "held-out-4"
# Measured once, blind (2026-12-08, main at c0c840c, identical over http and from file://): spoken 13 of 20,
# pinyin 7 of 8 — below 95 %, so issue 21's "≥ 95 % on a held-out set in every category" is not met by a set
# nobody tuned on. Measured again after f53a58c (everyday words for indicators, written by someone who never
# opened this file): spoken 15 of 20, pinyin 7 of 8. Do not raise these by tuning on heldout-4's misses; a new
# blind set is the way to re-measure.
BLIND_SET_FLOOR: dict[str, float] = {"blind spoken": 15 / 20, "blind pinyin": 7 / 8}
# what a reader must never see in a result: an internal token, a wildcard, a zero-width space, a "missing" line
# (an asterisk as a wildcard ends a word: 网格* — not the one in a path pattern such as policies/*.yml)
# ("缺少:" as a label: a page may well say 工作缺少科学规划)
UNWANTED = re.compile(r"\bnm\d{6,}|\bdn[0-9a-f]{4,}|[\w\u4e00-\u9fff]\*(?=\s|$)|[\u200b-\u200d\ufeff]|缺少\s*[:：]|missing\s*:",
                      re.IGNORECASE)


def queries() -> list[dict[str, Any]]:
    """Every query of every query file that exists, with its file and category."""
    items: list[dict[str, Any]] = []
    for name, path in QUERY_FILES.items():
        if path.is_file():
            for item in yaml.safe_load(path.read_text(encoding="utf-8")):
                items.append({**item, "file": name, "category": item.get("category", "old set")})
    return items


QUERIES = queries()

RESULTS_JS = """panel => Array.from(panel.querySelectorAll('li.cg-result')).map(li => {
  const a = li.querySelector('a');
  return {href: a.href, title: li.querySelector('.cg-result__title').textContent,
          kind: li.querySelector('.cg-result__kind').textContent, text: li.textContent};
})"""


def header_results(page: Any, query: str) -> list[dict[str, str]]:
    """The result cards shown under the header box for ``query``, best first."""
    box = page.locator("#cg-search-input")
    box.fill(query)
    page.wait_for_function("q => document.getElementById('cg-search-panel').dataset.query === q", arg=query.strip())
    return page.eval_on_selector("#cg-search-panel", RESULTS_JS)


def page_path(href: str, base: str) -> str:
    """The page a result link points to, relative to the language root, without query or anchor."""
    return unquote(urlsplit(href.replace(base, "/", 1)).path).lstrip("/")


def evaluate(browser: Any, base: str) -> list[tuple[dict[str, Any], list[str], list[dict[str, str]]]]:
    """Type every query into the header box of one page per language; (query, result pages, cards)."""
    outcome = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        for lang, prefix in (("zh", ""), ("en", "en/")):
            page = context.new_page()
            page.goto(base + prefix + "index.html")
            for item in [q for q in QUERIES if q["lang"] == lang]:
                cards = header_results(page, item["query"])
                pages = list(dict.fromkeys(page_path(card["href"], base + prefix) for card in cards))
                outcome.append((item, pages, cards))
            page.close()
    finally:
        context.close()
    foreign = [url for url in requests if not url.startswith(("file://", "http://127.0.0.1", "data:"))]
    assert not foreign, foreign
    return outcome


def score(item: dict[str, Any], pages: list[str]) -> tuple[bool, float]:
    """(found, reciprocal rank): every ``expect`` page in the top 5, a ``first`` page first where given."""
    first = item.get("first") or []
    found = all(p in pages[:5] for p in item["expect"]) and (not first or (bool(pages) and pages[0] in first))
    ranks = [pages.index(p) + 1 for p in (first or item["expect"]) if p in pages]
    return found, (1 / min(ranks) if ranks else 0.0)


def report(outcome: list[tuple[dict[str, Any], list[str], list[dict[str, str]]]]) -> tuple[dict[str, tuple[int, int, float]], list[str]]:
    """Per category and per file: (found, queries, MRR); and a line per miss."""
    table: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    misses = []
    for item, pages, _ in outcome:
        found, reciprocal = score(item, pages)
        pooled = f"blind {item['category']}" if item["file"] == BLIND_SET else f"category {item['category']}"
        for key in (pooled, f"file {item['file']}", "all"):
            table[key].append((found, reciprocal))
        if not found:
            misses.append(f"[{item['file']}/{item['category']}] {item['query']!r}: expected {item.get('first') or item['expect']}, "
                          f"got {pages[:5]}")
    summary = {key: (sum(f for f, _ in rows), len(rows), sum(r for _, r in rows) / len(rows)) for key, rows in sorted(table.items())}
    return summary, misses


def print_report(mode: str, summary: dict[str, tuple[int, int, float]]) -> None:
    print(f"\nsearch over {mode}: recall@5 and MRR")
    for key, (found, total, mrr) in summary.items():
        print(f"  {key:28} {found:3}/{total:<3} recall@5 {found / total:6.1%}  MRR {mrr:.3f}")


def check(mode: str, outcome: list[tuple[dict[str, Any], list[str], list[dict[str, str]]]]) -> None:
    summary, misses = report(outcome)
    print_report(mode, summary)
    print("\n".join(misses))
    floors = {**KNOWN_SHORTFALL, **BLIND_SET_FLOOR}
    low = {key: found / total for key, (found, total, _) in summary.items()
           if key.startswith(("category", "blind")) and found / total < min(REQUIRED_RECALL, floors.get(key, 1.0))}
    assert not low, f"recall@5 below {REQUIRED_RECALL:.0%} (or its known shortfall) over {mode}: {low}\n" + "\n".join(misses)
    recovered = [key for key in floors if key in summary and summary[key][0] / summary[key][1] >= REQUIRED_RECALL]
    assert not recovered, f"{recovered} reach {REQUIRED_RECALL:.0%} now: remove them from KNOWN_SHORTFALL / BLIND_SET_FLOOR"


def test_query_files_are_read_and_categorised() -> None:
    assert len(QUERIES) >= 300 and {item["lang"] for item in QUERIES} == {"zh", "en"}
    assert all(item["expect"] for item in QUERIES)
    assert {"spoken", "pinyin", "slips", "english-pinyin"} <= {item["category"] for item in QUERIES if item["file"] == "held-out-2"}


def test_the_blind_set_is_scored_apart_and_held_to_the_rule() -> None:
    blind = {"query": "x", "lang": "zh", "file": BLIND_SET, "category": "spoken", "expect": ["a.html"]}
    tuned = {**blind, "file": "tuning"}
    summary, misses = report([(blind, ["b.html"], []), (tuned, ["a.html"], [])])
    assert summary["blind spoken"][:2] == (0, 1) and summary["category spoken"][:2] == (1, 1) and len(misses) == 1
    with pytest.raises(AssertionError, match="blind spoken"):
        check("test", [(blind, ["b.html"], []), (tuned, ["a.html"], [])])
    assert {item["category"] for item in QUERIES if item["file"] == BLIND_SET} == {"spoken", "pinyin"}


def test_scoring_counts_a_wrong_first_page_as_a_miss() -> None:
    item = {"query": "五社联动", "expect": ["a.html", "b.html"], "first": ["a.html"]}
    assert score(item, ["b.html", "a.html"]) == (False, 0.5)
    assert score(item, ["a.html", "c.html", "b.html"]) == (True, 1.0)
    assert score({"query": "x", "expect": ["a.html"]}, ["1", "2", "3", "4", "5", "a.html"]) == (False, 1 / 6)


def test_unwanted_pattern_catches_what_readers_complained_about() -> None:
    for bad in ["缺少: 网格* 管*", "nm41675858431584809937", "五社\u200b联动", "Missing: grid"]:
        assert UNWANTED.search(bad), bad
    assert not UNWANTED.search("文件 豫政办〔2022〕79号 § s4-2 每个社区建有一处养老服务场所")
    assert not UNWANTED.search("Document A policy document (policies/*.yml).")
    assert not UNWANTED.search("治理体制亟需改革：工作缺少科学规划")


def hygiene(outcome: list[tuple[dict[str, Any], list[str], list[dict[str, str]]]]) -> None:
    """No card, title or link shows a token, an asterisk, a zero-width space or a 'missing' line; every card has a kind."""
    bad = []
    for item, _, cards in outcome:
        for card in cards:
            for field in ("title", "text", "href"):
                if UNWANTED.search(unquote(card[field])):
                    bad.append((item["query"], field, card[field][:80]))
            if "?" in card["href"] or not card["kind"].strip():
                bad.append((item["query"], "href/kind", card["href"], card["kind"]))
    assert not bad, bad[:20]


@pytest.mark.browser
def test_the_box_works_before_and_without_the_themes_bundle(browser: Any, site_url: str) -> None:
    """The box's own script is loaded async by the box: it answers even when the theme's bundle never arrives.

    (First of the browser tests here: it pays for building the site, so the long query tests below do not.)
    """
    context = browser.new_context(viewport={"width": 360, "height": 780})
    try:
        context.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
        page = context.new_page()
        page.goto(site_url + "index.html")
        assert page.evaluate("typeof window.document$") == "undefined"  # the theme's bundle did not run
        page.wait_for_selector("form.cg-search[data-ready]")
        cards = header_results(page, "yjt")
        assert cards and page_path(cards[0]["href"], site_url) == "glossary/yi-jian-tiao.html"
    finally:
        context.close()


@pytest.mark.browser
def test_the_box_works_before_the_themes_stylesheet_has_arrived(browser: Any, site_url: str) -> None:
    """Only the box's own stylesheet holds up the first paint (overrides/main.html): while the theme's is on its way
    the page shows its header bar and the box, which already answers; the page is shown once every sheet is in."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    held: list[Any] = []

    def hold(route: Any) -> None:  # the theme's stylesheet does not arrive until released below
        held.append(route)

    try:
        context.route("**/assets/stylesheets/main.*.css", hold)
        page = context.new_page()
        page.goto(site_url + "index.html", wait_until="commit")
        page.wait_for_selector("form.cg-search[data-ready] #cg-search-input", state="visible")
        assert page.evaluate("document.documentElement.classList.contains('cg-css-pending')")
        assert not page.is_visible(".md-container")  # no unstyled page meanwhile: the header bar and the box alone
        cards = header_results(page, "yjt")
        assert cards and page_path(cards[0]["href"], site_url) == "glossary/yi-jian-tiao.html"
        assert page.is_visible(".cg-result")
        for route in held:
            route.continue_()
        page.wait_for_function("!document.documentElement.classList.contains('cg-css-pending')")
        assert page.is_visible(".md-container")
        assert page.eval_on_selector("link[href*='assets/stylesheets/main.']", "e => e.media") == "all"
    finally:
        context.close()


# each mark in the snippets with the character just before and just after it ("" at either end)
MARKS_JS = """panel => Array.from(panel.querySelectorAll('.cg-result__snippet')).flatMap(p => {
  const nodes = Array.from(p.childNodes);
  return nodes.flatMap((node, i) => node.nodeName !== 'MARK' ? [] : [[
    i > 0 ? nodes[i - 1].textContent.slice(-1) : '', node.textContent,
    i + 1 < nodes.length ? nodes[i + 1].textContent.slice(0, 1) : '']]);
})"""


@pytest.mark.browser
def test_english_snippets_mark_whole_words_and_end_between_words(browser: Any, site_url: str) -> None:
    """"part" is not marked inside participation, nor "take" in stakeholders; a snippet cut short ends between words."""
    page = browser.new_page(viewport={"width": 360, "height": 780})
    try:
        page.goto(site_url + "en/index.html")
        header_results(page, "how can residents take part in community decisions")
        marks = page.eval_on_selector("#cg-search-panel", MARKS_JS)
        assert {word.lower() for _, word, _ in marks} >= {"residents", "community"}, marks
        inside = [m for m in marks if re.fullmatch("[A-Za-z]", m[0]) or re.fullmatch("[A-Za-z]", m[2])]
        assert not inside, inside  # a letter right before or after a mark: part of a longer word was marked
        snippets = page.eval_on_selector_all(".cg-result__snippet", "els => els.map(e => e.textContent)")
        assert not [s for s in snippets if re.search(r"\s[b-hj-z]…$", s)], snippets  # "problems r…"
    finally:
        page.close()


@pytest.mark.browser
def test_search_over_http_finds_the_pages_and_shows_clean_cards(browser: Any, site_url: str) -> None:
    outcome = evaluate(browser, site_url)
    hygiene(outcome)
    check("http", outcome)
    for item, _, cards in outcome:
        if item["lang"] == "en" and cards:  # English queries return English pages
            assert re.search("[A-Za-z]{3}", cards[0]["title"]), (item["query"], cards[0]["title"])


@pytest.mark.browser
def test_search_from_disk_finds_the_same_pages(browser: Any, built_site: Path) -> None:
    outcome = evaluate(browser, built_site.as_uri() + "/")
    hygiene(outcome)
    check("file://", outcome)


def _search_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if "/search/" in urlsplit(url).path]


@pytest.mark.browser
def test_only_the_small_manifest_loads_until_a_reader_searches(page: Any, site_url: str, built_site: Path) -> None:
    """A page loads the manifest (a few kB: counts, stop words, traditional characters), no shard, no page file."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(site_url + "documents/henan-2022-community-service-plan.html")
    page.wait_for_load_state("networkidle")
    assert [urlsplit(u).path for u in _search_requests(seen)] == ["/search/manifest.js"]
    assert (built_site / "search" / "manifest.js.gz").stat().st_size < 8_000
    box = page.get_by_role("searchbox", name="搜索")  # an accessible name, in the header
    box.focus()
    page.wait_for_load_state("networkidle")
    assert [urlsplit(u).path for u in _search_requests(seen)] == ["/search/manifest.js"]
    box.fill("五社联动")
    page.wait_for_selector(".cg-result")
    loaded = [urlsplit(u).path for u in _search_requests(seen)]
    assert any(p.startswith("/search/t/") for p in loaded) and any(p.startswith("/search/d/") for p in loaded)
    assert len(loaded) < 25, loaded  # a few small shards and the pages shown, not a whole index
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('cg-result__link')")
    assert all(u.startswith(site_url) for u in seen), seen


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["http", "file"])
def test_the_results_page_reads_q_and_filters_by_kind(browser: Any, site_url: str, built_site: Path, mode: str) -> None:
    base = site_url if mode == "http" else built_site.as_uri() + "/"
    page = browser.new_page()
    try:
        page.goto(base + "search.html?q=" + "社區養老")  # traditional characters, as typed on a Hong Kong keyboard
        page.wait_for_function("document.getElementById('cg-search-page').dataset.query === '社區養老'")
        kinds = page.eval_on_selector_all(".cg-search-page__results .cg-result", "els => els.map(e => e.dataset.kind)")
        assert len(kinds) >= 5 and len(set(kinds)) > 1
        assert page.input_value("#cg-search-page-input") == "社區養老"
        assert page.locator(".cg-search-page__results mark").first.inner_text() in ("社区", "养老", "社区养老")
        page.get_by_role("button", name="指标").click()
        page.wait_for_function("Array.from(document.querySelectorAll('.cg-search-page__results .cg-result'))"
                               ".every(e => e.dataset.kind === 'indicator')")
        assert page.locator(".cg-search-page__results .cg-result").count() >= 1
        assert not page.locator(".cg-search-page__nojs").is_visible()
        page.goto(base + "en/search.html?q=elderly%20care")
        page.wait_for_selector(".cg-search-page__results .cg-result")
        assert page.locator(".cg-search-page__results .cg-result__kind").first.inner_text() in (
            "Document", "Indicator", "Work method", "Term", "Theme")
    finally:
        page.close()


@pytest.mark.browser
def test_without_javascript_the_results_page_says_search_needs_it(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "search.html?q=五社联动")
        assert "搜索需要 JavaScript" in page.locator(".cg-search-page__nojs").inner_text()
        # the theme's stylesheets load as usual (their <noscript> copies): a styled header, the page shown
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.is_visible(".md-content")
        page.goto(site_url + "en/search.html")
        assert "Search needs JavaScript" in page.locator(".cg-search-page__nojs").inner_text()
    finally:
        context.close()


@pytest.mark.browser
def test_queries_are_segmented_into_the_words_of_the_index(page: Any, site_url: str) -> None:
    """search.js reads a query by longest match against the index (both directions), not 开|会议|事."""
    page.goto(site_url + "index.html")

    def words(query: str) -> list[str]:
        return page.evaluate("q => cgSearch.words(q)", query)

    meeting = words("村里开会议事有什么办法")
    assert "议事" in meeting and "会议" not in meeting and "什么" not in meeting and "办法" not in meeting
    assert "一肩挑" in words("一肩挑怎么产生")  # a term stays whole (not 一肩 + 挑)
    assert "五社联动" in words("五社聯動")  # traditional characters read as simplified
    grid = words("网格员管多少户")
    assert "网格" in grid and "多少" not in grid and "户" in grid


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["http", "file"])
def test_pinyin_and_one_character_slips_find_the_name_on_both_sites(browser: Any, site_url: str, built_site: Path, mode: str) -> None:
    base = site_url if mode == "http" else built_site.as_uri() + "/"
    page = browser.new_page()
    try:
        for prefix, query, expected in (("", "yijiantiao", "glossary/yi-jian-tiao.html"), ("", "yjt", "glossary/yi-jian-tiao.html"),
                                        ("en/", "yijiantiao", "glossary/yi-jian-tiao.html"),
                                        ("en/", "yi zheng san yi", "cases/yi-zheng-san-yi-liang-gong-kai.html"),
                                        ("", "yi zheng san yi", "cases/yi-zheng-san-yi-liang-gong-kai.html"),
                                        ("", "社公站", "glossary/xiang-zhen-jie-dao-she-hui-gong-zuo-fu-wu-zhan.html")):
            page.goto(base + prefix + "index.html")
            pages = [page_path(card["href"], base + prefix) for card in header_results(page, query)]
            assert expected in pages[:3], (prefix, query, pages[:5])
    finally:
        page.close()


@pytest.mark.browser
def test_a_spoken_question_finds_the_case_by_the_questions_it_answers(page: Any, site_url: str) -> None:
    """The page lists its questions (常见问法); a question in everyday words finds it, and a card shows the question."""
    page.goto(site_url + "cases/henan-she-qu-jian-fu-zeng-xiao.html")
    heading = page.get_by_role("heading", name="常见问法")
    assert heading.is_visible()
    assert "哪些证明不能要求社区出具" in page.locator("article").inner_text()
    page.goto(site_url + "en/cases/henan-she-qu-jian-fu-zeng-xiao.html")
    assert page.get_by_role("heading", name="Questions people ask").is_visible()
    page.goto(site_url + "index.html")
    cards = header_results(page, "上面老让社区盖章开证明怎么办")
    top = [page_path(card["href"], site_url) for card in cards[:3]]
    assert "cases/henan-she-qu-jian-fu-zeng-xiao.html" in top, top
    # a card whose page answers the question in so many words shows that question and links to it
    assert any(unquote(card["href"]).endswith("#常见问法") and "？" in card["text"] for card in cards[:3]), cards[:3]
