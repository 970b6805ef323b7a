"""Make the default slide template (generator/courses/template.pptx): python-pptx's own layouts, 16:9, CJK theme fonts.

Run ``python -m generator.courses.make_template`` to rebuild it. A trainer replaces it with their own
.pptx (``compendium course ID --template FILE``); the slides use its first layout for the title slide and
its second ("Title and Content") for every other slide.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu

TEMPLATE = Path(__file__).parent / "template.pptx"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
EAST_ASIAN_FONT = "Noto Sans CJK SC"


def make_template(path: Path = TEMPLATE) -> Path:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 33.867 × 19.05 cm
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
    presentation.save(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover
    print(make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
