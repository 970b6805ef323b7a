"""The reader's words (issue 19): one readable citation per clause, never an id; a reader's menu; a footer in the page's language.

The scan reads every built page of both languages (the editors' pages, which explain ids, aside)
and the search index the header box shows its cards from.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.content.citations import anchor_label, chinese_number, citation
from generator.content.links import Corpus
from generator.content.model import Bilingual, Document, Section
from generator.content.pipeline import check_corpus
from generator.site.build import ENGLISH_CONFIG
from generator.site.navigation import CONTRIBUTE_PAGE, CONTRIBUTOR_PAGES, ENGLISH_NAV

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return check_corpus([ROOT], None).corpus


def _doc(sections: list[Section], short: Bilingual | None = None) -> Document:
    return Document.model_validate({
        "id": "synthetic", "title": {"zh": "某某规划", "en": "A synthetic plan"}, "kind": "plan",
        "issuers": [{"zh": "某省人民政府"}], "level": "provincial", "region": {"zh": "某省"},
        "source": {"publisher": {"zh": "某省人民政府"}}, "reproduction": "full", "summary": {"zh": "摘要"},
        "short_title": short.model_dump() if short else None,
        "sections": [section.model_dump() for section in sections],
    })


def _labels(document: Document, lang: str) -> dict[str, str]:
    corpus = Corpus.__new__(Corpus)
    corpus.anchors = {(document.id, c.id): c for s in document.sections for c in s.clauses}  # type: ignore[misc]
    corpus.anchors.update({(document.id, s.id): s for s in document.sections})
    return {c.id: anchor_label(corpus, document, c.id, lang) for s in document.sections for c in s.clauses}


# ---------- the label itself ----------

def test_citation_reads_as_the_document_numbers_its_clauses_in_both_languages() -> None:
    corpus = check_corpus([DATA / "valid"], None).corpus
    plan = corpus.documents["sample-plan"]
    assert citation(corpus, plan, "s1-1", "zh") == "《河南省“十四五”城乡社区服务体系建设规划（节选）》一、（一）"
    assert citation(corpus, plan, "s1-1", "en") == "Henan community service plan (excerpt), Part 1 (1)"
    assert citation(corpus, plan, "s2-1", "en") == "Henan community service plan (excerpt), Part 2, para. 1"
    assert citation(corpus, plan, None, "zh") == "《河南省“十四五”城乡社区服务体系建设规划（节选）》"
    assert anchor_label(corpus, plan, "rural-2020", "en") == "Part 1 (1)"  # a fact is cited by its clause
    assert anchor_label(corpus, plan, "no-such-anchor", "zh") == ""  # never the id itself


def test_every_kind_of_printed_numbering_has_an_english_form() -> None:
    section = Section.model_validate({"id": "s4", "label": "十四、", "heading": {"zh": "保障措施", "en": "Safeguards"}, "clauses": [
        {"id": "a", "label": "(二)", "text": {"zh": "x"}},
        {"id": "b", "label": "（十七）", "text": {"zh": "x"}},
        {"id": "c", "label": "一是", "text": {"zh": "x"}},
        {"id": "d", "label": "第三", "text": {"zh": "x"}},
        {"id": "e", "label": "第十二条", "text": {"zh": "x"}},
        {"id": "f", "label": "——", "heading": {"zh": "坚持党的全面领导", "en": "Upholding the Party's overall leadership"},
         "text": {"zh": "x"}},
        {"id": "g", "text": {"zh": "x"}},
        {"id": "h", "label": "甲", "text": {"zh": "x"}},
    ]})
    document = _doc([section])
    assert _labels(document, "en") == {"a": "Part 14 (2)", "b": "Part 14 (17)", "c": "Part 14, point 1", "d": "Part 14, point 3",
                                       "e": "Part 14, Article 12", "f": "Part 14, para. 6", "g": "Part 14, para. 7",
                                       "h": "Part 14, para. 8"}
    assert _labels(document, "zh") == {"a": "十四、（二）", "b": "十四、（十七）", "c": "十四、一是", "d": "十四、第三",
                                       "e": "十四、第十二条", "f": "十四、坚持党的全面领导", "g": "十四、第7段", "h": "十四、甲"}
    assert [chinese_number(text) for text in ("十", "十四", "二十", "二十一", "一百零五", "7", "甲")] == [10, 14, 20, 21, 105, 7, None]


def test_an_unnumbered_section_is_named_by_its_heading_cut_between_words() -> None:
    long_heading = {"zh": "坚持问题导向 找准短板不足", "en": "Facing problems squarely and identifying the weaknesses of the work"}
    untranslated = {"zh": "坚持创新引领 推进社区善治"}
    document = _doc([
        Section.model_validate({"id": "s1", "heading": long_heading, "clauses": [
            {"id": "s1-1", "label": "一是", "text": {"zh": "x"}},
            {"id": "s1-2", "heading": {"zh": "优化服务格局，提升社区服务水平", "en": "Better services"}, "text": {"zh": "x"}}]}),
        Section.model_validate({"id": "s2", "heading": untranslated, "clauses": [{"id": "s2-1", "text": {"zh": "x"}}]}),
    ])
    zh, en = _labels(document, "zh"), _labels(document, "en")
    assert zh == {"s1-1": "坚持问题导向 · 一是", "s1-2": "坚持问题导向 · 优化服务格局", "s2-1": "坚持创新引领 · 第1段"}
    assert en["s1-1"] == "Facing problems squarely and…, point 1"
    assert en["s2-1"] == "Section 2, para. 1"  # no English heading: its place, never Chinese


def test_every_english_label_of_the_corpus_is_whole_words_with_no_chinese(corpus: Corpus) -> None:
    for document in corpus.documents.values():
        words = set(re.findall(r"[\w’'-]+", " ".join(
            (text.en or "") for text in [document.title, document.short_title,
                                         *(s.heading for s in document.sections),
                                         *(c.heading for s in document.sections for c in s.clauses if c.heading)] if text)))
        for section in document.sections:
            for clause in section.clauses:
                english = citation(corpus, document, clause.id, "en")
                chinese = citation(corpus, document, clause.id, "zh")
                assert not CJK.search(english), english
                assert re.fullmatch(r"《[^《》]+》\S.*", chinese), chinese
                for word in re.findall(r"[A-Za-z’'-]+(?=…)", english):  # a shortened heading ends on a whole word
                    assert word in words, f"{english!r} cuts a word"


# ---------- no id where a person reads ----------

class _Reader(HTMLParser):
    """Visible text (no script, style or template) and every title / aria-label of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []  # the text of every link (citations live in links)
        self.in_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        if tag == "a":
            self.in_link += 1
            self.links.append("")
        self.attributes += [value for name, value in attrs if name in ("title", "aria-label", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        if tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.text.append(data)
            if self.in_link:
                self.links[-1] += data


def _id_pattern(corpus: Corpus) -> re.Pattern[str]:
    anchors = {anchor for (_, anchor) in corpus.anchors} | {corpus.anchor_of(f) for d in corpus.documents.values() for f in d.facts}
    documents = "|".join(re.escape(name) for name in sorted(corpus.documents, key=len, reverse=True))
    bare = "|".join(re.escape(name) for name in sorted(anchors, key=len, reverse=True))
    return re.compile(rf"(?:{documents})#[\w-]+|(?<![\w#-])(?:{bare})(?![\w-])")


def _reader_pages(site: Path) -> list[Path]:
    editors = {page.replace(".md", ".html") for page, _, _ in CONTRIBUTOR_PAGES}
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix().removeprefix("en/")
        if relative not in editors and not relative.startswith("admin/"):
            pages.append(path)
    return pages


def test_no_page_shows_a_clause_id_in_its_text_or_tooltips(built_site: Path, corpus: Corpus) -> None:
    ids = _id_pattern(corpus)
    pages = _reader_pages(built_site)
    assert len(pages) > 400 and any("/en/" in p.as_posix() for p in pages)
    found = []
    for path in pages:
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        for where, texts in (("text", reader.text), ("title", reader.attributes)):
            for text in texts:
                if match := ids.search(text):
                    found.append(f"{path.relative_to(built_site)} ({where}): …{text[max(0, match.start() - 30):match.end() + 30]}…")
    assert not found, "\n".join(found[:20])


def test_search_cards_name_clauses_as_the_page_does(built_site: Path, corpus: Corpus) -> None:
    """The header box shows each passage's label: 《…》-style numbering, never "§ s1-4"; English with no Chinese."""
    ids = _id_pattern(corpus)
    for lang in ("", "en/"):
        labels = []
        for shard in (built_site / lang / "search" / "d").glob("*.js"):
            labels += re.findall(r'\["[^"]*","(§ [^"]*)"', shard.read_text(encoding="utf-8"))
        assert len(labels) > 100, lang
        assert not [label for label in labels if ids.search(label)]
        if lang:
            assert not [label for label in labels if CJK.search(label)], "Chinese numbering on the English search cards"
        else:
            assert "§ 四、（二）" in labels


CHINESE_NUMBERING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|· 第|第\d+段|[一二三四五六七八九十]是")


def test_no_english_link_or_tooltip_carries_chinese_numbering(built_site: Path) -> None:
    """"三、(六)" or "· 第三" must not appear in a citation on an English page."""
    found = []
    for path in _reader_pages(built_site / "en"):
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.name}: {text}" for text in reader.links + reader.attributes if CHINESE_NUMBERING.search(text)]
    assert not found, found[:10]


def test_english_pages_cite_in_english(built_site: Path) -> None:
    page = (built_site / "en" / "documents" / "henan-2022-community-service-plan.html").read_text(encoding="utf-8")
    anchors = re.findall(r'class="clause-anchor"[^>]*title="([^"]*)">([^<]*)<', page)
    assert len(anchors) > 30
    for title, text in anchors:
        assert not CJK.search(title + text), (title, text)
        assert title.startswith("Henan community service plan 2021–2025, ") and text.startswith("§ ")
    indicator = (built_site / "en" / "indicators" / "rural-community-service-facility-coverage.html").read_text(encoding="utf-8")
    for name in re.findall(r'class="source-link"[^>]*>([^<]*)<', indicator):
        assert not CJK.search(name) and "…" not in name, name


def test_downloads_name_each_clause_readably(built_site: Path) -> None:
    import csv

    with (built_site / "downloads" / "facts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["clause_id"] for row in rows)  # the id stays, in its own column
    assert all(row["citation_zh"].startswith("《") and "》" in row["citation_zh"] for row in rows)
    assert all(row["citation_en"] and not CJK.search(row["citation_en"]) for row in rows)


# ---------- the reader's menu and the footer ----------

def _nav_pages(nav: list[object]) -> list[str]:
    pages: list[str] = []
    for item in nav:
        for value in (item.values() if isinstance(item, dict) else [item]):
            pages += _nav_pages(value) if isinstance(value, list) else [str(value)]
    return pages


def test_the_menus_hold_reader_pages_only_and_alike_in_both_languages() -> None:
    chinese = _nav_pages(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)["nav"])
    english = _nav_pages(yaml.safe_load(ENGLISH_NAV)["nav"])
    assert chinese == english
    assert ENGLISH_NAV in ENGLISH_CONFIG
    editors = {page for page, _, _ in CONTRIBUTOR_PAGES}
    assert not editors & set(chinese)
    for page in editors:
        assert (ROOT / "docs" / page).is_file() or page == "reference/fields.md", page


class _Links(HTMLParser):
    """The links inside an element with the given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class, self.depth, self.hrefs, self.text = css_class, 0, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link")
            if tag == "a":
                self.hrefs.append(values.get("href") or "")
        elif self.css_class in (values.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_built_menu_and_footer(built_site: Path, lang: str) -> None:
    editors = {page.replace(".md", ".html").rsplit("/", 1)[-1] for page, _, _ in CONTRIBUTOR_PAGES}
    for page in ("index.html", "documents/henan-2022-community-service-plan.html", "glossary/index.html"):
        html = (built_site / lang / page).read_text(encoding="utf-8")
        nav = _Links("md-nav--primary")
        nav.feed(html)
        assert nav.hrefs and not [h for h in nav.hrefs if h.rsplit("/", 1)[-1] in editors], page
        footer = _Links("cg-footer")
        footer.feed(html)
        text = " ".join("".join(footer.text).split())
        assert any(h.endswith(CONTRIBUTE_PAGE.replace(".md", ".html")) for h in footer.hrefs)
        assert "Made with" not in html
        if lang:
            assert "Contribute" in text
        else:
            assert "参与编辑" in text and not re.search(r"Material|Made|Built", text)
    contribute = (built_site / lang / "contribute.html").read_text(encoding="utf-8")
    for page, _, _ in CONTRIBUTOR_PAGES:
        assert f'href="{page.replace(".md", ".html")}"' in contribute


def test_glossary_pages_name_the_source_of_each_definition(built_site: Path) -> None:
    for path in (built_site / "glossary").glob("*.html"):
        if path.name == "index.html":
            continue
        zh = path.read_text(encoding="utf-8")
        en = (built_site / "en" / "glossary" / path.name).read_text(encoding="utf-8")
        assert "term-pinyin" not in zh and not re.search(r"<em>[a-zāáǎàēéěèīíǐìōóǒòūúǔù ]+</em>", zh), path.name
        assert re.search(r"<h3[^>]*>《[^》]+》", zh), path.name  # the definition's heading names its document
        assert not re.search(r"<h3[^>]*>\d+\. ", zh + en), path.name
        assert 'class="term-original"' in en


# ---------- entry text never names another entry by its id ----------

_HYPHENED = re.compile(r"(?<![\w/.#-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\w/.#-])")


def _texts(value: object, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every Chinese or English text in an entry's data."""
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in _texts(inner, f"{path}.{key}" if path else str(key))]
    if isinstance(value, list):
        return [item for index, inner in enumerate(value) for item in _texts(inner, f"{path}.{index}")]
    return [(path, value)] if isinstance(value, str) and path.rsplit(".", 1)[-1] in ("zh", "en") else []


def _spaced(text: str) -> str:
    """Lower case, hyphens as spaces, plurals as singulars: "Smart communities" → "smart community"."""
    words = re.sub(r"[\s-]+", " ", text.lower()).split(" ")
    return " ".join(re.sub(r"(?<=[^s])s$", "", re.sub(r"ies$", "y", word)) for word in words)


def test_no_entry_text_names_another_entry_by_its_id() -> None:
    """An indicator's note once read "不同于…总数（county-social-work-centres）": readers get the other entry's name.

    An id counts when it stands alone in brackets, or when its words are not an ordinary phrase of that entry's
    English name (``elderly-care`` in English prose is a phrase; ``households-per-grid`` is an id)."""
    names: dict[str, str] = {}
    files = sorted(path for folder in ("policies", "casebook", "glossary", "themes", "courses")
                   for path in (ROOT / folder).rglob("*.yml"))
    data = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    for entry in data.values():
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            name = entry.get("name") or entry.get("title") or {}
            names[entry["id"]] = _spaced(str(name.get("en", "")) if isinstance(name, dict) else "")
    found = []
    for path, entry in data.items():
        for where, text in _texts(entry):
            for match in _HYPHENED.finditer(text):
                word = match.group(1)
                if word not in names:
                    continue
                bracketed = text[max(0, match.start() - 1):match.start()] + text[match.end():match.end() + 1] in ("()", "（）")
                if bracketed or _spaced(word) not in names[word]:
                    found.append(f"{path.relative_to(ROOT)} {where}: {word}")
    assert not found, "\n".join(found)
