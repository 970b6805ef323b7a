"""What readers see of the status rules: badges linked to the rules page, findings, scopes, inferred years, disagreements."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.content.pipeline import check_corpus
from generator.content.status import STATUS_NAMES
from generator.site.build import LANGUAGES, generate_pages

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 29)

# A reply of the kind the audit found: a per-10,000 target for all community workers by the end of the
# 14th Five-Year period, an observation counting urban workers only, and a total that disagrees with the plan.
REPLY = """\
id: sample-reply
title: {zh: 提案答复（节选）, en: Reply to a proposal (excerpt)}
kind: reply
issuers: [{zh: 河南省民政厅, en: Henan Department of Civil Affairs}]
level: provincial
region: {zh: 河南省, en: Henan}
year: 2023
reproduction: full
source: {publisher: {zh: 河南省民政厅, en: Henan Department of Civil Affairs}}
summary: {zh: 答复。, en: Reply.}
sections:
  - id: s1
    heading: {zh: 一, en: One}
    clauses:
      - id: s1-1
        text: {zh: 每万城镇常住人口拥有城市社区工作者数量达到12.7人。, en: "Urban workers per 10,000 residents: 12.7."}
        note: {zh: 原文称“六项”，只列出五项。, en: The text announces six items and lists five.}
      - id: s1-2
        text: {zh: 力争到“十四五”末，每万城镇常住人口拥有社区工作者数量不少于18人。, en: "By the end of 2025, at least 18."}
facts:
  - indicator: workers-per-10000
    kind: observation
    value: 12.7
    year: 2022
    scope_id: urban-workers-only
    scope: {zh: 全省（城市社区工作者）, en: province-wide (urban community workers)}
    clause: s1-1
    quote: 每万城镇常住人口拥有城市社区工作者数量达到12.7人
  - indicator: workers-per-10000
    kind: target
    comparator: ">="
    value: 18
    year: 2025
    year_basis: period-end
    scope: {zh: 全省, en: province-wide}
    clause: s1-2
    quote: 每万城镇常住人口拥有社区工作者数量不少于18人
  - id: rural-reply
    indicator: rural-facility-coverage
    kind: observation
    value: 90.1
    scope: {zh: 全省农村社区, en: rural communities province-wide}
    clause: s1-1
    quote: 城乡社区综合服务设施覆盖率
    disagrees_with: [sample-plan#rural-2020]
"""

INDICATOR = """\
id: workers-per-10000
name: {zh: 每万城镇常住人口拥有社区工作者数, en: Community workers per 10000 urban residents}
unit: {zh: 人, en: persons}
direction: higher
definition: {zh: 社区工作者数除以城镇常住人口（万人）。, en: Community workers per 10000 urban residents.}
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(DATA / "valid", root, dirs_exist_ok=True)
    (root / "policies" / "sample-reply.yml").write_text(REPLY, encoding="utf-8")
    (root / "policies" / "indicators" / "workers-per-10000.yml").write_text(INDICATOR, encoding="utf-8")
    result = check_corpus([root], None)
    assert not result.problems, [p.message("en") for p in result.problems]
    return {f"{lang}/{page}": text for lang in LANGUAGES for page, text in generate_pages(result.corpus, lang, TODAY).items()}


def test_every_status_badge_links_to_its_rule(pages: dict[str, str]) -> None:
    badges = 0
    for name, text in pages.items():
        for status, href in re.findall(r'<a class="status status-([a-z-]+)" href="([^"]+)"', text):
            badges += 1
            assert href.endswith(f"reference/status-rules.html#{status}"), (name, href)
            assert f"{{#{status}}}" in pages[f"{name[:2]}/reference/status-rules.md"]
    assert badges >= 8


def test_the_rules_page_explains_every_status_in_both_languages(pages: dict[str, str]) -> None:
    for lang, index in (("zh", 0), ("en", 1)):
        rules = pages[f"{lang}/reference/status-rules.md"]
        for status, names in STATUS_NAMES.items():
            assert f"## {names[index]} {{#{status}}}" in rules
    assert "compound-annual-growth-rate" in pages["en/reference/status-rules.md"]
    assert "复合年均增长率" in pages["zh/reference/status-rules.md"] and "95%" in pages["zh/reference/status-rules.md"]


def test_a_mismatched_scope_gives_no_status_and_says_why(pages: dict[str, str]) -> None:
    zh = pages["zh/indicators/workers-per-10000.md"]
    assert 'href="../reference/status-rules.html#scope-differs"' in zh
    assert "范围不同，不能直接比较，所以不判断是否完成" in zh
    assert "全省（城市社区工作者）" in zh and "不可比" in zh
    assert "status-missed" not in zh
    en = pages["en/indicators/workers-per-10000.md"]
    assert "so they cannot be compared and no verdict is given" in en
    assert "province-wide (urban community workers)" in en


def test_an_inferred_year_is_marked_where_it_is_shown(pages: dict[str, str]) -> None:
    assert ('<td data-label="年份">2025（推定：规划期末）</td> <td data-label="类型">目标</td>'
            in pages["zh/indicators/workers-per-10000.md"])
    assert "≥ 18 人 (2025（推定：规划期末）)" in pages["zh/indicators/workers-per-10000.md"]
    assert ('<td data-label="Year">2025 (inferred: end of plan period)</td> <td data-label="Type">Target</td>'
            in pages["en/indicators/workers-per-10000.md"])
    assert "| 2025（推定：规划期末） |" in pages["zh/documents/sample-reply.md"]
    assert "<title>目标 2025（推定）: &gt;=18" in pages["zh/indicators/workers-per-10000.md"]  # the chart's point too
    assert "<title>Target 2025 (inferred): &gt;=18" in pages["en/indicators/workers-per-10000.md"]


def test_a_marked_disagreement_shows_both_sources_on_both_sides(pages: dict[str, str]) -> None:
    indicator = pages["zh/indicators/rural-facility-coverage.md"]
    box = indicator.split('!!! warning "来源不一致"')[1].split("##")[0]
    assert "编者标注" in box
    assert "../documents/sample-reply.md#rural-reply" in box and "../documents/sample-plan.md#rural-2020" in box
    assert "另一来源说法不同：90.1 %" in pages["zh/documents/sample-plan.md"]
    assert "Another source says otherwise: 86 % (2020)" in pages["en/documents/sample-reply.md"]


def test_a_clause_note_is_shown_under_the_clause(pages: dict[str, str]) -> None:
    assert "原文称“六项”，只列出五项。" in pages["zh/documents/sample-reply.md"]
    assert "The text announces six items and lists five." in pages["en/documents/sample-reply.md"]


def test_english_indicator_pages_show_the_chinese_name(pages: dict[str, str]) -> None:
    assert '| Chinese name | <span lang="zh">每万城镇常住人口拥有社区工作者数</span> |' in pages["en/indicators/workers-per-10000.md"]
    assert "Chinese name" not in pages["zh/indicators/workers-per-10000.md"]


def test_the_listing_links_each_status_to_its_rule(pages: dict[str, str]) -> None:
    listing = pages["en/indicators/index.md"]
    assert 'href="../reference/status-rules.html#scope-differs"' in listing


def test_the_built_rules_page_has_the_anchors_badges_link_to(fixture_site: Path) -> None:
    for prefix in ("", "en/"):
        page = (fixture_site / f"{prefix}reference" / "status-rules.html").read_text(encoding="utf-8")
        for status in STATUS_NAMES:
            assert f'id="{status}"' in page


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "heading"), [("zh", "已实现"), ("en", "Achieved")])
def test_clicking_a_badge_opens_its_rule(page: Page, fixture_site_url: str, lang: str, heading: str) -> None:
    """On a phone: the badge is readable, tappable, and lands on the rule that decided it."""
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{fixture_site_url}{'en/' if lang == 'en' else ''}indicators/rural-facility-coverage.html")
    badge = page.locator("article table a.status").first
    expect(badge).to_have_text(heading)
    colour, background = badge.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert _contrast(colour, background) >= 4.5, (colour, background)
    badge.click()
    expect(page).to_have_url(re.compile(r"reference/status-rules\.html#achieved$"))
    expect(page.locator("article h2#achieved")).to_contain_text(heading)
    expect(page.locator("article h2#achieved")).to_be_in_viewport()


@pytest.mark.browser
def test_every_status_badge_is_readable(page: Page, fixture_site_url: str) -> None:
    """The rules page shows one badge per status: each must reach 4.5:1 (WCAG AA for normal text)."""
    page.goto(f"{fixture_site_url}reference/status-rules.html")
    badges = page.locator("article span.status")
    expect(badges).to_have_count(len(STATUS_NAMES))
    for index in range(len(STATUS_NAMES)):
        badge = badges.nth(index)
        colour, background = badge.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert background != "rgba(0, 0, 0, 0)", f"{badge.get_attribute('class')} has no background of its own"
        assert _contrast(colour, background) >= 4.5, (badge.get_attribute("class"), colour, background)


def _contrast(first: str, second: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_chart_is_kept_out_of_the_search_index(fixture_site: Path) -> None:
    """Axis labels glued into one token (2017201820190…) are noise: search reads the page without the chart."""
    import re

    from generator.search.extract import read_page

    for prefix in ("", "en/"):
        html = fixture_site / f"{prefix}indicators" / "rural-facility-coverage.html"
        assert "data-search-exclude" in html.read_text(encoding="utf-8")
        page = read_page(html, "indicators/rural-facility-coverage.html")
        assert page.passages, "the page itself is indexed"
        glued = [passage.text for passage in page.passages if re.search(r"\d{8,}", passage.text)]
        assert glued == [], glued
