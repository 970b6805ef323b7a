"""Toneless pinyin of the pages' Chinese names, so that a name typed without converting it finds its page.

A reader who does not switch the input method to characters types 一肩挑 as ``yijiantiao``,
``yi jian tiao`` or just its initials ``yjt``; on the English site the page's own title carries the
tone-marked pinyin (folded to ``yi jian tiao`` by normalise). The index gives every Chinese name and
alias of a page (and, on the English site, those of the same entry) these tokens, all beginning
with ``^``:

- the whole name, ``^yijiantiao`` (ranks the page nearly as high as typing its alias);
- each prefix of three syllables or more, ``^yizhengsan`` (a name typed partly, or while typing; two
  syllables, ``^henan``, begin too many names, and English words such as "henan" are typed on their own);
- its initials, ``^yjt`` (ranked below the whole name: initials are shared by many words);
- each run of two words or more inside the name, whole and as initials: 村级“小微权力”清单制度 gives
  ``^xiaoweiquanli``, ``^quanliqingdan``, ``^xwqlqd`` … (part of a name is what readers often type);
- each word of the name, ``^wangge`` (a title word: "wangge guanli" and other orders still match).

search.js splits the Latin words of a query into syllables (the list is in the manifest) and looks
up every run of two syllables or more, joined, and each short word as initials. A ``^`` token lives
in the shard of its first ``SHARD_LETTERS`` letters, so a query needs one shard per word it starts
at, not one per run.
"""

from __future__ import annotations

import re
from functools import cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT
from pypinyin.style import convert

MARK = "^"
SHARD_LETTERS = 4  # wushe and wusheliandong share a shard: a query loads one per pinyin word it starts at
MIN_SYLLABLES = 2  # a single syllable (shi, yi) names nothing in particular
MIN_PREFIX_SYLLABLES = 3
MAX_PART_WORDS = 8
MIN_PART_INITIALS = 4  # xwql names a part of 村级小微权力清单制度; two or three letters name everything
MAX_SYLLABLES = 16
_HAN = re.compile(r"[\u3400-\u9fff]")
_KEPT = re.compile(r"[\u3400-\u9fff]|[a-z0-9]+")
_ODD = {"m", "n", "ng", "hm", "hng", "ê"}  # interjections, not syllables anyone types for a name


@cache
def syllables() -> tuple[str, ...]:
    """Every toneless syllable of the common characters (about 410), ü written v as input methods do."""
    found: set[str] = set()
    for code, readings in PINYIN_DICT.items():
        if 0x4E00 <= code <= 0x9FFF:
            for reading in readings.split(","):
                found.add(convert(reading, Style.NORMAL, strict=True, default=reading))
    return tuple(sorted(found - _ODD))


def name_syllables(name: str) -> list[str]:
    """The toneless syllables of a normalised name's characters; letters and digits kept as they are."""
    pieces = _KEPT.findall(name)
    han = "".join(piece for piece in pieces if _HAN.fullmatch(piece))
    readings = iter(lazy_pinyin(han, style=Style.NORMAL, errors="ignore")) if han else iter(())
    out: list[str] = []
    for piece in pieces:
        out.append(next(readings, "") if _HAN.fullmatch(piece) else piece)
    return [syllable for syllable in out if syllable]


def name_tokens(name: str) -> dict[str, str]:
    """``^`` tokens of one normalised name: token → ``whole``, ``prefix`` or ``initials``."""
    if not _HAN.search(name):
        return {}
    parts = name_syllables(name)[:MAX_SYLLABLES]
    if len(parts) < MIN_SYLLABLES:
        return {}
    tokens = {MARK + "".join(parts[:end]): "prefix" for end in range(MIN_PREFIX_SYLLABLES, len(parts))}
    initials = "".join(part[0] for part in parts)
    if len(initials) >= MIN_SYLLABLES:
        tokens.setdefault(MARK + initials, "initials")
    tokens[MARK + "".join(parts)] = "whole"
    return tokens


def part_tokens(words: list[str]) -> dict[str, str]:
    """``^`` tokens of every run of two words or more of a name (its words as the index splits them).

    Token → ``part`` (the run's pinyin) or ``part-initials``; the whole name's own tokens come from name_tokens.
    """
    readings = [name_syllables(word) for word in words[:MAX_PART_WORDS]]
    tokens: dict[str, str] = {}
    for start in range(len(readings)):
        for end in range(start + 2, len(readings) + 1):
            parts = [syllable for reading in readings[start:end] for syllable in reading]
            if (start == 0 and end == len(words)) or not MIN_SYLLABLES <= len(parts) <= MAX_SYLLABLES:
                continue
            tokens.setdefault(MARK + "".join(parts), "part")
            if len(parts) >= MIN_PART_INITIALS:
                tokens.setdefault(MARK + "".join(part[0] for part in parts), "part-initials")
    return tokens


def word_token(word: str) -> str | None:
    """The ``^`` token of one word of a name (two characters or more), for the title field."""
    parts = name_syllables(word)
    return MARK + "".join(parts) if len(parts) >= MIN_SYLLABLES and _HAN.search(word) else None


def shard_key(token: str) -> str:
    """A ``^`` token's shard: its first letters (search.js computes the same)."""
    return token[: 1 + SHARD_LETTERS]
