"""An indicator's timeline as HTML: rows for the table (stacked cards on a phone) and its CSV.

The timeline is written as an HTML table whose cells carry their column's name
(``data-label``), so that on a narrow screen each row becomes a card that reads
"年份 2020 · 类型 观测值 · …" without sideways scrolling. Values are escaped here (inert for HTML
and Markdown alike, generator/site/richtext.py); the Markdown page includes them as they are.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.content.citations import citation
from generator.content.links import Corpus, Target
from generator.content.model import FACT_KIND_NAMES, YEAR_BASIS_NAMES, Bilingual, Fact, Indicator, YearBasis
from generator.content.spreadsheet import csv_row
from generator.content.timeline import IndicatorTimeline, TimelineEntry
from generator.site.labels import label
from generator.site.richtext import escape_markdown, html_url

_SIGNS = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "~": "≈ "}
CSV_COLUMNS = ["year", "kind", "comparator", "value", "value_max", "unit", "scope", "document", "clause", "citation",
               "quote", "note"]


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _text(text: Bilingual | None, lang: str) -> str:
    if text is None:
        return ""
    return text.en if lang == "en" and text.en else text.zh


def plain_value(fact: Fact, indicator: Indicator, lang: str) -> str:
    """``≥ 90 %``: comparator, number (or range) and unit, as plain text."""
    value = _number(fact.value)
    if fact.value_max is not None:
        value = f"{value}–{_number(fact.value_max)}"
    return f"{_SIGNS[fact.comparator.value]}{value} {_text(indicator.unit, lang)}".strip()


@dataclass(frozen=True)
class TimelineRow:
    """One timeline entry, every field ready to place in HTML."""

    year: str
    kind: str
    kind_code: str
    value: str
    scope: str
    source: str  # an <a class="source-link"> to the clause: short title and printed numbering
    quote: str
    note: str


class TimelineView:
    """Builds the HTML rows and the CSV of one indicator's timeline for a page of one language."""

    def __init__(self, corpus: Corpus, lang: str) -> None:
        self.corpus = corpus
        self.lang = lang

    def source_link(self, page: str, entry: TimelineEntry) -> str:
        """The link from a value to the clause that states it, named as the document prints it."""
        document, clause = entry.document, entry.fact.clause
        href = html_url(page, Target("document", document.id).page, clause)
        name = escape_markdown(citation(self.corpus, document, clause, self.lang))
        return f'<a class="source-link" href="{href}">{name}</a>'

    def year(self, fact: Fact) -> str:
        """The year as the page shows it, marked when the source does not print it (2020（推定）)."""
        if fact.year is None:
            return label("no_year", self.lang)
        if fact.year_basis is YearBasis.stated:
            return str(fact.year)
        zh, en = YEAR_BASIS_NAMES[fact.year_basis]
        return f"{fact.year} ({en})" if self.lang == "en" else f"{fact.year}（{zh}）"

    def when(self, entry: TimelineEntry) -> str:
        """The year, or for a value the source gives no year: 原文未写年份（2022年的文件）/ year not given (reported in 2022)."""
        if entry.fact.year is not None or entry.document.year is None:
            return self.year(entry.fact)
        reported = entry.document.year
        return (f"{label('no_year', 'en')} (reported in {reported})" if self.lang == "en"
                else f"{label('no_year', 'zh')}（{reported}年的文件）")

    def row(self, page: str, entry: TimelineEntry) -> TimelineRow:
        fact = entry.fact
        indicator = self.corpus.indicators[fact.indicator]
        kind = FACT_KIND_NAMES[fact.kind]
        return TimelineRow(
            year=escape_markdown(self.when(entry)),
            kind=kind[1] if self.lang == "en" else kind[0],
            kind_code=fact.kind.value,
            value=escape_markdown(plain_value(fact, indicator, self.lang)),
            scope=escape_markdown(_text(fact.scope, self.lang)),
            source=self.source_link(page, entry),
            quote=f"“{escape_markdown(fact.quote)}”",
            note=escape_markdown(_text(fact.note, self.lang)),
        )

    def rows(self, page: str, timeline: IndicatorTimeline) -> list[TimelineRow]:
        return [self.row(page, entry) for entry in timeline.entries]

    def csv_text(self, timeline: IndicatorTimeline) -> str:
        """The timeline as CSV (UTF-8 with BOM, so spreadsheet programs on Chinese Windows read it)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for entry in timeline.entries:
            fact, document = entry.fact, entry.document
            kind = FACT_KIND_NAMES[fact.kind]
            writer.writerow(csv_row([
                fact.year or "", kind[1] if self.lang == "en" else kind[0], fact.comparator.value, fact.value,
                "" if fact.value_max is None else fact.value_max, _text(timeline.indicator.unit, self.lang),
                _text(fact.scope, self.lang), document.id, fact.clause,
                citation(self.corpus, document, fact.clause, self.lang), fact.quote, _text(fact.note, self.lang),
            ]))
        return "\ufeff" + buffer.getvalue()


def csv_name(indicator_id: str, lang: str) -> str:
    """Where an indicator's CSV is written, relative to the site root."""
    return f"downloads/indicators/{indicator_id}{'.en' if lang == 'en' else ''}.csv"
