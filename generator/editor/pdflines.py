"""The paragraphs of a PDF's text layer, from where each printed line starts and ends on the page.

A PDF stores printed lines, not paragraphs. A paragraph of a Chinese document starts on a line that is
indented (2 characters), centred or right-aligned, or after a line that stops short of the right margin,
or after a wider gap; every other line continues the paragraph above, also across a page break. So
numbered items (1．… 2．…) keep their boundaries, and a full line is never cut where the printer wrapped it.
Text pieces on one line are joined without the spaces a PDF producer puts between Chinese and digits
("2021 年" is "2021年" in the document); page numbers (— 2 —) are left out.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PageObject

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:\d{1,4}|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–－\s]*$")
_CN = "一二三四五六七八九十百"
_NUMBERED = re.compile(rf"^(?:[{_CN}]+、|（[{_CN}]+）|\([{_CN}]+\)|第[{_CN}\d]+[章条]|\d{{1,2}}[.．、](?!\d)|"
                       rf"（\d{{1,2}}）|\(\d{{1,2}}\)|[①-⑳])")


@dataclass
class Line:
    """One printed line: where it starts and (about) where it ends, its font size and its text."""

    y: float
    x0: float
    size: float
    pieces: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        joined = ""
        for _, piece in self.pieces:  # in the order the page draws them: producers draw in reading order
            if joined and joined[-1].isascii() and joined[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
                joined += " "
            joined += piece
        return joined

    @property
    def x1(self) -> float:
        """About where the line ends: its furthest piece's end, or its start plus its text's width if that is further."""
        return max(*(x + width(piece, self.size) for x, piece in self.pieces), self.x0 + width(self.text, self.size))


def width(text: str, size: float) -> float:
    """The printed width of ``text``: full-width characters one em, the others about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.55 for ch in text)


def page_lines(page: PageObject) -> list[Line]:
    """The lines of one page, top to bottom, from the positions of its text pieces."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        text = text.replace("\n", "").replace("\r", "").strip()
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[0] * cm[0]) or 1.0
        pieces.append((y, x, abs(size * scale), text))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    for y, x, size, text in pieces:
        line = lines[-1] if lines else None
        if line is not None and abs(line.y - y) <= max(line.size, size) * 0.4:
            line.pieces.append((x, text))
            line.x0 = min(line.x0, x)
            line.size = max(line.size, size)
        else:
            lines.append(Line(y, x, size, [(x, text)]))
    return [line for line in lines if not _PAGE_NUMBER.match(line.text)]


@dataclass
class _Margins:
    left: float
    right: float
    size: float
    spacing: float


def _margins(lines: list[Line]) -> _Margins:
    sizes = [round(line.size) for line in lines for _ in line.text]
    size = statistics.mode(sizes) if sizes else 12.0
    body = [line for line in lines if abs(line.size - size) < 1] or lines
    left = min(statistics.multimode(round(line.x0) for line in body))
    ends = sorted(line.x1 for line in body)
    right = ends[int(len(ends) * 0.9)] if ends else left
    gaps = [above.y - below.y for above, below in itertools.pairwise(lines) if 0 < above.y - below.y < size * 3]
    spacing = statistics.median(gaps) if gaps else size * 1.5
    return _Margins(left, right, size, spacing)


def _starts_paragraph(line: Line, previous: Line | None, margins: _Margins) -> bool:
    if previous is None:
        return True
    em = margins.size
    return (line.x0 > margins.left + 0.6 * em                      # indented, centred or right-aligned
            or previous.x1 < margins.right - 4 * em                 # the line above stopped short (the end is an
                                                                    # estimate: pieces' positions and widths are rough)
            or previous.x0 > margins.left + 4 * em                  # the line above was centred or right-aligned
            or abs(line.size - previous.size) >= 1                  # a heading in another size
            or previous.y - line.y > margins.spacing * 1.6          # a wider gap than between lines
            or (bool(_NUMBERED.match(line.text)) and previous.text.endswith(("；", "。", "："))))  # an item after a full stop


def pdf_paragraphs(path: Path) -> list[str]:
    """The paragraphs of the PDF's text layer, in reading order."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt("")
    pages = [page_lines(page) for page in reader.pages]
    everything = [line for lines in pages for line in lines]
    if not everything:
        return []
    margins = _margins(everything)
    paragraphs: list[str] = []
    previous: Line | None = None
    for lines in pages:
        for number, line in enumerate(lines):
            # across a page break only the horizontal rules apply: the gap is the page's margin
            above = previous if number or previous is None else Line(line.y + margins.spacing, previous.x0, previous.size,
                                                                     previous.pieces)
            if _starts_paragraph(line, above, margins):
                paragraphs.append(line.text)
            else:
                paragraphs[-1] += line.text
            previous = line
    return [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]
