"""Resolve a course against the corpus into plain, sourced texts that every output (page, DOCX, PDF, slides) shares.

The rule on what may be redistributed lives here: our own words (summaries, steps, outcomes, the clause
texts of government documents, which may be reproduced) go into every output; the exact words of an
article or news report (documents with ``reproduction: summary``, sources 000 and 004) do not leave the
site: a handout names the source and its address instead, and the pack lists what was withheld.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.citations import anchor_label, short_title
from generator.content.links import Corpus, Target
from generator.content.model import FACT_KIND_NAMES, Bilingual, Clause, TextReproduction
from generator.courses.lesson import SessionClock, course_clock
from generator.courses.model import FORMAT_NAMES, METHOD_NAMES, Course, Method, Session
from generator.courses.text import pick, pick_markdown

_SIGNS = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


def number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


@dataclass
class Cited:
    """A text and where it comes from: a citation and the address of the page that shows the source."""

    text: str
    citation: str
    url: str
    heading: str = ""  # a clause's own heading, where it has one
    ref: str = ""  # document#clause, for matching (never shown)


@dataclass
class FactView(Cited):
    """A target, standard or observation, as text and as the numbers a chart needs."""

    kind: str = ""  # FactKind value: target, standard, observation
    value: float = 0.0
    value_max: float | None = None
    sign: str = ""
    year: int | None = None
    report_year: int | None = None  # the year of the document that reports it (for undated values)
    shown: str = ""  # the value as printed: ≥18, 300–500, 61.4%
    figure: str = ""  # the value without its unit: ≥18, 300–500, 61.4
    scope: str = ""  # what it counts: 全省城市社区


@dataclass
class IndicatorView:
    """An indicator with its facts, each with its source."""

    name: str
    url: str
    unit: str
    facts: list[FactView]


@dataclass
class TermView:
    """A glossary term with its definitions, each with its source."""

    name: str
    url: str
    definitions: list[Cited]


@dataclass
class Withheld:
    """A source quote kept out of the exports because its document may not be redistributed."""

    case: str
    citation: str
    characters: int


@dataclass
class CaseView:
    """A case as the handouts show it."""

    id: str
    name: str
    place: str
    url: str
    summary: str
    background: str
    steps: list[str]
    outcomes: list[Cited]
    conditions: list[str]
    sources: list[Cited]  # text is the quote, or "" when withheld


@dataclass
class SessionView:
    """A session with everything it pulls in, resolved, and its place on the clock."""

    session: Session
    title: str
    method: str
    objectives: list[str]
    clock: SessionClock
    number: int = 0  # 第 N 单元; 0 for a break
    cases: list[CaseView] = field(default_factory=list)
    clauses: list[Cited] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)
    terms: list[TermView] = field(default_factory=list)
    pre_reading: list[Cited] = field(default_factory=list)

    @property
    def is_break(self) -> bool:
        return self.session.method is Method.rest

    @property
    def objectives_text(self) -> str:
        """The objectives as one line: ``…面积；…体系。`` (no ``。；``), or ``…area; …system.``"""
        if not self.objectives:
            return ""
        if not any("\u4e00" <= char <= "\u9fff" for char in self.objectives[0]):
            return " ".join(self.objectives)
        return "；".join(text.rstrip("。") for text in self.objectives) + "。"

    @property
    def times(self) -> str:
        """``09:00–09:40``"""
        return f"{self.clock.start}–{self.clock.end}"


@dataclass
class CourseView:
    """A course in one language, every pulled entry resolved and every fact paired with its source."""

    course: Course
    lang: str
    base_url: str
    title: str
    audience: str
    prerequisites: list[str]
    format: str
    objectives: list[tuple[str, str]]  # (id, text): the id is for the course file's author, never shown
    sessions: list[SessionView]
    withheld: list[Withheld] = field(default_factory=list)
    quiz_sources: dict[str, Cited] = field(default_factory=dict)  # quiz item id -> the clause it cites (text, citation, url)
    quotes: dict[str, list[str]] = field(default_factory=dict)  # document#clause -> the words of it the course uses
    places: dict[str, tuple[str, str]] = field(default_factory=dict)  # document#anchor -> (document, place): all it cites

    def t(self, text: Bilingual | None) -> str:
        return pick(text, self.lang)

    def say(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    @property
    def colon(self) -> str:
        """``：`` in Chinese, ``: `` in English."""
        return ": " if self.lang == "en" else "："

    def paren(self, text: str) -> str:
        """``（text）`` in Chinese, `` (text)`` in English."""
        return f" ({text})" if self.lang == "en" else f"（{text}）"

    def minutes(self, count: int, short: bool = False) -> str:
        """``40 分钟`` / ``40 minutes`` (``40 min`` when short)."""
        return self.say(f"{count} 分钟", f"{count} min" if short else f"{count} minute{'s' if count != 1 else ''}")

    @property
    def teaching(self) -> list[SessionView]:
        """The sessions that teach (breaks left out)."""
        return [item for item in self.sessions if not item.is_break]

    @property
    def times(self) -> str:
        """``09:00–13:00``: from the first session's start to the last one's end."""
        return f"{self.sessions[0].clock.start}–{self.sessions[-1].clock.end}" if self.sessions else ""

    @property
    def page_url(self) -> str:
        return self.url_of(f"courses/{self.course.id}.md")

    def url_of(self, page: str, anchor: str | None = None) -> str:
        """The address of a site page under the base URL; empty when no base URL is configured."""
        if not self.base_url:
            return ""
        prefix = "en/" if self.lang == "en" else ""
        return f"{self.base_url}{prefix}{page.removesuffix('.md')}.html" + (f"#{anchor}" if anchor else "")


def with_unit(value: str, unit: str, lang: str) -> str:
    """``61.4%``, ``300平方米``, ``12.7 persons``: no space before % or a Chinese unit."""
    if not unit:
        return value
    if unit.startswith(("%", "％", "‰")) or any("\u4e00" <= char <= "\u9fff" for char in unit[:1]):
        return f"{value}{unit}"
    return f"{value} {unit}"


class CourseResolver:
    """Builds :class:`CourseView` objects from a course and the linked corpus."""

    def __init__(self, corpus: Corpus, base_url: str) -> None:
        self.corpus = corpus
        self.base_url = base_url if not base_url or base_url.endswith("/") else base_url + "/"

    def view(self, course: Course, lang: str) -> CourseView:
        objectives = {objective.id: pick(objective.text, lang) for objective in course.objectives}
        view = CourseView(
            course=course, lang=lang, base_url=self.base_url, title=pick(course.title, lang),
            audience=pick(course.audience.role, lang), prerequisites=[pick(p, lang) for p in course.audience.prerequisites],
            format=FORMAT_NAMES[course.format][lang == "en"], objectives=list(objectives.items()), sessions=[],
        )
        number = 0
        for session, clock in zip(course.sessions, course_clock(course, lang), strict=True):
            number += session.method is not Method.rest
            item = SessionView(session, pick(session.title, lang), METHOD_NAMES[session.method][lang == "en"],
                               [objectives[o] for o in session.objectives], clock, number if session.method is not Method.rest else 0)
            item.cases = [self.case(view, case_id) for case_id in session.cases]
            item.clauses = [self.clause(view, ref) for ref in session.clauses]
            item.indicators = [self.indicator(view, indicator_id) for indicator_id in session.indicators]
            item.terms = [self.term(view, term_id) for term_id in session.terms]
            item.pre_reading = [self.reference(view, ref) for ref in session.pre_reading]
            view.sessions.append(item)
        view.quiz_sources = {item.id: self.clause(view, item.cites) for item in course.quiz}
        self.collect_quotes(view)
        return view

    def collect_quotes(self, view: CourseView) -> None:
        """The words of each pulled clause that the course's quiz, cases and figures rest on: what a slide shows first."""
        found: list[tuple[str, str]] = [(item.cites, item.quote) for item in view.course.quiz]
        for session in view.course.sessions:
            for case_id in session.cases:
                found += [(source.ref, source.quote) for source in self.corpus.cases[case_id].sources]
            for indicator_id in session.indicators:
                found += [(f"{document.id}#{fact.clause}", fact.quote) for document, fact in self.corpus.facts_of(indicator_id)]
        for ref, quote in found:
            view.quotes.setdefault(ref, [])
            if quote not in view.quotes[ref]:
                view.quotes[ref].append(quote)

    # ----- citations -----
    def citation(self, view: CourseView, ref: str) -> tuple[str, str]:
        """``(《short title》四、（二）, url)`` for document#anchor, or the document alone: the clause's printed numbering, never its id."""
        document_id, _, anchor = ref.partition("#")
        document = self.corpus.documents[document_id]
        name = short_title(document, view.lang)
        name = name if view.lang == "en" else f"《{name}》"
        url = view.url_of(Target("document", document_id).page, anchor or None)
        place = anchor_label(self.corpus, document, anchor or None, view.lang)
        view.places.setdefault(ref, (name, place))
        return (f"{name} {place}" if place else name), url

    def reference(self, view: CourseView, ref: str) -> Cited:
        citation, url = self.citation(view, ref)
        document_id, _, anchor = ref.partition("#")
        clause = self.corpus.anchors.get((document_id, anchor)) if anchor else None
        text = pick(clause.heading, view.lang) if isinstance(clause, Clause) and clause.heading else ""
        return Cited(text, citation, url)

    def clause(self, view: CourseView, ref: str) -> Cited:
        document_id, _, anchor = ref.partition("#")
        clause = self.corpus.anchors[(document_id, anchor)]
        assert isinstance(clause, Clause)
        citation, url = self.citation(view, ref)
        return Cited(pick(clause.text, view.lang), citation, url, pick(clause.heading, view.lang), ref)

    # ----- entries -----
    def case(self, view: CourseView, case_id: str) -> CaseView:
        case = self.corpus.cases[case_id]
        lang = view.lang
        place = " · ".join(pick(part, lang) for part in (case.place.province, case.place.city, case.place.county,
                                                         case.place.village) if part is not None)
        outcomes = []
        for outcome in case.outcomes:
            cites = [self.citation(view, ref) for ref in outcome.cites]
            joiner = "; " if lang == "en" else "；"
            outcomes.append(Cited(pick_markdown(outcome.text, lang), joiner.join(c for c, _ in cites), cites[0][1] if cites else ""))
        sources = []
        for source in case.sources:
            document = self.corpus.documents[source.ref.partition("#")[0]]
            citation, url = self.citation(view, source.ref)
            if document.reproduction is TextReproduction.summary:
                view.withheld.append(Withheld(pick(case.name, lang), citation, len(source.quote)))
                sources.append(Cited("", citation, url))
            else:
                sources.append(Cited(source.quote, citation, url))
        return CaseView(
            id=case.id, name=pick(case.name, lang), place=place, url=view.url_of(Target("case", case.id).page),
            summary=pick_markdown(case.summary, lang), background=pick_markdown(case.background, lang),
            steps=[" — ".join(filter(None, (pick(step.title, lang), pick_markdown(step.detail, lang)))) for step in case.steps],
            outcomes=outcomes, conditions=[pick_markdown(condition, lang) for condition in case.conditions], sources=sources,
        )

    def indicator(self, view: CourseView, indicator_id: str) -> IndicatorView:
        indicator = self.corpus.indicators[indicator_id]
        lang = view.lang
        unit = pick(indicator.unit, lang)
        facts = []
        for document, fact in self.corpus.facts_of(indicator_id):
            sign = _SIGNS[fact.comparator.value]
            figure = f"{sign}{number(fact.value)}" + (f"–{number(fact.value_max)}" if fact.value_max is not None else "")
            shown = with_unit(figure, unit, lang)
            kind = FACT_KIND_NAMES[fact.kind][lang == "en"]
            year = str(fact.year) if fact.year else view.say("未注明年份", "year not stated")
            text = (f"{kind} ({year}): {shown}, {pick(fact.scope, lang)}" if lang == "en"
                    else f"{kind}（{year}）：{shown}，{pick(fact.scope, lang)}")
            citation, _ = self.citation(view, f"{document.id}#{fact.clause}")
            url = view.url_of(Target("document", document.id).page, self.corpus.anchor_of(fact))
            reported = document.published or document.written
            facts.append(FactView(text, citation, url, kind=fact.kind.value, value=float(fact.value),
                                  value_max=float(fact.value_max) if fact.value_max is not None else None, sign=sign,
                                  year=fact.year, report_year=int(str(reported)[:4]) if reported else None, shown=shown,
                                  figure=figure, scope=pick(fact.scope, lang)))
        return IndicatorView(pick(indicator.name, lang), view.url_of(Target("indicator", indicator_id).page), unit, facts)

    def term(self, view: CourseView, term_id: str) -> TermView:
        term = self.corpus.terms[term_id]
        definitions = []
        for definition in term.definitions:
            citation, url = self.citation(view, definition.source.ref)
            region = f"{pick(definition.region, view.lang)}{view.colon}" if definition.region else ""
            definitions.append(Cited(region + pick_markdown(definition.text, view.lang), citation, url))
        return TermView(pick(term.name, view.lang), view.url_of(Target("term", term_id).page), definitions)
