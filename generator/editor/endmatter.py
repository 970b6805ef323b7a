"""What follows the text of a Chinese government document and is not part of it: 附件 list, signature, date, 版记.

GB/T 9704 (党政机关公文格式) puts after the body, in order: the 附件说明 (附件：1．… 2．…), the issuing
body's signature, the date (成文日期), the disclosure note (（此件主动公开）), and at the foot the 版记
(抄送：…, …印发). A notice that issues another document (关于印发…的通知) has its signature and date in
the middle, before the issued text. None of these are clauses: an editor cannot cite "湖南省民政厅" or
"2021年6月2日" as a passage. A saved web page adds its own tail (附件下载, 相关文章, the site's footer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from generator.editor.govmeta import parse_date

_N = "一二三四五六七八九十"
DATE_LINE = re.compile(rf"^(?:\d{{4}}|[〇○零ＯO{_N[:9]}]{{4}})\s*年\s*[\d{_N}]{{1,2}}\s*月\s*[\d{_N}]{{1,3}}\s*日$")
ISSUER = re.compile(r"^[\u4e00-\u9fff（）()\s\u3000]{2,60}(?:办公厅|办公室|人民政府|委员会|厅|局|部|委|办|院|政府|街道办事处|"
                    r"管委会|中心|党组|工作领导小组|领导小组|联合会|总工会|团委|妇联|检察院|法院)$")
DISCLOSURE = re.compile(r"^[（(]\s*此件[^）)]{0,12}[）)]$")
ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]\s*(?P<first>.*)$")
ATTACHMENT_ITEM = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*(?P<name>[^。；;]{2,80})$")
ATTACHMENT_CONTENT = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]?\s*$")
IMPRINT = re.compile(r"^(?:抄\s*送|主\s*送|分\s*送)\s*[:：]|印\s*发$|^.{2,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
CONTACT = re.compile(r"^[（(]?\s*(?:联\s*系\s*人|联系电话|联系方式|咨询电话|电话|传真|邮箱|电子邮箱)\s*[:：]")
_SENTENCE = re.compile(r"[。；;]")


@dataclass
class EndMatter:
    """The lines that are not clauses, what they say (signature, date, attachments), and the body left."""

    body: list[str]
    dropped: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    written: date | None = None


def _signature_at(body: list[str], index: int) -> int:
    """The first line of the signature block that ends with the date line at ``index`` (its issuers above it)."""
    start = index
    while start > 0 and ISSUER.match(body[start - 1]) and not _SENTENCE.search(body[start - 1]) and index - start < 4:
        start -= 1
    return start


def _attachment_list(body: list[str], end: int) -> tuple[int, list[str]]:
    """The 附件 list just above ``end`` (附件：1．… / 2．…): its first line and the attachments' names."""
    for start in range(end - 1, max(-1, end - 12), -1):
        match = ATTACHMENTS.match(body[start])
        if match is None:
            continue
        items = [match["first"], *body[start + 1:end]]
        names = []
        for item in items:
            numbered = ATTACHMENT_ITEM.match(item)
            if not item or (numbered is None and (item is not items[0] or _SENTENCE.search(item))):
                return end, []
            names.append(numbered["name"].strip() if numbered else item.strip())
        return start, [name for name in names if name]
    return end, []


def split_end_matter(body: list[str]) -> EndMatter:
    """Take the end matter out of ``body`` (the lines after the heading, in order)."""
    result = EndMatter(list(body))
    keep = [True] * len(body)
    dates = [index for index, line in enumerate(body) if DATE_LINE.match(line)]
    last_end = None
    for index in dates:
        start = _signature_at(body, index)
        if start == index and index not in (dates[-1],) and not _closes(body, index):
            continue  # a date alone in the middle of the text is part of the text
        listed_from, attachments = _attachment_list(body, start)
        end = index + 1
        while end < len(body) and DISCLOSURE.match(body[end]):
            end += 1
        for position in range(listed_from, end):
            keep[position] = False
        result.attachments += attachments
        result.signature = body[start:index]
        result.written = parse_date(body[index])
        last_end = end
    if last_end is not None:
        _tail(body, last_end, keep)
    else:  # no signature: an attachment list may still end the text
        listed_from, attachments = _attachment_list(body, len(body))
        result.attachments += attachments
        for position in range(listed_from, len(body)):
            keep[position] = False
    for index, line in enumerate(body):
        if IMPRINT.search(line) or CONTACT.match(line) or DISCLOSURE.match(line):
            keep[index] = False
    result.body = [line for line, kept in zip(body, keep, strict=True) if kept]
    result.dropped = [line for line, kept in zip(body, keep, strict=True) if not kept]
    return result


def _closes(body: list[str], index: int) -> bool:
    """A lone date line ends the text: what follows is only a disclosure note, a 版记 or the page's tail."""
    return all(DISCLOSURE.match(line) or IMPRINT.search(line) or not _SENTENCE.search(line) for line in body[index + 1:])


def _tail(body: list[str], end: int, keep: list[bool]) -> None:
    """After the last signature: an issued document (关于印发…的通知) goes on; a 版记, an attachment or the page's tail does not."""
    rest = body[end:]
    if not rest:
        return
    attachment = next((i for i, line in enumerate(rest) if ATTACHMENT_CONTENT.match(line)), None)
    prose = sum(1 for line in rest[:attachment] if len(_SENTENCE.findall(line)) >= 1 and len(line) > 30)
    if prose >= 2 and attachment != 0:
        if attachment is not None:
            for position in range(end + attachment, len(body)):
                keep[position] = False
        return
    for position in range(end, len(body)):
        keep[position] = False
