"""One-character slips in a known name: 社公站 still finds 社工站, 一肩跳 finds 一肩挑.

An input method offers the homophone first and a reader picks it (公 for 工, 议 for 义), or a
finger slips. For every Chinese name and alias of three to ``MAX_CHARS`` characters the index holds
its variants with one character replaced by ``*``: 社工站 gives ``?*工站``, ``?社*站`` and ``?社工*``.
search.js makes the same variants of every stretch of three characters or more of a query that is
not itself a word it knows, and looks them up.

A variant lives in the shard of two characters of it that stand side by side in the name, so the
query has loaded that shard already (it loads the shard of every pair of neighbouring characters);
only a three-character name with its middle character replaced (社*站) uses its outer pair.
"""

from __future__ import annotations

import re

MARK = "?"
WILDCARD = "*"
MIN_CHARS = 3
MAX_CHARS = 8
_HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")


def variants(name: str) -> list[str]:
    """The one-character-replaced forms of a normalised name (its Chinese characters only)."""
    chars = "".join(_HAN_ONLY.findall(name))
    if not MIN_CHARS <= len(chars) <= MAX_CHARS:
        return []
    return [MARK + chars[:at] + WILDCARD + chars[at + 1 :] for at in range(len(chars))]


def shard_key(token: str) -> str:
    """Two characters of the variant that stood side by side (search.js has the same rule)."""
    chars = token[1:]
    at = chars.index(WILDCARD)
    if at >= 2:
        return chars[:2]
    if len(chars) >= 4:
        return chars[2:4]
    return chars[1:3] if at == 0 else chars[0] + chars[2]
