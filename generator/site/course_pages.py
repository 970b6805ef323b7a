"""Course pages for the site: a list of courses, and per course a learner page and an instructor page.

The learner page shows what a learner may see before class (no answers) and links the learner half of
the pack. The instructor page adds the steps on the clock, notes, model answers, rubrics, board plan,
quiz answers and the instructor half of the pack; no page links it, it is out of the site search, the
sitemap and (noindex) search engines. Both link every pulled entry to its page and name the source of
every fact, as the rest of the site does.
"""

from __future__ import annotations

from generator.content.citations import anchor_label
from generator.content.links import Target
from generator.content.model import Clause
from generator.courses.checks import answer_letters
from generator.courses.files import instructor_files, learner_files, pack_files
from generator.courses.lesson import SessionClock, course_clock
from generator.courses.model import FORMAT_NAMES, METHOD_NAMES, QUIZ_KIND_NAMES, Course, Method, QuizKind, Session
from generator.courses.pdf import pdf_unavailable_reason
from generator.site.render import PageRenderer
from generator.site.richtext import escape_markdown

DOWNLOADS = "downloads/courses"


class CoursePages:
    """Markdown for ``courses/index.md``, ``courses/<id>.md`` and ``courses/<id>-instructor.md`` in one language."""

    def __init__(self, renderer: PageRenderer, courses: dict[str, Course], pdf: bool | None = None) -> None:
        self.r = renderer
        self.lang = renderer.lang
        self.courses = courses
        self.pdf = pdf_unavailable_reason() is None if pdf is None else pdf

    def say(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    @property
    def colon(self) -> str:
        return ": " if self.lang == "en" else "："

    @property
    def semicolon(self) -> str:
        return "; " if self.lang == "en" else "；"

    def paren(self, text: str) -> str:
        return f" ({text})" if self.lang == "en" else f"（{text}）"

    def at(self, page: str) -> CoursePages:
        """These course pages written on ``page`` (links relative to it)."""
        return CoursePages(self.r.at(page), self.courses, self.pdf)

    def pages(self) -> dict[str, str]:
        pages = {"courses/index.md": self.at("courses/index.md").index()}
        for course in self.courses.values():
            for instructor in (False, True):
                page = f"courses/{course.id}{'-instructor' if instructor else ''}.md"
                pages[page] = self.at(page).course_page(course, instructor=instructor)
        return pages

    def _front(self, title: str, searchable: bool = True) -> list[str]:
        # Instructor pages stay out of site search, search engines (noindex, overrides/main.html) and the
        # sitemap (overrides/sitemap.xml), and no page links them: learners should not come upon the answers.
        hidden = [] if searchable else ["search:", "  exclude: true", "noindex: true"]
        return ["---", f"title: {self._yaml(title)}", *hidden, "---", "", f"# {escape_markdown(title)}", ""]

    @staticmethod
    def _yaml(text: str) -> str:
        import json

        return json.dumps(text, ensure_ascii=False)

    def index(self) -> str:
        lines = self._front(self.say("培训课程", "Training courses"))
        lines.append(self.say(
            "供社区工作者培训使用的课程：每门课程从本站的案例、政策条款、指标和术语中引用内容，"
            "附学员手册（Word/WPS）和可打印的 A4 讲义（PDF）。"
            "教案、幻灯片和带答案的测验另成教师材料包，获取方法见学员材料中的说明文件。",
            "Courses for training community workers. Each pulls cases, clauses, indicators and terms from this site, with a learner "
            "handbook (Word/WPS) and an A4 handout to print (PDF). The lesson plan, slides and the quiz with answers are a separate "
            "instructor pack; the read-me in the learner materials says how trainers get it."))
        lines.append("")
        if not self.courses:
            lines.append(self.say("暂无课程。", "No courses yet."))
        for course in self.courses.values():
            minutes = self.say(f"{course.total_minutes} 分钟", f"{course.total_minutes} minutes")
            form = FORMAT_NAMES[course.format][self.lang == "en"]
            lines.append(f"- [{self.r.T(course.title)}]({course.id}.md) — {self.r.T(course.audience.role)} · {form} · {minutes}")
        return "\n".join(lines) + "\n"

    def course_page(self, course: Course, instructor: bool) -> str:
        title = self.r.T(course.title, plain=True)
        lines = self._front(f"{title}{self.say('（教师版）', ' (instructor view)') if instructor else ''}", searchable=not instructor)
        if instructor:  # the way back; nothing leads here from the learner page
            lines += [self.say("本页有测验答案和教师提示，不要发给学员。", "This page holds the quiz answers and instructor notes: "
                               "do not give it to learners."), "", f"[{self.say('学员版', 'Learner view')}]({course.id}.md)"]
        lines += ["", f"| {self.say('项目', 'Item')} | {self.say('内容', 'Details')} |", "|---|---|"]
        clocks = course_clock(course, self.lang)
        when = f"{clocks[0].start}–{clocks[-1].end}" if clocks else ""
        rows = [(self.say("培训对象", "Audience"), self.r.T(course.audience.role)),
                (self.say("形式", "Format"), FORMAT_NAMES[course.format][self.lang == "en"]),
                (self.say("总时长", "Length"),
                 self.say(f"{course.total_minutes} 分钟（{when}）", f"{course.total_minutes} minutes ({when})")),
                (self.say("许可", "Licence"), escape_markdown(course.licence))]
        rows += [(self.say("先修", "Prerequisite"), self.r.T(p)) for p in course.audience.prerequisites]
        lines += [f"| {key} | {value} |" for key, value in rows]
        lines += ["", *self.downloads(course, instructor), "", f"## {self.say('学习目标', 'Objectives')}", ""]
        lines += [f"{number}. {self.r.T(objective.text)}" for number, objective in enumerate(course.objectives, start=1)]
        numbers = {objective.id: str(number) for number, objective in enumerate(course.objectives, start=1)}
        columns = (("时间", "Time"), ("单元", "Session"), ("方式", "Method"), ("分钟", "Minutes"), ("目标", "Objectives"))
        head = " | ".join(self.say(zh, en) for zh, en in columns)
        # in a card-rows box: on a phone each session is a card (overrides/main.html, compendium.css)
        lines += ["", f"## {self.say('日程', 'Schedule')}", "", '<div class="card-rows" markdown>', "",
                  f"| {head} |", "|---|---|---|---|---|"]
        for session, clock in zip(course.sessions, clocks, strict=True):
            title = self.r.T(session.title) if session.method is Method.rest else f"[{self.r.T(session.title)}](#{session.id})"
            lines.append(f"| {clock.start}–{clock.end} | {title} | {METHOD_NAMES[session.method][self.lang == 'en']} "
                         f"| {session.minutes} | {', '.join(numbers[o] for o in session.objectives) or '—'} |")
        lines += ["", "</div>"]
        number = 0
        for session, clock in zip(course.sessions, clocks, strict=True):
            if session.method is Method.rest:
                continue
            number += 1
            lines += ["", *self.session(number, session, instructor, clock)]
        lines += ["", *self.quiz(course, instructor)]
        return "\n".join(lines) + "\n"

    def downloads(self, course: Course, instructor: bool) -> list[str]:
        """The learner files; on the instructor page the instructor files first."""
        prefix = "../../" if self.lang == "en" else "../"
        files = pack_files(course.id, self.lang, bool(course.quiz), self.pdf)
        files = {**instructor_files(files), **learner_files(files)} if instructor else learner_files(files)
        # Raw links: the files are written next to the built site, not into the docs folder MkDocs checks.
        links = [f'<a href="{prefix}{DOWNLOADS}/{course.id}/{item.name}" download>{self.say(item.zh, item.en)}</a>'
                 for item in files.values()]
        return [f"## {self.say('下载', 'Downloads')}", "", *[f"- {link}" for link in links]]

    def _ref(self, ref: str) -> str:
        document_id, _, anchor = ref.partition("#")
        target = Target("document", document_id, anchor or None)
        title = escape_markdown(self.r.corpus.title_of(target, self.lang))
        place = anchor_label(self.r.corpus, self.r.corpus.documents[document_id], anchor or None, self.lang)
        return self.r.link(target, f"{title} {escape_markdown(place)}" if place else title)

    def session(self, number: int, session: Session, instructor: bool, clock: SessionClock) -> list[str]:
        r = self.r
        minutes = self.say(f"{session.minutes} 分钟", f"{session.minutes} minutes")
        lines = [f"## {number}. {r.T(session.title)} {{ #{session.id} }}", "",
                 f"*{METHOD_NAMES[session.method][self.lang == 'en']} · {minutes} · {clock.start}–{clock.end}*", ""]
        if instructor:
            lines += [f"### {self.say('教学过程', 'Steps')}", ""]
            lines += [f"- {step.start}–{step.end} **{escape_markdown(step.title)}**" + (f"{self.colon}{escape_markdown(step.activity)}"
                      if step.activity else "") + self.paren(f"{escape_markdown(step.method)} · {escape_markdown(step.grouping)}")
                      for step in clock.steps]
            lines.append("")
        if session.pre_reading:
            lines += [f"### {self.say('课前阅读', 'Pre-reading')}", "", *[f"- {self._ref(ref)}" for ref in session.pre_reading], ""]
        if session.cases:
            lines += [f"### {self.say('案例', 'Cases')}", ""]
            for case_id in session.cases:
                case = r.corpus.cases[case_id]
                sources = self.semicolon.join(dict.fromkeys(self._ref(source.ref) for source in case.sources))
                lines += [f"- **{r.link(Target('case', case_id))}** — {r.R(case.summary, inline=True)}"
                          + self.paren(f"{self.say('来源', 'Sources')}{self.colon}{sources}")]
            lines.append("")
        if session.clauses:
            lines += [f"### {self.say('政策条款', 'Clauses')}", ""]
            for ref in session.clauses:
                document_id, _, anchor = ref.partition("#")
                clause = r.corpus.anchors[(document_id, anchor)]
                if isinstance(clause, Clause):  # a course's clauses are clauses (generator/courses/checks.py)
                    lines += [f"> {r.T(clause.text)}", ">", f"> — {self._ref(ref)}", ""]
        if session.indicators:
            lines += [f"### {self.say('指标', 'Indicators')}", ""]
            lines += [f"- {self.indicator_line(indicator_id)}" for indicator_id in session.indicators]
            lines.append("")
        if session.terms:
            lines += [f"### {self.say('术语', 'Terms')}", "", " · ".join(r.link(Target("term", t)) for t in session.terms), ""]
        lines += self.activities(session, instructor)
        return lines

    def indicator_line(self, indicator_id: str) -> str:
        r = self.r
        indicator = r.corpus.indicators[indicator_id]
        facts = []
        for document, fact in r.corpus.facts_of(indicator_id):
            year = fact.year or self.say("未注明年份", "year not stated")
            place = escape_markdown(anchor_label(r.corpus, document, fact.clause, self.lang))
            link = r.link(Target("document", document.id, r.corpus.anchor_of(fact)), place or r.T(document.short_title or document.title))
            when = f"{year}{self.say('，', ', ')}{r.T(fact.scope)}"
            facts.append(f"{r.fact_value(fact, indicator)}{self.paren(when)} {link}")
        return f"{r.link(Target('indicator', indicator_id))}{self.colon}" + self.semicolon.join(facts)

    def activities(self, session: Session, instructor: bool) -> list[str]:
        r = self.r
        lines: list[str] = []
        if session.questions:
            lines += [f"### {self.say('讨论题', 'Discussion questions')}", ""]
            for index, question in enumerate(session.questions, start=1):
                lines.append(f"{index}. {r.T(question.text)}{self.paren(f'{question.minutes}′')}")
                lines += [f"    - {r.T(prompt)}" for prompt in question.prompts]
            lines.append("")
        if session.exercises:
            lines += [f"### {self.say('练习', 'Exercises')}", ""]
            for index, exercise in enumerate(session.exercises, start=1):
                lines.append(f"{index}. {r.T(exercise.task)}")
                if instructor and exercise.answer:
                    lines.append(f"    - **{self.say('参考答案', 'Model answer')}**{self.colon}{r.T(exercise.answer)}")
                if instructor:
                    lines += [f"    - {self.say('评分要点', 'Rubric')}{self.colon}{r.T(point)}" for point in exercise.rubric]
                    lines += [f"    - {self.say('依据', 'Source')}{self.colon}{self._ref(ref)}" for ref in exercise.cites]
            lines.append("")
        if instructor and session.instructor_notes:
            lines += [f'!!! note "{self.say("教师提示", "Instructor notes")}"', "", f"    {r.T(session.instructor_notes)}", ""]
        if instructor and session.board_plan:
            lines += [f"### {self.say('板书设计', 'Board plan')}", "", *[f"- {r.T(line)}" for line in session.board_plan], ""]
        return lines

    def quiz(self, course: Course, instructor: bool) -> list[str]:
        if not course.quiz:
            return []
        r = self.r
        lines = [f"## {self.say('测验', 'Quiz')} {{ #quiz }}", ""]
        for number, item in enumerate(course.quiz, start=1):
            lines.append(f"{number}. **[{QUIZ_KIND_NAMES[item.kind][self.lang == 'en']}]** {r.T(item.stem)}")
            lines += [f"    - {'ABCDEFGHIJ'[index]}. {r.T(option)}" for index, option in enumerate(item.options)]
            if instructor:
                if item.kind in (QuizKind.single, QuizKind.multiple):
                    answer = "".join(answer_letters(item))
                elif item.kind is QuizKind.true_false:
                    answer = self.say("正确" if item.answer else "错误", "True" if item.answer else "False")
                else:
                    answer = r.T(item.model_answer)
                lines.append(f"    - **{self.say('答案', 'Answer')}**{self.colon}{answer}")
                lines.append(f"    - {self.say('解析', 'Explanation')}{self.colon}{r.T(item.explanation)}")
                lines.append(f"    - {self.say('依据', 'Source')}：“{escape_markdown(item.quote)}” — {self._ref(item.cites)}")
        return lines


def course_pages(renderer: PageRenderer, courses: dict[str, Course], pdf: bool | None = None) -> dict[str, str]:
    """Every course page of the renderer's language, by path under the docs folder; ``pdf``: link a PDF (default: if one can be made)."""
    return CoursePages(renderer, courses, pdf).pages()
