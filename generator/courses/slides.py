"""The deck a trainer projects (PPTX, python-pptx): one idea per slide, large type, editable text, speaker notes.

Order: title, objectives, schedule; then per session a section slide (method, time, every objective),
a slide per pulled clause (its text, trimmed to one slide, with its readable citation), per case its
summary, background, steps and outcomes (all of them, over as many slides as they need), per
indicator a chart of its figures and their sources, per term its definitions, a slide per discussion
question and exercise; the quiz (each question, then its answer on the next slide) in the quiz
session, else after the last session; the sources; a closing slide with the course page's QR code.
Speaker notes carry the clock, the instructor notes, the board plan, model answers and full texts.
Layout rules (sizes, splitting, fonts) are in generator/courses/deck.py.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.util import Emu

from generator.courses.content import CaseView, Cited, CourseView, IndicatorView, SessionView
from generator.courses.deck import (
    BODY_SIZE,
    LINE,
    MIN_TITLE_SIZE,
    SMALL_SIZE,
    Para,
    excerpt,
    find_layouts,
    fit_text,
    lines_of,
    paginate,
    title_size,
    write_paras,
)
from generator.courses.make_template import TEMPLATE
from generator.courses.model import Method, QuizItem, QuizKind
from generator.courses.quiz import LETTERS, answer_text
from generator.courses.slide_chart import add_chart, charted, undated

INSET = Emu(91440)  # a text frame's default left and right inset
CLAUSE_LINES = 6  # a clause's text on its slide; the whole text is in the notes
BOLD = 0.88  # titles are bold: measured as if their box were this much narrower


def _natural(anchor: str) -> tuple[object, ...]:
    """``s2-10`` after ``s2-9``: an anchor's numbers compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", anchor))


def _box(shape: Any) -> tuple[int, int, int, int]:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


class SlideWriter:
    """Writes the course's slides into a copy of the template."""

    def __init__(self, view: CourseView, template: Path = TEMPLATE) -> None:
        self.view = view
        self.deck = Presentation(str(template))
        self.layouts = find_layouts(self.deck, template)
        self._boxes: dict[int, tuple[int, int, int, int]] = {}
        self._titles: dict[int, tuple[int, int]] = {}
        slides = self.deck.slides._sldIdLst
        for slide_id in list(slides):  # a trainer's template may hold example slides
            self.deck.part.drop_rel(slide_id.rId)
            slides.remove(slide_id)

    def say(self, zh: str, en: str) -> str:
        return self.view.say(zh, en)

    # ----- one slide, or as many as the text needs -----
    def _slide(self, layout: Any, title: str, paras: list[Para], notes: str) -> Any:
        slide = self.deck.slides.add_slide(layout)
        heading = slide.shapes.title
        if heading is not None:
            width = int((int(heading.width) - 2 * INSET) * BOLD)
            lines = max(1, int(int(heading.height) / 12700 // (MIN_TITLE_SIZE * 1.2)))
            write_paras(heading.text_frame, [Para(title, title_size(title, width, lines), bold=True)])
        body = next((shape for shape in slide.placeholders if shape.placeholder_format.idx == 1), None)
        if body is not None:
            if paras:
                write_paras(body.text_frame, paras)
            else:
                body._element.getparent().remove(body._element)
        for shape in list(slide.placeholders):  # empty date, footer or picture placeholders would show their prompts
            if shape.placeholder_format.idx not in (0, 1):
                shape._element.getparent().remove(shape._element)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def _body_box(self, layout: Any) -> tuple[int, int, int, int]:
        """The layout's body placeholder (left, top, width, height), looked up once per layout."""
        if id(layout) not in self._boxes:
            body = next(shape for shape in layout.placeholders if shape.placeholder_format.idx == 1)
            self._boxes[id(layout)] = _box(body)
        return self._boxes[id(layout)]

    def _body_size(self, layout: Any) -> tuple[int, int]:
        _, _, width, height = self._body_box(layout)
        return width - 2 * INSET, height - Emu(91440)

    def _title_room(self, layout: Any) -> tuple[int, int]:
        """(width in EMU, lines) a title has on ``layout`` at the smallest title size."""
        if id(layout) not in self._titles:
            title = next(shape for shape in layout.placeholders if shape.placeholder_format.idx == 0)
            width = int((int(title.width) - 2 * INSET) * BOLD)
            self._titles[id(layout)] = (width, max(1, int(int(title.height) / 12700 // (MIN_TITLE_SIZE * 1.2))))
        return self._titles[id(layout)]

    def fit_title(self, layout: Any, title: str, paras: list[Para]) -> tuple[str, list[Para]]:
        """A title too long for its place at 32 pt keeps what comes before its colon (``指标``, ``Case``) and the rest
        opens the body in bold; without a colon, it is cut between words and given whole in the body. Never smaller type."""
        width, lines = self._title_room(layout)
        if lines_of(title, MIN_TITLE_SIZE, width) <= lines:
            return title, paras
        for colon in ("：", ": "):
            head, found, rest = title.partition(colon)
            if found and lines_of(head, MIN_TITLE_SIZE, width) <= lines:
                return head, [Para(rest[:1].upper() + rest[1:], bold=True), *paras]
        short = title
        while short and lines_of(short + "…", MIN_TITLE_SIZE, width) > lines:
            short = short[: -1] if " " not in short else short.rsplit(" ", 1)[0]
        return short.rstrip(" ,，、") + "…", [Para(title, bold=True), *paras]

    def flow(self, title: str, paras: list[Para], notes: str = "", layout: Any = None) -> list[Any]:
        """As many slides as ``paras`` need; the second and later titled ``…（续）``."""
        layout = layout or self.layouts.content
        title, paras = self.fit_title(layout, title, paras)
        width, height = self._body_size(layout)
        pages = paginate(paras, width, height) or [[]]
        more = self.say("（续）", " (cont.)")
        return [self._slide(layout, title if index == 0 else f"{title}{more}", page, notes) for index, page in enumerate(pages)]

    # ----- the deck -----
    def write(self, path: Path) -> None:
        view = self.view
        first = self.deck.slides.add_slide(self.layouts.title)
        line = " · ".join((view.audience, view.format, view.minutes(view.course.total_minutes), view.times))
        heading, lead = self.fit_title(self.layouts.title, view.title, [])  # a title too long: its rest above the audience
        if first.shapes.title is not None:
            title = first.shapes.title
            width, lines = self._title_room(self.layouts.title)
            write_paras(title.text_frame, [Para(heading, title_size(heading, width, lines), bold=True)])
        subtitle = next((shape for shape in first.placeholders if shape.placeholder_format.idx == 1), None)
        if subtitle is not None:
            write_paras(subtitle.text_frame, [*lead, Para(line, SMALL_SIZE if lead else BODY_SIZE)])
        for shape in list(first.placeholders):
            if shape.placeholder_format.idx not in (0, 1):
                shape._element.getparent().remove(shape._element)
        self.flow(self.say("学习目标", "Objectives"),
                  [Para(f"{n}. {text}") for n, (_, text) in enumerate(view.objectives, 1)],
                  self.say("本课程的学习目标；每个单元的首页写明它服务哪些目标。",
                           "The course objectives; each session's first slide says which it serves."))
        agenda = [Para(f"{item.times}  {item.title}" + ("" if item.is_break else view.paren(item.method))) for item in view.sessions]
        self.flow(self.say("日程", "Schedule"), agenda)
        quiz_at = self._quiz_session()
        self.shown: set[tuple[str, str]] = set()  # what earlier sessions showed in full: later ones recap it on one slide
        for item in view.sessions:
            self.session(item)
            if item is quiz_at:
                self.quiz()
        self.sources()
        self.closing()
        self.deck.core_properties.title = view.title
        self.deck.save(str(path))

    def _quiz_session(self) -> SessionView | None:
        if not self.view.course.quiz:
            return None
        teaching = self.view.teaching
        return next((item for item in teaching if item.session.method.value == "测验"), teaching[-1] if teaching else None)

    def _notes(self, item: SessionView) -> str:
        view, session = self.view, item.session
        lines = [f"{step.start}–{step.end}  {step.title}（{step.minutes}′）{view.colon}{step.activity}" if view.lang == "zh"
                 else f"{step.start}–{step.end}  {step.title} ({step.minutes} min): {step.activity}" for step in item.clock.steps]
        lines.append(view.t(session.instructor_notes))
        if session.board_plan:
            lines.append(self.say("板书：", "Board plan: ") + " / ".join(view.t(line) for line in session.board_plan))
        for exercise in session.exercises:
            if exercise.answer:
                lines.append(self.say("参考答案：", "Model answer: ") + view.t(exercise.answer))
        return "\n".join(line for line in lines if line)

    def session(self, item: SessionView) -> None:
        view, session = self.view, item.session
        if item.is_break:
            self.flow(item.title, [Para(f"{item.times} · {view.minutes(session.minutes)}")], layout=self.layouts.section)
            return
        head = [Para(f"{item.method} · {view.minutes(session.minutes)} · {item.times}", bold=True)]
        if item.objectives:
            head.append(Para(self.say("本单元目标", "Objectives of this session"), SMALL_SIZE, grey=True, keep="next"))
            head += [Para(text, bullet=True) for text in item.objectives]
        number = self.say(f"第{item.number}单元　", f"Session {item.number}: ")
        notes = self._notes(item)
        self.flow(f"{number}{item.title}", head, notes, layout=self.layouts.section)
        if session.method not in (Method.lecture, Method.quiz):  # group work: the learners see how it runs
            steps = [Para(f"{step.start}–{step.end}  {step.title}" + view.paren(f"{step.grouping} · {step.minutes}′"))
                     for step in item.clock.steps]
            self.flow(self.say("本单元怎么进行", "How this session runs"), steps)
        self.pulled(item)
        for index, question in enumerate(session.questions, 1):
            paras = [Para(view.t(question.text), bold=True)]
            paras += [Para(view.t(prompt), bullet=True) for prompt in question.prompts]
            title = self.say(f"讨论 {index} · {question.minutes} 分钟", f"Discussion {index} · {question.minutes} min")
            self.flow(title, paras)
        for index, exercise in enumerate(session.exercises, 1):
            answer = self.say("参考答案：", "Model answer: ") + view.t(exercise.answer) if exercise.answer else ""
            self.flow(self.say(f"练习 {index}", f"Exercise {index}"), [Para(view.t(exercise.task))], answer)

    def pulled(self, item: SessionView) -> None:
        """Clauses, cases, indicators and terms; what an earlier session showed is recapped on one slide instead."""
        view = self.view
        again = [*(("clause", c.citation, c.citation) for c in item.clauses), *(("case", c.id, c.name) for c in item.cases),
                 *(("indicator", i.url or i.name, i.name) for i in item.indicators),
                 *(("term", t.url or t.name, t.name) for t in item.terms)]
        seen = [name for kind, key, name in again if (kind, key) in self.shown]
        if seen:
            self.flow(self.say("回顾：前面已讲过", "Recap: shown earlier"), [Para(name, bullet=True) for name in seen])
        for clause in item.clauses:
            if ("clause", clause.citation) not in self.shown:
                self.clause(clause)
        for case in item.cases:
            if ("case", case.id) not in self.shown:
                self.case(case)
        for indicator in item.indicators:
            if ("indicator", indicator.url or indicator.name) not in self.shown:
                self.indicator(indicator)
        for term in item.terms:
            if ("term", term.url or term.name) not in self.shown:
                self.flow(f"{self.say('术语', 'Term')}{view.colon}{term.name}", self._cited_list(term.definitions))
        self.shown.update((kind, key) for kind, key, _ in again)

    def _cited_list(self, items: Sequence[Cited]) -> list[Para]:
        paras: list[Para] = []
        for entry in items:
            paras.append(Para(entry.text, bullet=True))
            paras.append(Para(self.say("出处：", "Source: ") + entry.citation, SMALL_SIZE, grey=True))
        return paras

    def clause(self, clause: Cited) -> None:
        """The clause's text, cut to one slide (the whole text in the notes), and its citation: the sentences the course
        quotes when it quotes any (a long clause on several topics shows the one the session is about), else its start."""
        width, height = self._body_size(self.layouts.content)
        source = Para(clause.citation, SMALL_SIZE, grey=True)
        source_lines = lines_of(source.text, SMALL_SIZE, width) * SMALL_SIZE * 1.2 + SMALL_SIZE * 0.35
        lines = min(CLAUSE_LINES, int((height / 12700 - source_lines - BODY_SIZE * 0.35) // (BODY_SIZE * 1.2)))
        mark = self.say("……", "…")
        text = fit_text(excerpt(clause.text, self.view.quotes.get(clause.ref, []), mark), BODY_SIZE, int(width * 0.95), lines, mark)
        notes = self.say("条款全文：", "Full text: ") + clause.text if text != clause.text else ""
        title = clause.heading or self.say("政策原文", "The policy says")
        self.flow(title, [Para(text), source], notes)

    def case(self, case: CaseView) -> None:
        view = self.view
        name = f"{self.say('案例', 'Case')}{view.colon}{case.name}"
        notes = ""  # the sources are on the first slide, the rest in the handbook
        cited = self.say("；", "; ").join(dict.fromkeys(source.citation for source in case.sources))
        self.flow(name, [Para(case.place, SMALL_SIZE, grey=True, keep="next"), Para(case.summary),
                         Para(self.say("来源：", "Sources: ") + cited, SMALL_SIZE, grey=True)], notes)
        if case.background:
            self.flow(f"{name} · {self.say('背景', 'background')}", [Para(case.background)], notes)
        if case.steps:
            self.flow(f"{name} · {self.say('做法', 'steps')}", [Para(f"{n}. {step}") for n, step in enumerate(case.steps, 1)], notes)
        if case.outcomes:
            self.flow(f"{name} · {self.say('成效', 'outcomes')}", self._cited_list(case.outcomes), notes)
        if case.conditions:
            self.flow(f"{name} · {self.say('条件与经验', 'conditions')}", [Para(text, bullet=True) for text in case.conditions], notes)

    def indicator(self, indicator: IndicatorView) -> None:
        view = self.view
        title = f"{self.say('指标', 'Indicator')}{view.colon}{indicator.name}"
        notes = ""  # the figures and their sources are on the slide after the chart
        if charted(indicator):
            title, lead = self.fit_title(self.layouts.content, title, [])
            slide = self._slide(self.layouts.content, title, [], notes)
            left, top, width, height = self._body_box(self.layouts.content)
            if lead:  # the indicator's name, when the title had no room for it
                line = Emu(int(BODY_SIZE * LINE * lines_of(lead[0].text, BODY_SIZE, width - 2 * INSET) * 12700 + 91440))
                write_paras(slide.shapes.add_textbox(left, top, width, line).text_frame, lead)
                top, height = top + line, height - line
            if undated(indicator):  # a line under the chart says what the hatching means
                line = Emu(int(SMALL_SIZE * 1.6 * 12700))
                height -= line
                box = slide.shapes.add_textbox(left, top + height, width, line)
                write_paras(box.text_frame, [Para(self.say("斜纹：来源没有写年份的数值，按文件发布的年份放置。",
                                                           "Hatched: a value the source gives without a year, placed at "
                                                           "the year its document was published."), SMALL_SIZE, grey=True)])
            add_chart(slide, indicator, (left, top, width, height), view.lang)
        elif indicator.facts:
            fact = indicator.facts[0]
            self.flow(title, [Para(fact.shown, 54, bold=True), Para(fact.text), Para(fact.citation, SMALL_SIZE, grey=True)], notes)
            return
        if indicator.facts:
            self.flow(f"{title} · {self.say('数值与出处', 'figures and sources')}", self._cited_list(indicator.facts), notes)

    def quiz(self) -> None:
        view = self.view
        total = len(view.course.quiz)
        for number, item in enumerate(view.course.quiz, 1):
            self.flow(self.say(f"测验 {number}/{total}", f"Quiz {number}/{total}"), self._question(item))
            source = view.quiz_sources[item.id]
            answer = [Para(answer_text(view, item, with_option=True), bold=True), Para(view.t(item.explanation))]
            if view.lang == "en":  # the source's exact words are Chinese: for the trainer, in the notes
                answer.append(Para(f"Source: {source.citation}", SMALL_SIZE, grey=True))
                notes = f"The source's words (Chinese): “{item.quote}”"
            else:
                answer.append(Para(f"“{item.quote}”——{source.citation}", SMALL_SIZE, grey=True))
                notes = ""
            self.flow(self.say(f"测验 {number} · 答案", f"Quiz {number}: answer"), answer, notes)

    def _question(self, item: QuizItem) -> list[Para]:
        view = self.view
        paras = [Para(view.t(item.stem), bold=True)]
        paras += [Para(f"{LETTERS[index]}. {view.t(option)}") for index, option in enumerate(item.options)]
        if item.kind is QuizKind.true_false:
            paras.append(Para(self.say("正确　/　错误", "True / False")))
        if item.kind is QuizKind.multiple:
            paras.append(Para(self.say("（多选）", "(more than one answer)"), SMALL_SIZE, grey=True))
        return paras

    def sources(self) -> None:
        """Every document the course cites, once, with the places it cites in the document's order."""
        view = self.view
        places: dict[str, list[tuple[tuple[object, ...], str]]] = {}
        for ref, (name, place) in view.places.items():
            places.setdefault(name, [])
            if place and place not in (shown for _, shown in places[name]):
                places[name].append((_natural(ref.partition("#")[2]), place))
        separator = self.say("；", "; ")
        paras = [Para(name + (self.say(" ", ": ") if found else "") + separator.join(place for _, place in sorted(found)),
                      SMALL_SIZE, bullet=True) for name, found in places.items()]
        self.flow(self.say("出处", "Sources"), paras, view.page_url)

    def closing(self) -> None:
        view = self.view
        paras = [Para(self.say("请填写课后评估表（学员手册最后一页）。", "Please fill in the evaluation form (the handbook's last page)."))]
        if view.page_url:
            paras.append(Para(self.say("课程网页（案例、条款和指标的原文与出处）：", "Course page (cases, clauses, figures and sources):")))
            paras.append(Para(view.page_url, SMALL_SIZE))
        slide = self.flow(self.say("谢谢！", "Thank you"), paras, layout=self.layouts.section)[-1]
        if view.page_url:
            import segno

            image = io.BytesIO()
            segno.make(view.page_url, error="m").save(image, kind="png", scale=8, border=2)
            image.seek(0)
            width, height = self.deck.slide_width, self.deck.slide_height
            assert width is not None and height is not None  # every template sets its slide size
            size = Emu(int(height * 0.3))
            slide.shapes.add_picture(image, width - size - Emu(457200), height - size - Emu(365760), size, size)


def write_slides(view: CourseView, path: Path, template: Path | None = None) -> Path:
    SlideWriter(view, template or TEMPLATE).write(path)
    return path
