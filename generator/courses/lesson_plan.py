"""教案 / 案例教学说明书 (lesson plan) as DOCX: per session its objectives, key and difficult points, the steps on the
clock (time, step and activity, method and grouping, materials, minutes), the analysis path of a case session,
the material, questions with answers, instructor notes and board plan; the quiz with answers; the evaluation form.

Steps come from the course file or are laid out from the method (generator/courses/lesson.py); the key
points default to the session's objectives; a case session's analysis path defaults to reading the case
the way its entry is written (background, steps, outcomes, conditions), then turning to one's own community.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.courses.content import CourseView, SessionView
from generator.courses.docx_base import table
from generator.courses.model import CASE_METHODS, Method, QuizItem
from generator.courses.quiz import answer_text
from generator.courses.word import HandoutWriter

_CASE_PATH = (
    ("背景：案例所在地当时面对什么问题？（读案例的“背景”）", "Background: what problem did the place face? (the case's background)"),
    ("做法：按步骤梳理做了什么、由谁来做。", "Steps: go through what was done, and by whom, step by step."),
    ("成效：来源写明了哪些结果？每条结果出自哪份文件的哪一条？", "Outcomes: which results do the sources state, and where exactly?"),
    ("条件：做法依赖哪些条件？哪些是来源没有写的？", "Conditions: what did it depend on, and what do the sources not say?"),
    ("迁移：对照本社区，哪些可以借鉴？借鉴前需要核实什么？", "Transfer: what could your community adopt, and what must be checked first?"),
)
_STRUCTURED_PATH = (
    ("明确议题：把讨论题写成一个要解决的问题。", "Frame the question as one problem to solve."),
    ("个人思考：每人独立写下观点，一张卡片一条（团队列名）。", "Each learner writes ideas alone, one per card."),
    ("归类：小组把卡片归成几类，合并重复。", "The group sorts the cards into clusters and merges repeats."),
    ("排序：按重要性和可行性投票排序。", "Vote to rank by importance and feasibility."),
    ("形成方案：为排在前面的几条写出做法和依据的条款，汇报。", "Write actions and the clauses they rest on for the top items; report."),
)


class LessonPlanWriter(HandoutWriter):
    """Writes the 教案: the handbook's material plus everything a trainer runs the session with."""

    kind_zh, kind_en = "教案（案例教学说明书）", "Lesson plan and teaching notes"

    def session(self, item: SessionView) -> None:
        self.session_heading(item)
        if item.is_break:
            return
        session, view = item.session, self.view
        self.heading(self.say("教学目标", "Objectives"), 2)
        for text in item.objectives or [self.say("（本单元未列目标）", "(no objectives listed)")]:
            self.para(text, style="List Bullet")
        self.heading(self.say("教学重点与难点", "Key and difficult points"), 2)
        for text in [view.t(point) for point in session.key_points] or item.objectives:
            self.para(text, bold_lead=self.say("重点：", "Key point: "), style="List Bullet")
        for point in session.difficulties:
            self.para(view.t(point), bold_lead=self.say("难点：", "Difficult point: "), style="List Bullet")
        self.steps(item)
        if session.method in CASE_METHODS or session.analysis:
            self.analysis(item)
        if item.pre_reading:
            self.heading(self.say("课前阅读", "Pre-reading"), 2)
            for reading in item.pre_reading:
                self.cited(reading)
        self.material(item)
        self.questions(item)
        if session.instructor_notes:
            self.heading(self.say("教师提示", "Instructor notes"), 2)
            self.para(view.t(session.instructor_notes))
        if session.board_plan:
            self.heading(self.say("板书设计", "Board plan"), 2)
            table(self.doc, [self.say("板书", "Board")], [[view.t(line)] for line in session.board_plan], [16.0])

    def steps(self, item: SessionView) -> None:
        """教学过程: one row per step, with its clock time."""
        self.heading(self.say("教学过程", "Steps"), 2)
        rows = []
        for step in item.clock.steps:
            activity = f"{step.title}{self.view.colon}{step.activity}" if step.activity else step.title
            rows.append([f"{step.start}–{step.end}", activity, f"{step.method} · {step.grouping}",
                         self.say("、", ", ").join(step.materials) or "—", str(step.minutes)])
        head = [self.say(zh, en) for zh, en in (("时间", "Time"), ("环节与活动", "Step and activity"), ("方式 · 组织", "Method · grouping"),
                                                ("材料", "Materials"), ("分钟", "Min"))]
        table(self.doc, head, rows, [2.4, 6.8, 2.8, 2.9, 1.1], small=True)

    def analysis(self, item: SessionView) -> None:
        """分析思路: the course file's, or the default path for a case or structured discussion."""
        session = item.session
        self.heading(self.say("分析思路", "Analysis path"), 2)
        if session.analysis:
            texts = [self.view.t(step) for step in session.analysis]
        else:
            path = _STRUCTURED_PATH if session.method is Method.structured_discussion else _CASE_PATH
            texts = [self.say(zh, en) for zh, en in path]
        for number, text in enumerate(texts, start=1):
            self.para(text, bold_lead=f"{number}. ")

    def exercise_answer(self, exercise: Any) -> None:
        if exercise.answer:
            self.para(self.view.t(exercise.answer), bold_lead=self.say("参考答案：", "Model answer: "))
        for point in exercise.rubric:
            self.para(self.view.t(point), bold_lead=self.say("评分要点：", "Rubric: "), style="List Bullet")

    def quiz_answer(self, item: QuizItem) -> None:
        view = self.view
        source = view.quiz_sources[item.id]
        self.para(answer_text(view, item, with_option=True), bold_lead=self.say("答案：", "Answer: "))
        self.para(view.t(item.explanation), bold_lead=self.say("解析：", "Explanation: "))
        self.para(f"“{item.quote}”" + self.say("——", " — ") + source.citation, small=True)


def write_lesson_plan(view: CourseView, path: Path) -> Path:
    """教案 to ``path``."""
    LessonPlanWriter(view).write(path)
    return path
