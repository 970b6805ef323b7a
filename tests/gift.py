"""A small Moodle GIFT reader for the tests: enough of the format to check what generator/courses/quiz.py writes.

It follows Moodle's rules for what it reads: ``//`` comments, ``$CATEGORY:``, ``::title::``, the answer block in
braces, ``=`` right and ``~`` wrong answers with optional ``%weight%``, ``#`` feedback, ``####`` general feedback,
``TRUE``/``FALSE``, an empty block for an essay, and backslash escapes of ``~ = # { } :``. An unescaped special
character where text is expected is an error, as it would be in Moodle's importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIAL = "~=#{}:"


class GiftError(ValueError):
    """The text is not valid GIFT."""


@dataclass
class GiftAnswer:
    text: str
    correct: bool
    weight: float | None = None
    feedback: str = ""


@dataclass
class GiftQuestion:
    title: str
    stem: str
    kind: str  # choice, truefalse, essay
    answers: list[GiftAnswer] = field(default_factory=list)
    truth: bool | None = None
    general_feedback: str = ""


def _split_unescaped(text: str, separators: str) -> list[tuple[str, str]]:
    """Split at unescaped separator characters; returns (separator, piece) pairs, the first with separator ''."""
    parts: list[tuple[str, str]] = []
    current, sep, index = "", "", 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current += text[index:index + 2]
            index += 2
            continue
        if char in separators:
            parts.append((sep, current))
            current, sep = "", char
        else:
            current += char
        index += 1
    parts.append((sep, current))
    return parts


def unescape(text: str) -> str:
    for index, char in enumerate(text):
        if char in SPECIAL and (index == 0 or text[index - 1] != "\\"):
            raise GiftError(f"unescaped {char!r} in {text!r}")
    return re.sub(r"\\(.)", r"\1", text).replace("\\n", "\n").strip()


def _block(body: str) -> tuple[str, list[GiftAnswer], bool | None, str]:
    general = ""
    if "####" in body:
        body, _, general = body.partition("####")
        general = unescape(general)
    stripped = body.strip()
    if not stripped:
        return "essay", [], None, general
    head = _split_unescaped(stripped, "#")
    if head[0][1].strip() in ("TRUE", "FALSE", "T", "F"):
        return "truefalse", [], head[0][1].strip().startswith("T"), general
    answers = []
    for sep, raw in _split_unescaped(stripped, "=~"):
        if not sep:
            if raw.strip():
                raise GiftError(f"text before the first answer: {raw!r}")
            continue
        weight = None
        match = re.match(r"\s*%(-?[0-9.]+)%", raw)
        piece = raw[match.end():] if match else raw
        if match:
            weight = float(match.group(1))
        text, *feedback = [p for _, p in _split_unescaped(piece, "#")]
        answers.append(GiftAnswer(unescape(text), sep == "=" or (weight or 0) > 0, weight, unescape(feedback[0]) if feedback else ""))
    return "choice", answers, None, general


def parse_gift(text: str) -> list[GiftQuestion]:
    """Every question in ``text``; raises :class:`GiftError` on anything Moodle would reject."""
    questions = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if not line.lstrip().startswith("//")]
        source = "\n".join(lines).strip()
        if not source or source.startswith("$CATEGORY:"):
            continue
        match = re.match(r"::((?:\\.|[^:\\])*)::(.*)$", source, re.S)
        if not match:
            raise GiftError(f"question without a title: {source[:40]!r}")
        title, rest = match.group(1), match.group(2)
        pieces = _split_unescaped(rest, "{}")
        if len(pieces) != 3 or pieces[1][0] != "{" or pieces[2][0] != "}" or pieces[2][1].strip():
            raise GiftError(f"question {title!r} needs exactly one answer block at its end")
        kind, answers, truth, general = _block(pieces[1][1])
        questions.append(GiftQuestion(unescape(title), unescape(pieces[0][1]), kind, answers, truth, general))
    return questions
