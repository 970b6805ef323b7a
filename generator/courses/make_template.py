"""Make the default slide template (generator/courses/template.pptx): python-pptx's own layouts, 16:9, CJK theme fonts.

Every slide title sits in white, left-aligned, on a navy band across the top (the title slide: a band
across the middle, the subtitle below it), so a projected deck reads as one course. Run
``python -m generator.courses.make_template`` to rebuild it. A trainer replaces it with their own .pptx
(``compendium course ID --template FILE``); the slides use its first layout for the title slide and its
second ("Title and Content") for every other slide.
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
EAST_ASIAN_FONT = "Noto Sans CJK SC"
NAVY = RGBColor(0x1F, 0x3A, 0x68)  # white on it: 11.6:1
WIDTH, HEIGHT = 12192000, 6858000  # 16:9, 33.867 × 19.05 cm


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


def _white_left_titles(master: Any) -> None:
    """The master's title style: white, left-aligned (the band is behind every title)."""
    level = master._element.find(f".//{{{_P}}}titleStyle/{{{_A}}}lvl1pPr")
    level.set("algn", "l")
    fill = level.find(f"{{{_A}}}defRPr/{{{_A}}}solidFill")
    for child in list(fill):
        fill.remove(child)
    etree.SubElement(fill, f"{{{_A}}}srgbClr", val="FFFFFF")


def make_template(path: Path = TEMPLATE) -> Path:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(WIDTH), Emu(HEIGHT)
    master = presentation.slide_masters[0]
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    for font in theme.iter(f"{{{_A}}}majorFont", f"{{{_A}}}minorFont"):
        east_asian = font.find(f"{{{_A}}}ea")
        if east_asian is not None:
            east_asian.set("typeface", EAST_ASIAN_FONT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
    # stretch placeholders to the wider slide; those without their own position inherit the master's
    shapes = [*master.placeholders, *(shape for layout in master.slide_layouts for shape in layout.placeholders)]
    for shape in shapes:
        if shape._element.spPr.find(f"{{{_A}}}xfrm") is not None:
            shape.left = int(shape.left * 12192000 / 9144000)
            shape.width = int(shape.width * 12192000 / 9144000)
    _white_left_titles(master)
    content = master.slide_layouts[1]
    band = content.placeholders[0].top + content.placeholders[0].height + 45720
    master.shapes._spTree.insert(2, _band(presentation, 0, band, 90))
    body = content.placeholders[1]
    bottom = body.top + body.height
    body.top = band + 228600  # a quarter inch of white under the band
    body.height = bottom - body.top
    title_slide = master.slide_layouts[0]
    title_slide._element.set("showMasterSp", "0")
    title = title_slide.placeholders[0]
    title.left, title.width = 914400, WIDTH - 2 * 914400
    title_slide.shapes._spTree.insert(2, _band(presentation, title.top - 228600, title.height + 457200, 91))
    presentation.save(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover
    print(make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
