"""The course model (``courses/<id>.yml``): a course outline that pulls cases, clauses, indicators and terms by id.

It follows the content model's conventions (generator/content/model.py): strict fields, bilingual
texts, a ``zh / en`` description on every field, lowercase kebab-case ids.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, StrictBool, StrictInt, StrictStr

from generator.content.model import Bilingual, EntryId, NonEmpty, Quote, Ref, Strict, doc

Minutes = StrictInt


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
    """Teaching method of a session."""

    lecture = "讲授"
    case_discussion = "案例研讨"
    simulation = "情景模拟"
    field_visit = "现场教学"


METHOD_NAMES: dict[Method, tuple[str, str]] = {
    Method.lecture: ("讲授", "Lecture"),
    Method.case_discussion: ("案例研讨", "Case discussion"),
    Method.simulation: ("情景模拟", "Role play"),
    Method.field_visit: ("现场教学", "Field visit"),
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
    cites: list[Ref] = Field(default_factory=list, description=doc("答案依据的 document#clause。", "document#clause the answer rests on."))


class Session(Strict):
    """One session (一个单元) of the course."""

    id: EntryId = Field(description=doc("单元 id，在课程内唯一。", "Session id, unique in the course."))
    title: Bilingual = Field(description=doc("单元标题。", "Session title."))
    minutes: Minutes = Field(ge=1, description=doc("单元时长（分钟）。", "Length in minutes."))
    method: Method = Field(description=doc("教学方式：讲授、案例研讨、情景模拟、现场教学。", "Method: 讲授 (lecture), 案例研讨 (case discussion), 情景模拟 (role play), 现场教学 (field visit)."))
    objectives: list[EntryId] = Field(default_factory=list, description=doc("本单元服务的目标 id。", "Ids of the objectives this session serves."))
    cases: list[EntryId] = Field(default_factory=list, description=doc("引用的案例 id。", "Case ids pulled in."))
    clauses: list[Ref] = Field(default_factory=list, description=doc("引用的条款 document#clause。", "Clauses pulled in, document#clause."))
    indicators: list[EntryId] = Field(default_factory=list, description=doc("引用的指标 id。", "Indicator ids pulled in."))
    terms: list[EntryId] = Field(default_factory=list, description=doc("引用的术语 id。", "Glossary term ids pulled in."))
    pre_reading: list[Ref] = Field(default_factory=list, description=doc("课前阅读：文件或条款 document#clause。", "Pre-reading: documents or clauses."))
    questions: list[Question] = Field(default_factory=list, description=doc("讨论题。", "Discussion questions."))
    exercises: list[Exercise] = Field(default_factory=list, description=doc("练习。", "Exercises."))
    instructor_notes: Bilingual | None = Field(default=None, description=doc("教师提示（仅教师版，也是幻灯片备注）。", "Instructor notes (instructor view only; also the slides' speaker notes)."))
    board_plan: list[Bilingual] = Field(default_factory=list, description=doc("板书设计，一行一项（仅教师版）。", "Board plan, one line per item (instructor view only)."))


class QuizItem(Strict):
    """A quiz item whose answer cites the clause that supports it."""

    id: EntryId = Field(description=doc("题目 id，在课程内唯一。", "Item id, unique in the course."))
    kind: QuizKind = Field(description=doc("single（单选）、multiple（多选）、true-false（判断）、short-answer（简答）。", "single, multiple, true-false or short-answer."))
    stem: Bilingual = Field(description=doc("题干。", "Question stem."))
    options: list[Bilingual] = Field(default_factory=list, description=doc("选项（单选、多选），按 A、B、C… 排列。", "Options (single, multiple), lettered A, B, C…"))
    answer: StrictStr | StrictBool | list[StrictStr] | None = Field(default=None, description=doc("答案：单选写字母如 B；多选写列表如 [A, C]；判断写 true 或 false；简答不填。", "Answer: a letter (single), a list of letters (multiple), true or false (true-false); none for short answers."))
    model_answer: Bilingual | None = Field(default=None, description=doc("简答题参考答案。", "Model answer of a short-answer item."))
    explanation: Bilingual = Field(description=doc("解析。", "Explanation."))
    cites: Ref = Field(description=doc("答案依据的条款 document#clause。", "The clause (document#clause) the answer rests on."))
    quote: Quote = Field(description=doc("该条款中支持答案的原文（逐字一致）。", "The words of that clause that support the answer (verbatim)."))
    objectives: list[EntryId] = Field(default_factory=list, description=doc("本题检验的目标 id。", "Ids of the objectives this item tests."))


class Course(Strict):
    """A training course (``courses/<id>.yml``)."""

    id: EntryId = Field(description=doc("课程 id，与文件名一致。", "Course id, same as the file name."))
    title: Bilingual = Field(description=doc("课程名称。", "Course title."))
    audience: Audience = Field(description=doc("培训对象。", "Audience."))
    total_minutes: Minutes = Field(ge=1, description=doc("总时长（分钟）；各单元时长之和不得超过它。", "Total length in minutes; the sessions must fit in it."))
    format: CourseFormat = Field(description=doc("形式：线下、线上、混合。", "Format: 线下 (in person), 线上 (online), 混合 (blended)."))
    objectives: list[Objective] = Field(min_length=1, description=doc("学习目标。", "Learning objectives."))
    sessions: list[Session] = Field(min_length=1, description=doc("单元。", "Sessions."))
    quiz: list[QuizItem] = Field(default_factory=list, description=doc("测验题。", "Quiz items."))
    licence: NonEmpty = Field(description=doc("课程材料的许可协议，如 CC BY 4.0。", "Licence of the course material, e.g. CC BY 4.0."))
