"""Make the default slide template (generator/courses/template.pptx): python-pptx's own layouts, 16:9, 微软雅黑.

Every slide title sits in white, left-aligned, on a navy band across the top; the title slide has a
band across the middle, and the section slide ("Section Header") a deep band holding the session's
title with the plan below it. Text is set in Microsoft YaHei (微软雅黑), which every Windows since
Vista and WPS have, in the theme, in the master's text styles (``a:latin`` and ``a:ea``) and on every
run the deck writes; nothing shrinks text to fit (the deck splits content over more slides instead).
Run ``python -m generator.courses.make_template`` to rebuild it. A trainer replaces it with their own
.pptx (``compendium course ID --template FILE``); generator/courses/deck.py checks that it has the
layouts the deck needs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

TEMPLATE = Path(__file__).parent / "template.pptx"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EAST_ASIAN_FONT = "Microsoft YaHei"  # 微软雅黑: Windows (Vista on) and WPS; LibreOffice substitutes a CJK sans
LATIN_FONT = "Microsoft YaHei"  # its Latin letters match; Arial stands in where it is missing (pitchFamily 34: sans)
NAVY = RGBColor(0x1F, 0x3A, 0x68)  # white on it: 11.6:1
WIDTH, HEIGHT = 12192000, 6858000  # 16:9, 33.867 × 19.05 cm
INCH = 914400
BAND = int(1.3 * INCH)  # two lines of a 32 pt title
MARGIN = int(0.55 * INCH)
TITLE_SIZE, BODY_SIZE, SMALL_SIZE = 36, 24, 20


def _band(presentation: Any, top: int, height: int, shape_id: int) -> Any:
    """A navy rectangle the full width of the slide, drawn on a scratch slide and returned as XML to place elsewhere."""
    scratch = presentation.slides.add_slide(presentation.slide_layouts[6])
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, WIDTH, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = NAVY
    shape.line.fill.background()
    shape.shadow.inherit = False
    shape.name = "Title band"
    element = shape._element
    element.find(f".//{{{_P}}}cNvPr").set("id", str(shape_id))
    slides = presentation.slides._sldIdLst
    presentation.part.drop_rel(slides[-1].rId)
    slides.remove(slides[-1])
    return element


def _fonts(def_rpr: Any) -> None:
    """Latin and East Asian typeface on a run-properties element (theme references replaced)."""
    for tag in ("latin", "ea", "cs"):
        node = def_rpr.find(f"{{{_A}}}{tag}")
        if node is None:
            node = etree.SubElement(def_rpr, f"{{{_A}}}{tag}")
        node.set("typeface", EAST_ASIAN_FONT if tag != "latin" else LATIN_FONT)
        if tag != "cs":
            node.set("pitchFamily", "34")
            node.set("charset", "-122" if tag == "ea" else "0")


def _text_styles(master: Any) -> None:
    """Title: white, left, 36 pt. Body: 24 pt, second level 20 pt, never smaller. Every level in 微软雅黑."""
    styles = master._element.find(f".//{{{_P}}}txStyles")
    title = styles.find(f"{{{_P}}}titleStyle/{{{_A}}}lvl1pPr")
    title.set("algn", "l")
    fill = title.find(f"{{{_A}}}defRPr/{{{_A}}}solidFill")
    for child in list(fill):
        fill.remove(child)
    etree.SubElement(fill, f"{{{_A}}}srgbClr", val="FFFFFF")
    for level in styles.iter():
        if not isinstance(level.tag, str) or not level.tag.endswith("pPr") or level.tag.endswith("defPPr"):
            continue
        def_rpr = level.find(f"{{{_A}}}defRPr")
        if def_rpr is None:
            continue
        in_title = level.getparent().tag.endswith("titleStyle")
        depth = int(level.tag.rsplit("lvl", 1)[1][0]) if "lvl" in level.tag else 1
        def_rpr.set("sz", str(100 * (TITLE_SIZE if in_title else BODY_SIZE if depth == 1 else SMALL_SIZE)))
        _fonts(def_rpr)
    for body_pr in master._element.iter(f"{{{_A}}}bodyPr"):
        for autofit in list(body_pr):
            if autofit.tag.endswith("Autofit"):
                body_pr.remove(autofit)
        etree.SubElement(body_pr, f"{{{_A}}}noAutofit")


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def make_template(path: Path = TEMPLATE) -> Path:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(WIDTH), Emu(HEIGHT)
    master = presentation.slide_masters[0]
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    for font in theme.iter(f"{{{_A}}}majorFont", f"{{{_A}}}minorFont"):
        for tag in ("latin", "ea"):
            font.find(f"{{{_A}}}{tag}").set("typeface", EAST_ASIAN_FONT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    _text_styles(master)
    inner = WIDTH - 2 * MARGIN
    title_master, body_master = master.placeholders[0], master.placeholders[1]
    _place(title_master, MARGIN, int(0.08 * INCH), inner, BAND - int(0.16 * INCH))
    _place(body_master, MARGIN, BAND + int(0.3 * INCH), inner, HEIGHT - BAND - int(0.75 * INCH))
    master.shapes._spTree.insert(2, _band(presentation, 0, BAND, 90))
    for layout in master.slide_layouts:
        for shape in layout.placeholders:  # type: ignore[misc]  # python-pptx types __iter__ as a plain attribute
            xfrm = shape._element.spPr.find(f"{{{_A}}}xfrm")
            if xfrm is None:
                continue
            if layout.name in ("Title and Content", "Title Only") and shape.placeholder_format.idx in (0, 1):
                shape._element.spPr.remove(xfrm)  # the master's title and body places
            else:  # the stock layouts are drawn for 4:3
                shape.left, shape.width = Emu(int(shape.left * WIDTH / 9144000)), Emu(int(shape.width * WIDTH / 9144000))
    title_slide = master.slide_layouts[0]
    title_slide._element.set("showMasterSp", "0")
    title, subtitle = title_slide.placeholders[0], title_slide.placeholders[1]
    _place(title, MARGIN, int(2.0 * INCH), inner, int(1.9 * INCH))
    _place(subtitle, MARGIN, int(4.35 * INCH), inner, int(1.6 * INCH))
    title_slide.shapes._spTree.insert(2, _band(presentation, int(1.85 * INCH), int(2.2 * INCH), 91))
    _section_layout(presentation, master.slide_layouts[2], inner)
    presentation.save(str(path))
    return path


def _section_layout(presentation: Any, section: Any, inner: int) -> None:
    """The "Section Header" layout: a deep navy band holding a large white title, the plan below it."""
    section._element.set("showMasterSp", "0")
    heading, body = section.placeholders[0], section.placeholders[1]
    deep = int(2.4 * INCH)
    _place(heading, MARGIN, int(0.35 * INCH), inner, deep - int(0.5 * INCH))
    heading._element.find(f".//{{{_A}}}bodyPr").set("anchor", "b")
    body._element.find(f".//{{{_A}}}bodyPr").set("anchor", "t")
    _place(body, MARGIN, deep + int(0.3 * INCH), inner, HEIGHT - deep - int(0.75 * INCH))
    section.shapes._spTree.insert(2, _band(presentation, 0, deep, 92))
    for shape in (heading, body):
        for run_props in shape._element.iter(f"{{{_A}}}defRPr"):
            run_props.set("sz", str(100 * (40 if shape is heading else BODY_SIZE)))
            run_props.attrib.pop("cap", None)  # the stock layout sets titles in capitals
            for tint in run_props.iter(f"{{{_A}}}tint"):
                tint.getparent().remove(tint)  # and its body in a light grey
            if shape is heading:
                for fill in run_props.findall(f"{{{_A}}}solidFill"):
                    run_props.remove(fill)
                solid = etree.SubElement(run_props, f"{{{_A}}}solidFill")
                etree.SubElement(solid, f"{{{_A}}}srgbClr", val="FFFFFF")
                run_props.insert(0, solid)
        for paragraph in shape._element.iter(f"{{{_A}}}lvl1pPr"):
            paragraph.set("algn", "l")


if __name__ == "__main__":  # pragma: no cover
    print(make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
