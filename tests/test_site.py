"""The built site from the fixture corpus: pages, downloads, safety, nothing from other hosts."""

from __future__ import annotations

import contextlib
import csv
import json
import re
from pathlib import Path

import pytest

from generator.site.build import build_site
from generator.site.richtext import GlossaryLink, RichText
from tests.conftest import make_project

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"


def test_both_languages_have_the_same_pages(fixture_site: Path) -> None:
    zh = {p.relative_to(fixture_site) for p in fixture_site.rglob("*.html") if "en" not in p.relative_to(fixture_site).parts[:1]}
    en = {p.relative_to(fixture_site / "en") for p in (fixture_site / "en").rglob("*.html")}
    assert zh == en
    for page in ("documents/sample-plan.html", "indicators/rural-facility-coverage.html", "cases/model-community.html",
                 "glossary/yi-you-qi-zhong-xin.html", "themes/facilities.html", "browse/region.html", "downloads.html"):
        assert Path(page) in zh


def test_chinese_headings_get_readable_anchors(fixture_site: Path) -> None:
    page = (fixture_site / "indicators" / "rural-facility-coverage.html").read_text(encoding="utf-8")
    assert 'id="时间线"' in page
    assert not re.search(r'id="_\d+"', page)


def test_downloads(fixture_site: Path) -> None:
    with (fixture_site / "downloads" / "facts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    required = ["indicator_id", "indicator_zh", "indicator_en", "kind", "comparator", "value", "unit", "year",
                "scope_zh", "document_id", "document_title_zh", "clause_id", "quote_zh"]
    assert all(column in rows[0] for column in required)
    first = rows[0]
    assert (first["indicator_id"], first["kind"], first["value"], first["clause_id"]) == (
        "rural-facility-coverage", "observation", "90.1", "s1-1")
    assert (first["year_basis"], first["scope_id"]) == ("stated", "")  # appended columns: an inferred year says so
    entries = json.loads((fixture_site / "downloads" / "entries.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in entries["documents"]} == {"sample-plan", "sample-article"}
    assert "downloads/facts.csv" in (fixture_site / "downloads.html").read_text(encoding="utf-8")
    assert "../downloads/facts.csv" in (fixture_site / "en" / "downloads.html").read_text(encoding="utf-8")


def test_no_asset_is_loaded_from_another_host(fixture_site: Path) -> None:
    for page in fixture_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
        loaded = [url for url in external if not re.search(r'<a [^>]*href="' + re.escape(url), text)]
        assert not loaded, (page, loaded)
        assert "fonts.googleapis" not in text and "unpkg.com" not in text, page


def test_search_index_works_from_disk(fixture_site: Path) -> None:
    """The index is scripts (they load from file://), in both languages, and a page names only its small manifest
    (preloaded with the box's script, issue 21), never a shard or a page file."""
    for base in (fixture_site, fixture_site / "en"):
        assert (base / "search" / "manifest.js").read_text(encoding="utf-8").startswith("cgSearch.m(")
        assert next((base / "search" / "t").glob("*.js")).read_text(encoding="utf-8").startswith("cgSearch.t(")
        assert (base / "search.html").is_file()
        html = (base / "index.html").read_text(encoding="utf-8")
        assert 'src="assets/javascripts/cg-search.js" async' in html
        assert '<link rel="preload" href="search/manifest.js" as="script">' in html
        assert "search/t/" not in html and "search/d/" not in html
        assert (base / "assets" / "javascripts" / "cg-search.js").is_file()
        assert not (base / "assets" / "javascripts" / "search.js").exists()  # the parts are joined, not served twice
        assert not (base / "search" / "search_index.json").exists()


def test_failed_build_leaves_site_untouched_and_reports_like_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, DATA / "valid")
    assert build_site(project, project / "site", DATA / "sources").ok
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    theme = project / "themes" / "facilities.yml"
    theme.write_text(theme.read_text(encoding="utf-8") + "extra: <script>alert(1)</script>\n", encoding="utf-8")
    capsys.readouterr()
    assert not build_site(project, project / "site", DATA / "sources").ok
    err = capsys.readouterr().err
    assert "themes/facilities.yml:4:1: [unknown-field]" in err
    assert "themes/facilities.yml:4:8: [raw-html]" in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert before == after


def test_rich_text_never_passes_html_or_javascript_links() -> None:
    rich = RichText([GlossaryLink("五社联动", "glossary/wu-she-lian-dong.md", 'a "hint" <b>')])
    html = rich.render('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> 五社联动',
                       "documents/a.md")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert 'href="../glossary/wu-she-lian-dong.html"' in html
    assert "&lt;b&gt;" in html  # the hint is escaped inside the title attribute


def test_glossary_links_skip_headings_and_quotes(fixture_site: Path) -> None:
    page = (fixture_site / "documents" / "sample-plan.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, flags=re.S)
    assert headings and not any("glossary-link" in heading for heading in headings)
    rows = re.findall(r"“[^”]*”", page)
    assert rows and not any("glossary-link" in row for row in rows)


def test_every_link_between_entry_pages_has_a_backlink() -> None:
    """If entry page A links to entry page B, B links back to A (the real corpus, both languages)."""
    from generator.content.pipeline import check_corpus
    from generator.site.build import generate_pages

    corpus = check_corpus([ROOT], None).corpus
    entry_folders = ("documents/", "indicators/", "cases/", "glossary/", "themes/")
    for lang in ("zh", "en"):
        pages = generate_pages(corpus, lang)
        entries = {page for page in pages if page.startswith(entry_folders) and not page.endswith("index.md")}
        links: dict[str, set[str]] = {}
        for page in entries:
            targets = set()
            markdown_links = re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", pages[page])
            html_links = [href[:-5] + ".md" for href in re.findall(r'class="source-link" href="([^"#]+\.html)', pages[page])]
            for href in markdown_links + html_links:
                folder = page.rsplit("/", 1)[0]
                target = str(Path(folder, href)).replace("\\", "/")
                target = target.replace("documents/../", "").replace("indicators/../", "").replace("cases/../", "")
                target = target.replace("glossary/../", "").replace("themes/../", "")
                if target in entries and target != page:
                    targets.add(target)
            links[page] = targets
        assert sum(len(targets) for targets in links.values()) > 300  # the check must have links to check
        missing = [(a, b) for a, targets in links.items() for b in targets if a not in links[b]]
        assert not missing, missing[:10]


def test_mkdocs_strict_build_validates_anchors(tmp_path: Path) -> None:
    """A link to a missing anchor in generated Markdown fails the build (validation.anchors is on)."""
    from generator.site.build import mkdocs_build

    project = make_project(tmp_path, DATA / "valid")
    assert build_site(project, project / "site", DATA / "sources").ok
    index = project / "generated" / "zh" / "documents" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[x](sample-plan.md#no-such-clause)\n", encoding="utf-8")
    # MkDocs ends a strict build with an Abort (a SystemExit subclass), hence BaseException
    with contextlib.chdir(project), pytest.raises(BaseException, match="strict"):
        mkdocs_build(project / "mkdocs.yml", tmp_path / "out")


def _article_text(html: str) -> str:
    from html.parser import HTMLParser

    class ArticleText(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "article" or self.depth:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.parts.append(data)

    parser = ArticleText()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.mark.parametrize("site", ["fixture_site", "built_site"])
def test_no_page_shows_unrendered_markdown(site: str, request: pytest.FixtureRequest) -> None:
    """A heading glued to a table, or a table to a paragraph, shows up as literal Markdown.

    Checked on the fixture corpus and on the real one (``built_site``, tests/conftest.py).
    """
    folder: Path = request.getfixturevalue(site)
    leaks = re.compile(r"^\s*#{2,6} |\|\s*-{3}|\]\([^)]*\.md|^\s*[-*] \[", re.MULTILINE)
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        found = leaks.search(_article_text(page.read_text(encoding="utf-8")))
        assert found is None, f"{page.relative_to(folder)}: {found.group(0)!r}"


def test_english_glossary_links_respect_word_boundaries() -> None:
    rich = RichText([GlossaryLink("Grid management", "glossary/grid.md", "Dividing communities into grids."),
                     GlossaryLink("网格化管理", "glossary/grid.md", "划分网格。")])
    linked = rich.render("Grid management (网格化管理) is new.", "cases/x.md")
    assert linked.count('class="glossary-link"') == 1  # one link per target per text
    assert 'title="Dividing communities into grids."' in linked
    assert "glossary-link" not in rich.render("Grid managements differ; SubGrid management too.", "cases/x.md")
    assert "glossary-link" in rich.render("实行网格化管理。", "cases/x.md")  # Chinese needs no boundaries


def test_pinyin_reads_like_romanised_text() -> None:
    from generator.site.render import _spaced_pinyin

    assert _spaced_pinyin("乡镇（街道）社会工作服务站") == "xiāng zhèn (jiē dào) shè huì gōng zuò fú wù zhàn"
    assert _spaced_pinyin("一老一小、一残一困") == "yī lǎo yī xiǎo, yī cán yī kùn"
