"""Split the text of a Chinese government document into metadata, sections and verbatim clauses.

Top to bottom: the page's own lines (menus, breadcrumbs, the metadata table, share and print links) are
set aside, the metadata read from them; the lines above the body give the 版头, the 文号 and the title;
the body opens at the salutation (各市州民政局：), which stays the first clause as the corpus keeps it;
the end matter (附件 list, signature, date, （此件主动公开）, 抄送, 印发; generator/editor/endmatter.py)
is taken out and the attachments' names kept. Sections start at the top-level headings (一、 二、 … or
第X章); every other paragraph is a clause, its printed label (（一） (一) 1. （1） 第X条 —— 一是 …) and
short lead-in heading kept apart from its text, but nothing dropped: label + heading + text of the
clauses, in order, is the body of the source. A closing paragraph (请各地…, 感谢…) after the last numbered
clause goes into a closing section of its own rather than into the last numbered one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from generator.editor import govmeta
from generator.editor.endmatter import DATE_LINE, ISSUER, split_end_matter

_CN_NUM = "一二三四五六七八九十百零〇两"
SECTION = re.compile(rf"^(?P<label>[{_CN_NUM}]+、|第[{_CN_NUM}\d]+章)\s*(?P<heading>.*)$")
CLAUSE_LABEL = re.compile(
    rf"^(?P<label>（[{_CN_NUM}]+）|\([{_CN_NUM}]+\)|（\d+）|\(\d+\)|\d{{1,2}}[.．、](?!\d)|第[{_CN_NUM}\d]+条|——|"
    rf"[{_CN_NUM}]+是|[①-⑳])\s*"
)
DOC_NUMBER = govmeta.DOC_NUMBER
# Lines of a saved web page that are not the document: breadcrumbs, buttons, share links, footers.
NAVIGATION = re.compile(
    r"您现在的位置|当前位置|^首页|信息公开系统|详细目录信息|^索引号|公开责任部门|^公开日期|^公开形式|^公开目录|"
    r"【字体|关闭窗口|【打印|打印本页|^分享到|版权所有|技术支持|^联系我们|网站地图|^电脑版|返回顶部|来源\s*[:：]\s*$|"
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*来源|^发布时间|^浏览次数|^扫一扫|ICP备|公网安备|网站标识码|^主办单位|"
    r"^附件下载|^相关(?:文章|链接|阅读|文件|新闻)|请输入关键[字词]|^欢迎访问|^无障碍"
)
_DATE_SOURCE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*来源")
LETTERHEAD = re.compile(r"^.{2,40}(?:文件|文\s*件)$")  # 版头: 湖南省民政厅文件
_SALUTATION = re.compile(r"^[^。；;]{2,80}[:：]$")
_CLOSING = re.compile(r"^(?:请|特此|此复|以上|望|希望|感谢|本(?:通知|方案|办法|意见|规划|细则|规定|答复)|"
                      r"各[^，。；]{1,14}(?:要|应|可|务必|请))")
_HEADING_MAX = 24  # a lead-in such as 发展基础。 is short; a longer first sentence is text
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_PUNCTUATION = re.compile(r"[，,。；;：:！？!?]")


@dataclass
class ClauseDraft:
    """One paragraph of the body: printed label, lead-in heading, and the rest, all verbatim."""

    text: str
    label: str | None = None
    heading: str | None = None

    @property
    def verbatim(self) -> str:
        return f"{self.label or ''}{self.heading or ''}{self.text}"


@dataclass
class SectionDraft:
    """A top-level part (一、…) and its clauses; the part before the first heading has no label."""

    heading: str
    label: str | None = None
    clauses: list[ClauseDraft] = field(default_factory=list)


@dataclass
class DocumentDraft:
    """What was found in a source text."""

    title: str | None = None
    doc_number: str | None = None
    index_number: str | None = None
    issuer: str | None = None
    written: date | None = None
    published: date | None = None
    kind: str | None = None
    level: str | None = None
    region: str | None = None
    level_certain: bool = True
    publisher: str | None = None
    attachments: list[str] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # page lines, metadata, 版头, title, 文号 and end matter: not the body

    def body(self) -> str:
        """Labels, headings and clause texts in order: the body of the source."""
        parts: list[str] = []
        for section in self.sections:
            if section.label:
                parts.append(section.label + section.heading)
            parts.extend(clause.verbatim for clause in section.clauses)
        return "".join(parts)


def _clean(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _opens_body(line: str) -> bool:
    """The first line of the body: a sentence, a salutation ending in a colon, or a numbered heading."""
    return bool(re.search(r"[，,。；;]|[:：]$", line)) or bool(SECTION.match(line)) or bool(CLAUSE_LABEL.match(line))


def split_clause(line: str) -> ClauseDraft:
    """Label, short lead-in heading (up to its 。), and text of one paragraph."""
    label = None
    match = CLAUSE_LABEL.match(line)
    rest = line
    if match:
        label = match.group("label")
        rest = line[match.end():]
        if match.end() > len(label):  # keep the space after the label with the label, so nothing is lost
            label = line[: match.end()]
    heading = None
    lead = re.match(rf"^([^。：:！？]{{2,{_HEADING_MAX}}}[。：:])(?=\S)", rest)
    if label and lead and len(rest) > len(lead.group(1)):
        heading = lead.group(1)
        rest = rest[len(heading):]
    return ClauseDraft(rest, label, heading)


def split_document(text: str, fields: dict[str, str] | None = None) -> DocumentDraft:
    """Find metadata, sections and clauses in ``text`` (one paragraph per line); ``fields``: metadata found around it."""
    lines = [line for line in (_clean(raw) for raw in text.splitlines()) if line]
    draft = DocumentDraft()
    found = dict(fields or {})
    page_lines = _page_lines(lines, found)
    content = [(index, line) for index, line in enumerate(lines) if index not in page_lines]
    start = next((n for n, (_, line) in enumerate(content) if _opens_body(line)), len(content))
    header, body = content[:start], [line for _, line in content[start:]]
    title_lines = _header(draft, header, found)
    draft.dropped = [lines[index] for index in sorted(page_lines)] + [line for _, line in header]
    # a page header repeating the title, or the title of the issued text (河南省“十四五”…规划 under 关于印发…的通知)
    repeats = [line for line in body if draft.title and not SECTION.match(line) and not _PUNCTUATION.search(line)
               and len(line) >= 8 and line in draft.title and not ISSUER.match(line)]
    body = [line for line in body if line not in repeats]
    end = split_end_matter(body)
    draft.dropped += repeats + end.dropped
    draft.attachments = end.attachments
    draft.written = end.written or govmeta.parse_date(found.get("written", ""))
    draft.issuer = draft.issuer or found.get("issuer") or (end.signature[0] if len(end.signature) == 1 else None)
    if draft.issuer is None and draft.title:  # 河南省民政厅对……的答复, 某某办公厅关于……的通知
        prefix = re.match(r"^(.{2,30}?(?:办公厅|人民政府|委员会|厅|局|部|委))(?:关于|对)", draft.title)
        draft.issuer = prefix.group(1) if prefix else None
    if draft.doc_number is None:
        number = found.get("doc_number") or next((m.group(0) for m in map(DOC_NUMBER.search, title_lines[-2:] + body[:2]) if m), None)
        draft.doc_number = number
    draft.index_number = found.get("index_number")
    draft.published = govmeta.parse_date(found.get("published", ""))
    draft.publisher = found.get("publisher")
    draft.kind = govmeta.document_kind(draft.title)
    place = govmeta.jurisdiction(draft.issuer)
    if place is None and draft.title:  # 河南省社区治理创新专项行动方案: no issuer printed, the title names the place
        named = govmeta.jurisdiction(re.split(r"关于|对|[“《]", draft.title)[0])
        place = govmeta.Jurisdiction(named.level, named.region, certain=False) if named else None
    if place is not None:
        draft.level, draft.region, draft.level_certain = place.level, place.region or None, place.certain
    _sections(draft, end.body)
    return draft


def _page_lines(lines: list[str], found: dict[str, str]) -> set[int]:
    """Indices of the page's own lines (navigation, metadata rows); the metadata they print goes into ``found``."""
    taken: set[int] = set()
    for index, line in enumerate(lines):
        if govmeta.is_metadata_line(line):
            for name, value in govmeta.labelled_fields(line).items():
                found.setdefault(name, value)
            taken.add(index)
        elif NAVIGATION.search(line):
            dated = _DATE_SOURCE.match(line)
            if dated:
                found.setdefault("published", dated.group(1))
            taken.add(index)
    return taken


def _header(draft: DocumentDraft, header: list[tuple[int, str]], found: dict[str, str]) -> list[str]:
    """The 版头, 文号 and title above the body; returns the title's lines."""
    rest: list[tuple[int, str]] = []
    for index, line in header:
        number = DOC_NUMBER.search(line)
        if number and len(line) <= len(number.group(0)) + 4:
            draft.doc_number = number.group(0).replace(" ", "")
        elif LETTERHEAD.match(line) and ISSUER.match(re.sub(r"文\s*件$", "", line)):
            draft.issuer = re.sub(r"\s*文\s*件$", "", line)
        elif not DATE_LINE.match(line):
            rest.append((index, line))
    title = found.get("title")
    if title:
        draft.title = _clean(title)
        flat = draft.title.replace(" ", "")
        return [line for _, line in rest if line.replace(" ", "") in flat]
    # the title: the run of adjacent lines nearest the body (the 版头 and 文号 may sit in between)
    run: list[tuple[int, str]] = []
    for index, line in reversed(rest):
        if run and index != run[0][0] - 1 and not _only_skipped_between(header, index, run[0][0]):
            break
        if _PUNCTUATION.search(line) and not run:
            continue
        run.insert(0, (index, line))
    title_lines = [line for _, line in run]
    if len(title_lines) > 1 and ISSUER.match(title_lines[0]):  # 河南省人民政府办公厅 / 关于印发……的通知
        draft.issuer = draft.issuer or title_lines[0]
    draft.title = "".join(title_lines) or None
    return title_lines


def _only_skipped_between(header: list[tuple[int, str]], low: int, high: int) -> bool:
    """Whether every header line strictly between ``low`` and ``high`` is a 文号, 版头 or date line."""
    between = [line for index, line in header if low < index < high]
    return len(between) == high - low - 1 and all(DOC_NUMBER.search(line) or LETTERHEAD.match(line) or DATE_LINE.match(line)
                                                  for line in between)


def _sections(draft: DocumentDraft, body: list[str]) -> None:
    opening = "正文开头" if body and _SALUTATION.match(body[0]) else "前言"
    current = SectionDraft(opening)
    draft.sections.append(current)
    for line in body:
        match = SECTION.match(line)
        if match and len(line) <= 40 and "。" not in line:
            current = SectionDraft(match.group("heading"), line[: match.start("heading")])
            draft.sections.append(current)
            continue
        current.clauses.append(split_clause(line))
    if not draft.sections[0].clauses:
        draft.sections.pop(0)
    _closing(draft)


def _closing(draft: DocumentDraft) -> None:
    """Closing paragraphs after the last numbered clause of the last numbered section go into a section of their own."""
    if len(draft.sections) < 2 or draft.sections[-1].label is None:
        return
    clauses = draft.sections[-1].clauses
    numbered = [index for index, clause in enumerate(clauses) if clause.label]
    if not numbered or numbered[-1] == len(clauses) - 1:
        return
    tail = clauses[numbered[-1] + 1:]
    if not _CLOSING.match(tail[0].verbatim):
        return
    del clauses[numbered[-1] + 1:]
    draft.sections.append(SectionDraft("结尾", None, tail))
