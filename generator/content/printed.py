"""A document's particulars must be printed in its source: 文号, 索引号 and every date.

The page shows 发布日期, 成文日期, 实施日期, 文号 and 索引号 where the source prints them; none
may be guessed. Each value is looked for in the captured source (or its fingerprint) the way a
quote is: a number word for word, a date in any of the ways Chinese documents print one
(``2022年8月17日``, ``2023年09月15日``, ``2017-12-05``, ``2017.12.05``, ``二〇二二年八月十七日``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.content.links import Corpus
from generator.content.loading import LoadResult
from generator.content.model import Document
from generator.content.problems import PrintedValueNotInSource, Problem
from generator.content.sources import SourceLibrary

# field → (Chinese name, English name), in the order a reader meets them
PRINTED_FIELDS: dict[str, tuple[str, str]] = {
    "doc_number": ("文号", "document number"),
    "index_number": ("索引号", "index number"),
    "written": ("成文日期", "date written"),
    "published": ("发布日期", "date published"),
    "effective": ("实施日期", "date effective"),
}
_DIGITS = "〇一二三四五六七八九"


def _chinese(number: int) -> str:
    """17 → 十七, 10 → 十, 21 → 二十一 (months and days as documents print them)."""
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def printed_forms(day: date) -> list[str]:
    """The ways a source may print ``day``."""
    y, m, d = day.year, day.month, day.day
    return [
        f"{y}年{m}月{d}日", f"{y}年{m:02}月{d:02}日", f"{y}-{m:02}-{d:02}", f"{y}-{m}-{d}",
        f"{y}.{m:02}.{d:02}", f"{y}.{m}.{d}", f"{y}/{m:02}/{d:02}", f"{y}/{m}/{d}",
        "".join(_DIGITS[int(c)] for c in str(y)) + f"年{_chinese(m)}月{_chinese(d)}日",
    ]


@dataclass
class PrintedValueChecker:
    """Checks every document's 文号, 索引号 and dates against its captured source."""

    library: SourceLibrary
    checked: int = 0

    def check(self, loaded: LoadResult, corpus: Corpus) -> list[Problem]:
        problems: list[Problem] = []
        if not self.library.available:
            return problems
        for item in loaded.entries:
            if item.kind != "document" or not isinstance(item.entry, Document):
                continue
            document = item.entry
            capture = document.source.capture
            text = self.library.text(capture) if capture else None
            if text is None:
                continue  # no capture: quotes report it (quote-unverifiable, source-missing)
            for name, (zh, en) in PRINTED_FIELDS.items():
                value = getattr(document, name)
                if value is None:
                    continue
                self.checked += 1
                forms = printed_forms(value) if isinstance(value, date) else [value]
                if not any(text.contains(form) for form in forms):
                    shown = value.isoformat() if isinstance(value, date) else value
                    hint_zh = (f"日期按原文的各种写法查找（如 {forms[0]}、{forms[2]}）" if isinstance(value, date)
                               else "须与原文逐字一致，括号〔〕也一样")
                    hint_en = (f"dates are looked for as sources print them (e.g. {forms[0]}, {forms[2]})" if isinstance(value, date)
                               else "it must match the source character for character, brackets included")
                    problems.append(PrintedValueNotInSource(item.path, item.source.position((name,)), {
                        "field_zh": zh, "field_en": en, "value": shown, "source": capture,
                        "hint_zh": hint_zh, "hint_en": hint_en}))
        return problems
