"""Render the linked corpus into Markdown pages for one language.

Templates receive resolved objects and ready-made links; the paths all come from
:class:`generator.content.links.Target`, so a renamed folder is changed in one place.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from pypinyin import Style, lazy_pinyin

from generator.content.citations import anchor_label, citation, clause_number, section_number, short_title
from generator.content.kinds import Kind
from generator.content.links import Corpus, Target
from generator.content.model import (
    DOCUMENT_KIND_NAMES,
    FACT_KIND_NAMES,
    LEVEL_NAMES,
    NORMATIVE_KINDS,
    VALIDITY_NAMES,
    Bilingual,
    Case,
    Clause,
    Document,
    Fact,
    Indicator,
    Term,
    Theme,
    Validity,
)
from generator.content.textsafety import absolute_web_address
from generator.content.timeline import STATUS_NAMES, IndicatorTimeline, TimelineEntry
from generator.site.chart import chart_points, timeline_chart, unplaced_note
from generator.site.headline import HeadlineWriter
from generator.site.labels import label
from generator.site.richtext import GlossaryLink, RichText, escape_markdown, html_url, page_url, plain_excerpt
from generator.site.rules import RULES_PAGE
from generator.site.timeline_view import TimelineView, csv_name

TEMPLATES = Path(__file__).parent / "templates"
# "Five-Society Linkage (wǔ shè liándòng)" is also "Five-Society Linkage": a trailing bracket of pinyin
# (it has tone marks) goes; "Five-Society Linkage (Hunan)" and "Township (Subdistrict) …" stay whole.
_BRACKETED = re.compile(r"\s*\((?=[^()]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[^()]*\)\s*$")


def _without_pinyin(name: str) -> str:
    return _BRACKETED.sub("", name).strip()
_COMPARATOR_SIGNS = {"=": "", ">=": "≥ ", ">": "&gt; ", "<=": "≤ ", "<": "&lt; ", "~": "≈ "}


def human_date(day: date, lang: str) -> str:
    """``2022年8月17日`` / ``17 August 2022``: a date as the reader writes it."""
    return f"{day.day} {day.strftime('%B')} {day.year}" if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def _fmt_number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def glossary_links(corpus: Corpus, lang: str = "zh") -> list[GlossaryLink]:
    """Phrases linked in running text: term names and aliases, indicator names.

    On the English side the English names (without their pinyin) are linked too, and the
    hover text is the English definition where there is one.
    """
    links: list[GlossaryLink] = []

    def add(phrases: list[str], target: Target, hint: Bilingual) -> None:
        text = hint.en if lang == "en" and hint.en else hint.zh
        for phrase in phrases:
            if len(phrase) >= (4 if phrase.isascii() else 2):
                links.append(GlossaryLink(phrase, target.page, text))

    def english(name: Bilingual) -> list[str]:
        return [_without_pinyin(name.en)] if lang == "en" and name.en else []

    for term in corpus.terms.values():
        add([term.name.zh, *term.aliases, *english(term.name)], Target("term", term.id), term.definitions[0].text)
    for indicator in corpus.indicators.values():
        add([indicator.name.zh, *english(indicator.name)], Target("indicator", indicator.id), indicator.definition)
    return links


_PINYIN_PUNCTUATION = {"（": " (", "）": ") ", "、": ", ", "，": ", ", "“": " “", "”": "” ", "·": " · "}


def _spaced_pinyin(text: str) -> str:
    """Syllables separated by spaces, Chinese punctuation as in romanised text: xiāng zhèn (jiē dào) …"""
    out = ""
    for piece in lazy_pinyin(text, style=Style.TONE):
        if out and piece[:1].isalpha() and out[-1].isalpha():
            out += " "
        out += "".join(_PINYIN_PUNCTUATION.get(char, char) for char in piece)
    return " ".join(out.split()).replace("( ", "(").replace(" )", ")")


@functools.cache
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """The templates' environment, made once per process: each renderer compiling the templates again cost
    a quarter of a second of the preview's quick pass."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=False,  # the output is Markdown; values are escaped by T() and R()
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    # entry text that a template places as it is (labels, aliases, names in raw HTML): inert, see richtext.py
    env.filters["md"] = lambda text: escape_markdown(text) if text else ""
    return env


class _Timelines(dict[str, IndicatorTimeline]):
    """Each indicator's timeline, made when a page first asks for it (the preview renders one entry's pages)."""

    def __init__(self, corpus: Corpus, today: date | None) -> None:
        super().__init__()
        self.corpus, self.today = corpus, today

    def __missing__(self, indicator_id: str) -> IndicatorTimeline:
        timeline = self[indicator_id] = IndicatorTimeline.build(self.corpus, self.corpus.indicators[indicator_id], self.today)
        return timeline


class PageRenderer:
    """Produces ``{page path: Markdown}`` for every entry and listing in one language."""

    def __init__(self, corpus: Corpus, lang: str, today: date | None = None) -> None:
        self.corpus = corpus
        self.lang = lang
        self.today = today
        self.rich = RichText(glossary_links(corpus, lang))
        # the site's templates, and the folder of any kind that brings its own (generator/content/kinds.py)
        self.env = _environment((TEMPLATES, *(kind.template_folder for kind in corpus.kinds if kind.template_folder)))
        self._page = ""  # the page being written: set only by at(), which returns a copy
        self.timelines = _Timelines(corpus, today)

    @property
    def page(self) -> str:
        """The page this renderer writes (links, rich text and badges are relative to it); "" until :meth:`at`."""
        return self._page

    def at(self, page: str) -> PageRenderer:
        """This renderer for ``page`` (a copy: the renderer itself stays as it was, so no page leaks into another)."""
        bound = copy.copy(self)
        bound._page = page
        return bound

    # ----- text helpers handed to templates -----
    def L(self, key: str) -> str:
        return label(key, self.lang)

    def T(self, text: Bilingual | None, plain: bool = False) -> str:
        """Text in the page language; Chinese stands in for missing English."""
        if text is None:
            return ""
        value = text.en if self.lang == "en" and text.en else text.zh
        return value if plain else escape_markdown(value)

    def D(self, text: Bilingual | None) -> str:
        """A page description: the text in the page language as one plain line of at most 150 characters."""
        return plain_excerpt(self.T(text, plain=True)) if text is not None else ""

    def R(self, text: Bilingual | None, inline: bool = False) -> str:
        """Rich (Markdown) text as safe HTML, glossary phrases linked."""
        if text is None:
            return ""
        if self.lang == "en" and text.en:
            return self.rich.render(text.en, self.page, inline)
        rendered = self.rich.render(text.zh, self.page, inline)
        if self.lang == "en":
            tag = "span" if inline else "div"
            return f'<{tag} lang="zh" class="zh-fallback" title="{label("missing_en", "en")}">{rendered}</{tag}>'
        return rendered

    def link(self, target: Target, text: str | None = None) -> str:
        title = text if text is not None else escape_markdown(self.corpus.title_of(target, self.lang))
        return f"[{title}]({page_url(self.page, target.page, target.anchor)})"

    @staticmethod
    def search_names(entry: Document | Indicator | Case | Term | Theme) -> list[str]:
        """The names of this page, both languages (the English also without pinyin), for front matter.

        With the aliases (``search_aliases``), the search index (generator/search/build.py) ranks a page first
        when the whole query is its name, and next when it is one of its aliases.
        """
        texts: list[Bilingual | None] = [getattr(entry, "title", None), getattr(entry, "short_title", None),
                                         getattr(entry, "name", None)]
        names: list[str] = []
        for text in texts:
            if text is not None:
                names += [text.zh, *([text.en, _without_pinyin(text.en)] if text.en else [])]
        return list(dict.fromkeys(name for name in names if name))

    def questions(self, entry: Case | Term, plain: bool = False) -> list[str]:
        """The questions an entry answers (常见问法) in the page language; a question not yet in English is left out."""
        return [self.T(question, plain) for question in entry.questions if self.lang == "zh" or question.en]

    def translation_state(self, texts: Iterable[Bilingual | None]) -> str:
        states = {text.english_state for text in texts if text is not None}
        for state in ("missing", "draft"):
            if state in states:
                return state
        return "reviewed"

    def status_name(self, status: str) -> str:
        zh, en = STATUS_NAMES[status]
        return en if self.lang == "en" else zh

    def status_badge(self, status: str) -> str:
        """A status, linked to the rule that decides it on the status-rules page."""
        return (f'<a class="status status-{status}" href="{html_url(self.page, RULES_PAGE, status)}" '
                f'title="{self.L("status_rules")}">{self.status_name(status)}</a>')

    def fact_year(self, fact: Fact) -> str:
        """The year as the page shows it: marked when the source does not print it ("" when there is none)."""
        return TimelineView(self.corpus, self.lang).year(fact) if fact.year is not None else ""

    def _name(self, names: tuple[str, str]) -> str:
        return names[1] if self.lang == "en" else names[0]

    def _render(self, template: str, page: str, **context: object) -> str:
        r = self if page == self.page else self.at(page)
        helpers = {
            "L": r.L, "T": r.T, "R": r.R, "D": r.D, "lang": r.lang, "link": r.link,
            "translation_state": r.translation_state, "status_name": r.status_name,
            "status_badge": r.status_badge,
            "yaml_text": lambda value: json.dumps(value, ensure_ascii=False),
            "search_names": r.search_names, "questions": r.questions,
        }
        return r.env.get_template(template).render(**helpers, **context)

    # ----- pieces shared by several pages -----
    def theme_links(self, theme_ids: list[str]) -> list[str]:
        return [self.link(Target("theme", theme_id)) for theme_id in theme_ids]

    def backlink_items(self, target: Target) -> list[str]:
        items = []
        for backlink in self.corpus.links_to(target):
            source = backlink.source
            if source.page_key == target.page_key:
                continue
            source_kind = self.corpus.kinds[source.kind]
            kind = self._name((source_kind.zh, source_kind.en.capitalize()))
            title = escape_markdown(self.corpus.title_of(source, self.lang))
            if source.anchor and source.kind == "document":  # a clause or fact: named as the document numbers it
                title = escape_markdown(citation(self.corpus, self.corpus.documents[source.entry_id], source.anchor, self.lang))
            items.append(f"{kind}{self.L('colon')}{self.link(source, title)}")
        return list(dict.fromkeys(items))

    def fact_value(self, fact: Fact, indicator: Indicator) -> str:
        comparator = _COMPARATOR_SIGNS[fact.comparator.value]
        value = _fmt_number(fact.value)
        if fact.value_max is not None:
            value = f"{value}–{_fmt_number(fact.value_max)}"
        return f"{comparator}{value} {self.T(indicator.unit)}".strip()

    def quote(self, document: Document, text: str) -> str:
        return f"“{escape_markdown(text)}”"

    # ----- entry pages -----
    def entry_page(self, kind: Kind, entry: Any) -> str:
        """The page of one entry: the kind's own method (``document_page`` …), else its template with the entry."""
        own = getattr(self, f"{kind.name}_page", None) if kind.name != "entry" else None
        if own is not None:
            return str(own(entry))
        target = self.corpus.target(kind.name, entry.id)
        r = self.at(target.page)
        return r._render(kind.template_name, target.page, entry=entry, kind=kind,
                         themes=r.theme_links(getattr(entry, "themes", [])), page_backlinks=list(r.backlink_items(target)))

    def document_page(self, document: Document) -> str:
        page = Target("document", document.id).page
        return self.at(page)._document_page(document, page)

    def _document_page(self, document: Document, page: str) -> str:
        metadata: list[tuple[str, str]] = []
        add = metadata.append
        if document.doc_number:
            add(("doc_number", escape_markdown(document.doc_number)))
        if document.index_number:
            add(("index_number", escape_markdown(document.index_number)))
        add(("issuer", "、".join(self.T(issuer) for issuer in document.issuers)))
        if document.authors:
            add(("authors", "、".join(self.T(author) for author in document.authors)))
        add(("kind", self._name(DOCUMENT_KIND_NAMES[document.kind])))
        add(("level", self._name(LEVEL_NAMES[document.level])))
        add(("region", self.T(document.region)))
        for key in ("written", "published", "effective"):  # only what the source prints (compendium check)
            value = getattr(document, key)
            if value is not None:
                add((key, f'<time datetime="{value.isoformat()}">{human_date(value, self.lang)}</time>'))
        add(("status", escape_markdown(self.validity_text(document))))
        add(("source", self.T(document.source.publisher)))
        if document.source.url and absolute_web_address(document.source.url):  # only where a source gives it; never guessed
            add(("original", f'<a href="{escape_markdown(document.source.url)}" rel="noopener">{self.L("official_original")}</a>'))
        add(("text_full", self.L("reproduction_full" if document.reproduction.value == "full" else "reproduction_summary")))
        facts = []
        for fact in document.facts:
            indicator = self.corpus.indicators[fact.indicator]
            facts.append({
                "anchor": self.corpus.anchor_of(fact),
                "indicator": self.link(Target("indicator", indicator.id)),
                "kind": self._name(FACT_KIND_NAMES[fact.kind]),
                "value": self.fact_value(fact, indicator),
                "year": self.fact_year(fact),
                "scope": self.T(fact.scope),
                "clause": f"[{escape_markdown(anchor_label(self.corpus, document, fact.clause, self.lang))}](#{fact.clause})",
                "quote": self.quote(document, fact.quote),
                "note": self._note_with_disagreements(fact),
            })

        def clause_backlinks(clause: Clause) -> list[str]:
            return self.backlink_items(Target("document", document.id, clause.id))

        def clause_label(clause_id: str) -> str:
            return anchor_label(self.corpus, document, clause_id, self.lang)

        def clause_citation(clause_id: str) -> str:
            return citation(self.corpus, document, clause_id, self.lang)

        page_backlinks = list(self.backlink_items(Target("document", document.id)))
        return self._render("document.md.j2", page, doc=document, metadata=metadata, facts=facts,
                            themes=self.theme_links(document.themes), clause_backlinks=clause_backlinks,
                            page_backlinks=page_backlinks, clause_label=clause_label,
                            clause_citation=clause_citation,
                            section_number=lambda section: section_number(section, self.lang),
                            clause_number=lambda clause: clause_number(clause, self.lang),
                            gap=lambda number: " " if number and self.lang == "en" else "",
                            validity=(document.status.value, self._name(VALIDITY_NAMES[document.status])),
                            validity_known=document.kind in NORMATIVE_KINDS and document.status is not Validity.unknown)

    def validity_text(self, document: Document) -> str:
        """时效性 as far as it is known: 现行有效; 未知：why; 不适用 for a reply or an article, which is never in force."""
        if document.kind not in NORMATIVE_KINDS:
            kind = self._name(DOCUMENT_KIND_NAMES[document.kind])
            return (f"Does not apply: a {kind.lower()} is not a normative document, so it is neither in force nor repealed"
                    if self.lang == "en" else f"不适用：{kind}不是规范性文件，没有“现行有效”或“已废止”之分")
        name = self._name(VALIDITY_NAMES[document.status])
        if document.status_note is not None:
            return f"{name}{self.L('colon')}{self.T(document.status_note, plain=True)}"
        if document.status is Validity.unknown:
            return (f"{name}: the source does not say, and we have not checked whether it was amended or repealed"
                    if self.lang == "en" else f"{name}：来源没有标注时效性，本站没有核实它是否已被修改或废止")
        return name

    def _note_with_disagreements(self, fact: Fact) -> str:
        """The fact's note, followed by the facts an editor marked as disagreeing with it."""
        parts = [self.T(fact.note)] if fact.note else []
        for other_document, other in self.corpus.disagreements_of(fact):
            target = Target("document", other_document.id, self.corpus.anchor_of(other))
            other_indicator = self.corpus.indicators[other.indicator]
            when = self.fact_year(other) or self.L("no_year")
            parts.append(f"⚠ {self.L('disagrees_with')}{self.L('colon')}{self.fact_value(other, other_indicator)} ({when}) "
                         f"{self.link(target)}")
        return "<br>".join(parts)

    def cite(self, entry: TimelineEntry, *, to_fact: bool = False) -> str:
        """A Markdown link to the clause stating ``entry``, named ``短标题 二、（三）`` (not a bare §).

        ``to_fact``: land on the fact's own row of the document's facts table where it has an id
        (where the other source's value is noted), still named by its clause.
        """
        document, clause = entry.document, entry.fact.clause
        anchor = entry.anchor if to_fact else clause
        return self.link(Target("document", document.id, anchor),
                         escape_markdown(citation(self.corpus, document, clause, self.lang)))

    def indicator_page(self, indicator: Indicator) -> str:
        page = Target("indicator", indicator.id).page
        return self.at(page)._indicator_page(indicator, page)

    def _indicator_page(self, indicator: Indicator, page: str) -> str:
        timeline = self.timelines[indicator.id]
        view = TimelineView(self.corpus, self.lang)
        rows = view.rows(page, timeline)
        charted = {id(point.entry) for point in chart_points(timeline)}
        chart_rows = [row for entry, row in zip(timeline.entries, rows, strict=True) if id(entry) in charted]
        csv_href = ("../" * page.count("/")) + ("../" if self.lang == "en" else "") + csv_name(indicator.id, self.lang)
        writer = HeadlineWriter(self.lang)
        assessments = []
        for assessment in timeline.assessments():
            evidence = assessment.evidence
            fact = assessment.target.fact
            deadline = self.fact_year(fact) or self.L("no_deadline")
            assessments.append({
                "target": f"{self.fact_value(fact, indicator)} ({deadline}) {self.cite(assessment.target)}",
                "status": assessment.status,
                "summary": escape_markdown(writer.meaning(assessment, indicator)),
                "working": escape_markdown(assessment.working_en if self.lang == "en" else assessment.working_zh),
                "evidence": self.cite(evidence) if evidence else "",
            })
        disagreements = []
        for disagreement in timeline.disagreements():
            items = []
            for entry in disagreement.entries:
                document_link = self.cite(entry, to_fact=True)
                year = view.when(entry)
                entry_indicator = self.corpus.indicators[entry.fact.indicator]
                items.append(f"{year}{self.L('colon')}{self.fact_value(entry.fact, entry_indicator)} — {document_link}")
            disagreements.append({"explicit": disagreement.explicit, "items": items})
        cases = [item for item in self.backlink_items(Target("indicator", indicator.id)) if "cases/" in item]
        chart = timeline_chart(timeline, self.lang, self.corpus)
        return self._render("indicator.md.j2", page, ind=indicator, rows=rows, assessments=assessments,
                            disagreements=disagreements, headline=writer.write(timeline), status=timeline.status,
                            themes=self.theme_links(indicator.themes), cases=cases, chart=chart,
                            chart_rows=chart_rows, chart_note=unplaced_note(timeline, self.lang), csv_href=csv_href)

    def case_page(self, case: Case) -> str:
        page = Target("case", case.id).page
        return self.at(page)._case_page(case, page)

    def _case_page(self, case: Case, page: str) -> str:
        place = " · ".join(self.T(part) for part in (case.place.province, case.place.city, case.place.county,
                                                     case.place.village) if part is not None)
        outcomes = [{"text": self.R(outcome.text, inline=True),
                     "cites": [self._ref_link(ref) for ref in outcome.cites]} for outcome in case.outcomes]
        sources = [f"{self._ref_link(source.ref)}: {self.quote(self.corpus.documents[source.ref.partition('#')[0]], source.quote)}"
                   for source in case.sources]
        return self._render(
            "case.md.j2", page, case=case, place=place, outcomes=outcomes, sources=sources,
            themes=self.theme_links(case.themes),
            documents=[self._ref_link(ref) for ref in case.documents],
            indicators=[self.link(Target("indicator", i)) for i in case.indicators],
            terms=[self.link(Target("term", t)) for t in case.terms],
        )

    def _ref_link(self, ref: str) -> str:
        document_id, _, anchor = ref.partition("#")
        target = Target("document", document_id, anchor or None)
        if anchor:
            return self.link(target, escape_markdown(citation(self.corpus, self.corpus.documents[document_id], anchor, self.lang)))
        return self.link(target)

    def term_page(self, term: Term) -> str:
        page = Target("term", term.id).page
        return self.at(page)._term_page(term, page)

    def _term_page(self, term: Term, page: str) -> str:
        definitions = [{
            "heading": self._definition_heading(d.source.ref, d.region),
            "text": self.R(d.text),
            "quote": escape_markdown(d.source.quote),
            "source": self._ref_link(d.source.ref),
        } for d in term.definitions]
        pinyin = _spaced_pinyin(term.name.zh)
        backlinks = list(self.backlink_items(Target("term", term.id)))
        return self._render("term.md.j2", page, term=term, definitions=definitions, pinyin=pinyin,
                            themes=self.theme_links(term.themes),
                            related=[self.link(Target("term", r)) for r in term.related],
                            page_backlinks=backlinks)

    def _definition_heading(self, ref: str, region: Bilingual | None) -> str:
        """A definition named by the document that gives it: 《短标题》（河南省） / Short title (Henan Province)."""
        document = self.corpus.documents[ref.partition("#")[0]]
        name = escape_markdown(short_title(document, self.lang))
        name = name if self.lang == "en" else f"《{name}》"
        if region is None:
            return name
        return f"{name} ({self.T(region)})" if self.lang == "en" else f"{name}（{self.T(region)}）"

    def theme_page(self, theme: Theme) -> str:
        page = Target("theme", theme.id).page
        return self.at(page)._theme_page(theme, page)

    def _theme_page(self, theme: Theme, page: str) -> str:
        groups: dict[str, list[str]] = {}
        for backlink in self.corpus.links_to(Target("theme", theme.id)):
            title = self.corpus.kinds[backlink.source.kind].title
            groups.setdefault(self._name(title), []).append(self.link(backlink.source))
        return self._render("theme.md.j2", page, theme=theme, groups=sorted(groups.items()))
