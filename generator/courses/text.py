"""Entry text as course outputs print it: plain, in the pack's language (Word, slides, the handout, the quiz)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from generator.content.model import Bilingual

_MD = MarkdownIt("commonmark")


def plain(markdown: str) -> str:
    """The text of inline Markdown without its markup (``**没有**`` → ``没有``, links → their text)."""
    parts: list[str] = []
    for block in _MD.parse(markdown):
        if block.type == "inline" and block.children is not None:
            parts.append("".join(child.content if child.type in ("text", "code_inline") else " " if "break" in child.type else ""
                                 for child in block.children))
    return "\n".join(part for part in parts if part)


def pick(text: Bilingual | None, lang: str) -> str:
    """The text in ``lang``; Chinese stands in for missing English. Markdown is reduced to plain text."""
    if text is None:
        return ""
    return plain(text.en if lang == "en" and text.en else text.zh)
