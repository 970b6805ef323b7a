"""A Word document that opens the same in Word and WPS: fonts named directly, the document's language, tables with widths.

Word prefers a style's theme font (``w:eastAsiaTheme``) to the font it names (``w:eastAsia``), and
python-docx's stock template has a ja-JP East Asian theme (ＭＳ ゴシック) and en-US as the East Asian
language: left alone, Chinese headings may come out in a Japanese face. So every style and the
document defaults name their fonts directly (宋体 for text, 黑体 for headings; both on every Windows
and in WPS) with no theme reference, the theme's East Asian faces are replaced too, and the language
is zh-CN (en-US text with zh-CN East Asian text for the English pack). WPS collapses tables without
explicit widths, so every table carries them (``tblW``, ``gridCol``, ``tcW``); its header row repeats
on each page (``tblHeader``) and no row breaks across pages (``cantSplit``).
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "SimSun"  # 宋体
HEADING_FONT = "SimHei"  # 黑体
LATIN_FONT = "Times New Roman"
HEADING_LATIN = "Arial"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 2.5 cm margins
NAVY = RGBColor(0x1A, 0x23, 0x7E)
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(r_pr: Any, east_asian: str, latin: str, hint: bool = True) -> None:
    """Name the fonts on a run-properties element (``w:rFonts``) and drop any theme-font reference. ``hint``: set quotes
    and dashes, which both scripts share, in the East Asian font (Chinese text); without it, in the Latin one (English)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")
    else:  # “English” quotes in Times New Roman, not as full-width 宋体 ones
        fonts.attrib.pop(qn("w:hint"), None)


def _language(r_pr: Any, lang: str) -> None:
    node = r_pr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        r_pr.append(node)
    node.set(qn("w:val"), "en-US" if lang == "en" else "zh-CN")
    node.set(qn("w:eastAsia"), "zh-CN")
    node.set(qn("w:bidi"), "ar-SA")


def mark_english(run: Any) -> None:
    """An English run in a Chinese document: its own language, so that no program breaks its words between letters."""
    _language(run._r.get_or_add_rPr(), "en")


def _theme(document: Any) -> None:
    """The theme's East Asian faces become 黑体 (headings) and 宋体 (text), whatever script they were set for."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/theme"))
    from lxml import etree

    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for font, face in (("majorFont", HEADING_FONT), ("minorFont", BODY_FONT)):
        for node in root.iterfind(f".//a:{font}", ns):
            node.find("a:ea", ns).set("typeface", face)
            for script in node.iterfind("a:font", ns):
                if script.get("script") in ("Jpan", "Hans", "Hant", "Hang"):
                    script.set("typeface", face)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def new_document(lang: str) -> Any:
    """An A4 document whose every style, default and theme names 宋体/黑体 directly, in ``lang`` (zh-CN or en-US)."""
    document = Document()
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    chinese = lang != "en"
    set_fonts(defaults, BODY_FONT, LATIN_FONT, chinese)
    _language(defaults, lang)
    for fonts in styles.element.iter(qn("w:rFonts")):  # every other style: no theme reference left to resolve to Japanese
        r_pr = fonts.getparent()
        heading = any(tag in (r_pr.getparent().get(qn("w:styleId")) or "") for tag in ("Heading", "Title"))
        set_fonts(r_pr, HEADING_FONT if heading else BODY_FONT, HEADING_LATIN if heading else LATIN_FONT, chinese)
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = styles[name]
        set_fonts(style.element.get_or_add_rPr(), HEADING_FONT, HEADING_LATIN, chinese)
        style.font.size = Pt(size)
        style.font.color.rgb = NAVY
        style.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number", "Normal"):
        set_fonts(styles[name].element.get_or_add_rPr(), BODY_FONT, LATIN_FONT, chinese)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # Word 2010's copy of the styles, with the theme references
            document.part.drop_rel(rel_id)
    _theme(document)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-US" if lang == "en" else "zh-CN")
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    return document


def hyperlink(paragraph: Any, text: str, url: str, size: float | None = None, colour: RGBColor | None = None) -> Any:
    """A run of ``text`` that opens ``url`` (a real link in Word and WPS, not a printed address)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    style = OxmlElement("w:u")
    style.set(qn("w:val"), "single")
    r_pr.append(style)
    if colour is not None:
        color = OxmlElement("w:color")
        color.set(qn("w:val"), str(colour))
        r_pr.append(color)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = OxmlElement(tag)
            node.set(qn("w:val"), str(int(size * 2)))
            r_pr.append(node)
    run.append(r_pr)
    text_node = OxmlElement("w:t")
    text_node.text = text
    text_node.set(qn("xml:space"), "preserve")
    run.append(text_node)
    link.append(run)
    paragraph._p.append(link)
    return link


def _width(element: Any, tag: str, cm: float) -> None:
    node = element.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        element.append(node)
    node.set(qn("w:w"), str(int(cm * 567)))  # twentieths of a point
    node.set(qn("w:type"), "dxa")


def _row_flag(row: Any, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(tag)) is None:
        tr_pr.append(OxmlElement(tag))


def table(document: Any, head: list[str], rows: list[list[str]], widths_cm: list[float], small: bool = False) -> Any:
    """A bordered table: fixed layout, explicit widths on the table, its grid and every cell; the header row repeats
    on each page and is bold; no row breaks across a page."""
    result = document.add_table(rows=1 + len(rows), cols=len(head))
    result.style = "Table Grid"
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    tbl_pr = result._tbl.tblPr
    _width(tbl_pr, "w:tblW", sum(widths_cm))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for grid_col, cm in zip(result._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        grid_col.set(qn("w:w"), str(int(cm * 567)))
    for row_index, values in enumerate([head, *rows]):
        row = result.rows[row_index]
        _row_flag(row, "w:cantSplit")
        if row_index == 0:
            _row_flag(row, "w:tblHeader")
        for cell, value, cm in zip(row.cells, values, widths_cm, strict=True):
            cell.width = Cm(cm)
            _width(cell._tc.get_or_add_tcPr(), "w:tcW", cm)
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.bold = row_index == 0
                if small:
                    run.font.size = Pt(9.5)
    return result
