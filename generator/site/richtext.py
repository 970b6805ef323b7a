"""Entry text to safe HTML: Markdown without raw HTML, safe links only, glossary links added.

Entry text is Markdown written by editors. It is rendered here with markdown-it-py
(raw HTML off, unsafe link schemes refused) and cleaned again with nh3, so that even
text that slipped past validation cannot put a script on a page.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

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
        # Phrases by first character, longest first, so 乡镇（街道）社会工作服务站 wins over
        # 社会工作. (One big regex alternation slows down as the glossary grows.)
        self.by_first: dict[str, list[GlossaryLink]] = {}
        for link in sorted(glossary, key=lambda link: -len(link.phrase)):
            self.by_first.setdefault(link.phrase[0], []).append(link)

    def render(self, text: str, page: str, inline: bool = False) -> str:
        tokens = self.parser.parse(text)
        self._link_glossary(tokens, page)
        rendered = self.parser.renderer.render(tokens, self.parser.options, {})
        cleaned = nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener")
        if inline:
            cleaned = re.sub(r"^<p>(.*)</p>\s*$", r"\1", cleaned.strip(), flags=re.S)
        return cleaned.strip()

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
        while index < len(text):
            for link in self.by_first.get(text[index], ()):
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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def escape_markdown(text: str) -> str:
    """Plain text safe to place inline in generated Markdown (table cells included)."""
    text = html.escape(text.replace("\n", " "), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`>#|]+|<[^>]*>")


def plain_excerpt(text: str, limit: int = 150) -> str:
    """Entry Markdown as one line of plain text, cut at ``limit`` characters (for descriptions and cards)."""
    plain = " ".join(_MARKUP.sub(lambda match: match.group(1) or "", text).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
