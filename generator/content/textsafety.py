"""What entry text may not hold: raw HTML, attribute lists, and links other than http(s), mailto and relative ones.

``compendium check`` (through :class:`MarkdownSafety`) reports these in every text of an entry; the site
renders entry text so that none of them can take effect even when a text slipped past the check
(generator/site/richtext.py uses :func:`unsafe_link` too), and the build refuses a page that carries
an event handler or a script address all the same (generator/site/guard.py). The web form mirrors
these rules in generator/editor/assets/compendium-checks.js; tests/test_decap_checks.py keeps them equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

from generator.content.problems import AttributeList, Problem, RawHtml, UnsafeLink
from generator.content.yamlsource import DataPath, YamlDocument

SAFE_SCHEMES = ("http", "https", "mailto")
SAFETY_CODES = frozenset({RawHtml.code, UnsafeLink.code, AttributeList.code})

# What a browser ignores in an address: tab and line breaks anywhere, control characters and spaces around it.
_IGNORED = re.compile(r"[\t\n\r]")
_AROUND = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_PERCENT = re.compile(r"%([0-7][0-9a-fA-F])")  # an ASCII character written %XX
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Python-Markdown's attr_list: `{: …}` anywhere, or `{ #id }`, `{ .class }`, `{ key=value }` (the colon is optional)
ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]*\}|\{[ \t]*(?:[#.][^ \t\n{}]|[A-Za-z_:][A-Za-z0-9_:.\-]*[ \t]*=)[^{}\n]*\}")


# Raw HTML and autolinks need "<", links, images and link definitions "[", attribute lists "{" (linkify is off):
# a text without any of them holds nothing to report, whatever its entities or colons (tests/test_text_safety.py).
_MAY_MATTER = re.compile(r"[<\[{]")


def unsafe_link(href: str) -> bool:
    """True unless ``href`` is an http(s) or mailto address or a relative one (not protocol-relative ``//host``).

    Read as a browser reads it: tabs and line breaks inside are dropped (``java\\tscript:``), spaces and control
    characters around it too, letters in any case; entities are decoded by whoever parsed the link, and a
    percent-encoded scheme (``java%09script:``, ``%6Aavascript:``) counts as one. The web form's
    ``unsafeLink`` (compendium-checks.js) is the same function.
    """
    decoded = _PERCENT.sub(lambda match: chr(int(match.group(1), 16)), href)
    for candidate in (href, decoded):
        url = _AROUND.sub("", _IGNORED.sub("", candidate)).lower()
        if url[:2] in ("//", "\\\\", "/\\", "\\/"):
            return True  # protocol-relative: another host
        scheme = _SCHEME.match(url)
        if scheme:
            if scheme.group(1) not in SAFE_SCHEMES:
                return True
            continue
        if ":" in re.split(r"[/?#]", url, maxsplit=1)[0]:
            return True  # a colon before the path: a scheme in disguise ("java script:")
    return False


def absolute_web_address(url: str) -> bool:
    """True for an ``http://`` or ``https://`` address with a host (what a document's source.url must be)."""
    return not unsafe_link(url) and re.match(r"https?://[^/\s]", url.strip(), flags=re.IGNORECASE) is not None


class MarkdownSafety:
    """Finds raw HTML, attribute lists and links with unsafe targets in every text of an entry."""

    def __init__(self) -> None:
        # html=True so that raw HTML shows up as tokens we can report instead of
        # being escaped silently; validateLink off so that javascript: links are parsed.
        self.parser = MarkdownIt("commonmark", {"html": True})
        # markdown-it-py's own way to change link validation is to replace the method on the instance
        self.parser.validateLink = lambda url: True  # type: ignore[method-assign]

    def check(self, document: YamlDocument) -> list[Problem]:
        problems: list[Problem] = []
        for path, text in strings(document.data, ()):
            if path and path[-1] == "url":
                if not absolute_web_address(text):
                    problems.append(UnsafeLink(document.path, document.position(path), {"found": text[:60]}))
                continue
            for found, cls in self._findings(text):
                problems.append(cls(document.path, document.position(path), {"found": found}))
        return problems

    def _findings(self, text: str) -> Iterator[tuple[str, type[Problem]]]:
        if not _MAY_MATTER.search(text):
            return  # every text is looked at; one without these characters cannot hold what is looked for
        for token in self.parser.parse(text):
            children = token.children or [token]
            for child in children:
                if child.type in ("html_inline", "html_block"):
                    yield child.content.strip()[:60], RawHtml
                href = child.attrGet("href") if child.type == "link_open" else None
                src = child.attrGet("src") if child.type == "image" else None
                for target in (href, src):
                    if isinstance(target, str) and unsafe_link(target):
                        yield target[:60], UnsafeLink
        for match in ATTRIBUTE_LIST.finditer(text):
            yield match.group(0)[:60], AttributeList


def strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every string in ``value`` with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


_JSON_INERT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_INERT_RE = re.compile("[<>&\u2028\u2029]")


def inert_json(value: Any, **options: Any) -> str:
    """``json.dumps`` whose output holds no ``<``, ``>`` or ``&`` (written ``\\u003c``…): the same data, but no tag
    even if the file is ever read as HTML or pasted into a page, and no line separator to break older JavaScript."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_INERT_RE.sub(lambda match: _JSON_INERT[match.group(0)], text)
