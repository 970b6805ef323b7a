"""Entry ids from Chinese names: toneless pinyin in lowercase kebab-case (居民议事厅 → ju-min-yi-shi-ting)."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_ID = re.compile(r"[^a-z0-9]+")


def has_han(text: str) -> bool:
    """Whether ``text`` holds Chinese characters."""
    return bool(_HAN.search(text))


def pinyin_id(name: str) -> str:
    """A lowercase kebab-case id for ``name``: one syllable per character, other words kept, punctuation dropped."""
    syllables = lazy_pinyin(name, style=Style.NORMAL)
    text = "-".join(syllables).lower().replace("ü", "v")
    return _NOT_ID.sub("-", text).strip("-")
