"""The text of a source file, one paragraph per line, and what the file says about the document around it.

Plain text, a saved web page, DOCX or PDF (with a text layer). Libraries, each for what it is best kept
at: trafilatura finds the main text of a web page (it drops menus, search boxes, sidebars and footers the
way readability does, and is maintained); lxml reads the page's metadata table and the document's own
heading (never the browser title, which carries the site's name); python-docx reads Word files, tables
included, in order; pypdf reads a PDF's text layer, which generator/editor/pdflines.py puts back into
paragraphs and generator/editor/glyphs.py into the characters the page showed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.editor.glyphs import CharacterChange, standard_characters
from generator.editor.govmeta import LABELS, document_kind, is_metadata_line, labelled_fields

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u3000\xa0]+")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mhtml")
# <meta> tags of the content systems Chinese government sites run on (TRS WCM and others)
PRINTED_LABELS = {"index_number": "索引号", "doc_number": "文号", "written": "发文日期", "published": "发布日期", "issuer": "发布机构"}
META_FIELDS = {"articletitle": "title", "pubdate": "published", "contentsource": "publisher", "firstpubdate": "published"}


class IntakeError(Exception):
    """A source file that cannot be read, with a bilingual message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


@dataclass
class SourceText:
    """The document's text (kept as the capture), metadata found around it, and characters put right."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)  # title, doc_number, index_number, written, published, issuer, publisher
    changes: list[CharacterChange] = field(default_factory=list)
    kind: str = "text"  # text, html, docx or pdf


def decode(raw: bytes, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM), else the declared charset, else GB18030 (a superset of GBK and GB2312)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in (declared, "gb18030"):
        if not encoding:
            continue
        name = "gb18030" if encoding.lower() in ("gbk", "gb2312", "gb_2312-80", "x-gbk") else encoding
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    raise IntakeError("文件编码无法识别（不是 UTF-8 或 GBK）", "the file's encoding is neither UTF-8 nor GBK")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def html_source(raw: bytes) -> SourceText:
    """A saved web page: its main text, and the title, 文号, dates … of its metadata table and <meta> tags."""
    import trafilatura
    from lxml import html as lxml_html

    declared = _CHARSET.search(raw[:4096])
    page = decode(raw, declared.group(1).decode("ascii") if declared else None)
    main = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=False,
                               deduplicate=False) or ""
    tree = lxml_html.fromstring(page)
    for element in tree.xpath("//script|//style|//noscript|//select|//option|//button|//textarea"):
        element.drop_tree()
    fields: dict[str, str] = {}
    for meta in tree.xpath("//meta[@name][@content]"):
        name = META_FIELDS.get(str(meta.get("name")).lower())
        if name and _clean(str(meta.get("content"))):
            fields.setdefault(name, _clean(str(meta.get("content"))))
    for key, value in _table_fields(tree).items():
        fields[key] = value  # the metadata table is the page's own statement: it outranks <meta> tags
    headings = [_clean(h.text_content()) for h in tree.xpath("//h1|//h2|//h3")]
    in_text = {_clean(line) for line in main.splitlines()}
    heading = next((h for h in headings if h in in_text and len(h) >= 8), None) or next(
        (h for h in headings if len(h) >= 8 and (document_kind(h) or "关于" in h)), None)
    if heading and "title" not in fields:
        fields["title"] = heading  # the document's own heading; the browser title (<title>) carries the site's name
    if not main.strip():  # no main text found: every line of the page, for the splitter to sort out
        main = "\n".join(_clean(line) for line in tree.text_content().splitlines() if _clean(line))
    # the page's metadata table is kept with the text, so the 索引号 and dates taken from it trace to the capture
    table = [f"{label}：{fields[name]}" for name, label in PRINTED_LABELS.items() if fields.get(name) and fields[name] not in main]
    return SourceText("\n".join([*table, main]), fields, kind="html")


def _table_fields(tree: HtmlElement) -> dict[str, str]:
    """Metadata printed as a table (label cell, value cell) or as "label：value" lines above the text."""
    found: dict[str, str] = {}
    for row in tree.xpath("//tr"):
        cells = [_clean(cell.text_content()) for cell in row.xpath("./th|./td")]
        for label, value in itertools.pairwise(cells):
            name = LABELS.get(re.sub(r"[\s:：]", "", label))
            if name and name != "other" and value and re.sub(r"[\s:：]", "", value) not in LABELS:
                found.setdefault(name, value)
    for element in tree.xpath("//li|//p|//span|//div[not(*)]"):
        text = _clean(element.text_content())
        if is_metadata_line(text):
            for name, value in labelled_fields(text).items():
                found.setdefault(name, value)
    return found


def docx_text(path: Path) -> str:
    """Paragraphs and table rows of a Word file in document order; a line break within a paragraph starts a line."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.extend(Paragraph(child, document).text.split("\n"))
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # a merged cell repeats: keep it once
                    if not cells or cell.text != cells[-1]:
                        cells.append(cell.text)
                lines.append("\u3000".join(text.strip() for text in cells if text.strip()))
    return "\n".join(lines)


def pdf_source(path: Path) -> SourceText:
    """The text layer as paragraphs, with the characters its fonts named wrongly put right (and listed)."""
    from pypdf.errors import PdfReadError

    from generator.editor.pdflines import pdf_paragraphs

    try:
        paragraphs = pdf_paragraphs(path)
    except (PdfReadError, ValueError, KeyError) as error:
        raise IntakeError(f"PDF 无法读取（{error}）", f"the PDF cannot be read ({error})") from None
    if sum(len(paragraph) for paragraph in paragraphs) < 20:
        raise IntakeError("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）或找文字版",
                          "the PDF has no text layer (a scan?); run OCR first or find a text version")
    fixed, changes = standard_characters(paragraphs)
    return SourceText("\n".join(fixed), changes=changes, kind="pdf")


def extract_source(path: Path) -> SourceText:
    """The text and surrounding metadata of ``path``, by its suffix."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise IntakeError(f"找不到文件 {path}", f"file not found: {path}")
    if suffix in TEXT_SUFFIXES:
        return SourceText(decode(path.read_bytes()))
    if suffix in HTML_SUFFIXES:
        return html_source(path.read_bytes())
    if suffix == ".docx":
        return SourceText(docx_text(path), kind="docx")
    if suffix == ".pdf":
        return pdf_source(path)
    if suffix in (".doc", ".wps"):
        raise IntakeError("旧版 Word（.doc）或 WPS 文件请先另存为 .docx", "save an old Word (.doc) or WPS file as .docx first")
    raise IntakeError(f"不支持的文件类型 {suffix or '（无扩展名）'}：请用 .txt、.html、.docx 或 .pdf",
                      f"unsupported file type {suffix or '(none)'}: use .txt, .html, .docx or .pdf")
