"""How text goes onto slides: the template's layouts found and checked, text measured, split over slides, never shrunk.

A projected slide must be readable from the back of a room: titles at least 32 pt, body text 24 pt,
source lines 20 pt, nothing smaller. Text that does not fit goes on to the next slide (its title
marked 续 / cont.); a long paragraph is split between sentences. Every run names its typeface in
``a:latin`` and ``a:ea`` (python-pptx sets only the Latin one), so Chinese shows in 微软雅黑 on
Windows and WPS. Text is measured, not rendered: a CJK character is one em wide, other characters
about half, and lines are set at an exact 1.2 em so that the estimate holds in every program.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.courses.make_template import EAST_ASIAN_FONT, LATIN_FONT

TITLE_SIZE, MIN_TITLE_SIZE, BODY_SIZE, SMALL_SIZE = 36, 32, 24, 20
LINE = 1.2  # line pitch in ems, set exactly on every paragraph
GAP = 0.35  # space before a paragraph, in ems of its size
BULLET_INDENT = Emu(342900)
EMU_PER_PT = 12700
GREY = RGBColor(0x44, 0x4F, 0x5A)  # 8.6:1 on white
_SENTENCE = re.compile(r"(?<=[。；！？;!?])|(?<=\. )")
_PHRASE = re.compile(r"(?<=[，、：])|(?<=[,:])(?=\s)")  # not inside 1,507 or 09:00


@dataclass
class Para:
    """One paragraph to set: text, size in points, and how it looks."""

    text: str
    size: int = BODY_SIZE
    bullet: bool = False
    bold: bool = False
    grey: bool = False
    keep: str = ""  # "next" or "previous": the paragraph no slide break may part it from (bold: next; grey: previous)
    continued: bool = False  # the rest of a paragraph begun on the slide before: no bullet of its own


class TemplateError(ValueError):
    """The slide template lacks a layout the deck needs; the message says which, in Chinese then English."""


def _ems(text: str) -> float:
    """The width of ``text`` in ems: full-width characters 1, others about 0.55 (spaces 0.3)."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 1.0
        elif char == " ":
            width += 0.3
        else:
            width += 0.58
    return width


def lines_of(text: str, size: float, width_emu: int) -> int:
    """How many lines ``text`` takes at ``size`` points in a box ``width_emu`` wide (each forced line counted)."""
    per_line = width_emu / EMU_PER_PT / size * 0.96  # a little slack for wrapping at word and punctuation limits
    return sum(max(1, math.ceil(_ems(part) / per_line)) for part in text.split("\n"))


def height_of(para: Para, width_emu: int) -> float:
    """Height in points, with the space before it."""
    width = width_emu - (BULLET_INDENT if para.bullet else 0)
    return lines_of(para.text, para.size, width) * para.size * LINE + para.size * GAP


def split_text(text: str, size: float, width_emu: int, max_height: float) -> list[str]:
    """``text`` in pieces that each fit ``max_height`` points: cut between sentences, else phrases, else characters."""
    def fits(piece: str) -> bool:
        return lines_of(piece, size, width_emu) * size * LINE + size * GAP <= max_height

    if fits(text):
        return [text]
    for pattern in (_SENTENCE, _PHRASE):
        parts = [part for part in pattern.split(text) if part]
        if len(parts) > 1 and all(fits(part) for part in parts):
            pieces, current = [], ""
            for part in parts:
                if current and not fits(current + part):
                    pieces.append(current)
                    current = part
                else:
                    current += part
            return [*pieces, current] if current else pieces
    per_piece = max(1, int(len(text) * max_height / (lines_of(text, size, width_emu) * size * LINE + size * GAP)) - 2)
    return [text[i:i + per_piece] for i in range(0, len(text), per_piece)]


def _keep(para: Para) -> str:
    """What ``para`` stays on a slide with: a bold lead its next paragraph, a grey source line the one before it."""
    if para.keep:
        return para.keep
    return "next" if para.bold else "previous" if para.grey else ""


def _atoms(paras: list[Para], width_emu: int, capacity: float) -> list[list[tuple[int, Para]]]:
    """The pieces no slide break may come between: a long paragraph (a third of a slide or more) in sentences, each
    other paragraph whole; a lead glued to what follows it, a source line to what it follows. Each piece keeps the
    index of its paragraph, so that pieces landing on one slide are joined again."""
    units: list[tuple[int, Para]] = []
    for index, para in enumerate(paras):
        width = width_emu - (BULLET_INDENT if para.bullet else 0)
        pieces = [para.text]
        if height_of(para, width_emu) > capacity / 3:
            sentences = [part for part in _SENTENCE.split(para.text) if part]
            pieces = [piece for sentence in sentences for piece in split_text(sentence, para.size, width, capacity)]
        units += [(index, Para(piece, para.size, para.bullet, para.bold, para.grey, para.keep)) for piece in pieces]
    atoms: list[list[tuple[int, Para]]] = []
    for position, (index, piece) in enumerate(units):
        previous = units[position - 1] if position else None
        glued = previous is not None and (
            previous[0] != index and (_keep(paras[previous[0]]) == "next" or _keep(paras[index]) == "previous"))
        if glued and atoms:
            atoms[-1].append((index, piece))
        else:
            atoms.append([(index, piece)])
    return atoms


def _fill(atoms: list[list[tuple[int, Para]]], width_emu: int, capacity: float) -> list[list[tuple[int, Para]]]:
    pages: list[list[tuple[int, Para]]] = [[]]
    used = 0.0
    for atom in atoms:
        height = sum(height_of(piece, width_emu) for _, piece in atom)
        if pages[-1] and used + height > capacity:
            pages.append([])
            used = 0.0
        pages[-1] += atom
        used += height
    return [page for page in pages if page]


def _join(page: list[tuple[int, Para]], first: int) -> list[Para]:
    """The pieces of one slide, those of one paragraph joined again; ``first``: the paragraph the slide before ended with."""
    joined: list[tuple[int, Para]] = []
    previous = first
    for index, piece in page:
        if joined and joined[-1][0] == index:
            last = joined[-1][1]
            joined[-1] = (index, Para(last.text + piece.text, last.size, last.bullet, last.bold, last.grey, last.keep,
                                       last.continued))
        else:
            continued = index == previous
            joined.append((index, Para(piece.text.lstrip(), piece.size, piece.bullet, piece.bold, piece.grey, piece.keep,
                                       continued)))
        previous = index
    return [para for _, para in joined]


def paginate(paras: list[Para], width_emu: int, height_emu: int) -> list[list[Para]]:
    """The paragraphs in slide-sized groups, in order, as even as the slides they need allow: a long paragraph is
    split between sentences, a lead stays with its text and a source line with what it cites."""
    capacity = height_emu / EMU_PER_PT
    atoms = _atoms(paras, width_emu, capacity)
    pages = _fill(atoms, width_emu, capacity)
    if len(pages) > 1:  # the least room per slide that still needs no more slides: the last slide is not left with a line
        low, high = capacity / len(pages), capacity
        for _ in range(10):
            middle = (low + high) / 2
            trial = _fill(atoms, width_emu, middle)
            if len(trial) <= len(pages):
                pages, high = trial, middle
            else:
                low = middle
    return [_join(page, pages[number - 1][-1][0] if number else -1) for number, page in enumerate(pages)]


def excerpt(text: str, quotes: list[str], mark: str = "……") -> str:
    """The sentences of ``text`` that hold any of ``quotes``, in order, ``mark`` (……, or … in English) where sentences
    are left out; ``text`` itself when no quote is found in it. A long clause's slide shows what the course rests on."""
    bounds, start = [], 0
    for match in _SENTENCE.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
            start = match.start()
    if start < len(text):
        bounds.append((start, len(text)))
    spans = []
    for quote in quotes:
        at = text.find(quote)
        if at < 0:
            at = text.find(quote[:12])  # a quote over a sentence end, or with other spacing: its start will do
            if at < 0:
                continue
        spans.append((at, at + len(quote)))
    chosen = [index for index, (low, high) in enumerate(bounds) if any(a < high and b > low for a, b in spans)]
    if not chosen:
        return text
    pieces, last = [], -1
    for index in chosen:
        if index != last + 1:
            pieces.append(mark)
        piece = text[bounds[index][0]:bounds[index][1]].strip()
        pieces.append(f" {piece}" if pieces and mark == "…" else piece)
        last = index
    if last != len(bounds) - 1:
        pieces.append(_spaced(mark))
    return "".join(pieces)


def _spaced(mark: str) -> str:
    """An English ellipsis after a sentence stands apart from its full stop (``period. …``)."""
    return f" {mark}" if mark == "…" else mark


def fit_text(text: str, size: float, width_emu: int, lines: int, mark: str = "……") -> str:
    """``text`` cut at a sentence (else a phrase) so that it takes at most ``lines`` lines, marked ``mark`` when cut."""
    if lines_of(text, size, width_emu) <= lines:
        return text
    for pattern in (_SENTENCE, _PHRASE):
        kept = ""
        for part in (part for part in pattern.split(text) if part):
            if lines_of(kept + part + mark, size, width_emu) > lines:
                break
            kept += part
        if kept and lines_of(kept, size, width_emu) >= lines * 0.6:  # a sentence cut that leaves half the slide empty: cut a phrase
            kept = kept.rstrip("，、,：:；; …")
            return kept + (_spaced(mark) if kept.endswith((".", "!", "?")) else mark)
    while text and lines_of(text + mark, size, width_emu) > lines:
        text = text[: int(len(text) * 0.9)]
    return text + mark


def set_fonts(run: Any) -> None:
    """Name the typeface for Latin, East Asian and complex-script text on one run (``a:latin``, ``a:ea``, ``a:cs``)."""
    r_pr = run._r.get_or_add_rPr()
    for tag, face in (("a:latin", LATIN_FONT), ("a:ea", EAST_ASIAN_FONT), ("a:cs", EAST_ASIAN_FONT)):
        node = r_pr.find(qn(tag))
        if node is None:
            node = r_pr.makeelement(qn(tag), {})
            r_pr.append(node)
        node.set("typeface", face)


def _bullet(paragraph: Any, on: bool, continued: bool = False) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont"):
        for node in p_pr.findall(qn(tag)):
            p_pr.remove(node)
    if on and continued:  # indented like the bullet's text, without a bullet
        p_pr.set("marL", str(BULLET_INDENT))
        p_pr.set("indent", "0")
        p_pr.append(p_pr.makeelement(qn("a:buNone"), {}))
    elif on:
        p_pr.set("marL", str(BULLET_INDENT))
        p_pr.set("indent", str(-BULLET_INDENT))
        font = p_pr.makeelement(qn("a:buFont"), {"typeface": "Arial"})
        char = p_pr.makeelement(qn("a:buChar"), {"char": "•"})
        p_pr.append(font)
        p_pr.append(char)
    else:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        p_pr.append(p_pr.makeelement(qn("a:buNone"), {}))


def write_paras(frame: Any, paras: list[Para], colour: RGBColor | None = None) -> None:
    """Set ``paras`` into a text frame: explicit size, line pitch and fonts on every paragraph and run; no autofit."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = Pt(para.size * LINE)
        paragraph.space_before = Pt(para.size * GAP) if index else Pt(0)
        _bullet(paragraph, para.bullet, para.continued)
        run = paragraph.add_run()
        run.text = para.text
        run.font.size = Pt(para.size)
        run.font.bold = para.bold
        if para.grey:
            run.font.color.rgb = GREY
        elif colour is not None:
            run.font.color.rgb = colour
        set_fonts(run)


def title_size(text: str, width_emu: int, lines: int = 2) -> int:
    """36 pt when the title fits in ``lines`` lines, else 32 pt (the floor; a longer title wraps further)."""
    return TITLE_SIZE if lines_of(text, TITLE_SIZE, width_emu) <= lines else MIN_TITLE_SIZE


# ----- the template -----
@dataclass
class Layouts:
    """The layouts the deck uses, found by what their placeholders are and where they sit, not by their position."""

    title: Any
    content: Any
    section: Any


def _placeholder(layout: Any, kinds: tuple[str, ...]) -> Any:
    return next((shape for shape in layout.placeholders if shape.placeholder_format.type is not None
                 and shape.placeholder_format.type.name in kinds), None)


def _body(layout: Any) -> Any:
    return next((shape for shape in layout.placeholders if shape.placeholder_format.idx == 1
                 and shape.placeholder_format.type is not None and shape.placeholder_format.type.name in ("BODY", "OBJECT")), None)


def _title_above_body(layout: Any, slide_width: int, slide_height: int) -> bool:
    title, body = _placeholder(layout, ("TITLE", "CENTER_TITLE")), _body(layout)
    if title is None or body is None or None in (title.top, title.height, body.top, body.width, body.height):
        return False
    body_pr = body._element.find(f".//{qn('a:bodyPr')}")
    if body_pr is not None and body_pr.get("vert", "horz") != "horz":  # vertical text ("Title and Vertical Text")
        return False
    return (title.top + title.height <= body.top + Emu(45720) and body.width >= slide_width * 0.6
            and body.height >= slide_height * 0.4)


def find_layouts(deck: Any, template: Path) -> Layouts:
    """The title, content and section layouts of ``deck``; :class:`TemplateError` when there is no usable content layout."""
    width, height = deck.slide_width, deck.slide_height
    usable = [layout for layout in deck.slide_layouts if _title_above_body(layout, width, height)]
    if not usable:
        names = "、".join(f"“{layout.name}”" for layout in deck.slide_layouts) or "（无）"
        raise TemplateError(
            f"幻灯片模板 {template} 不能用：没有一个版式有标题占位符和在它下方、足够大的正文占位符（如“标题和内容”版式）。"
            f"模板中的版式：{names}。请在 PowerPoint 或 WPS 的“幻灯片母版”里加一个这样的版式，或去掉 --template 使用默认模板。 / "
            f"slide template {template} cannot be used: no layout has a title placeholder with a large body placeholder below it "
            f"(like 'Title and Content'). Add such a layout in the slide master (PowerPoint or WPS), or leave out --template "
            "to use the default template.")
    content = next((layout for layout in usable if "content" in layout.name.lower() or "内容" in layout.name), usable[0])
    section = next((layout for layout in usable if "section" in layout.name.lower() or "节" in layout.name), content)
    title = next((layout for layout in deck.slide_layouts if _placeholder(layout, ("CENTER_TITLE",)) is not None), content)
    return Layouts(title, content, section)


def check_template(template: Path) -> str | None:
    """Why ``template`` cannot make a deck, in Chinese then English; None when it can."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        deck = Presentation(str(template))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        return (f"幻灯片模板 {template} 无法打开：它不是 .pptx 文件（{type(error).__name__}）。请在 PowerPoint 或 WPS 中另存为 .pptx。 / "
                f"slide template {template} cannot be opened: it is not a .pptx file ({type(error).__name__}). "
                "Save it as .pptx in PowerPoint or WPS.")
    try:
        find_layouts(deck, template)
    except TemplateError as error:
        return str(error)
    return None
