"""The text of a source file, one paragraph per line: plain text, a saved web page, DOCX, or PDF with a text layer.

Libraries, each for what it is best kept at: trafilatura finds the main text of a web page (it
drops navigation, sidebars and footers the way readability does, and is maintained); python-docx
reads Word files; pypdf reads the text layer of a PDF without native dependencies.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_NUMBER = "一二三四五六七八九十百"
_STARTS_PARAGRAPH = re.compile(rf"^[\u3000 \t]{{2,}}|^([{_NUMBER}]+、|（[{_NUMBER}]+）|\([{_NUMBER}]+\)|第[{_NUMBER}]+[章条])")
# PDF fonts (Source Han / Noto CJK among them) often map an ideograph's glyph to a radical code point,
# so 民 comes out as ⺠ (U+2EA0); Kangxi radicals (U+2F00–2FD5) have NFKC forms, the supplement does not.
_RADICALS = str.maketrans("⺠⻓⻔⻢⻛⻚⻅⻋⻜⻥⻘⻉⻄⻆⻰⻳⻬⻮⻩⻨⺟⺩⻦⻙⻣⻤⻧⻪⻗",
                          "民长门马风页见车飞鱼青贝西角龙龟齐齿黄麦母王鸟韦骨鬼卤黾雨")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mhtml")


class IntakeError(Exception):
    """A source file that cannot be read, with a bilingual message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


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


def html_text(raw: bytes) -> tuple[str, str]:
    """(main text, whole-page text) of a saved web page."""
    import trafilatura
    from lxml import html as lxml_html

    declared = _CHARSET.search(raw[:4096])
    page = decode(raw, declared.group(1).decode("ascii") if declared else None)
    main = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=True,
                               deduplicate=False) or ""
    tree = lxml_html.fromstring(page)
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    whole = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
    if not main.strip():
        main = whole
    return main, whole


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def pdf_text(path: Path) -> str:
    """The text layer, with the lines of each paragraph joined again (a PDF stores printed lines)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        lines = [line for page in reader.pages for line in (page.extract_text() or "").splitlines()]
    except (PdfReadError, ValueError) as error:
        raise IntakeError(f"PDF 无法读取（{error}）", f"the PDF cannot be read ({error})") from None
    if sum(len(line.strip()) for line in lines) < 20:
        raise IntakeError("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）或找文字版",
                          "the PDF has no text layer (a scan?); run OCR first or find a text version")
    return join_printed_lines([ideographs(line) for line in lines])


def ideographs(text: str) -> str:
    """Radical code points that stand for whole ideographs in a PDF's text layer, as those ideographs."""
    text = text.translate(_RADICALS)
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fdf" else ch for ch in text)


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def join_printed_lines(lines: list[str]) -> str:
    """Join printed lines into paragraphs: a paragraph ends at a line shorter than the measure, or before a numbered line."""
    printed = [line for line in lines if line.strip()]
    widths = sorted(_width(line) for line in printed)
    measure = widths[int(len(widths) * 0.9)] if widths else 0  # the width of a full line
    paragraphs: list[str] = []
    ended = True
    for line in printed:
        if ended or _STARTS_PARAGRAPH.match(line):
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] += line.strip()
        ended = _width(line) < measure * 0.9
    return "\n".join(paragraphs)


def extract_text(path: Path) -> tuple[str, str]:
    """(text to capture, whole text for metadata) of ``path``, by its suffix."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise IntakeError(f"找不到文件 {path}", f"file not found: {path}")
    if suffix in TEXT_SUFFIXES:
        text = decode(path.read_bytes())
        return text, text
    if suffix in HTML_SUFFIXES:
        return html_text(path.read_bytes())
    if suffix == ".docx":
        text = docx_text(path)
        return text, text
    if suffix == ".pdf":
        text = pdf_text(path)
        return text, text
    if suffix in (".doc", ".wps"):
        raise IntakeError("旧版 Word（.doc）或 WPS 文件请先另存为 .docx", "save an old Word (.doc) or WPS file as .docx first")
    raise IntakeError(f"不支持的文件类型 {suffix or '（无扩展名）'}：请用 .txt、.html、.docx 或 .pdf",
                      f"unsupported file type {suffix or '(none)'}: use .txt, .html, .docx or .pdf")
