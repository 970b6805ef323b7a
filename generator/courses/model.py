"""The course model (``courses/<id>.yml``): a course outline that pulls cases, clauses, indicators and terms by id.

It follows the content model's conventions (generator/content/model.py): strict fields, bilingual
texts, a ``zh / en`` description on every field, lowercase kebab-case ids.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StrictBool, StrictInt, StrictStr, field_validator

from generator.content.model import (
    CITES_HINT,
    CLOCK_PATTERN,
    REF_HINT,
    Bilingual,
    Cites,
    EntryId,
    IndicatorIds,
    NonEmpty,
    Quote,
    Ref,
    Refers,
    Strict,
    TermIds,
    doc,
)

Minutes = StrictInt
CaseIds = Annotated[list[EntryId], Refers("case", hint=("案例 id，见 casebook/；网页表单中从列表选", "case ids: see casebook/; the web form lists them"))]
ClauseRefs = Annotated[list[Ref], Refers("document", anchors=True, hint=(
    "条款 文件id#条款id，如 henan-2023-reply-proposal-1310536#s1-3；网页表单中按条款文字查找",
    "clauses, document-id#clause-id, e.g. henan-2023-reply-proposal-1310536#s1-3; the web form finds them by their words"))]
ReadingRefs = Annotated[list[Ref], Refers("document", anchors=True, hint=REF_HINT)]


class CourseFormat(StrEnum):
    """How the course is delivered."""

    offline = "线下"
    online = "线上"
    mixed = "混合"


FORMAT_NAMES: dict[CourseFormat, tuple[str, str]] = {
    CourseFormat.offline: ("线下", "In person"),
    CourseFormat.online: ("线上", "Online"),
    CourseFormat.mixed: ("混合", "Blended"),
}


class Method(StrEnum):
    """Teaching method of a session or step; 休息 is a break."""

    lecture = "讲授"
    case_discussion = "案例研讨"
    structured_discussion = "结构化研讨"
    group_discussion = "小组讨论"
    simulation = "情景模拟"
    role_play = "角色扮演"
    field_visit = "现场教学"
    quiz = "测验"
    rest = "休息"


METHOD_NAMES: dict[Method, tuple[str, str]] = {
    Method.lecture: ("讲授", "Lecture"),
    Method.case_discussion: ("案例研讨", "Case discussion"),
    Method.structured_discussion: ("结构化研讨", "Structured discussion"),
    Method.group_discussion: ("小组讨论", "Group discussion"),
    Method.simulation: ("情景模拟", "Simulation"),
    Method.role_play: ("角色扮演", "Role play"),
    Method.field_visit: ("现场教学", "Field visit"),
    Method.quiz: ("测验", "Quiz"),
    Method.rest: ("休息", "Break"),
}
# methods whose sessions are discussed in groups around a case or a question (分析思路, group steps)
CASE_METHODS = frozenset({Method.case_discussion, Method.structured_discussion})


class Grouping(StrEnum):
    """How learners work during a step."""

    whole_class = "全班"
    groups = "小组"
    pairs = "两人一组"
    individual = "个人"


GROUPING_NAMES: dict[Grouping, tuple[str, str]] = {
    Grouping.whole_class: ("全班", "Whole class"),
    Grouping.groups: ("小组", "Small groups"),
    Grouping.pairs: ("两人一组", "Pairs"),
    Grouping.individual: ("个人", "Individual"),
}


class QuizKind(StrEnum):
    """Kind of quiz item."""

    single = "single"
    multiple = "multiple"
    true_false = "true-false"
    short_answer = "short-answer"


QUIZ_KIND_NAMES: dict[QuizKind, tuple[str, str]] = {
    QuizKind.single: ("单选题", "Single choice"),
    QuizKind.multiple: ("多选题", "Multiple choice"),
    QuizKind.true_false: ("判断题", "True or false"),
    QuizKind.short_answer: ("简答题", "Short answer"),
}


class Audience(Strict):
    """Who the course is for."""

    role: Bilingual = Field(description=doc("学员身份，如 新任社区工作者。", "Who the learners are, e.g. newly appointed community workers."))
    prerequisites: list[Bilingual] = Field(default_factory=list, description=doc("先修要求。", "Prerequisites."))


class Objective(Strict):
    """A learning objective, addressed by its id from sessions and quiz items."""

    id: EntryId = Field(description=doc("目标 id，在课程内唯一，如 o1。", "Objective id, unique in the course, e.g. o1."))
    text: Bilingual = Field(description=doc("学员学完后能做到什么。", "What learners can do afterwards."))


class Question(Strict):
    """A discussion question with prompts and its share of the session's time."""

    text: Bilingual = Field(description=doc("讨论题。", "Discussion question."))
    prompts: list[Bilingual] = Field(default_factory=list, description=doc("引导提示（追问）。", "Prompts that keep the discussion going."))
    minutes: Minutes = Field(ge=1, description=doc("讨论用时（分钟）。", "Minutes for this question."))


class Exercise(Strict):
    """An exercise with a model answer or a rubric (shown only in the instructor view)."""

    task: Bilingual = Field(description=doc("练习任务。", "Task."))
    answer: Bilingual | None = Field(default=None, description=doc("参考答案（仅教师版）。", "Model answer (instructor view only)."))
    rubric: list[Bilingual] = Field(default_factory=list, description=doc("评分要点（仅教师版）。", "Rubric points (instructor view only)."))
    cites: Cites = Field(default_factory=list, description=doc("答案依据的 document#clause。", "document#clause the answer rests on."))


class Step(Strict):
    """One step (环节) of a session: what happens, how, with what, for how long."""

    title: Bilingual = Field(description=doc("环节名称，如 导入、讲授、小组讨论、汇报点评、小结。", "Step name, e.g. introduction, lecture, group discussion, report-back, summary."))
    minutes: Minutes = Field(ge=1, description=doc("环节用时（分钟）；各环节之和等于单元时长。", "Minutes; the steps add up to the session's minutes."))
    method: Method | None = Field(default=None, description=doc("本环节的教学方式（默认与单元相同）。", "Method of this step (default: the session's)."))
    activity: Bilingual | None = Field(default=None, description=doc("教师和学员在这个环节做什么。", "What the trainer and the learners do in this step."))
    grouping: Grouping | None = Field(default=None, description=doc("组织形式：全班、小组、两人一组、个人（默认按教学方式）。", "Grouping: 全班 (whole class), 小组 (groups), 两人一组 (pairs), 个人 (individual); default: from the method."))
    materials: list[Bilingual] = Field(default_factory=list, description=doc("本环节用到的材料，如 幻灯片、学员手册、白板纸。", "Materials used, e.g. slides, handbook, flip-chart paper."))


class Session(Strict):
    """One session (一个单元) of the course."""

    id: EntryId = Field(description=doc("单元 id，在课程内唯一。", "Session id, unique in the course."))
    title: Bilingual = Field(description=doc("单元标题。", "Session title."))
    minutes: Minutes = Field(ge=1, description=doc("单元时长（分钟）。", "Length in minutes."))
    method: Method = Field(description=doc("教学方式：讲授、案例研讨、结构化研讨、小组讨论、情景模拟、角色扮演、现场教学、测验；休息 表示课间休息。", "Method: 讲授 (lecture), 案例研讨 (case discussion), 结构化研讨 (structured discussion), 小组讨论 (group discussion), 情景模拟 (simulation), 角色扮演 (role play), 现场教学 (field visit), 测验 (quiz); 休息 is a break."))
    objectives: list[EntryId] = Field(default_factory=list, description=doc("本单元服务的目标 id。", "Ids of the objectives this session serves."))
    cases: CaseIds = Field(default_factory=list, description=doc("引用的案例 id。", "Case ids pulled in."))
    clauses: ClauseRefs = Field(default_factory=list, description=doc("引用的条款 document#clause。", "Clauses pulled in, document#clause."))
    indicators: IndicatorIds = Field(default_factory=list, description=doc("引用的指标 id。", "Indicator ids pulled in."))
    terms: TermIds = Field(default_factory=list, description=doc("引用的术语 id。", "Glossary term ids pulled in."))
    pre_reading: ReadingRefs = Field(default_factory=list, description=doc("课前阅读：文件或条款 document#clause。", "Pre-reading: documents or clauses."))
    questions: list[Question] = Field(default_factory=list, description=doc("讨论题。", "Discussion questions."))
    exercises: list[Exercise] = Field(default_factory=list, description=doc("练习。", "Exercises."))
    instructor_notes: Bilingual | None = Field(default=None, description=doc("教师提示（仅教师版，也是幻灯片备注）。", "Instructor notes (instructor view only; also the slides' speaker notes)."))
    board_plan: list[Bilingual] = Field(default_factory=list, description=doc("板书设计，一行一项（仅教师版）。", "Board plan, one line per item (instructor view only)."))
    steps: list[Step] = Field(default_factory=list, description=doc("教学环节，按顺序；不写时按教学方式和讨论题自动安排（教案）。", "Steps in order; when left out they are laid out from the method and the questions (lesson plan)."))
    key_points: list[Bilingual] = Field(default_factory=list, description=doc("教学重点（教案；不写时用本单元的学习目标）。", "Key points (lesson plan; default: the session's objectives)."))
    difficulties: list[Bilingual] = Field(default_factory=list, description=doc("教学难点（教案）。", "Difficult points (lesson plan)."))
    analysis: list[Bilingual] = Field(default_factory=list, description=doc("案例分析思路，一步一项（教案；案例研讨不写时按案例的背景、做法、成效、条件安排）。", "How to analyse the case, one step per item (lesson plan; default for case sessions: background, steps, outcomes, conditions)."))


class QuizItem(Strict):
    """A quiz item whose answer cites the clause that supports it."""

    id: EntryId = Field(description=doc("题目 id，在课程内唯一。", "Item id, unique in the course."))
    kind: QuizKind = Field(description=doc("single（单选）、multiple（多选）、true-false（判断）、short-answer（简答）。", "single, multiple, true-false or short-answer."))
    stem: Bilingual = Field(description=doc("题干。", "Question stem."))
    options: list[Bilingual] = Field(default_factory=list, description=doc("选项（单选、多选），按 A、B、C… 排列。", "Options (single, multiple), lettered A, B, C…"))
    answer: StrictStr | StrictBool | list[StrictStr] | None = Field(default=None, description=doc("答案：单选写字母如 B；多选写列表如 [A, C]；判断写 true 或 false；简答不填。", "Answer: a letter (single), a list of letters (multiple), true or false (true-false); none for short answers."))
    model_answer: Bilingual | None = Field(default=None, description=doc("简答题参考答案。", "Model answer of a short-answer item."))
    explanation: Bilingual = Field(description=doc("解析。", "Explanation."))
    cites: Annotated[Ref, Refers("document", anchors=True, hint=CITES_HINT)] = Field(description=doc("答案依据的条款 document#clause。", "The clause (document#clause) the answer rests on."))
    quote: Quote = Field(description=doc("该条款中支持答案的原文（逐字一致）。", "The words of that clause that support the answer (verbatim)."))
    objectives: list[EntryId] = Field(default_factory=list, description=doc("本题检验的目标 id。", "Ids of the objectives this item tests."))


class Course(Strict):
    """A training course (``courses/<id>.yml``)."""

    id: EntryId = Field(description=doc("课程 id，与文件名一致。", "Course id, same as the file name."))
    title: Bilingual = Field(description=doc("课程名称。", "Course title."))
    audience: Audience = Field(description=doc("培训对象。", "Audience."))
    total_minutes: Minutes = Field(ge=1, description=doc("总时长（分钟）；各单元时长之和不得超过它。", "Total length in minutes; the sessions must fit in it."))
    format: CourseFormat = Field(description=doc("形式：线下、线上、混合。", "Format: 线下 (in person), 线上 (online), 混合 (blended)."))
    start_time: Annotated[StrictStr, Field(pattern=CLOCK_PATTERN)] = Field(default="09:00", description=doc("开课时间 HH:MM，教案据此算出各环节的钟点（默认 09:00）。", "Start time HH:MM from which the lesson plan's clock times are computed (default 09:00)."))
    objectives: list[Objective] = Field(min_length=1, description=doc("学习目标。", "Learning objectives."))
    sessions: list[Session] = Field(min_length=1, description=doc("单元。", "Sessions."))
    quiz: list[QuizItem] = Field(default_factory=list, description=doc("测验题。", "Quiz items."))
    licence: NonEmpty = Field(description=doc("课程材料的许可协议，如 CC BY 4.0。", "Licence of the course material, e.g. CC BY 4.0."))

    @field_validator("start_time", mode="before")
    @classmethod
    def _sexagesimal(cls, value: object) -> object:
        """YAML 1.1 reads an unquoted ``13:30`` as the number 810 (base 60): read it back as the time it was."""
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            return f"{value // 60:02d}:{value % 60:02d}"
        return value
