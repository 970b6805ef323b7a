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
    """The text in ``lang`` exactly as written (a name, a title, a clause): Chinese stands in for missing English."""
    if text is None:
        return ""
    return text.en if lang == "en" and text.en else text.zh


def pick_markdown(text: Bilingual | None, lang: str) -> str:
    """A field the site renders as Markdown (a summary, a definition, an outcome), reduced to its plain text."""
    return plain(pick(text, lang))
