"""学员手册 (learner handbook) and 教案 (lesson plan) as DOCX that a trainer can still edit in Word or WPS.

WPS shows Chinese in the font named by ``w:eastAsia``; python-docx sets only the Latin font, so every
style gets its East Asian font here (宋体 for text, 黑体 for headings, Noto CJK where those are missing).
Tables carry explicit widths (``tblW``, ``gridCol``, ``tcW``) because WPS collapses tables without them.
The contents list is static text, so it is right without a field update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from generator.courses.content import CaseView, Cited, CourseView, SessionView
from generator.courses.model import QUIZ_KIND_NAMES, QuizKind
from generator.courses.quiz import answer_text

BODY_FONT = ("SimSun", "宋体")
HEADING_FONT = ("SimHei", "黑体")
LATIN_FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 2.5 cm margins
_GREY = RGBColor(0x55, 0x55, 0x55)


def _east_asian(style_or_run: Any, font: tuple[str, str], latin: str = LATIN_FONT) -> None:
    """Set Latin, East Asian and complex-script fonts (``w:rFonts``) on a style or run."""
    style_or_run.font.name = latin
    r_pr = style_or_run.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), latin)
    fonts.set(qn("w:eastAsia"), font[0])
    fonts.set(qn("w:hint"), "eastAsia")


def _styles(document: Any) -> None:
    styles = document.styles
    _east_asian(styles["Normal"], BODY_FONT)
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = styles[name]
        _east_asian(style, HEADING_FONT, "Arial")
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1A, 0x23, 0x7E)
    for name in ("List Bullet", "List Number"):
        _east_asian(styles[name], BODY_FONT)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))


def _width(element: Any, tag: str, cm: float) -> None:
    node = element.find(qn(tag))
    if node is None:
        node = OxmlElement(tag)
        element.append(node)
    node.set(qn("w:w"), str(int(cm * 567)))  # twentieths of a point
    node.set(qn("w:type"), "dxa")


def table(document: Any, head: list[str], rows: list[list[str]], widths_cm: list[float]) -> Any:
    """A bordered table with fixed layout and explicit widths on the table, its grid and every cell."""
    result = document.add_table(rows=1 + len(rows), cols=len(head))
    result.style = "Table Grid"
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    tbl_pr = result._tbl.tblPr
    _width(tbl_pr, "w:tblW", sum(widths_cm))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for grid_col, cm in zip(result._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        grid_col.set(qn("w:w"), str(int(cm * 567)))
    for row_index, values in enumerate([head, *rows]):
        for cell, value, cm in zip(result.rows[row_index].cells, values, widths_cm, strict=True):
            cell.width = Cm(cm)
            _width(cell._tc.get_or_add_tcPr(), "w:tcW", cm)
            cell.text = value
            if row_index == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return result


class HandoutWriter:
    """Writes one DOCX: the learner handbook, or with ``instructor`` the lesson plan."""

    def __init__(self, view: CourseView, instructor: bool) -> None:
        self.view = view
        self.instructor = instructor
        self.doc = Document()
        _styles(self.doc)

    def say(self, zh: str, en: str) -> str:
        return self.view.say(zh, en)

    def para(self, text: str, bold_lead: str = "", small: bool = False, style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if bold_lead:
            paragraph.add_run(bold_lead).bold = True
        run = paragraph.add_run(text)
        if small:
            run.font.size = Pt(9)
            run.font.color.rgb = _GREY
        return paragraph

    def cited(self, item: Cited, style: str | None = "List Bullet") -> None:
        paragraph = self.para(item.text, style=style) if item.text else self.doc.add_paragraph(style=style)
        source = paragraph.add_run(self.view.paren(f"{self.say('出处', 'Source')}{self.view.colon}{item.citation}  {item.url}".strip()))
        source.font.size = Pt(9)
        source.font.color.rgb = _GREY

    def write(self, path: Path) -> None:
        view = self.view
        kind = self.say("教案", "Lesson plan") if self.instructor else self.say("学员手册", "Learner handbook")
        self.doc.add_paragraph(view.title, style="Title")
        other = view.course.title.en if view.lang == "zh" else view.course.title.zh
        if other:
            self.para(other, small=True)
        self.para(kind, bold_lead="")
        facts = [(self.say("培训对象", "Audience"), view.audience), (self.say("形式", "Format"), view.format),
                 (self.say("总时长", "Length"), self.say(f"{view.course.total_minutes} 分钟", f"{view.course.total_minutes} minutes")),
                 (self.say("课程网页", "Course page"), view.page_url or self.say("（未设置网址）", "(no address set)")),
                 (self.say("许可", "Licence"), view.course.licence)]
        for lead, text in facts:
            self.para(text, bold_lead=f"{lead}{view.colon}")
        for prerequisite in view.prerequisites:
            self.para(prerequisite, bold_lead=self.say("先修：", "Prerequisite: "))
        self.doc.add_heading(self.say("学习目标", "Objectives"), level=1)
        for objective_id, text in view.objectives:
            self.para(text, bold_lead=f"{objective_id}  ", style="List Bullet")
        self.contents()
        self.doc.add_heading(self.say("日程", "Schedule"), level=1)
        rows = [[str(n), s.title, s.method, str(s.session.minutes)] for n, s in enumerate(view.sessions, start=1)]
        table(self.doc, [self.say("序号", "No."), self.say("单元", "Session"), self.say("方式", "Method"),
                         self.say("分钟", "Minutes")], rows, [1.4, 9.6, 3.0, 2.0])
        for number, session in enumerate(view.sessions, start=1):
            self.session(number, session)
        if view.course.quiz:
            self.quiz()
        if view.withheld:
            self.para(self.say("说明：期刊文章和新闻报道的原文摘录不随讲义分发，见所注出处和网址。",
                               "Note: the exact words of journal and news articles are not reproduced in handouts; "
                               "see the source and address given."), small=True)
        self.doc.core_properties.title = view.title
        self.doc.core_properties.subject = kind
        self.doc.save(str(path))

    def contents(self) -> None:
        self.doc.add_heading(self.say("目录", "Contents"), level=1)
        for number, session in enumerate(self.view.sessions, start=1):
            when = f"{session.method} · {session.session.minutes} {self.say('分钟', 'min')}"
            self.para(f"{number}. {session.title}" + self.view.paren(when))
        if self.view.course.quiz:
            self.para(f"{len(self.view.sessions) + 1}. {self.say('测验', 'Quiz')}")

    def session(self, number: int, item: SessionView) -> None:
        session = item.session
        self.doc.add_heading(f"{number}. {item.title}", level=1)
        self.para(f"{item.method} · {session.minutes} {self.say('分钟', 'minutes')}", small=True)
        if item.objectives:
            self.para(item.objectives_text, bold_lead=self.say("目标：", "Objectives: "))
        if item.pre_reading:
            self.doc.add_heading(self.say("课前阅读", "Pre-reading"), level=2)
            for reading in item.pre_reading:
                self.cited(reading)
        for case in item.cases:
            self.case(case)
        self.pulled(item)
        self.questions(item)
        if self.instructor:
            self.instructor_parts(item)

    def pulled(self, item: SessionView) -> None:
        if item.clauses:
            self.doc.add_heading(self.say("政策条款", "Clauses"), level=2)
            for clause in item.clauses:
                self.cited(clause, style=None)
        if item.indicators:
            self.doc.add_heading(self.say("指标", "Indicators"), level=2)
            for name, url, facts in item.indicators:
                self.para(f"  {url}", bold_lead=name, small=False)
                for fact in facts:
                    self.cited(fact)
        if item.terms:
            self.doc.add_heading(self.say("术语", "Terms"), level=2)
            for name, _url, definitions in item.terms:
                self.para("", bold_lead=name)
                for definition in definitions:
                    self.cited(definition)

    def case(self, case: CaseView) -> None:
        self.doc.add_heading(f"{self.say('案例', 'Case')}{self.view.colon}{case.name}", level=2)
        self.para(f"{case.place}  {case.url}", small=True)
        self.para(case.summary)
        if case.background:
            self.para(case.background, bold_lead=self.say("背景：", "Background: "))
        for step_number, step in enumerate(case.steps, start=1):
            self.para(step, bold_lead=f"{self.say('步骤', 'Step')} {step_number}{self.view.colon}")
        if case.outcomes:
            self.para("", bold_lead=self.say("成效", "Outcomes"))
            for outcome in case.outcomes:
                self.cited(outcome)
        for condition in case.conditions:
            self.para(condition, style="List Bullet")
        self.para("", bold_lead=self.say("来源", "Sources"))
        for source in case.sources:
            if source.text:
                self.cited(Cited(f"“{source.text}”", source.citation, source.url))
            else:
                self.cited(Cited(self.say("（文章原文不随讲义分发）", "(article text not reproduced)"), source.citation, source.url))

    def questions(self, item: SessionView) -> None:
        session = item.session
        if session.questions:
            self.doc.add_heading(self.say("讨论题", "Discussion questions"), level=2)
            for index, question in enumerate(session.questions, start=1):
                minutes = self.say(f"（{question.minutes} 分钟）", f" ({question.minutes} min)")
                self.para(self.view.t(question.text) + minutes, bold_lead=f"{index}. ")
                for prompt in question.prompts:
                    self.para(self.view.t(prompt), style="List Bullet")
        if session.exercises:
            self.doc.add_heading(self.say("练习", "Exercises"), level=2)
            for index, exercise in enumerate(session.exercises, start=1):
                self.para(self.view.t(exercise.task), bold_lead=f"{index}. ")
                if self.instructor and exercise.answer:
                    self.para(self.view.t(exercise.answer), bold_lead=self.say("参考答案：", "Model answer: "))
                if self.instructor:
                    for point in exercise.rubric:
                        self.para(self.view.t(point), bold_lead=self.say("评分要点：", "Rubric: "), style="List Bullet")
                if not self.instructor:
                    self.para("\n\n", small=True)

    def instructor_parts(self, item: SessionView) -> None:
        session = item.session
        if session.instructor_notes:
            self.doc.add_heading(self.say("教师提示", "Instructor notes"), level=2)
            self.para(self.view.t(session.instructor_notes))
        if session.board_plan:
            self.doc.add_heading(self.say("板书设计", "Board plan"), level=2)
            rows = [[self.view.t(line)] for line in session.board_plan]
            table(self.doc, [self.say("板书", "Board")], rows, [TEXT_WIDTH_CM])

    def quiz(self) -> None:
        view = self.view
        self.doc.add_heading(self.say("测验", "Quiz"), level=1)
        for number, item in enumerate(view.course.quiz, start=1):
            kind = QUIZ_KIND_NAMES[item.kind][view.lang == "en"]
            self.para(view.t(item.stem), bold_lead=f"{number}. [{kind}] ")
            for index, option in enumerate(item.options):
                self.para(f"{'ABCDEFGHIJ'[index]}. {view.t(option)}")
            if item.kind is QuizKind.true_false and not self.instructor:
                self.para(self.say("（　）正确　（　）错误", "( ) True   ( ) False"))
            if self.instructor:
                self.para(answer_text(view, item), bold_lead=self.say("答案：", "Answer: "))
                self.para(view.t(item.explanation), bold_lead=self.say("解析：", "Explanation: "))
                self.para(f"“{item.quote}” — {view.quiz_sources[item.id]}", small=True)


def write_handouts(view: CourseView, handbook: Path, lesson_plan: Path) -> list[Path]:
    """学员手册 to ``handbook`` and 教案 to ``lesson_plan``; returns both paths."""
    HandoutWriter(view, instructor=False).write(handbook)
    HandoutWriter(view, instructor=True).write(lesson_plan)
    return [handbook, lesson_plan]
