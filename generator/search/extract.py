"""Read a built page back into what search needs: title, kind, headings and passages with anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.content.kinds import CORPUS_KINDS
from generator.search.normalise import ZERO_WIDTH

BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "figcaption"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
SKIPPED_CLASSES = {"headerlink", "clause-anchor", "term-pinyin", "md-source-file"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACES = re.compile(r"\s+")
# where the parser starts reading: Material's <article class="md-content__inner md-typeset">
ARTICLE = re.compile(r"""<article\b[^>]*\bclass=["'][^"']*\bmd-content__inner\b""")

# kind of page by the folder it is in; index pages of those folders and browse/ are lists
KINDS = {kind.pages: kind.name for kind in CORPUS_KINDS}


@dataclass
class Passage:
    """One block of a page's text (a paragraph, list item, table row) and where it is."""

    anchor: str  # element id to link to ("" for the top of the page)
    label: str  # what the anchor is called: a clause's printed numbering (§ 三、（二）) as the page shows it, else the heading
    text: str
    heading: bool = False


@dataclass
class SearchPage:
    """A built page as search sees it."""

    url: str  # relative to the language root: cases/hong-se-wu-ye.html
    kind: str  # document, indicator, case, term, theme, list, page
    title: str = ""
    passages: list[Passage] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the page's names (strongest match)
    aliases: list[str] = field(default_factory=list)
    own_number: str = ""  # a document's own number (发文字号)
    lead: str = ""  # what the page is, in a sentence: a term's definition (weighted between title and headings)
    questions: list[str] = field(default_factory=list)  # the questions an entry answers (常见问法), weighted high


def page_kind(url: str) -> str:
    """document / indicator / case / term / theme for entry pages, list or page otherwise."""
    folder, _, name = url.partition("/")
    if folder == "browse" or (folder in KINDS and name == "index.html") or url == "index.html":
        return "list"
    return KINDS.get(folder, "page") if name else "page"


class _ArticleParser:
    """Collects the text blocks of ``<article>`` with the id of the clause or heading they are under.

    A target of lxml's HTML parser (libxml2: half the time of the standard library's parser, which gave the same
    passages on every page of the real and of a 1,000-entry site, build-profile.md): it is told each start tag,
    end tag and run of text.
    """

    def __init__(self) -> None:
        self.depth = 0  # > 0 inside the article
        self.stack: list[tuple[str, str, bool]] = []  # (tag, id, skipped)
        self.skipped = 0  # how many elements of the stack are skipped: their text is not read
        self.block: list[str] | None = None
        self.block_tag = ""
        self.cells: list[str] = []
        self.in_head_row = False
        self.title = ""
        self.heading_anchor = ""
        self.heading_label = ""
        self.clause = ""
        self.clause_label: list[str] | None = None  # the text of the clause's own anchor link, while it is read
        self.clause_labels: dict[str, str] = {}
        self.passages: list[Passage] = []

    def start(self, tag: str, values: dict[str, str]) -> None:
        classes = set((values.get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if not self.depth or tag in VOID:
            if tag == "br" and self.block is not None:
                self.block.append(" ")
            return
        element_id = values.get("id") or ""
        # the translation notices (info: draft, warning: Chinese only) are boilerplate, not what a page says
        notice = "admonition" in classes and bool(classes & {"info", "warning"})
        # data-search-exclude: Material's mark for what search should not see (the indicator chart)
        excluded = "data-search-exclude" in values
        skipped = bool(classes & SKIPPED_CLASSES) or notice or excluded
        self.stack.append((tag, element_id, skipped))
        self.skipped += skipped
        if tag == "div" and "clause" in classes:
            self.clause = element_id
        if tag == "a" and "clause-anchor" in classes and self.clause:
            self.clause_label = []
        if tag == "th":
            self.in_head_row = True
        if tag in ("td", "th"):
            self.cells.append("")
        if tag in BLOCKS and self.block is None and not self.skipped:
            self.block, self.block_tag = [], tag
            if tag in HEADINGS or tag == "h1":
                self.heading_anchor = element_id if tag in HEADINGS else ""
            if tag == "tr":
                self.cells, self.in_head_row = [], False

    def end(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        if tag == "article":
            self.depth = 0
            return
        if tag == "a" and self.clause_label is not None:
            self.clause_labels[self.clause] = clean("".join(self.clause_label))
            self.clause_label = None
        while self.stack:
            open_tag, element_id, skipped = self.stack.pop()
            self.skipped -= skipped
            if open_tag == "div" and element_id and element_id == self.clause:
                self.clause = ""
            if open_tag == tag:
                break
        if tag == self.block_tag and self.block is not None:
            self._flush(tag)

    def data(self, data: str) -> None:
        if self.clause_label is not None:
            self.clause_label.append(data)
        if self.block is None or self.skipped:
            return
        self.block.append(data)
        if self.block_tag == "tr" and self.cells:
            self.cells[-1] += data

    def close(self) -> None:
        """The end of the page (lxml's parser asks its target for a result)."""

    def _flush(self, tag: str) -> None:
        if tag == "tr":
            text = "" if self.in_head_row else " · ".join(clean(cell) for cell in self.cells if clean(cell))
        else:
            text = clean("".join(self.block or []))
        self.block, self.block_tag = None, ""
        if not text:
            return
        if tag == "h1":
            self.title = self.title or text
            return
        if tag in HEADINGS:
            self.heading_label = text
            self.passages.append(Passage(self.heading_anchor, text, text, heading=True))
            return
        if self.clause:
            # named as the page names the clause (§ 三、（二）), never by its id
            self.passages.append(Passage(self.clause, self.clause_labels.get(self.clause) or self.heading_label, text))
        else:
            self.passages.append(Passage(self.heading_anchor, self.heading_label, text))


def clean(text: str) -> str:
    """Text as a reader copies it: no zero-width characters, single spaces."""
    return SPACES.sub(" ", ZERO_WIDTH.sub("", text)).strip()


def article_html(page: str) -> str:
    """The page from its article to the article's end: all the parser reads (the header, menu and footer around it,
    half of a page's bytes, are skipped rather than parsed and ignored). The whole page when it has no such article."""
    start = ARTICLE.search(page)
    if start is None:
        return page
    end = page.find("</article>", start.start())
    return page[start.start():] if end < 0 else page[start.start():end + len("</article>")]


def read_page(path: Path, url: str) -> SearchPage:
    """The search view of one built HTML page."""
    parser = _ArticleParser()
    reader = etree.HTMLParser(target=parser)
    reader.feed(article_html(path.read_text(encoding="utf-8")))
    reader.close()
    page = SearchPage(url=url, kind=page_kind(url), title=parser.title, passages=parser.passages)
    if page.kind == "document":
        for passage in page.passages[:20]:
            label, _, value = passage.text.partition(" · ")
            if label in ("发文字号", "Document number") and value:
                page.own_number = value
                break
    return page
