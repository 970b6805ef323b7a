"""The real site in a real browser: content, links, language switching, no outside requests, opening from disk.

The browser tests use the fixtures of conftest.py: ``built_site`` (the repository corpus built
once into a temporary folder), ``site_url`` (that folder over http on 127.0.0.1), ``browser``
(Debian's Chromium) and ``page``. The last test, the atomic build, needs no browser.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from generator.content.sources import default_sources_dir
from generator.site.build import build_site

ROOT = Path(__file__).resolve().parent.parent

DOCUMENT = "documents/henan-2022-community-service-plan.html"
INDICATOR = "indicators/rural-community-service-facility-coverage.html"
CASE = "cases/si-yi-liang-gong-kai.html"  # casebook/si-yi-liang-gong-kai.yml
CASE_WITH_STEPS = "henan-xiang-zhen-she-gong-zhan"  # casebook/henan-xiang-zhen-she-gong-zhan.yml

# What each language's pages must say. Anchors of generated headings differ by language.
TEXT = {
    "zh": {
        "document_h1": "河南省人民政府办公厅关于印发河南省“十四五”城乡社区服务体系建设规划的通知",
        "document_number": "发文字号",
        "indicator_h1": "农村社区综合服务设施覆盖率",
        "disagreement": "来源不一致",
        "timeline": "时间线",
        "chart_target": "目标 2018",
        "chart_observation": "报告的数值",
        "chart_undated": "报告的数值 原文未写年份，2022年报告: 86",
        "chart_legend_undated": "原文未写年份",
        "case_h1": "四议两公开",
        "case_sources": "来源",
        "case_basis": "政策依据",
        "cited_by": "引用本条的条目",
        "clause_anchor": "§ 一、（一）",
        "indicators_index_h1": "指标",
        "steps": "做法步骤",
        "documents_h1": "政策文件",
    },
    "en": {
        "document_h1": "Henan 14th Five-Year Plan for the Urban and Rural Community Service System",
        "document_number": "Document number",
        "indicator_h1": "Rural comprehensive community service facility coverage",
        "disagreement": "Sources disagree",
        "timeline": "timeline",
        "chart_target": "Target 2018",
        "chart_observation": "Reported value",
        "chart_undated": "Reported value year not given, reported in 2022: 86",
        "chart_legend_undated": "Year not given",
        "case_h1": "Four Deliberations and Two Disclosures",
        "case_sources": "sources",
        "case_basis": "policy-basis",
        "cited_by": "Cited by",
        "clause_anchor": "§ Part 1 (1)",
        "indicators_index_h1": "Indicators",
        "steps": "steps",
        "documents_h1": "Documents",
    },
}
LANGS = ["zh", "en"]


def url_of(site_url: str, lang: str, path: str) -> str:
    """The address of ``path`` in one language: Chinese at the root, English under en/."""
    return site_url + ("en/" if lang == "en" else "") + path


def goto(page: Page, address: str) -> None:
    response = page.goto(address)
    assert response is None or response.ok, f"{address} answered {response.status}"


def h1(page: Page):
    return page.locator("article h1").first


def heading(page: Page, anchor: str):
    """A heading by its id (Chinese ids are used as they are, so select by attribute)."""
    return page.locator(f'article [id="{anchor}"]')


def table_after(page: Page, anchor: str):
    """The first table after the heading with this id (Material's JavaScript wraps tables in divs)."""
    return page.locator(f'xpath=//article//*[@id="{anchor}"]/following::table[1]')


def external_requests(urls: list[str], allow_file: bool) -> list[str]:
    """URLs that would leave the machine: anything but 127.0.0.1 (and file:// if allowed), data: and blob:."""
    outside = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1":
            continue
        if allow_file and parts.scheme == "file" and parts.netloc == "":
            continue
        outside.append(url)
    return outside


def file_requests_only(urls: list[str]) -> list[str]:
    """URLs that are neither file:// nor data:/blob:."""
    return [url for url in urls if urlsplit(url).scheme not in ("file", "data", "blob")]


# 1. Content ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_document_page_content(page: Page, site_url: str, lang: str) -> None:
    text = TEXT[lang]
    goto(page, url_of(site_url, lang, DOCUMENT))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(h1(page)).to_contain_text(text["document_h1"])

    number = page.locator(".metadata-card tr", has_text=text["document_number"])
    expect(number).to_have_count(1)
    expect(number).to_be_visible()
    expect(number).to_contain_text("豫政办〔2022〕79号")

    clause = page.locator("#s1-1")
    expect(clause).to_be_visible()
    expect(clause.locator("a.clause-anchor")).to_have_attribute("href", "#s1-1")
    expect(clause.locator("a.clause-anchor")).to_have_text(text["clause_anchor"])  # as the plan numbers it, not its id
    expect(clause.locator(".cited-by")).to_contain_text(text["cited_by"])

    facts = table_after(page, "facts").locator("tbody tr")
    expect(facts.first).to_be_visible()
    assert facts.count() >= 6, f"expected the facts table to list this plan's targets and observations, found {facts.count()} rows"

    if lang == "en":
        # every text of the corpus has a draft English translation: shown, and labelled a draft
        expect(clause).to_contain_text("44,990 villages")
        expect(page.locator(".zh-fallback")).to_have_count(0)
        expect(page.locator("article .admonition").first).to_contain_text("Draft translation, not yet reviewed.")
    else:
        expect(page.locator(".zh-fallback")).to_have_count(0)


@pytest.mark.browser
def test_missing_english_shows_the_chinese_with_a_notice(page: Page, fixture_site_url: str) -> None:
    """The fixture corpus leaves an indicator's definition untranslated on purpose (tests/data/valid)."""
    goto(page, fixture_site_url + "en/indicators/urban-facility-coverage.html")
    expect(page.locator("article .admonition").first).to_contain_text("No English translation yet")
    marked = page.locator("article .zh-fallback").first
    expect(marked).to_be_visible()
    expect(marked).to_have_attribute("lang", "zh")
    expect(marked).to_have_attribute("title", "No English translation yet; the Chinese original is shown.")
    expect(marked).to_contain_text("设有综合服务设施的城市社区")
    goto(page, fixture_site_url + "en/indicators/rural-facility-coverage.html")  # translated: no marks
    expect(page.locator("article .zh-fallback")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_indicator_page_content(page: Page, site_url: str, lang: str) -> None:
    text = TEXT[lang]
    goto(page, url_of(site_url, lang, INDICATOR))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(h1(page)).to_contain_text(text["indicator_h1"])

    flag = page.locator(".admonition.warning", has_text=text["disagreement"])
    expect(flag).to_be_visible()
    expect(flag.locator(".admonition-title")).to_have_text(text["disagreement"])
    expect(flag.locator("li")).to_have_count(3)
    expect(flag).to_contain_text("90.1 %")

    expect(heading(page, text["timeline"])).to_be_visible()
    rows = table_after(page, text["timeline"]).locator("tbody tr")
    expect(rows).to_have_count(4)
    values = rows.locator("td:nth-child(3)")  # the value column; notes under a row may quote the other source's value
    expect(values.filter(has_text="90.1 %")).to_have_count(1)
    expect(values.filter(has_text="≥ 40 %")).to_have_count(1)
    expect(values.filter(has_text="86 %")).to_have_count(2)
    for row in range(4):
        expect(rows.nth(row).locator('a[href*="../documents/"]').first).to_be_visible()

    chart = page.locator("article figure.indicator-chart svg")
    expect(chart).to_have_count(1)
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-label", text["indicator_h1"])
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 200, f"the chart is drawn only {box['width']} px wide"
    assert box["height"] > 50, f"the chart is drawn only {box['height']} px high"
    titles = chart.locator("title").all_text_contents()
    assert any(text["chart_target"] in title for title in titles), titles
    # no source gives these values a year: each is drawn at the year of its report, as a hollow circle of its own,
    # with a legend entry; the article, which has no year either, cannot be placed, and the caption says so
    assert any(text["chart_undated"] in title for title in titles), titles
    expect(chart.locator(".chart-point--undated")).to_have_count(2)
    expect(chart.locator("text", has_text=text["chart_legend_undated"])).to_have_count(1)
    expect(page.locator("article figure.indicator-chart figcaption")).to_contain_text("1")
    expect(page.locator(".zh-fallback")).to_have_count(0)  # this indicator is fully translated


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_case_page_content(page: Page, site_url: str, lang: str) -> None:
    text = TEXT[lang]
    case = yaml.safe_load((ROOT / "casebook" / "si-yi-liang-gong-kai.yml").read_text(encoding="utf-8"))
    goto(page, url_of(site_url, lang, CASE))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(h1(page)).to_contain_text(text["case_h1"])

    expect(heading(page, text["case_sources"])).to_be_visible()
    sources = page.locator(f'article h2[id="{text["case_sources"]}"] + ul > li')
    expect(sources).to_have_count(len(case["sources"]))
    for item in range(len(case["sources"])):
        link = sources.nth(item).locator("a")
        expect(link).to_have_attribute("href", re.compile(r"^\.\./documents/[a-z0-9-]+\.html#s\d+-\d+$"))
        expect(sources.nth(item)).to_contain_text("“")  # the quote from the source is shown
    expect(heading(page, text["case_basis"])).to_be_visible()
    expect(page.locator(".zh-fallback")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_case_steps_are_a_numbered_list(page: Page, site_url: str, lang: str) -> None:
    text = TEXT[lang]
    case = yaml.safe_load((ROOT / "casebook" / f"{CASE_WITH_STEPS}.yml").read_text(encoding="utf-8"))
    goto(page, url_of(site_url, lang, f"cases/{CASE_WITH_STEPS}.html"))
    expect(heading(page, text["steps"])).to_be_visible()
    steps = page.locator(f'article h2[id="{text["steps"]}"] + ol > li')
    assert steps.count() == len(case["steps"]), (
        f"{len(case['steps'])} steps in the YAML, {steps.count()} list item(s) on the page: {steps.all_inner_texts()}"
    )
    for number, step in enumerate(case["steps"]):
        expect(steps.nth(number)).to_contain_text(step["title"][lang])


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_documents_index_is_a_table(page: Page, site_url: str, lang: str) -> None:
    documents = sorted((ROOT / "policies").glob("*.yml"))
    goto(page, url_of(site_url, lang, "documents/index.html"))
    expect(h1(page)).to_contain_text(TEXT[lang]["documents_h1"])
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(documents), (
        f"{len(documents)} documents, {rows.count()} table rows; the page says: {page.locator('article').inner_text()[:300]!r}"
    )
    expect(rows.filter(has_text="豫政办〔2022〕79号").locator(f'a[href="{Path(DOCUMENT).name}"]')).to_be_visible()


# 2. Cross-links and backlinks ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_fact_links_to_indicator(page: Page, site_url: str, lang: str) -> None:
    goto(page, url_of(site_url, lang, DOCUMENT))
    link = table_after(page, "facts").locator(f'a[href="../{INDICATOR}"]')
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(url_of(site_url, lang, INDICATOR))
    expect(h1(page)).to_contain_text(TEXT[lang]["indicator_h1"])
    expect(page.locator("article figure.indicator-chart svg")).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_indicator_timeline_links_back_to_clause(page: Page, site_url: str, lang: str) -> None:
    goto(page, url_of(site_url, lang, INDICATOR))
    timeline = table_after(page, TEXT[lang]["timeline"])
    link = timeline.locator(f'a[href="../{DOCUMENT}#s1-1"]')
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(url_of(site_url, lang, DOCUMENT) + "#s1-1")
    assert urlsplit(page.url).fragment == "s1-1"
    clause = page.locator("#s1-1")
    expect(clause).to_have_count(1)
    expect(clause).to_be_in_viewport()
    expect(clause).to_contain_text("44990" if lang == "zh" else "Foundations")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_case_to_clause_and_cited_by_back(page: Page, site_url: str, lang: str) -> None:
    """Case → the clause it rests on (#s3-1) → that clause's "Cited by" list → the case again."""
    goto(page, url_of(site_url, lang, CASE))
    basis = page.locator(f'article h2[id="{TEXT[lang]["case_basis"]}"] + ul a[href="../{DOCUMENT}#s3-1"]')
    expect(basis).to_have_count(1)
    basis.click()
    page.wait_for_url(url_of(site_url, lang, DOCUMENT) + "#s3-1")
    assert urlsplit(page.url).fragment == "s3-1"
    clause = page.locator("#s3-1")
    expect(clause).to_have_count(1)
    expect(clause).to_be_in_viewport()

    cited_by = clause.locator(".cited-by")
    expect(cited_by).to_contain_text(TEXT[lang]["cited_by"])
    if cited_by.evaluate("e => e.tagName") == "DETAILS":  # a long list is folded: one tap opens it
        expect(cited_by.locator(f'a[href="../{CASE}"]')).not_to_be_visible()
        cited_by.locator("summary").click()
    back = cited_by.locator(f'a[href="../{CASE}"]')
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(url_of(site_url, lang, CASE))
    expect(h1(page)).to_contain_text(TEXT[lang]["case_h1"])


# 3. Language switcher -----------------------------------------------------------------------


def switch_language(page: Page, to: str) -> None:
    """Open the header's language menu and choose a language, as a reader would."""
    page.locator(".md-header__option .md-select > button").click()
    link = page.locator(f'.md-header__option a.md-select__link[data-lang="{to}"]')
    expect(link).to_be_visible()
    link.click()


@pytest.mark.browser
@pytest.mark.parametrize("path", [DOCUMENT, INDICATOR, CASE, "index.html", "documents/index.html"])
def test_language_switcher_keeps_the_page(page: Page, site_url: str, path: str) -> None:
    goto(page, url_of(site_url, "zh", path))
    switch_language(page, "en")
    page.wait_for_url(url_of(site_url, "en", path))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(h1(page)).to_be_visible()

    switch_language(page, "zh")
    page.wait_for_url(url_of(site_url, "zh", path))
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(h1(page)).to_be_visible()


# 4. Nothing but 127.0.0.1 -------------------------------------------------------------------


@pytest.mark.browser
def test_no_request_leaves_the_machine(page: Page, site_url: str, session_requests: list[str]) -> None:
    """Walk the pages the other tests use (and search) while recording every request; all must go to 127.0.0.1.

    ``session_requests`` also holds whatever the browser tests before this one requested.
    """
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    for lang in LANGS:
        for path in (
            "index.html",
            DOCUMENT,
            INDICATOR,
            CASE,
            f"cases/{CASE_WITH_STEPS}.html",
            "documents/index.html",
            "downloads.html",
            "glossary/si-yi-liang-gong-kai.html",
        ):
            goto(page, url_of(site_url, lang, path))
            page.wait_for_load_state("networkidle")
        # the cross-link, the backlink and the language switch, as in the tests above
        goto(page, url_of(site_url, lang, DOCUMENT))
        table_after(page, "facts").locator(f'a[href="../{INDICATOR}"]').click()
        page.wait_for_url(url_of(site_url, lang, INDICATOR))
        table_after(page, TEXT[lang]["timeline"]).locator(f'a[href="../{DOCUMENT}#s1-1"]').click()
        page.wait_for_url(url_of(site_url, lang, DOCUMENT) + "#s1-1")
        switch_language(page, "zh" if lang == "en" else "en")
        page.wait_for_load_state("networkidle")
        # search (on the page switched to) loads its manifest and shards
        page.locator("#cg-search-input").click()
        page.keyboard.type("community" if lang == "zh" else "社区")
        expect(page.locator(".cg-result").first).to_be_visible()
        page.wait_for_load_state("networkidle")

    assert any(urlsplit(url).path.endswith("search/manifest.js") for url in seen), "search was not exercised"
    outside = external_requests(seen + session_requests, allow_file=True)
    assert not outside, f"{len(outside)} request(s) left 127.0.0.1:\n" + "\n".join(sorted(set(outside)))


# 5. From disk -------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_pages_work_from_disk(page: Page, built_site: Path, lang: str) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    base = built_site / "en" if lang == "en" else built_site
    document = (base / DOCUMENT).as_uri()
    goto(page, document)
    expect(h1(page)).to_contain_text(TEXT[lang]["document_h1"])
    expect(page.locator(".metadata-card")).to_contain_text("豫政办〔2022〕79号")
    # the stylesheet loaded from disk: Material lays out the header
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")

    # a navigation link in the sidebar
    nav = page.locator('.md-sidebar--primary a.md-nav__link[href="../indicators/index.html"]')
    expect(nav).to_be_visible()
    nav.click()
    page.wait_for_url((base / "indicators" / "index.html").as_uri())
    expect(h1(page)).to_contain_text(TEXT[lang]["indicators_index_h1"])

    # a link inside the content, back on the document page
    goto(page, document)
    table_after(page, "facts").locator(f'a[href="../{INDICATOR}"]').click()
    page.wait_for_url((base / INDICATOR).as_uri())
    expect(h1(page)).to_contain_text(TEXT[lang]["indicator_h1"])
    expect(page.locator("article figure.indicator-chart svg")).to_be_visible()

    # the language switcher works from disk too
    other = "zh" if lang == "en" else "en"
    switch_language(page, other)
    page.wait_for_url(((built_site / "en" if other == "en" else built_site) / INDICATOR).as_uri())
    expect(h1(page)).to_contain_text(TEXT[other]["indicator_h1"])
    page.wait_for_load_state("networkidle")

    assert all(urlsplit(url).scheme == "file" for url in seen[:1]), seen[:1]
    leaving = file_requests_only(seen)
    assert not leaving, f"{len(leaving)} request(s) left file://:\n" + "\n".join(sorted(set(leaving)))


# 6. Atomic build (no browser) ---------------------------------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → SHA-256 of its bytes)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_failed_build_leaves_site_untouched(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("policies", "casebook", "glossary", "themes", "docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "site"
    sources = default_sources_dir(ROOT)

    first = build_site(root=project, site_dir=site, sources_dir=sources)
    assert first.ok
    index = (site / "index.html").read_bytes()
    before = tree_digest(site)
    assert "index.html" in before
    assert "en/documents/henan-2022-community-service-plan.html" in before

    broken = project / "policies" / "henan-2022-community-service-plan.yml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nfacts: [unclosed\n  - {: oops\n", encoding="utf-8")
    second = build_site(root=project, site_dir=site, sources_dir=sources)

    assert second.ok is False
    assert (site / "index.html").read_bytes() == index
    after = tree_digest(site)
    assert after.keys() == before.keys(), (
        f"files added: {sorted(after.keys() - before.keys())[:10]}, removed: {sorted(before.keys() - after.keys())[:10]}"
    )
    changed = sorted(name for name in before if before[name] != after[name])
    assert not changed, f"files changed by a failed build: {changed[:10]}"
    leftovers = sorted(path.name for path in project.iterdir() if path.name.startswith("."))
    assert not leftovers, f"staging folders left behind: {leftovers}"
