"""Readable citations: a document's short title and a clause's printed numbering, never an internal id.

``二、（三）`` reads like the document itself; ``s2-3`` means nothing on paper. Where the
document prints no numbering (articles), the section's heading and the paragraph's place
within it stand in: ``主要成效 · 第2段`` / ``主要成效 · para. 2``.
"""

from __future__ import annotations

from generator.content.links import Corpus
from generator.content.model import Clause, Document, Fact, Section

# Bullets that number nothing: the clause's heading or place says more.
_BULLETS = {"——", "—", "-", "·", "•"}
_MAX_HEADING = 12


def _short(text: str) -> str:
    return text if len(text) <= _MAX_HEADING else text[: _MAX_HEADING - 1] + "…"


def _section_part(section: Section, lang: str) -> str:
    if section.label:
        return section.label
    heading = section.heading.en if lang == "en" and section.heading.en else section.heading.zh
    return _short(heading) + " · "


def _clause_part(section: Section, clause: Clause, lang: str) -> str:
    if clause.label and clause.label.strip() not in _BULLETS:
        return clause.label.strip()
    if clause.heading is not None:
        heading = clause.heading.en if lang == "en" and clause.heading.en else clause.heading.zh
        return _short(heading)
    place = next(index for index, item in enumerate(section.clauses, 1) if item is clause)
    return f"para. {place}" if lang == "en" else f"第{place}段"


def anchor_label(corpus: Corpus, document: Document, anchor: str | None, lang: str) -> str:
    """The printed numbering of what ``anchor`` points at on the document's page ("" for the page itself)."""
    if not anchor:
        return ""
    target = corpus.anchors.get((document.id, anchor))
    if isinstance(target, Fact):
        target = corpus.anchors.get((document.id, target.clause))
    for section in document.sections:
        if target is section:
            return (section.label or "").rstrip("、") or _short(_section_part(section, lang).rstrip(" ·"))
        if isinstance(target, Clause) and any(clause is target for clause in section.clauses):
            return (_section_part(section, lang) + _clause_part(section, target, lang)).strip()
    return anchor


def short_title(document: Document, lang: str) -> str:
    """The document's short title (its title where it has none), in the page language."""
    text = document.short_title or document.title
    return text.en if lang == "en" and text.en else text.zh


def citation(corpus: Corpus, document: Document, anchor: str | None, lang: str) -> str:
    """``短标题 二、（三）``: what a reader needs to find the passage, with or without the site."""
    place = anchor_label(corpus, document, anchor, lang)
    return f"{short_title(document, lang)} {place}".strip()
