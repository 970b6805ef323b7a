"""Readable citations: a document's short title and a clause's printed numbering, never an internal id.

One label per clause, used wherever a person reads (pages, tooltips, search cards, downloads, course
outputs). Chinese: ``《河南省“十四五”城乡社区服务体系建设规划》四、（二）`` — the numbering as the
document prints it (brackets made full-width). English: the translated short title and the same
numbering in English words, ``Henan community service plan 2021–2025, Part 4 (2)``:

========================  ======================  =======================
printed                   Chinese label           English label
========================  ======================  =======================
section 四、 clause （二）  四、（二）               Part 4 (2)
section 二、 clause 一是    二、一是                 Part 2, point 1
section 一、 no numbering  一、第2段 / 一、heading  Part 1, para. 2
no section numbering      主要成效 · 第一           Results so far, point 1
========================  ======================  =======================

Where the document prints no numbering (articles), the section's heading and the paragraph's place
within it stand in. Headings are shortened at a punctuation mark or a space, never inside a word, and
an English label never carries a Chinese character: where no English is known it falls back to the
section's and paragraph's places (``Section 3, para. 2``).
"""

from __future__ import annotations

import re

from generator.content.links import Corpus
from generator.content.model import Bilingual, Clause, Document, Fact, Section

# Bullets that number nothing: the clause's heading or place says more.
_BULLETS = {"——", "—", "-", "·", "•", "○", "●"}
_MAX_ZH = 16  # characters of a Chinese heading in a label
_MAX_EN = 32  # characters of an English heading in a label
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = r"[零〇一二两三四五六七八九十百\d]+"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# printed numbering → English, for a clause (a section's "二、" is a Part)
_ENGLISH_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^[（(]({_NUMERAL})[)）]$"), "({n})"),
    (re.compile(rf"^({_NUMERAL})是$"), "point {n}"),
    (re.compile(rf"^其({_NUMERAL})$"), "point {n}"),
    (re.compile(rf"^第({_NUMERAL})条$"), "Article {n}"),
    (re.compile(rf"^第({_NUMERAL})章$"), "Chapter {n}"),
    (re.compile(rf"^第({_NUMERAL})节$"), "Section {n}"),
    (re.compile(rf"^第({_NUMERAL})部分$"), "Part {n}"),
    (re.compile(rf"^第({_NUMERAL})$"), "point {n}"),
    (re.compile(rf"^({_NUMERAL})[、.．]$"), "item {n}"),
]
_SECTION_FORM = re.compile(rf"^(?:第)?({_NUMERAL})(?:[、.．]|部分)?$")
# where a long Chinese heading may be shortened: after its first phrase
_ZH_BREAKS = re.compile(r"[，,、；;：:。！？\s]")
_EN_BREAKS = re.compile(r"[:;,.!?]\s| — | – ")


def chinese_number(text: str) -> int | None:
    """``十四`` → 14, ``二十`` → 20, ``3`` → 3; None when ``text`` is not a number."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in "十百":
            total += (digit if digit is not None else 1) * (10 if char == "十" else 100)
            digit = None
        else:
            return None
    return total + (digit or 0)


def _english_number(pattern: re.Pattern[str], form: str, label: str) -> str | None:
    match = pattern.match(label)
    if match is None:
        return None
    number = chinese_number(match.group(1))
    return form.format(n=number) if number is not None else None


def _full_width(label: str) -> str:
    """Chinese numbering with full-width brackets, whatever the capture had: (一) → （一）."""
    return label.strip().replace("(", "（").replace(")", "）")


def _short_zh(text: str) -> str:
    """A heading cut after its first phrase (坚持问题导向 找准短板不足 → 坚持问题导向), at most ``_MAX_ZH`` characters."""
    text = text.strip()
    phrase = _ZH_BREAKS.split(text, maxsplit=1)[0]
    if 2 <= len(phrase) < len(text):
        text = phrase
    return text if len(text) <= _MAX_ZH else text[: _MAX_ZH - 1] + "…"


def _short_en(text: str) -> str:
    """A heading cut after its first phrase or at the last space that fits: never inside a word."""
    text = text.strip()
    phrase = _EN_BREAKS.split(text, maxsplit=1)[0].rstrip(" .")
    if len(phrase.split()) >= 2 and len(phrase) < len(text):
        text = phrase
    if len(text) <= _MAX_EN:
        return text
    cut = text[: _MAX_EN].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def _english(text: Bilingual | None) -> str | None:
    """The English of ``text`` where it has some with no Chinese in it."""
    if text is None or not text.en or _CJK.search(text.en):
        return None
    return text.en


def _place(items: list[Section] | list[Clause], item: Section | Clause) -> int:
    return next(index for index, other in enumerate(items, 1) if other is item)


class _Labeller:
    """The printed numbering of the sections and clauses of one document in one language."""

    def __init__(self, document: Document, lang: str) -> None:
        self.document = document
        self.en = lang == "en"

    def section(self, section: Section) -> str:
        """``四、`` / ``Part 4``; an unnumbered section by its (shortened) heading."""
        label = (section.label or "").strip()
        if label:
            if not self.en:
                return _full_width(label)
            english = _english_number(_SECTION_FORM, "Part {n}", label)
            if english:
                return english
        if self.en:
            heading = _english(section.heading)
            return _short_en(heading) if heading else f"Section {_place(self.document.sections, section)}"
        return _short_zh(section.heading.zh)

    def whole_section(self, section: Section) -> str:
        """A link to a section itself: ``四、增加服务供给`` / ``Part 4``."""
        if not self.en and section.label:
            return _full_width(section.label) + _short_zh(section.heading.zh)
        return self.section(section)

    def clause(self, section: Section, clause: Clause) -> str:
        """The clause's own numbering (``（二）`` / ``(2)``), else its heading, else its place (``第2段`` / ``para. 2``)."""
        label = (clause.label or "").strip()
        if label and label not in _BULLETS:
            if not self.en:
                return _full_width(label)
            for pattern, form in _ENGLISH_FORMS:
                english = _english_number(pattern, form, label)
                if english:
                    return english
            if not _CJK.search(label):
                return label
        place = _place(section.clauses, clause)
        if not self.en and clause.heading is not None:
            return _short_zh(clause.heading.zh)
        return f"para. {place}" if self.en else f"第{place}段"

    def join(self, section: Section, clause: Clause) -> str:
        """Section and clause numbering together: 四、（二） · 主要成效 · 第2段 · Part 4 (2) · Part 2, point 1."""
        head, tail = self.section(section), self.clause(section, clause)
        if self.en:
            return f"{head} {tail}" if tail.startswith("(") and section.label else f"{head}, {tail}"
        return f"{head}{tail}" if section.label else f"{head} · {tail}"


def section_number(section: Section, lang: str) -> str:
    """What a section's heading starts with: the printed ``一、`` in Chinese, ``Part 1:`` in English ("" if unnumbered).

    English headings put a space after it; Chinese ones run on (``一、规划背景``).
    """
    label = (section.label or "").strip()
    if not label or lang != "en":
        return label
    english = _english_number(_SECTION_FORM, "Part {n}", label)
    return f"{english}:" if english else ""


def clause_number(clause: Clause, lang: str) -> str:
    """What a clause's bold lead starts with: ``（一）`` as printed, or in English ``(1)``, ``Point 1:``, ``—``."""
    label = (clause.label or "").strip()
    if not label or lang != "en":
        return label
    if label in _BULLETS:
        return "—"
    for pattern, form in _ENGLISH_FORMS:
        english = _english_number(pattern, form, label)
        if english:
            return english if english.startswith("(") else f"{english[0].upper()}{english[1:]}:"
    return "" if _CJK.search(label) else label


def anchor_label(corpus: Corpus, document: Document, anchor: str | None, lang: str) -> str:
    """The printed numbering of what ``anchor`` points at on the document's page ("" for the page itself)."""
    if not anchor:
        return ""
    target = corpus.anchors.get((document.id, anchor))
    if isinstance(target, Fact):
        target = corpus.anchors.get((document.id, target.clause))
    labeller = _Labeller(document, lang)
    for section in document.sections:
        if target is section:
            return labeller.whole_section(section)
        if isinstance(target, Clause) and any(clause is target for clause in section.clauses):
            return labeller.join(section, target)
    return ""  # an anchor that names nothing on the page (the link check reports it): never show the id


def short_title(document: Document, lang: str) -> str:
    """The document's short title (its title where it has none), in the page language."""
    text = document.short_title or document.title
    if lang == "en":
        return _english(text) or _english(document.title) or text.zh
    return text.zh


def citation(corpus: Corpus, document: Document, anchor: str | None, lang: str) -> str:
    """``《短标题》二、（三）`` / ``Short title, Part 2 (3)``: what a reader needs to find the passage, with or without the site."""
    place = anchor_label(corpus, document, anchor, lang)
    if lang == "en":
        return f"{short_title(document, lang)}, {place}" if place else short_title(document, lang)
    return f"《{short_title(document, lang)}》{place}"
