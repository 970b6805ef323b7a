"""The build's last line of defence: no built page may run script that the site's own templates did not write.

Entry text is escaped wherever it is written (generator/site/richtext.py) and ``compendium check`` refuses
raw HTML, attribute lists and unsafe links (generator/content/textsafety.py). Should either ever miss
something, this scan of every HTML file the build wrote still refuses the build before the site is
replaced: an event-handler attribute (``onmouseover=…``), a ``javascript:``, ``vbscript:`` or ``data:``
address, an element that loads other documents (``iframe``, ``object``, ``embed``, ``base``…), or a
``<script>`` that is not one of the templates' own. The templates' scripts are learnt from the language's
``search.html``, a page that holds no entry text, so a theme upgrade needs no list to be kept by hand;
their addresses differ only by the page's depth, which Material writes in each page's ``__config``.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Attributes whose value a browser follows as an address (srcset holds several, SVG animations set them).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background",
                            "longdesc", "ping", "icon", "manifest", "codebase", "archive", "dynsrc", "lowsrc", "srcset"})
ANIMATION_ATTRIBUTES = frozenset({"to", "from", "values", "by"})
_LISTS = {"srcset": ",", "values": ";"}  # attributes that hold several addresses
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements that load or embed another document, or rebase every address of the page: the templates write none.
FOREIGN_ELEMENTS = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"})
# (element, attribute, value) the templates write themselves; Material 9.8 and overrides/ write no event handler
# and no script address, so there is nothing to allow. Add a triple here, exactly, if a template ever needs one.
TEMPLATE_ATTRIBUTES: frozenset[tuple[str, str, str]] = frozenset()
REFERENCE_PAGE = "search.html"

_IGNORED = re.compile(r"[\x00-\x20]+")


@dataclass(frozen=True)
class Finding:
    """Something a page carries that may run script: where, and what (as the page writes it, shortened)."""

    page: str  # path under the site folder, e.g. en/cases/x.html
    what: str
    value: str  # the attribute value or script text, to find the entry it came from


def script_address(value: str) -> bool:
    """True for a javascript:, vbscript: or data: address, however spaced or cased (as a browser reads it)."""
    return _IGNORED.sub("", value).lower().startswith(SCRIPT_SCHEMES)


# The start tags of a page as a browser's tokenizer reads them (HTML's "tag open" to "data" states): a name, then
# attributes separated by spaces or slashes, a value quoted only right after "=", the tag ended by ">" outside
# quotes. Reading tags where a browser reads text (comments, <title>) can only report more, never less.
_SPACE = "\t\n\f\r "
_NAME = rf"[^{_SPACE}/>][^{_SPACE}/=>]*"
_VALUE = rf"(?:\"[^\"]*\"|'[^']*'|[^{_SPACE}>]*)"
_TAG = re.compile(rf"<([a-zA-Z][^{_SPACE}/>]*)((?:[{_SPACE}/]+|{_NAME}(?:[{_SPACE}]*=[{_SPACE}]*{_VALUE})?)*)>")
_ATTRIBUTE = re.compile(rf"({_NAME})(?:[{_SPACE}]*=[{_SPACE}]*({_VALUE}))?")
# Without an "on…" name, "srcdoc", a colon or a character reference a tag's attributes hold nothing looked for
# (an address needs its scheme's colon, written or as a reference): most tags are passed over on that alone.
_SUSPECT = re.compile(r"[&:]|(?:^|[\t\n\f\r /\"'=])(?:on|srcdoc)", re.IGNORECASE)
_LOOKED_AT = FOREIGN_ELEMENTS | {"meta", "script", "style"}
_RAW_TEXT = ("script", "style")  # their text is not markup: skipped, as a browser does (scripts are compared whole)


class _PageScan:
    """Collects what in one page may run script, and its scripts (for comparison with the templates' own)."""

    def __init__(self, text: str) -> None:
        self.findings: list[tuple[str, str]] = []
        self.scripts: list[tuple[str, str, str]] = []  # (src, type, text)
        self.base = "."
        position = 0
        while (match := _TAG.search(text, position)) is not None:
            tag = match.group(1).lower()
            raw = match.group(2)
            if tag in _LOOKED_AT or _SUSPECT.search(raw):
                attrs = [(name.lower(), html.unescape(_unquote(value or ""))) for name, value in _ATTRIBUTE.findall(raw)]
                self._tag(tag, attrs)
            position = match.end()
            if tag in _RAW_TEXT:
                close = re.compile(rf"</{tag}[{_SPACE}/>]", re.IGNORECASE).search(text, position)
                body_end = close.start() if close else len(text)
                if tag == "script":
                    self._script(dict(attrs), text[position:body_end])
                position = body_end

    def _tag(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        for name, value in attrs:
            if (tag, name, value) in TEMPLATE_ATTRIBUTES:
                continue
            if name.startswith("on"):
                self.findings.append((f'<{tag} {name}="{value[:60]}">', value))
            elif name == "srcdoc":
                self.findings.append((f"<{tag} srcdoc>", value))
            elif (name in URL_ATTRIBUTES or (name in ANIMATION_ATTRIBUTES and tag in ("animate", "set"))) and any(
                    script_address(part) for part in re.split(_LISTS.get(name, "$^"), value)):
                self.findings.append((f'<{tag} {name}="{value[:60]}">', value))
        values = dict(attrs)
        if tag in FOREIGN_ELEMENTS:
            self.findings.append((f"<{tag}>", values.get("src") or values.get("data") or values.get("href") or tag))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.findings.append((f'<meta http-equiv="refresh" content="{values.get("content", "")[:60]}">',
                                  values.get("content", "")))

    def _script(self, values: dict[str, str], text: str) -> None:
        kind = values.get("type", "")
        self.scripts.append((values.get("src", ""), kind, text))
        if kind == "application/json" and '"base"' in text:
            with contextlib.suppress(ValueError, AttributeError):
                self.base = str(json.loads(text).get("base", "."))


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value


def _normalised(scripts: list[tuple[str, str, str]], base: str) -> list[tuple[str, str, str]]:
    """The page's scripts with its depth taken out: ``"../assets/x.js"`` reads ``"assets/x.js"``, ``".."`` reads ``"."``."""
    prefix = "" if base in (".", "./") else base.rstrip("/") + "/"

    def plain(text: str) -> str:
        text = text.replace(f'"{base}"', '"."')
        return text.replace(f'"{prefix}', '"') if prefix else text

    return [(src[len(prefix):] if prefix and src.startswith(prefix) else src, kind, "" if src else plain(text))
            for src, kind, text in scripts]


def _scan(path: Path) -> _PageScan:
    return _PageScan(path.read_text(encoding="utf-8", errors="replace"))


def template_scripts(language_root: Path) -> set[tuple[str, str, str]]:
    """The templates' own scripts, as every page of this language carries them (from its search.html)."""
    reference = language_root / REFERENCE_PAGE
    if not reference.is_file():
        return set()
    scan = _scan(reference)
    return set(_normalised(scan.scripts, scan.base))


def scan_site(site: Path, skip: Callable[[Path], bool] = lambda path: False) -> list[Finding]:
    """Every finding in the HTML files under ``site`` (a language root; ``skip`` leaves folders out, e.g. en/)."""
    allowed = template_scripts(site)
    findings: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        if not skip(path):
            findings += _findings(path.relative_to(site).as_posix(), _scan(path), allowed)
    return findings


def scan_pages(site: Path, pages: dict[str, str]) -> list[Finding]:
    """The findings in ``pages`` (path under the language root ``site`` -> HTML), before they are written there.

    For the preview's quick pass, which rewrites only the pages of the entries just saved.
    """
    allowed = template_scripts(site)
    return [finding for page, text in sorted(pages.items()) for finding in _findings(page, _PageScan(text), allowed)]


def _findings(page: str, scan: _PageScan, allowed: set[tuple[str, str, str]]) -> list[Finding]:
    findings = [Finding(page, what, value) for what, value in scan.findings]
    for (src, kind, text), original in zip(_normalised(scan.scripts, scan.base), scan.scripts, strict=True):
        if (src, kind, text) not in allowed:
            shown = f'<script src="{original[0]}">' if src else f"<script>{' '.join(original[2].split())[:60]}</script>"
            findings.append(Finding(page, shown, original[0] or original[2]))
    return findings
