"""Entry text to safe HTML: Markdown without raw HTML, safe links only, glossary links added.

Entry text is Markdown written by editors. It is rendered here with markdown-it-py
(raw HTML off, unsafe link targets refused) and cleaned again with nh3, so that even
text that slipped past validation cannot put a script on a page.

What this module returns is then placed in the Markdown pages that MkDocs renders with
Python-Markdown, whose attribute lists (``{: onclick=… }``), headings, tables and links
would act on the text a second time. So every piece of entry text leaves here *inert*:
the characters Markdown acts on are written as character references (``&#123;`` for
``{``), line breaks become spaces, and the text can stand anywhere in a line of Markdown
or in a double-quoted HTML attribute and still reads exactly as it was written.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.content.textsafety import unsafe_link

_ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote", "abbr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "abbr": {"title"}}


@dataclass(frozen=True)
class GlossaryLink:
    """A phrase that links to a page and carries a short definition as its hover text."""

    phrase: str
    page: str  # page path relative to the docs folder, e.g. glossary/wu-she-lian-dong.md
    hint: str


@functools.lru_cache(maxsize=65536)
def _relative(from_folder: str, to_page: str) -> str:
    # Both are paths relative to the docs folder; posixpath.relpath would ask the OS for the
    # working directory on every call, which shows in profiles of large builds.
    source = [part for part in from_folder.split("/") if part]
    target = to_page.split("/")
    common = 0
    while common < min(len(source), len(target) - 1) and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def page_url(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative URL from one generated page to another, as Markdown links want (``.md``)."""
    url = _relative(posixpath.dirname(from_page), to_page)
    return f"{url}#{anchor}" if anchor else url


def html_url(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """The same, for links inside HTML, which MkDocs does not rewrite (``.html``)."""
    return page_url(from_page, to_page[:-3] + ".html", anchor)


class RichText:
    """Renders entry Markdown to HTML and links glossary phrases in running text."""

    def __init__(self, glossary: list[GlossaryLink]) -> None:
        self.parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
        # a refused address is shown as text; markdown-it-py's way to set this is to replace the method on the instance
        self.parser.validateLink = lambda url: not unsafe_link(url)  # type: ignore[method-assign]
        # Phrases by first character, longest first, so 乡镇（街道）社会工作服务站 wins over
        # 社会工作. (One big regex alternation slows down as the glossary grows.)
        self.by_first: dict[str, list[GlossaryLink]] = {}
        for link in sorted(glossary, key=lambda link: -len(link.phrase)):
            self.by_first.setdefault(link.phrase[0], []).append(link)
        # where a phrase can start: the scan jumps from one such character to the next (a character class, however
        # many phrases there are), instead of looking up every character of the text
        self.first = re.compile("[" + "".join(re.escape(char) for char in sorted(self.by_first)) + "]" if self.by_first else "(?!)")

    def render(self, text: str, page: str, inline: bool = False) -> str:
        tokens = self.parser.parse(text)
        self._link_glossary(tokens, page)
        rendered = self.parser.renderer.render(tokens, self.parser.options, {})
        cleaned = nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener")
        if inline:
            cleaned = re.sub(r"^<p>(.*)</p>\s*$", r"\1", cleaned.strip(), flags=re.S)
        return inert_html(cleaned.strip())

    def _link_glossary(self, tokens: list[Token], page: str) -> None:
        if not self.by_first:
            return
        used: set[str] = set()
        for token in tokens:
            if token.type != "inline" or not token.children:
                continue
            children: list[Token] = []
            inside_link = 0
            for child in token.children:
                if child.type == "link_open":
                    inside_link += 1
                elif child.type == "link_close":
                    inside_link -= 1
                if child.type == "text" and not inside_link:
                    children.extend(self._split(child.content, page, used))
                else:
                    children.append(child)
            token.children = children

    def _matches(self, text: str) -> Iterator[tuple[int, GlossaryLink]]:
        """Leftmost-longest, non-overlapping phrase matches (English phrases on word boundaries)."""
        index = 0
        while (found := self.first.search(text, index)) is not None:
            index = found.start()
            for link in self.by_first[text[index]]:
                if text.startswith(link.phrase, index) and _on_word_boundaries(text, index, len(link.phrase)):
                    yield index, link
                    index += len(link.phrase)
                    break
            else:
                index += 1

    def _split(self, text: str, page: str, used: set[str]) -> list[Token]:
        result: list[Token] = []
        position = 0
        for start, link in self._matches(text):
            if link.page == page or link.page in used:
                continue  # no link to the page itself; one link per target per text
            used.add(link.page)
            if start > position:
                result.append(_text(text[position:start]))
            result.append(_html(
                f'<a class="glossary-link" href="{html.escape(html_url(page, link.page))}" '
                f'title="{html.escape(link.hint)}">{html.escape(link.phrase)}</a>'
            ))
            position = start + len(link.phrase)
        if position < len(text):
            result.append(_text(text[position:]))
        return result


def _on_word_boundaries(text: str, start: int, length: int) -> bool:
    """Chinese has no word boundaries to respect; "Grid management" must not match inside "Grid managements"."""
    before = text[start - 1] if start else " "
    after = text[start + length] if start + length < len(text) else " "
    first, last = text[start], text[start + length - 1]
    return not ((first.isascii() and first.isalnum() and before.isascii() and before.isalnum())
                or (last.isascii() and last.isalnum() and after.isascii() and after.isalnum()))


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    # Generated by us from the model (escaped above), not from entry text.
    token = Token("html_inline", "", 0)
    token.content = content
    return token


# Characters Python-Markdown and its extensions act on anywhere in a line, as character references. Leading
# spaces, list markers, numbers with a dot, `=`/`-` underlines and `?`/`:` blocks act only at a line's start:
# entry text never starts a line (line breaks become spaces) and its first character is escaped if it is one.
_ANYWHERE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
             "_": "&#95;", "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "#": "&#35;",
             "!": "&#33;", "~": "&#126;", "^": "&#94;"}
_ANYWHERE_RE = re.compile("[" + re.escape("".join(_ANYWHERE)) + "]")
_LINE_START = re.compile(r"^(?:[-+=.:?)]|\d+(?=[.)](?:[ \t]|$)))")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def _escape_anywhere(text: str) -> str:
    return _ANYWHERE_RE.sub(lambda match: _ANYWHERE[match.group(0)], _BREAKS.sub(" ", text))


def _escape_start(escaped: str) -> str:
    match = _LINE_START.match(escaped)
    if not match:
        return escaped
    start = match.group(0)
    if start.isdigit():  # "2025. " would start a numbered list: the dot goes
        return start + f"&#{ord(escaped[len(start)])};" + escaped[len(start) + 1:]
    return f"&#{ord(start)};" + escaped[1:]


def escape_markdown(text: str) -> str:
    """Entry text as inert text for generated Markdown: reads as written, acts as nothing.

    Safe inline anywhere in a line (headings, table cells, list items, link text), inside raw HTML
    and inside a double-quoted attribute: Markdown's characters are character references, ``<``,
    ``>``, ``&`` and ``"`` are escaped, line breaks are spaces, and surrounding whitespace goes.
    """
    return _escape_start(_escape_anywhere(text.strip()))


class _InertHtml(HTMLParser):
    """Re-writes clean HTML (nh3's) so that Markdown finds nothing in it: text and attributes escaped as above."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, ">"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, " />"))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(_escape_anywhere(data))

    @staticmethod
    def _tag(tag: str, attrs: list[tuple[str, str | None]], end: str) -> str:
        written = []
        for name, value in attrs:
            if name in ("href", "src") and (value is None or unsafe_link(value)):
                continue  # nh3 lets a protocol-relative //host through as relative; the link becomes text
            written.append(f' {name}="{_escape_anywhere(value or "")}"')
        return f"<{tag}{''.join(written)}{end}"


def inert_html(cleaned: str) -> str:
    """Sanitised HTML (from nh3) with its text and attributes escaped for Markdown, on one line."""
    parser = _InertHtml()
    parser.feed(cleaned)
    parser.close()
    return _escape_start("".join(parser.out))


_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`>#|]+|<[^>]*>")


def plain_excerpt(text: str, limit: int = 150) -> str:
    """Entry Markdown as one line of plain text, cut at ``limit`` characters (for descriptions and cards)."""
    plain = " ".join(_MARKUP.sub(lambda match: match.group(1) or "", text).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
