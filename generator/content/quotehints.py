"""When a quote is not in its source: what the editor most likely got wrong, found in the source itself.

Two mistakes account for most misses. The quote marks or punctuation differ from the source's — "…" typed
for the source's “…”, 「…」 copied from a traditional-character page, a full-width ，where the source has
an ASCII , — so the quote is tried again in each style, and the form that occurs is given back to copy.
Or a character or two were mistyped: the four-character windows the quote shares with the source vote for
where it nearly occurs, which names the clause (and, where the capture is at hand, shows the source's words).
Both work from a fingerprint too: only hashes of windows are compared.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.content.sources import Fingerprint, normalise

if TYPE_CHECKING:
    from generator.content.clausemap import ClauseMap
    from generator.content.links import Corpus
    from generator.content.model import Document
    from generator.content.sources import SourceText

_DOUBLE = "\"“”„‟「」〝〞＂『』"
_SINGLE = "'‘’‚‛"
_MARKS = re.compile(f"[{re.escape(_DOUBLE + _SINGLE)}]")
# pairs of (opening, closing) a writer uses for double and single quotes
STYLES = (("“", "”", "‘", "’"), ('"', '"', "'", "'"), ("「", "」", "『", "』"), ("＂", "＂", "'", "'"))
_FULL_WIDTH = str.maketrans(",;:()!?", "，；：（）！？")
_HALF_WIDTH = str.maketrans("，；：（）！？", ",;:()!?")


@dataclass(frozen=True)
class NearMiss:
    """Where a quote nearly occurs: the offset, how many of its windows agree, and the source's words if known."""

    position: int
    agreeing: int
    windows: int
    words: str | None


def _restyle(quote: str, style: tuple[str, str, str, str]) -> str:
    """``quote`` with its quote marks in ``style``, opening and closing in turn."""
    open_double = open_single = True
    out = []
    for ch in quote:
        if ch in _DOUBLE and ch not in "『』":
            out.append(style[0] if open_double else style[1])
            open_double = not open_double
        elif ch in _SINGLE or ch in "『』":
            out.append(style[2] if open_single else style[3])
            open_single = not open_single
        else:
            out.append(ch)
    return "".join(out)


def corrected_form(quote: str, text: SourceText) -> str | None:
    """The quote as the source writes it, when only its quote marks or punctuation's width differ."""
    candidates: list[str] = []
    if _MARKS.search(quote):
        candidates += [_restyle(quote, style) for style in STYLES]
    candidates += [quote.translate(_FULL_WIDTH), quote.translate(_HALF_WIDTH)]
    for mixed in [_restyle(quote, style) for style in STYLES] if _MARKS.search(quote) else []:
        candidates += [mixed.translate(_FULL_WIDTH), mixed.translate(_HALF_WIDTH)]
    return next((candidate for candidate in dict.fromkeys(candidates) if candidate != quote and text.contains(candidate)), None)


def near_miss(quote: str, text: SourceText) -> NearMiss | None:
    """Where most of the quote's windows occur at the right distance from each other (at least a third of them)."""
    flat = normalise(quote)
    window = Fingerprint.WINDOW
    if len(flat) < window + 2:
        return None
    hashes = text.window_hashes()
    if not hashes:
        return None
    index: dict[bytes, list[int]] = {}
    wanted = [Fingerprint.digest(flat[i: i + window]) for i in range(len(flat) - window + 1)]
    needed = set(wanted)
    for position, digest in enumerate(hashes):
        if digest in needed:
            index.setdefault(digest, []).append(position)
    votes: Counter[int] = Counter()
    for offset, digest in enumerate(wanted):
        for position in index.get(digest, []):
            votes[position - offset] += 1
    if not votes:
        return None
    start, agreeing = max(votes.items(), key=lambda item: (item[1], -item[0]))
    if agreeing * 3 < len(wanted):
        return None
    return NearMiss(max(0, start), agreeing, len(wanted), text.passage(max(0, start), len(flat)))


def differing_marks(quote: str, corrected: str) -> tuple[str, str]:
    """The marks the editor typed and those the source has (for the message): ("\"…\"", "“…”")."""
    typed = "".join(dict.fromkeys(a for a, b in zip(quote, corrected, strict=False) if a != b))
    source = "".join(dict.fromkeys(b for a, b in zip(quote, corrected, strict=False) if a != b))
    return typed, source


def miss_hint(corpus: Corpus, document: Document, text: SourceText, quote: str,
              clauses: ClauseMap) -> tuple[str, str, NearMiss | None]:
    """The hint (zh, en) a quote-not-in-source message ends with, and where the quote nearly occurs."""
    from generator.content.citations import citation

    corrected = corrected_form(quote, text)
    if corrected is not None:
        typed, source = differing_marks(quote, corrected)
        return (f"。原文的标点是 {source}，引文写成了 {typed}；请照原文写：quote: {corrected}",
                f". The source has {source} where the quote has {typed}; write it as the source does: quote: {corrected}", None)
    miss = near_miss(quote, text)
    if miss is None:
        return "", "", None
    anchor = clauses.nearest(miss.position)
    where_zh = citation(corpus, document, anchor, "zh") + f"（{document.id}#{anchor}）" if anchor else "原文"
    where_en = citation(corpus, document, anchor, "en") + f" ({document.id}#{anchor})" if anchor else "the source"
    words_zh = f"，原文是“{miss.words}”" if miss.words else ""
    words_en = f", where the source reads “{miss.words}”" if miss.words else ""
    return (f"。最接近的是 {where_zh}{words_zh}；请从原文复制",
            f". The nearest passage is in {where_en}{words_en}; copy it from the source", miss)
