"""学员手册 (learner handbook) as DOCX a trainer can still edit in Word or WPS; the parts the 教案 shares with it.

The document's set-up (fonts named directly, zh-CN, tables with widths and repeating header rows) is
in generator/courses/docx_base.py; the 教案 adds its own parts in generator/courses/lesson_plan.py.
The contents list is static text, so it is right without a field update. No objective or clause id
is printed: objectives are numbered, clauses cited by their printed numbering.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Pt, RGBColor

from generator.courses.content import CaseView, Cited, CourseView, SessionView
from generator.courses.docx_base import TEXT_WIDTH_CM, hyperlink, mark_english, new_document, table
from generator.courses.model import QUIZ_KIND_NAMES, QuizKind

_GREY = RGBColor(0x55, 0x55, 0x55)
_LINK = RGBColor(0x1A, 0x4F, 0xA0)
LETTERS = "ABCDEFGHIJ"


class HandoutWriter:
    """Writes the learner handbook; :class:`generator.courses.lesson_plan.LessonPlanWriter` extends it."""

    kind_zh, kind_en = "学员手册", "Learner handbook"

    def __init__(self, view: CourseView) -> None:
        self.view = view
        self.doc = new_document(view.lang)
        # python-docx finds a style by name by scanning every style for each paragraph; look the ids up once
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}

    def paragraph(self, style: str | None = None) -> Any:
        """A new paragraph in ``style`` (by name)."""
        paragraph = self.doc.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def say(self, zh: str, en: str) -> str:
        return self.view.say(zh, en)

    def para(self, text: str, bold_lead: str = "", small: bool = False, style: str | None = None, keep: bool = False) -> Any:
        """A paragraph: ``bold_lead`` in bold, then ``text``; ``keep``: on the same page as the paragraph after it."""
        paragraph = self.paragraph(style)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        if bold_lead:
            paragraph.add_run(bold_lead).bold = True
        run = paragraph.add_run(text)
        if small:
            run.font.size = Pt(9)
            run.font.color.rgb = _GREY
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        paragraph = self.paragraph(f"Heading {level}")
        paragraph.add_run(text)
        return paragraph

    def cited(self, item: Cited, style: str | None = "List Bullet") -> None:
        """The text, then （出处：citation） in small grey type, the citation a link to the clause on the site."""
        paragraph = self.para(item.text, style=style) if item.text else self.paragraph(style)
        self.small(paragraph, ("（" if self.view.lang == "zh" else " (") + self.say("出处：", "Source: "))
        if item.url:
            hyperlink(paragraph, item.citation, item.url, 9, _LINK)
        else:
            self.small(paragraph, item.citation)
        self.small(paragraph, "）" if self.view.lang == "zh" else ")")

    def small(self, paragraph: Any, text: str) -> None:
        run = paragraph.add_run(text)
        run.font.size = Pt(9)
        run.font.color.rgb = _GREY

    def linked(self, lead: str, name: str, url: str) -> Any:
        """``lead`` in bold, then ``name`` as a link to ``url`` (plain when there is no address)."""
        paragraph = self.paragraph()
        if lead:
            paragraph.add_run(lead).bold = True
        if url:
            hyperlink(paragraph, name, url, None, _LINK)
        else:
            paragraph.add_run(name)
        return paragraph

    # ----- the document -----
    def write(self, path: Path) -> None:
        view = self.view
        kind = self.say(self.kind_zh, self.kind_en)
        self.paragraph("Title").add_run(view.title)
        other = view.course.title.en if view.lang == "zh" else view.course.title.zh
        if other:
            title = self.para(other, small=True)
            if view.lang == "zh":
                mark_english(title.runs[-1])
        self.para(kind, bold_lead="")
        when = f"{view.times}{self.say('，共 ', ', ')}{view.minutes(view.course.total_minutes)}"
        facts = [(self.say("培训对象", "Audience"), view.audience), (self.say("形式", "Format"), view.format),
                 (self.say("时间", "Time"), when),
                 (self.say("课程网页", "Course page"), view.page_url or self.say("（未设置网址）", "(no address set)")),
                 (self.say("许可", "Licence"), view.course.licence)]
        for lead, text in facts:
            self.para(text, bold_lead=f"{lead}{view.colon}")
        for prerequisite in view.prerequisites:
            self.para(prerequisite, bold_lead=self.say("先修：", "Prerequisite: "))
        self.heading(self.say("学习目标", "Objectives"), 1)
        for number, (_, text) in enumerate(view.objectives, start=1):
            self.para(text, bold_lead=f"{number}. ")
        self.contents()
        self.heading(self.say("日程", "Schedule"), 1)
        rows = [[item.times, item.title, item.method, str(item.session.minutes)] for item in view.sessions]
        table(self.doc, [self.say("时间", "Time"), self.say("单元", "Session"), self.say("方式", "Method"),
                         self.say("分钟", "Minutes")], rows, [2.6, 8.8, 3.0, 1.6])
        self.before_sessions()
        for item in view.sessions:
            self.session(item)
        if view.course.quiz:
            self.quiz()
        if view.withheld:
            self.para(self.say("说明：期刊文章和新闻报道的原文摘录不随讲义分发，见所注出处和网址。",
                               "Note: the exact words of journal and news articles are not reproduced in handouts; "
                               "see the source and address given."), small=True)
        self.evaluation()
        self.doc.core_properties.title = view.title
        self.doc.core_properties.subject = kind
        self.doc.core_properties.language = "en-US" if view.lang == "en" else "zh-CN"
        self.doc.save(str(path))

    def before_sessions(self) -> None:
        """Parts between the schedule and the first session (none in the handbook)."""

    def contents(self) -> None:
        self.heading(self.say("目录", "Contents"), 1)
        for item in self.view.teaching:
            when = f"{item.times} · {item.method} · {self.view.minutes(item.session.minutes, short=True)}"
            self.para(f"{self.say(f'第{item.number}单元　', f'Session {item.number}: ')}{item.title}" + self.view.paren(when))
        extra = ([self.say("测验", "Quiz")] if self.view.course.quiz else []) + [self.say("课后评估表", "Evaluation form")]
        for name in extra:
            self.para(name)

    def session_heading(self, item: SessionView) -> None:
        if item.is_break:
            self.heading(f"{item.times}　{item.title}" if self.view.lang == "zh" else f"{item.times}  {item.title}", 2)
            return
        self.heading(self.say(f"第{item.number}单元　{item.title}", f"Session {item.number}: {item.title}"), 1)
        self.para(f"{item.method} · {self.view.minutes(item.session.minutes)} · {item.times}", small=True, keep=True)

    def session(self, item: SessionView) -> None:
        self.session_heading(item)
        if item.is_break:
            return
        if item.objectives:
            self.para(item.objectives_text, bold_lead=self.say("目标：", "Objectives: "))
        if item.pre_reading:
            self.heading(self.say("课前阅读", "Pre-reading"), 2)
            for reading in item.pre_reading:
                self.cited(reading)
        self.material(item)
        self.questions(item)

    def material(self, item: SessionView) -> None:
        for case in item.cases:
            self.case(case)
        if item.clauses:
            self.heading(self.say("政策条款", "Clauses"), 2)
            for clause in item.clauses:
                self.cited(clause, style=None)
        if item.indicators:
            self.heading(self.say("指标", "Indicators"), 2)
            for indicator in item.indicators:
                paragraph = self.para("", bold_lead=indicator.name, keep=True)
                if indicator.url:
                    self.small(paragraph, "  ")
                    hyperlink(paragraph, self.say("指标网页", "indicator page"), indicator.url, 9, _LINK)
                for fact in indicator.facts:
                    self.cited(fact)
        if item.terms:
            self.heading(self.say("术语", "Terms"), 2)
            for term in item.terms:
                self.para("", bold_lead=term.name, keep=True)
                for definition in term.definitions:
                    self.cited(definition)

    def case(self, case: CaseView) -> None:
        self.heading(f"{self.say('案例', 'Case')}{self.view.colon}{case.name}", 2)
        place = self.para(case.place, small=True, keep=True)
        if case.url:
            self.small(place, "  ")
            hyperlink(place, self.say("案例网页", "case page"), case.url, 9, _LINK)
        self.para(case.summary)
        if case.background:
            self.para(case.background, bold_lead=self.say("背景：", "Background: "))
        for step_number, step in enumerate(case.steps, start=1):
            self.para(step, bold_lead=f"{self.say('步骤', 'Step')} {step_number}{self.view.colon}")
        if case.outcomes:
            self.para("", bold_lead=self.say("成效", "Outcomes"), keep=True)
            for outcome in case.outcomes:
                self.cited(outcome)
        for condition in case.conditions:
            self.para(condition, style="List Bullet")
        self.para("", bold_lead=self.say("来源", "Sources"), keep=True)
        for source in case.sources:
            text = f"“{source.text}”" if source.text else self.say("（文章原文不随讲义分发）", "(article text not reproduced)")
            self.cited(Cited(text, source.citation, source.url))

    def questions(self, item: SessionView) -> None:
        session = item.session
        if session.questions:
            self.heading(self.say("讨论题", "Discussion questions"), 2)
            for index, question in enumerate(session.questions, start=1):
                self.para(self.view.t(question.text) + self.view.paren(self.view.minutes(question.minutes)), bold_lead=f"{index}. ",
                          keep=bool(question.prompts))
                for prompt in question.prompts:
                    self.para(self.view.t(prompt), style="List Bullet")
        if session.exercises:
            self.heading(self.say("练习", "Exercises"), 2)
            for index, exercise in enumerate(session.exercises, start=1):
                self.para(self.view.t(exercise.task), bold_lead=f"{index}. ", keep=True)
                self.exercise_answer(exercise)

    def exercise_answer(self, exercise: Any) -> None:
        """Room to write (the 教案 prints the model answer instead)."""
        self.para("\n\n", small=True)

    def quiz(self) -> None:
        view = self.view
        self.heading(self.say("测验", "Quiz"), 1)
        for number, item in enumerate(view.course.quiz, start=1):
            kind = QUIZ_KIND_NAMES[item.kind][view.lang == "en"]
            self.para(view.t(item.stem), bold_lead=f"{number}. [{kind}] ", keep=True)  # a question and its choices on one page
            for index, option in enumerate(item.options):
                self.para(f"☐ {LETTERS[index]}. {view.t(option)}", keep=index < len(item.options) - 1)
            if item.kind is QuizKind.true_false:
                self.para(self.say("☐ 正确　　☐ 错误", "☐ True    ☐ False"))
            self.quiz_answer(item)

    def quiz_answer(self, item: Any) -> None:
        """Room for a short answer (the 教案 prints the answer instead)."""
        if item.kind is QuizKind.short_answer:
            self.para("\n\n", small=True)

    def evaluation(self) -> None:
        """课后评估表: each objective and the usual questions, rated 5 to 1, and room for comments."""
        view = self.view
        heading = self.heading(self.say("课后评估表", "Evaluation form"), 1)
        heading.paragraph_format.page_break_before = True  # a sheet of its own, to copy and hand out
        self.para(self.say("请在每行选一格（5 = 完全做到 / 很同意，1 = 做不到 / 不同意）。无需署名。",
                           "Tick one box per row (5 = fully / strongly agree, 1 = not at all / disagree). No name needed."))
        rows = [[self.say(f"学完后我能：{text}", f"I can now: {text}"), *["☐"] * 5] for _, text in view.objectives]
        rows += [[self.say(zh, en), *["☐"] * 5] for zh, en in (
            ("课程内容对我的工作有用", "The content is useful for my work"),
            ("案例和讨论有帮助", "The cases and discussions helped"),
            ("时间安排合适", "The timing was right"),
            ("讲解清楚，出处交代明白", "Explanations were clear and sources were named"))]
        table(self.doc, [self.say("评估项目", "Item"), "5", "4", "3", "2", "1"], rows, [10.0, 1.2, 1.2, 1.2, 1.2, 1.2])
        prompts = (self.say("最有收获的一点：", "What helped you most:"),
                   self.say("还需要的内容或建议：", "What else you need, or suggestions:"))
        for prompt in prompts:
            self.para("", bold_lead=prompt, keep=True)
            self.para("\n\n")


def write_handbook(view: CourseView, path: Path) -> Path:
    """学员手册 to ``path``."""
    HandoutWriter(view).write(path)
    return path


__all__ = ["TEXT_WIDTH_CM", "HandoutWriter", "write_handbook"]
