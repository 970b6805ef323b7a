"""What the build adds for publishing: site_url, sharing tags, .gz copies, CSVs, manifest, citations."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest

from generator.site.build import build_site
from generator.site.compress import precompress
from tests.conftest import make_project

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SITE_URL = "https://example.org/kb/"


def _head(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[: text.index("</head>")]


def test_precompress_writes_identical_deterministic_gzip_copies(tmp_path: Path) -> None:
    page = tmp_path / "a" / "page.html"
    page.parent.mkdir()
    page.write_text("<p>社区治理知识库</p>" * 100, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("a{}", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(1000))
    (tmp_path / "sitemap.xml").write_text("<urlset>" + "<url/>" * 100 + "</urlset>", encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"kept as it is")

    assert precompress(tmp_path) == 1
    copy = page.with_name("page.html.gz")
    assert gzip.decompress(copy.read_bytes()) == page.read_bytes()
    assert not (tmp_path / "tiny.css.gz").exists()  # too small to gain
    assert not (tmp_path / "logo.png.gz").exists()  # not text
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == b"kept as it is"
    first = copy.read_bytes()
    copy.unlink()
    precompress(tmp_path)
    assert copy.read_bytes() == first  # no timestamp inside: the same site gives the same bytes


def test_built_site_has_gzip_copies_manifest_service_worker_and_icons(fixture_site: Path) -> None:
    for lang in ("", "en/"):
        home = fixture_site / lang / "index.html"
        assert gzip.decompress(home.with_name("index.html.gz").read_bytes()) == home.read_bytes()
        manifest = json.loads((fixture_site / lang / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["start_url"] == "index.html" and manifest["display"] == "standalone"
        for icon in manifest["icons"]:
            assert (fixture_site / lang / icon["src"]).is_file(), icon
        assert (fixture_site / lang / "sw.js").is_file()
        head = _head(home)
        assert 'rel="manifest"' in head and 'rel="apple-touch-icon"' in head and "logo.svg" in head
    assert manifest["name"] == "Community Governance Compendium"
    assert gzip.decompress((fixture_site / "assets/stylesheets/compendium.css.gz").read_bytes())


def test_without_site_url_no_page_needs_an_absolute_address(fixture_site: Path) -> None:
    head = _head(fixture_site / "cases" / "model-community.html")
    assert 'rel="canonical"' not in head and 'hreflang=' not in head and "og:url" not in head
    assert not re.search(r'(href|src|content)="https?://', head)


def test_each_page_has_its_own_description_and_title(fixture_site: Path) -> None:
    descriptions = {}
    for page in sorted(fixture_site.rglob("*.html")):
        if page.name == "404.html" or (page.name == "deploy.html" and page.parent.name == "en"):
            continue  # the error page says what the site is; hand-written pages are shared by both languages
        head = _head(page)
        description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)  # type: ignore[union-attr]
        og = re.search(r'<meta property="og:description" content="([^"]*)"', head).group(1)  # type: ignore[union-attr]
        assert description and og == description, page
        assert '<meta property="og:title"' in head and '<meta property="og:type"' in head
        descriptions[page.relative_to(fixture_site).as_posix()] = description
    for english in (False, True):  # an untranslated English page may repeat its Chinese twin's text
        texts = {page: text for page, text in descriptions.items() if page.startswith("en/") == english}
        shared = {page: text for page, text in texts.items() if list(texts.values()).count(text) > 1}
        assert not shared, "pages of one language share a description"
    assert "<title>社区治理知识库</title>" in _head(fixture_site / "index.html")  # not "社区治理知识库 - 社区治理知识库"
    assert descriptions["cases/model-community.html"].startswith("**") is False


def test_site_url_from_the_environment_reaches_sitemap_canonical_og_and_hreflang(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, DATA / "valid")
    monkeypatch.setenv("COMPENDIUM_SITE_URL", SITE_URL.rstrip("/"))  # the trailing slash is added
    assert build_site(project, project / "site", DATA / "sources").ok
    site = project / "site"
    assert f"<loc>{SITE_URL}cases/model-community.html</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}en/cases/model-community.html</loc>" in (site / "en" / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("", "en/"):
        head = _head(site / lang / "cases" / "model-community.html")
        assert f'<link rel="canonical" href="{SITE_URL}{lang}cases/model-community.html">' in head
        assert f'<meta property="og:url" content="{SITE_URL}{lang}cases/model-community.html">' in head
        # hreflang points at the twin page, not at the page itself
        assert f'hreflang="zh" href="{SITE_URL}cases/model-community.html"' in head
        assert f'hreflang="en" href="{SITE_URL}en/cases/model-community.html"' in head
        assert f'<meta property="og:image" content="{SITE_URL}{lang}assets/images/icon-512.png">' in head


def test_build_option_site_url_is_passed_on() -> None:
    from generator.cli import _parser

    assert _parser().parse_args(["build", "--site-url", SITE_URL]).site_url == SITE_URL


def test_each_indicator_has_a_csv_of_its_timeline_in_both_languages(fixture_site: Path) -> None:
    page = (fixture_site / "indicators" / "rural-facility-coverage.html").read_text(encoding="utf-8")
    timeline = page[page.index('class="timeline-table"'):]
    rows = timeline[: timeline.index("</table>")].count("<tr class=")
    assert 'href="../downloads/indicators/rural-facility-coverage.csv"' in page
    for name, kinds in (("rural-facility-coverage.csv", {"报告的数值", "目标"}),
                        ("rural-facility-coverage.en.csv", {"Reported value", "Target"})):
        raw = (fixture_site / "downloads" / "indicators" / name).read_text(encoding="utf-8")
        assert raw.startswith("\ufeff")  # spreadsheet programs on Chinese Windows read it as UTF-8
        records = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
        assert len(records) == rows
        assert {record["kind"] for record in records} == kinds
        assert all(record["quote"] and record["citation"] and record["document"] for record in records)
    en_page = (fixture_site / "en" / "indicators" / "rural-facility-coverage.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/indicators/rural-facility-coverage.en.csv"' in en_page


def test_citations_read_as_the_document_numbers_its_clauses() -> None:
    from generator.content.citations import anchor_label, citation
    from generator.content.pipeline import check_corpus

    corpus = check_corpus([DATA / "valid"], None).corpus
    plan, article = corpus.documents["sample-plan"], corpus.documents["sample-article"]
    assert anchor_label(corpus, plan, "s1-1", "zh") == "一、（一）"
    assert citation(corpus, plan, "s1-1", "zh").endswith("》一、（一）")
    fact = next(f for f in plan.facts if f.clause == "s1-1")
    assert anchor_label(corpus, plan, corpus.anchor_of(fact), "zh") == "一、（一）"  # a fact cites its clause
    assert re.fullmatch(r".+ · 第1段", anchor_label(corpus, article, "s1-1", "zh"))
    assert re.fullmatch(r".+, para\. 1", anchor_label(corpus, article, "s1-1", "en"))


def test_official_original_is_linked_only_when_the_entry_gives_its_address() -> None:
    from generator.content.pipeline import check_corpus
    from generator.site.render import PageRenderer

    corpus = check_corpus([DATA / "valid"], None).corpus
    plan = corpus.documents["sample-plan"]
    renderer = PageRenderer(corpus, "zh")
    assert "官方原文" not in renderer.document_page(plan)
    with_url = plan.model_copy(update={"source": plan.source.model_copy(update={"url": "https://www.henan.gov.cn/x.html"})})
    assert '<a href="https://www.henan.gov.cn/x.html" rel="noopener">官方原文</a>' in renderer.document_page(with_url)
    for unsafe in ("javascript:alert(1)", "//evil.example/x", 'https://a.org/x" onmouseover="alert(1)'):  # had check missed it
        page = renderer.document_page(plan.model_copy(update={"source": plan.source.model_copy(update={"url": unsafe})}))
        assert "javascript:" not in page and 'href="//' not in page and 'onmouseover="' not in page
