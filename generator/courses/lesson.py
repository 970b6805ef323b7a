"""The lesson's clock: each session's steps (环节) with start and end times, written or laid out from the method.

A course file may list a session's ``steps``; when it does not, they are laid out here from the
session's method, its discussion questions (each with its own minutes) and its exercises, so that
an old course file still gets a lesson plan with a clock. The laid-out steps only arrange time and
activity; they state no fact, and their minutes always add up to the session's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.courses.model import CASE_METHODS, GROUPING_NAMES, METHOD_NAMES, Course, Grouping, Method, Question, Session
from generator.courses.text import pick

# who works together by default, by method
DEFAULT_GROUPING: dict[Method, Grouping] = {
    Method.lecture: Grouping.whole_class,
    Method.case_discussion: Grouping.groups,
    Method.structured_discussion: Grouping.groups,
    Method.group_discussion: Grouping.groups,
    Method.simulation: Grouping.pairs,
    Method.role_play: Grouping.pairs,
    Method.field_visit: Grouping.whole_class,
    Method.quiz: Grouping.individual,
    Method.rest: Grouping.whole_class,
}
_SLIDES = ("幻灯片", "slides")
_HANDBOOK = ("学员手册", "learner handbook")
_FLIPCHART = ("白板纸、记号笔", "flip-chart paper, markers")
_PHONE = ("手机（查本站页面）", "phones (to look pages up on the site)")


def clock(minutes: int) -> str:
    """``HH:MM`` for minutes after midnight (past midnight wraps)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(time: str) -> int:
    hours, _, mins = time.partition(":")
    return int(hours) * 60 + int(mins)


@dataclass
class PlannedStep:
    """A step with its place on the clock, in one language."""

    start: str
    end: str
    title: str
    method: str
    activity: str
    grouping: str
    materials: list[str]
    minutes: int


@dataclass
class SessionClock:
    """A session's place on the clock and its steps."""

    start: str
    end: str
    steps: list[PlannedStep] = field(default_factory=list)


@dataclass
class _Draft:
    """A laid-out step before it has a clock: texts in (zh, en)."""

    title: tuple[str, str]
    minutes: int
    method: Method
    activity: tuple[str, str]
    grouping: Grouping
    materials: list[tuple[str, str]]


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StepPlanner:
    """Lays out a session's steps from its method, questions and exercises when the file lists none."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.method = session.method
        self.grouping = DEFAULT_GROUPING[session.method]

    def drafts(self) -> list[_Draft]:
        session, method = self.session, self.method
        if method is Method.rest:
            return [_Draft(("课间休息", "Break"), session.minutes, method, ("休息", "Break"), Grouping.whole_class, [])]
        questions = [self._question(index, question) for index, question in enumerate(session.questions, 1)]
        asked = sum(draft.minutes for draft in questions)
        spare = session.minutes - asked
        opening = 5 if spare >= 15 else 0
        closing = 5 if spare - opening >= 20 else 0
        core = spare - opening - closing
        drafts: list[_Draft] = []
        if opening:
            drafts.append(_Draft(("导入", "Introduction"), opening, Method.lecture,
                                 ("说明本单元的目标和安排", "State the session's objectives and plan"), Grouping.whole_class, [_SLIDES]))
        drafts += self._core(core, questions)
        if closing:
            drafts.append(_Draft(("小结", "Summary"), closing, Method.lecture,
                                 ("回到本单元目标，总结要点（对照板书）", "Return to the objectives and sum up (from the board plan)"),
                                 Grouping.whole_class, [_SLIDES]))
        return [draft for draft in drafts if draft.minutes > 0]

    def _question(self, index: int, question: Question) -> _Draft:
        text = question.text
        grouping = self.grouping if self.grouping is not Grouping.whole_class else Grouping.groups
        method = self.method if self.method not in (Method.lecture, Method.quiz, Method.field_visit) else Method.group_discussion
        materials = [_HANDBOOK, _FLIPCHART] if grouping is Grouping.groups else [_HANDBOOK, _PHONE]
        zh, en = text.zh, text.en or text.zh
        if method in (Method.simulation, Method.role_play):
            return _Draft((f"演练 {index}", f"Practice {index}"), question.minutes, method, (_short(zh, 80), _short(en, 120)),
                          grouping, materials)
        return _Draft((f"讨论题 {index}", f"Question {index}"), question.minutes, method,
                      (_short(zh, 80), _short(en, 120)), grouping, materials)

    def _core(self, minutes: int, questions: list[_Draft]) -> list[_Draft]:
        session, method = self.session, self.method
        if minutes <= 0:
            return questions
        pulled_zh = "、".join(part for part in (
            f"{len(session.clauses)} 条条款" if session.clauses else "", f"{len(session.indicators)} 个指标" if session.indicators else "",
            f"{len(session.terms)} 个术语" if session.terms else "") if part)
        pulled_en = ", ".join(part for part in (
            f"{len(session.clauses)} clauses" if session.clauses else "",
            f"{len(session.indicators)} indicators" if session.indicators else "",
            f"{len(session.terms)} terms" if session.terms else "") if part)
        if method is Method.quiz:
            answer = max(1, minutes * 2 // 3)
            return [_Draft(("测验", "Quiz"), answer, method, ("学员独立作答", "Learners answer on their own"), Grouping.individual,
                           [_HANDBOOK]),
                    *questions,
                    *([_Draft(("讲评", "Going through the answers"), minutes - answer, Method.lecture,
                              ("逐题讲评，读出每题所引的条款原文", "Go through each item and read out the clause it cites"),
                              Grouping.whole_class, [_SLIDES])] if minutes - answer > 0 else [])]
        if method in CASE_METHODS or method is Method.group_discussion:
            first = max(1, minutes // 2) if questions else minutes
            read_zh = f"阅读案例（{len(session.cases)} 个）和所引条款" if session.cases else "阅读所引条款和指标"
            plural = "s" if len(session.cases) != 1 else ""
            read_en = f"Read the case{plural} and the clauses" if session.cases else "Read the clauses and figures"
            if method is Method.structured_discussion:
                read_zh, read_en = "明确议题，个人独立思考并写下观点（团队列名）", "Set the question; each learner writes down ideas alone"
            drafts = [_Draft(("阅读与准备", "Reading and preparation") if method is not Method.structured_discussion
                             else ("明确议题、个人思考", "Question and individual ideas"), first, method, (read_zh, read_en),
                             Grouping.individual, [_HANDBOOK])]
            drafts += questions
            if minutes - first > 0:
                report = (("归类排序、汇报点评", "Sort, rank and report back") if method is Method.structured_discussion
                          else ("汇报与点评", "Report-back and feedback"))
                drafts.append(_Draft(report, minutes - first, method,
                                     ("各组汇报，教师对照出处点评", "Groups report; the trainer comments against the sources"),
                                     Grouping.whole_class, [_FLIPCHART]))
            return drafts
        if method in (Method.simulation, Method.role_play):
            first = max(1, minutes // 2) if questions else minutes
            drafts = [_Draft(("布置情景", "Setting the scene"), first, method,
                             ("说明角色、任务和规则", "Explain the roles, task and rules"),
                             Grouping.whole_class, [_SLIDES])]
            drafts += questions
            if minutes - first > 0:
                drafts.append(_Draft(("点评", "Feedback"), minutes - first, Method.lecture,
                                     ("逐项核对学员的回答，指出来源没有的内容",
                                      "Check answers point by point; point out anything the sources do not say"),
                                     Grouping.whole_class, [_SLIDES]))
            return drafts
        activity = (f"讲解所引内容（{pulled_zh}）" if pulled_zh else "讲解",
                    f"Teach the pulled material ({pulled_en})" if pulled_en else "Teaching")
        title = ("现场教学", "Field teaching") if method is Method.field_visit else ("讲授", "Lecture")
        return [_Draft(title, minutes, method, activity, Grouping.whole_class, [_SLIDES, _HANDBOOK]), *questions]


def session_steps(session: Session, start: int, lang: str) -> SessionClock:
    """The session's steps on the clock from ``start`` (minutes after midnight), written ones or laid out."""
    en = lang == "en"
    planned: list[PlannedStep] = []
    at = start
    if session.steps:
        for step in session.steps:
            method = step.method or session.method
            grouping = step.grouping or DEFAULT_GROUPING[method]
            planned.append(PlannedStep(clock(at), clock(at + step.minutes), pick(step.title, lang), METHOD_NAMES[method][en],
                                       pick(step.activity, lang), GROUPING_NAMES[grouping][en],
                                       [pick(item, lang) for item in step.materials], step.minutes))
            at += step.minutes
    else:
        for draft in StepPlanner(session).drafts():
            planned.append(PlannedStep(clock(at), clock(at + draft.minutes), draft.title[en], METHOD_NAMES[draft.method][en],
                                       draft.activity[en], GROUPING_NAMES[draft.grouping][en],
                                       [item[en] for item in draft.materials], draft.minutes))
            at += draft.minutes
    return SessionClock(clock(start), clock(start + session.minutes), planned)


def course_clock(course: Course, lang: str) -> list[SessionClock]:
    """Every session's clock, one after the other from the course's start time."""
    at = minutes_of(course.start_time)
    clocks = []
    for session in course.sessions:
        clocks.append(session_steps(session, at, lang))
        at += session.minutes
    return clocks
