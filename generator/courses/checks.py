"""Load ``courses/*.yml``, validate each against the course model and check it against the linked corpus.

Every problem carries the file's path, line and column and a stable code; nothing is written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.ids import is_device_name
from generator.content.kinds import model_references, values_at
from generator.content.links import KIND_NAMES, Corpus
from generator.content.loading import reserved_file_name
from generator.content.model import Clause
from generator.content.pipeline import CheckResult
from generator.content.problems import DuplicateId, FileNameMismatch, MissingReference, Position, Problem, SymlinkOutside
from generator.content.safepaths import link_leaves, unresolved
from generator.content.validation import MarkdownSafety, model_problems
from generator.content.yamlsource import DataPath, YamlDocument, read_yaml
from generator.courses.kind import COURSE
from generator.courses.model import Course, Objective, QuizItem, QuizKind, Session
from generator.courses.problems import (
    BadAnswer,
    CourseOverTime,
    DuplicateCourseId,
    ObjectiveUnserved,
    QuizNotClause,
    QuoteNotInClause,
    SessionOverTime,
    StepsOffTime,
    UnknownObjective,
)

COURSE_FOLDER = COURSE.source
SESSION_REFERENCES = model_references(Session)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPACE = re.compile(r"\s+")


@dataclass
class LoadedCourse:
    """One course file: its validated model (None when invalid) and the positions of its values."""

    source: YamlDocument
    course: Course | None = None

    @property
    def path(self) -> Path:
        return self.source.path


@dataclass
class CourseSet:
    """Every course found, by id, in file order."""

    courses: dict[str, Course] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)


def discover_courses(paths: list[Path]) -> list[Path]:
    """``courses/*.yml`` in each folder given (or the folder itself when it is a courses folder), and course files given directly."""
    found: set[Path] = set()
    for path in paths:
        if path.is_file():
            if path.parent.name == COURSE_FOLDER and path.suffix in (".yml", ".yaml"):
                found.add(path)
            continue
        # a project's courses/ first: the project itself may sit in a folder called "courses"
        folder = path / COURSE_FOLDER if (path / COURSE_FOLDER).is_dir() or path.name != COURSE_FOLDER else path
        if folder.is_dir():
            found.update(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    return sorted(found)


def answer_letters(item: QuizItem) -> list[str]:
    """The answer of a choice item as a list of letters."""
    if isinstance(item.answer, list):
        return list(item.answer)
    return [item.answer] if isinstance(item.answer, str) else []


def clause_text_contains(clause: Clause, quote: str) -> bool:
    """True when ``quote`` occurs in the clause's Chinese text, whitespace aside."""
    return _SPACE.sub("", quote) in _SPACE.sub("", clause.text.zh)


class CourseChecker:
    """Checks course files against the model and the corpus; collects every problem at once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.safety = MarkdownSafety()
        self.problems: list[Problem] = []

    def check(self, paths: list[Path]) -> tuple[CourseSet, list[Problem]]:
        result = CourseSet()
        for path in discover_courses(paths):
            loaded = self.load(path)
            if loaded.course is None:
                continue
            course = loaded.course
            if course.id in result.courses:
                self._add(DuplicateId, loaded, ("id",), what="course", id=course.id, other=str(result.paths[course.id]))
                continue
            before = len(self.problems)
            self.link(loaded, course)
            if len(self.problems) == before:
                result.courses[course.id] = course
                result.paths[course.id] = path
        return result, self.problems

    def load(self, path: Path) -> LoadedCourse:
        target = link_leaves(path, unresolved(path).parent.parent)  # courses/ sits in the project's top folder
        if target is not None:  # a link out of the project: reported at its own path, never read
            loaded = LoadedCourse(YamlDocument(path))
            self.problems.append(SymlinkOutside(path, Position(1, 1), {"what_zh": "课程文件", "what_en": "course file",
                                                                      "target": str(target)}))
            return loaded
        source = read_yaml(path)
        loaded = LoadedCourse(source)
        if is_device_name(path.name):
            source.problems.append(reserved_file_name(path, source))
        self.problems.extend(source.problems)
        if source.problems or not isinstance(source.data, dict):
            return loaded
        unsafe = self.safety.check(source)
        self.problems.extend(unsafe)
        course, problems = model_problems(source, Course)
        self.problems.extend(problems)
        if isinstance(course, Course):
            if path.stem != course.id:
                self._add(FileNameMismatch, loaded, ("id",), expected=course.id)
            elif not unsafe:
                loaded.course = course
        return loaded

    def _add(self, cls: type[Problem], loaded: LoadedCourse, path: DataPath, **params: object) -> None:
        self.problems.append(cls(loaded.path, loaded.source.position(path), params))

    # ----- references -----
    def _missing(self, loaded: LoadedCourse, path: DataPath, kind: str, ref: str, choices: list[str]) -> None:
        match = difflib.get_close_matches(ref, choices, n=1, cutoff=0.6)
        zh, en = (f"，是否应为 “{match[0]}”？", f"; did you mean '{match[0]}'?") if match else ("", "")
        what_zh, what_en = KIND_NAMES[kind]
        self._add(MissingReference, loaded, path, what_zh=what_zh, what_en=what_en, ref=ref, suggestion_zh=zh, suggestion_en=en)

    def _entry(self, loaded: LoadedCourse, path: DataPath, kind: str, entry_id: str) -> None:
        table = self.corpus.table(kind)
        if entry_id not in table:
            self._missing(loaded, path, kind, entry_id, list(table))

    def _ref(self, loaded: LoadedCourse, path: DataPath, ref: str, clause_only: bool = False) -> Clause | None:
        document_id, _, anchor = ref.partition("#")
        if document_id not in self.corpus.documents:
            self._missing(loaded, path, "document", document_id, list(self.corpus.documents))
            return None
        if not anchor:
            if clause_only:
                self._add(QuizNotClause, loaded, path, ref=ref, found_zh="只指向文件", found_en="names a document only")
            return None
        found = self.corpus.anchors.get((document_id, anchor))
        if found is None:
            anchors = [a for (d, a) in self.corpus.anchors if d == document_id]
            self._missing(loaded, path, "anchor", ref, [f"{document_id}#{a}" for a in anchors])
            return None
        if isinstance(found, Clause):
            return found
        if clause_only:
            self._add(QuizNotClause, loaded, path, ref=ref, found_zh="指向的是章节或事实", found_en="names a section or a fact")
        return None

    # ----- the course as a whole -----
    def link(self, loaded: LoadedCourse, course: Course) -> None:
        defined = self._unique_ids(loaded, course)
        served: set[str] = set()
        total = 0
        for s_index, session in enumerate(course.sessions):
            total += session.minutes
            self._session(loaded, ("sessions", s_index), session, defined, served)
        if total > course.total_minutes:
            self._add(CourseOverTime, loaded, ("total_minutes",), total=total, limit=course.total_minutes)
        for q_index, item in enumerate(course.quiz):
            at = ("quiz", q_index)
            self._objectives(loaded, (*at, "objectives"), item.objectives, defined, served)
            self._answer(loaded, at, item)
            clause = self._ref(loaded, (*at, "cites"), item.cites, clause_only=True)
            if clause is not None and not clause_text_contains(clause, item.quote):
                self._add(QuoteNotInClause, loaded, (*at, "quote"), ref=item.cites, quote=item.quote)
        for index, objective in enumerate(course.objectives):
            if objective.id not in served:
                self._add(ObjectiveUnserved, loaded, ("objectives", index, "id"), objective=objective.id)

    def _session(self, loaded: LoadedCourse, at: DataPath, session: Session, defined: set[str], served: set[str]) -> None:
        asked = sum(question.minutes for question in session.questions)
        if asked > session.minutes:
            self._add(SessionOverTime, loaded, (*at, "questions"), session=session.id, total=asked, limit=session.minutes)
        stepped = sum(step.minutes for step in session.steps)
        if session.steps and stepped != session.minutes:
            self._add(StepsOffTime, loaded, (*at, "steps"), session=session.id, total=stepped, limit=session.minutes)
        self._objectives(loaded, (*at, "objectives"), session.objectives, defined, served)
        for pattern, refers in SESSION_REFERENCES:  # the session's reference fields, as the course model marks them
            for path, value in values_at(session, pattern):
                if refers.anchors:  # a session's clauses must be clauses; its reading and exercises may cite a document
                    self._ref(loaded, (*at, *path), value, clause_only=pattern[0] == "clauses")
                else:
                    self._entry(loaded, (*at, *path), refers.kind, value)

    def _unique_ids(self, loaded: LoadedCourse, course: Course) -> set[str]:
        groups: tuple[tuple[str, Sequence[Objective | Session | QuizItem], tuple[str, str]], ...] = (
            ("objectives", course.objectives, ("学习目标", "objective")), ("sessions", course.sessions, ("单元", "session")),
            ("quiz", course.quiz, ("测验题", "quiz item")))
        for key, items, (what_zh, what_en) in groups:
            first: dict[str, int] = {}
            for index, item in enumerate(items):
                path = (key, index, "id")
                if item.id in first:
                    self._add(DuplicateCourseId, loaded, path, what_zh=what_zh, what_en=what_en, id=item.id, first_line=first[item.id])
                else:
                    first[item.id] = loaded.source.position(path).line
        return {objective.id for objective in course.objectives}

    def _objectives(self, loaded: LoadedCourse, path: DataPath, ids: list[str], defined: set[str], served: set[str]) -> None:
        for index, objective_id in enumerate(ids):
            if objective_id in defined:
                served.add(objective_id)
            else:
                self._add(UnknownObjective, loaded, (*path, index), objective=objective_id, defined=", ".join(sorted(defined)))

    def _answer(self, loaded: LoadedCourse, at: DataPath, item: QuizItem) -> None:
        kind = item.kind
        letters = _LETTERS[: len(item.options)]
        problem: tuple[str, str] | None = None
        if kind in (QuizKind.single, QuizKind.multiple):
            given = answer_letters(item)
            if len(item.options) < 2:
                problem = ("选择题至少需要两个选项", "a choice item needs at least two options")
            elif kind is QuizKind.single and not isinstance(item.answer, str):
                problem = ("单选题的答案写一个字母，如 B", "write one letter, e.g. B")
            elif kind is QuizKind.multiple and (not isinstance(item.answer, list) or len(given) < 2):
                problem = ("多选题的答案写两个以上字母的列表，如 [A, C]", "write a list of two or more letters, e.g. [A, C]")
            elif any(letter not in letters for letter in given) or len(set(given)) != len(given):
                listed = ", ".join(letters)
                problem = (f"只能是 {listed} 中的字母，且不重复", f"letters must be among {listed}, without repeats")
        elif kind is QuizKind.true_false and not isinstance(item.answer, bool):
            problem = ("判断题的答案写 true 或 false", "write true or false")
        elif kind is QuizKind.short_answer and (item.answer is not None or item.model_answer is None):
            problem = ("简答题不填 answer，参考答案写在 model_answer", "leave answer out and give model_answer")
        if problem is not None:
            path = (*at, "answer") if item.answer is not None else at
            self._add(BadAnswer, loaded, path, kind=kind.value, found=repr(item.answer), detail_zh=problem[0], detail_en=problem[1])


def check_courses(paths: list[Path], corpus: Corpus) -> tuple[CourseSet, list[Problem]]:
    """Every course under ``paths`` checked against ``corpus``; only courses without problems are returned."""
    return CourseChecker(corpus).check(paths)


@dataclass
class CourseCheck(CheckResult):
    """The corpus's check with the courses checked against it."""

    courses: CourseSet = field(default_factory=CourseSet)


def with_courses(result: CheckResult, paths: list[Path]) -> CourseCheck:
    """``result`` with every course under ``paths`` checked against its corpus (problems added, sorted)."""
    checked = CourseCheck(**{name: getattr(result, name) for name in result.__dataclass_fields__})
    checked.courses, problems = check_courses(paths, result.corpus)  # courses/*.yml
    checked.others = {**result.others, "course": dict(checked.courses.paths)}
    checked.add(problems)
    return checked
