"""Problems found in course entries: one class per kind, each with a stable code (as in generator/content/problems.py).

Course files also get the problems every entry gets (YAML syntax, unknown field, missing reference, …);
the classes here are the checks only a course needs.
"""

from __future__ import annotations

from generator.content.problems import Problem


class CourseOverTime(Problem):
    code = "course-over-time"
    title = "Sessions longer than the course"
    template_zh = "各单元时长合计 {total} 分钟，超过课程总时长 total_minutes: {limit}"
    template_en = "the sessions add up to {total} minutes, more than total_minutes: {limit}"


class SessionOverTime(Problem):
    code = "course-session-over-time"
    title = "Discussion questions longer than their session"
    template_zh = "单元 “{session}” 的讨论题合计 {total} 分钟，超过单元时长 {limit} 分钟"
    template_en = "the discussion questions of session '{session}' add up to {total} minutes, more than its {limit} minutes"


class StepsOffTime(Problem):
    code = "course-steps-time"
    title = "Steps do not add up to their session"
    template_zh = "单元 “{session}” 的各环节合计 {total} 分钟，与单元时长 {limit} 分钟不符（各环节 minutes 之和应等于单元的 minutes）"
    template_en = ("the steps of session '{session}' add up to {total} minutes, not its {limit} minutes "
                   "(the steps' minutes must add up to the session's)")


class ObjectiveUnserved(Problem):
    code = "course-objective-unserved"
    title = "Objective served by no session or quiz item"
    template_zh = "学习目标 “{objective}” 没有任何单元或测验题服务（在单元或题目的 objectives 中写上它）"
    template_en = ("objective '{objective}' is served by no session and tested by no quiz item "
                   "(list it under a session's or item's objectives)")


class UnknownObjective(Problem):
    code = "course-unknown-objective"
    title = "Objective id not defined"
    template_zh = "学习目标 “{objective}” 未在 objectives 中定义（已定义：{defined}）"
    template_en = "objective '{objective}' is not defined under objectives (defined: {defined})"


class DuplicateCourseId(Problem):
    code = "course-duplicate-id"
    title = "Id used twice in a course"
    template_zh = "{what_zh} id “{id}” 在本课程中重复（第一次在第 {first_line} 行）"
    template_en = "{what_en} id '{id}' is used twice in this course (first at line {first_line})"


class QuizNotClause(Problem):
    code = "course-quiz-not-clause"
    title = "Quiz answer does not cite a clause"
    template_zh = "测验题的 cites 必须指向一个条款（document#clause），“{ref}” {found_zh}"
    template_en = "a quiz item must cite a clause (document#clause); '{ref}' {found_en}"


class QuoteNotInClause(Problem):
    code = "course-quote-not-in-clause"
    title = "Quote not in the cited clause"
    template_zh = "引文不在所引条款 {ref} 的正文中（须逐字一致）：{quote}"
    template_en = "the quote does not occur in the text of the cited clause {ref} (must match exactly): {quote}"


class BadAnswer(Problem):
    code = "course-bad-answer"
    title = "Answer does not fit the quiz item"
    template_zh = "{kind} 题的答案 {found} 无效：{detail_zh}"
    template_en = "answer {found} of this {kind} item is invalid: {detail_en}"


COURSE_PROBLEMS: tuple[type[Problem], ...] = (
    CourseOverTime, SessionOverTime, StepsOffTime, ObjectiveUnserved, UnknownObjective, DuplicateCourseId, QuizNotClause,
    QuoteNotInClause, BadAnswer,
)
