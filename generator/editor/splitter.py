"""Split the text of a Chinese government document into metadata, sections and verbatim clauses.

Sections start at the top-level headings (一、 二、 … or 第X章); every other paragraph is a clause,
its printed label (（一） (一) 1. （1） 第X条 —— 一是 …) and short lead-in heading kept apart
from its text, but nothing dropped: label + heading + text of the clauses, in order, is the body
of the source. Navigation around the body (breadcrumbs, 索引号 tables, 【字体】【关闭窗口】, footers,
page headers repeating the title) is left out; the 文号, issuer, 成文日期 and title go to metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_CN_NUM = "一二三四五六七八九十百零〇两"
SECTION = re.compile(rf"^(?P<label>[{_CN_NUM}]+、|第[{_CN_NUM}\d]+章)\s*(?P<heading>.*)$")
CLAUSE_LABEL = re.compile(
    rf"^(?P<label>（[{_CN_NUM}]+）|\([{_CN_NUM}]+\)|（\d+）|\(\d+\)|\d{{1,2}}[.．、](?!\d)|第[{_CN_NUM}\d]+条|——|"
    rf"[{_CN_NUM}]+是|[①-⑳])\s*"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔［\[（(]\s*\d{4}\s*[〕］\]）)]\s*\d+\s*号")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
INDEX_NUMBER = re.compile(r"索引号\s*[:：]?\s*([A-Za-z0-9\-/]+)")
PUBLISHED = re.compile(r"(?:公开|发布)日期\s*[:：]?\s*(\d{4}-\d{2}-\d{2})")
ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:办公厅|办公室|人民政府|委员会|厅|局|部|委|办|院|政府|街道办事处|管委会|中心)$")
# Lines of a saved web page that are not the document: breadcrumbs, tables of metadata, buttons, footers.
NAVIGATION = re.compile(
    r"您现在的位置|当前位置|^首页|信息公开系统|详细目录信息|^索引号|公开责任部门|^公开日期|^公开形式|^公开目录|"
    r"【字体|关闭窗口|【打印|打印本页|^分享到|版权所有|技术支持|^联系我们|网站地图|^电脑版|返回顶部|来源\s*[:：]\s*$|"
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*来源|^发布时间|^浏览次数|^扫一扫|ICP备|公网安备"
)
_HEADING_MAX = 24  # a lead-in such as 发展基础。 is short; a longer first sentence is text
_SPACES = re.compile(r"[\s\u3000\xa0]+")
KIND_WORDS = (("答复", "reply"), ("规划", "plan"), ("方案", "action-plan"), ("意见", "opinion"), ("办法", "measures"),
              ("通知", "notice"))


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
    published: str | None = None
    kind: str | None = None
    sections: list[SectionDraft] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # navigation, title, 文号 and date lines: not part of the body

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


def split_document(text: str) -> DocumentDraft:
    """Find metadata, sections and clauses in ``text`` (one paragraph per line)."""
    lines = [_clean(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    draft = DocumentDraft()
    for line in lines:
        draft.index_number = draft.index_number or _group(INDEX_NUMBER, line)
        draft.published = draft.published or _group(PUBLISHED, line)
    content = [line for line in lines if not NAVIGATION.search(line)]
    start = next((index for index, line in enumerate(content) if _opens_body(line)), len(content))
    header, body = content[:start], content[start:]
    title_lines: list[str] = []
    for line in header:
        number = DOC_NUMBER.search(line)
        if number and len(line) <= len(number.group(0)) + 4:
            draft.doc_number = number.group(0)
        elif DATE_LINE.match(line):
            continue
        else:
            title_lines.append(line)
    if title_lines and ISSUER.match(title_lines[0]) and len(title_lines) > 1:
        draft.issuer = title_lines[0]
    draft.title = "".join(title_lines) or None
    # a page header repeating the title, or the title of the attached text (河南省“十四五”…规划 under 关于印发…的通知)
    repeats = [line for line in body if draft.title and not SECTION.match(line) and not re.search(r"[，,。；;：:]", line)
               and len(line) >= 8 and line in draft.title and not ISSUER.match(line)]
    body = [line for line in body if line not in repeats]
    draft.dropped = [line for line in lines if NAVIGATION.search(line)] + header + repeats
    _signature(draft, body)
    if draft.issuer is None and draft.title:  # 河南省民政厅对……的答复, 某某办公厅关于……的通知
        prefix = re.match(r"^(.{2,30}?(?:办公厅|人民政府|委员会|厅|局|部|委))(?:关于|对)", draft.title)
        draft.issuer = prefix.group(1) if prefix else None
    if draft.doc_number is None:
        found = DOC_NUMBER.search("\n".join(content[:start + 3]))
        draft.doc_number = found.group(0) if found else None
    draft.kind = next((kind for word, kind in KIND_WORDS if draft.title and word in draft.title), None)
    _sections(draft, body)
    return draft


def _group(pattern: re.Pattern[str], line: str) -> str | None:
    match = pattern.search(line)
    return match.group(1) if match else None


def _signature(draft: DocumentDraft, body: list[str]) -> None:
    """The issuer and 成文日期 printed under the text (the last date line, and the line above it)."""
    for index in range(len(body) - 1, -1, -1):
        match = DATE_LINE.match(body[index])
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                draft.written = date(year, month, day)
            except ValueError:
                continue
            if index > 0 and ISSUER.match(body[index - 1]):
                draft.issuer = draft.issuer or body[index - 1]
            return


def _sections(draft: DocumentDraft, body: list[str]) -> None:
    current = SectionDraft("前言")
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
