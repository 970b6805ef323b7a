"""PPTX slides with python-pptx: editable text, one slide per session and per case, speaker notes from the instructor notes.

Built on a template .pptx (generator/courses/template.pptx by default; a trainer can pass their own): its
first layout makes the title slide, its second ("Title and Content") every other slide. Every run gets an
East Asian font (``a:ea``) so that Chinese shows in the intended face.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.courses.content import CaseView, CourseView, SessionView
from generator.courses.make_template import EAST_ASIAN_FONT, TEMPLATE

MAX_LINES = 9  # beyond this a slide is unreadable from the back of a classroom


def _east_asian(run: Any) -> None:
    r_pr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea", "a:cs"):
        node = r_pr.find(qn(tag))
        if node is None:
            node = r_pr.makeelement(qn(tag), {})
            r_pr.append(node)
        node.set("typeface", EAST_ASIAN_FONT)


def _fill(frame: Any, lines: list[tuple[str, int]], size: int) -> None:
    """Write ``(text, level)`` lines into a text frame, one paragraph each."""
    frame.clear()
    frame.word_wrap = True
    for index, (text, level) in enumerate(lines[:MAX_LINES]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = level
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size - 2 * level)
        _east_asian(run)


def _size_for(lines: list[tuple[str, int]]) -> int:
    characters = sum(len(text) for text, _ in lines)
    return 24 if characters < 120 else 20 if characters < 240 else 18 if characters < 360 else 16


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SlideWriter:
    """Writes the course's slides into a copy of the template."""

    def __init__(self, view: CourseView, template: Path = TEMPLATE) -> None:
        self.view = view
        self.deck = Presentation(str(template))
        layouts = self.deck.slide_layouts
        self.title_layout = layouts[0]
        self.content_layout = layouts[1] if len(layouts) > 1 else layouts[0]

    def slide(self, title: str, lines: list[tuple[str, int]], notes: str) -> Any:
        slide = self.deck.slides.add_slide(self.content_layout)
        if slide.shapes.title is not None:
            _fill(slide.shapes.title.text_frame, [(title, 0)], 28 if len(title) < 28 else 22)
        body = next((shape for shape in slide.placeholders if shape.placeholder_format.idx == 1), None)
        if body is None:  # a template without a body placeholder: add a plain text box
            width, height = self.deck.slide_width, self.deck.slide_height
            body = slide.shapes.add_textbox(int(width * 0.06), int(height * 0.25), int(width * 0.88), int(height * 0.65))
        _fill(body.text_frame, lines, _size_for(lines))
        if notes:
            frame = slide.notes_slide.notes_text_frame
            frame.text = notes
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    _east_asian(run)
        return slide

    def write(self, path: Path) -> None:
        view = self.view
        first = self.deck.slides.add_slide(self.title_layout)
        if first.shapes.title is not None:
            _fill(first.shapes.title.text_frame, [(view.title, 0)], 32 if len(view.title) < 30 else 26)
        subtitle = next((shape for shape in first.placeholders if shape.placeholder_format.idx == 1), None)
        if subtitle is not None:
            minutes = view.say(f"{view.course.total_minutes} 分钟", f"{view.course.total_minutes} minutes")
            _fill(subtitle.text_frame, [(f"{view.audience} · {view.format} · {minutes}", 0)], 18)
        self.slide(view.say("学习目标", "Objectives"), [(f"{oid}  {text}", 0) for oid, text in view.objectives],
                   view.say("本课程的学习目标；每个单元的幻灯片写明它服务哪些目标。",
                            "The course objectives; each session slide says which it serves."))
        agenda = [(f"{n}. {s.title}" + view.paren(f"{s.method} · {s.session.minutes}′"), 0) for n, s in enumerate(view.sessions, 1)]
        self.slide(view.say("日程", "Schedule"), agenda, "")
        for number, session in enumerate(view.sessions, start=1):
            self.session(number, session)
            for case in session.cases:
                self.case(case)
        sources = sorted({c.citation for s in view.sessions for c in [*s.clauses, *s.pre_reading]}
                         | {c.citation for s in view.sessions for case in s.cases for c in case.sources})
        self.slide(view.say("出处", "Sources"), [(citation, 0) for citation in sources] or [(view.page_url, 0)],
                   view.say(f"全部出处见课程网页：{view.page_url}", f"Every source is on the course page: {view.page_url}"))
        self.deck.core_properties.title = view.title
        self.deck.save(str(path))

    def session(self, number: int, item: SessionView) -> None:
        view = self.view
        session = item.session
        lines = [(f"{item.method} · {session.minutes} {view.say('分钟', 'minutes')}", 0)]
        lines += [(f"{view.say('目标', 'Objective')}{view.colon}{text}", 1) for text in item.objectives[:2]]
        for question in session.questions:
            lines.append((view.t(question.text) + view.paren(f"{question.minutes}′"), 0))
        for exercise in session.exercises:
            lines.append((f"{view.say('练习', 'Exercise')}{view.colon}{view.t(exercise.task)}", 0))
        for clause in item.clauses[: max(0, MAX_LINES - len(lines))]:
            lines.append((clause.citation, 1))
        notes = [view.t(session.instructor_notes)]
        if session.board_plan:
            notes.append(view.say("板书：", "Board plan: ") + " / ".join(view.t(line) for line in session.board_plan))
        for exercise in session.exercises:
            if exercise.answer:
                notes.append(view.say("参考答案：", "Model answer: ") + view.t(exercise.answer))
        self.slide(f"{number}. {item.title}", lines, "\n".join(filter(None, notes)))

    def case(self, case: CaseView) -> None:
        view = self.view
        lines = [(case.place, 1), (_short(case.summary, 150), 0)]
        lines += [(_short(outcome.text, 90) + view.paren(outcome.citation), 1) for outcome in case.outcomes[:2]]
        cited = sorted({source.citation for source in case.sources})
        lines.append((view.say("出处：", "Sources: ") + view.say("；", "; ").join(cited), 1))
        notes = [case.background, *case.conditions, view.say(f"案例页：{case.url}", f"Case page: {case.url}")]
        self.slide(f"{view.say('案例', 'Case')}{view.colon}{case.name}", lines, "\n".join(filter(None, notes)))


def write_slides(view: CourseView, path: Path, template: Path | None = None) -> Path:
    SlideWriter(view, template or TEMPLATE).write(path)
    return path
