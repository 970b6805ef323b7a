"""One course pack in two halves (generator/courses/files.py): for learners the handbook, the A4 handout, a read-me
and a zip; for instructors the lesson plan, the slides, the quiz with answers in three forms, a read-me and a
zip holding everything.

``compendium course ID`` writes a pack on its own (seconds); ``compendium build`` writes one per course and
language under ``site/downloads/courses/`` for the course pages to link to (the instructor half from the
instructor page only). The writers are imported when a pack is written, not when this module is.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.buildtime import ZIP_EPOCH, current_epoch, source_date_epoch
from generator.content.links import Corpus
from generator.content.project import Project
from generator.courses.checks import CourseCheck
from generator.courses.content import CourseResolver, CourseView
from generator.courses.files import PackFile, instructor_files, learner_files, pack_files, pack_name
from generator.courses.model import Course
from generator.courses.printer import PdfPrinter
from generator.courses.reproducible import OFFICE_SUFFIXES, settle_office_file, write_zip


@dataclass
class Pack:
    """What was written for one course in one language, and what was left out and why."""

    course_id: str
    lang: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    zip_path: Path | None = None  # the learner zip
    instructor_zip: Path | None = None  # both halves


def _listing(view: CourseView, files: dict[str, PackFile], written: list[Path]) -> list[str]:
    names = {path.name for path in written}
    return [f"  {item.name}  {view.say(item.zh, item.en)}" for item in files.values() if item.name in names]


def _readme(view: CourseView, pack: Pack, files: dict[str, PackFile]) -> str:
    """The learner read-me: what is in the pack, and how trainers get the instructor half (never where it is)."""
    course_id = view.course.id
    lines = [view.title, "", view.say("学员材料：", "Learner materials:"), *_listing(view, learner_files(files), pack.files), ""]
    lines.append(view.say(f"许可：{view.course.licence}", f"Licence: {view.course.licence}"))
    if view.page_url:
        lines.append(view.say(f"课程网页：{view.page_url}", f"Course page: {view.page_url}"))
    lines += ["", view.say(
        "给培训者：教案、幻灯片（含测验答案和讲稿备注）和带答案的测验文件（Moodle、问卷星、Excel）另成一包，不与学员材料一起发布。"
        f"获取方法：在本项目的目录里运行 compendium course {course_id}，得到 "
        f"{pack_name(course_id, view.lang)}-instructor.zip（说明见项目的 docs/cli.md）；或向本站维护者索取教师版网页的地址。",
        "For trainers: the lesson plan, the slides (with the quiz answers and speaker notes) and the quiz files with answers "
        "(Moodle, 问卷星, Excel) are a separate pack, not published with the learner materials. To get it, run "
        f"compendium course {course_id} in this project's folder, which writes {pack_name(course_id, view.lang)}-instructor.zip "
        "(see docs/cli.md in the project), or ask the site's maintainers for the address of the instructor page.")]
    lines += _withheld(view)
    lines += [view.say(zh, en) for zh, en in pack.notes if not zh.startswith("未转载")]
    return "\n".join(lines) + "\n"


def _instructor_readme(view: CourseView, pack: Pack, files: dict[str, PackFile]) -> str:
    """The instructor read-me: the files, how to import the quiz, the clock, the template."""
    name = pack_name(view.course.id, view.lang)
    lines = [view.title, view.say("教师材料（含答案，请勿发给学员）", "Instructor pack (answers inside: not for learners)"), "",
             *_listing(view, instructor_files(files), pack.files),
             view.say("学员材料（也在本包中）：", "Learner materials (also in this pack):"),
             *_listing(view, learner_files(files), pack.files), ""]
    lines.append(view.say(f"时间安排：从 {view.course.start_time} 开始（课程文件的 start_time），各单元和环节的钟点见教案的“教学过程”。",
                          f"Timing: starts at {view.course.start_time} (start_time in the course file); the lesson plan's steps "
                          "give the clock for every session and step."))
    if view.course.quiz:
        lines += [view.say("导入测验：", "Importing the quiz:"),
                  view.say(f"  Moodle：题库 → 导入 → 选“GIFT 格式” → 上传 {name}-quiz.gift.txt。",
                           f"  Moodle: Question bank → Import → GIFT format → upload {name}-quiz.gift.txt."),
                  view.say(f"  问卷星：新建“考试” → 选“文本导入” → 粘贴 {name}-quiz-wjx.txt 的全文（多选题答案写作 ABC，与表格一致）。",
                           f"  问卷星: create an exam → text import → paste all of {name}-quiz-wjx.txt (multiple answers written ABC, "
                           "as in the spreadsheet)."),
                  view.say(f"  Excel：{name}-quiz.xlsx 每题一行，含答案、解析、出处和原文。",
                           f"  Excel: {name}-quiz.xlsx has one row per item with answer, explanation, source and quote.")]
    lines += ["", view.say(f"幻灯片模板可以换成自己的 .pptx：compendium course {view.course.id} --template 模板.pptx"
                           "（模板要有“标题和内容”版式：标题在上、正文占位符在下；封面用“标题幻灯片”版式，单元首页用“节标题”版式，缺少时用“标题和内容”）。",
                           f"To use your own slide template: compendium course {view.course.id} --template FILE.pptx (it needs a "
                           "'Title and Content' layout, title above a body placeholder; the title slide uses 'Title Slide' and each "
                           "session's first slide 'Section Header' where they exist).")]
    if view.page_url:
        lines.append(view.say(f"课程网页（学员版）：{view.page_url}", f"Course page (learners): {view.page_url}"))
    lines += _withheld(view)
    return "\n".join(lines) + "\n"


def _withheld(view: CourseView) -> list[str]:
    lines = []
    for withheld in view.withheld:
        inner = withheld.case.replace("“", "‘").replace("”", "’")  # quotes inside Chinese quotes become single ones
        lines.append(view.say(f"未转载：案例“{inner}”引自{withheld.citation}的原文摘录（{withheld.characters} 字）"
                              "——期刊文章和新闻报道只转述，不随讲义分发原文。",
                              f"Not reproduced: the quote ({withheld.characters} characters) from {withheld.citation} in case "
                              f"“{withheld.case}” — journal and news articles are summarised, their words are not redistributed."))
    return lines


def write_pack(course: Course, corpus: Corpus, folder: Path, *, lang: str, base_url: str, template: Path | None = None,
               printer: PdfPrinter | None = None, epoch: int | None = None) -> Pack:
    """Every output of one course in ``lang`` into ``folder`` (created): the learner files and ``<name>.zip``, the
    instructor files and ``<name>-instructor.zip`` (which holds both halves). ``printer``: a PDF printer already
    started (``compendium course`` starts it before checking the corpus).

    ``epoch`` stamps every file (generator/content/buildtime.py): by default the build's SOURCE_DATE_EPOCH,
    outside a build 1980-01-01 (the earliest a zip can say), never the clock.
    """
    from generator.courses.lesson_plan import write_lesson_plan
    from generator.courses.pdf import pdf_unavailable_reason, submit_pdf, write_pdf
    from generator.courses.quiz import gift, quiz_citations, wjx_text, write_xlsx
    from generator.courses.slides import write_slides
    from generator.courses.word import write_handbook

    epoch = epoch if epoch is not None else (current_epoch() or ZIP_EPOCH)
    folder.mkdir(parents=True, exist_ok=True)
    resolver = CourseResolver(corpus, base_url)
    view = resolver.view(course, lang)
    name = pack_name(course.id, lang)
    pack = Pack(course.id, lang, folder)
    reason = pdf_unavailable_reason()
    listed = pack_files(course.id, lang, bool(course.quiz), reason is None)
    files = {role: folder / item.name for role, item in listed.items()}
    if reason is not None:
        pack.notes.append(reason)
    elif printer is not None:
        submit_pdf(printer, view, files["pdf"], epoch)
    else:
        write_pdf(view, files["pdf"], epoch)
    pack.files.append(write_handbook(view, files["handbook"]))
    if not base_url:
        pack.notes.append(("未设置网站地址（--base-url、$COMPENDIUM_SITE_URL 或 mkdocs.yml 的 site_url），讲义中没有网址和二维码。",
                           "No site address set (--base-url, $COMPENDIUM_SITE_URL or site_url in mkdocs.yml): "
                           "the handouts carry no addresses or QR codes."))
    pack.files.append(write_lesson_plan(view, files["lesson_plan"]))
    pack.files.append(write_slides(view, files["slides"], template))
    if course.quiz:
        citations, urls = quiz_citations(view, resolver)
        files["gift"].write_text(gift(view, citations), encoding="utf-8")
        files["wjx"].write_text(wjx_text(view, citations), encoding="utf-8")
        write_xlsx(view, citations, urls, files["xlsx"])
        pack.files += [files["gift"], files["wjx"], files["xlsx"]]
    if reason is None and printer is not None:
        failed = printer.wait()
        if failed:
            listed.pop("pdf")
            files["pdf"].unlink(missing_ok=True)
            pack.notes.append((f"未生成 PDF：{failed}", f"PDF not written: {failed}"))
    if "pdf" in listed:
        pack.files.insert(1, files["pdf"])
    if view.withheld:
        count = len(view.withheld)
        pack.notes.insert(0, (f"未转载 {count} 条文章原文摘录（见 README）",
                              f"{count} article quote{'s' if count != 1 else ''} not reproduced (see README)"))
    files["readme"].write_text(_readme(view, pack, listed), encoding="utf-8")
    files["instructor_readme"].write_text(_instructor_readme(view, pack, listed), encoding="utf-8")
    pack.files += [files["readme"], files["instructor_readme"]]
    pack.zip_path, pack.instructor_zip = _zips(pack.files, listed, files, name, epoch)
    return pack


def _zips(paths: list[Path], listed: dict[str, PackFile], files: dict[str, Path], name: str, epoch: int) -> tuple[Path, Path]:
    """The Office files stamped (generator/courses/reproducible.py), then the learner zip and the instructor zip."""
    for path in paths:
        if path.suffix in OFFICE_SUFFIXES:
            settle_office_file(path, epoch)
    public = [path for path in paths if not _is_instructor(path, listed)]
    return _zip(files["zip"], name, public, epoch), _zip(files["instructor_zip"], name, paths, epoch)


def _is_instructor(path: Path, listed: dict[str, PackFile]) -> bool:
    return any(item.instructor and item.name == path.name for item in listed.values())


def _zip(target: Path, name: str, paths: list[Path], epoch: int) -> Path:
    write_zip(target, [(path, f"{name}/{path.name}") for path in paths], epoch)
    return target


_SITE_JOBS: list[tuple[Course, Corpus, Path, str, str]] = []  # read by forked workers, so the corpus is never pickled


def _write_site_job(index: int) -> Pack:
    course, corpus, folder, lang, base_url = _SITE_JOBS[index]
    return write_pack(course, corpus, folder, lang=lang, base_url=base_url)


def _quiet_worker() -> None:
    """Ctrl+C is for the building process, which stops the pool; a worker told to stop ends without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def write_site_packs(courses: dict[str, Course], corpus: Corpus, folder: Path, base_url: str) -> list[Pack]:
    """A pack per course and language under ``folder/<course-id>/`` (the site's downloads/courses/).

    Each pack is seconds of PDF layout on one core; where the OS can fork they are written side by side,
    one worker per core (benchmarks/bench_courses.py measures it).
    """
    _SITE_JOBS[:] = [(course, corpus, folder / course.id, lang, base_url) for course in courses.values() for lang in ("zh", "en")]
    jobs = range(len(_SITE_JOBS))
    workers = min(len(jobs), os.cpu_count() or 1)
    try:
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [_write_site_job(index) for index in jobs]
        with multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker) as pool:
            return pool.map(_write_site_job, jobs)
    finally:
        _SITE_JOBS.clear()


def course_command(project: Project, course_id: str, *, check: Callable[[], CourseCheck], out: Path | None, lang: str,
                   content_lang: str, template: Path | None, printer: PdfPrinter | None = None,
                   started: float | None = None) -> int:
    """Entry point of ``compendium course ID``: check, then write the pack; problems are printed like ``compendium check``.

    ``check``: the project's whole check (handed in by the command line); QR codes and printed links use the project's
    public address (``--base-url``, else $COMPENDIUM_SITE_URL, else mkdocs.yml's site_url). ``printer``: the PDF
    printer the command line forked before importing this module (else one is forked here).
    """
    from generator.courses.printer import start_printer

    started = started if started is not None else time.perf_counter()
    printer = printer or start_printer()  # imports WeasyPrint while the corpus is checked
    try:
        return _course_command(project, course_id, check=check, out=out, lang=lang, content_lang=content_lang,
                               template=template, printer=printer, started=started)
    finally:
        if printer is not None:
            printer.close()


def _course_command(project: Project, course_id: str, *, check: Callable[[], CourseCheck], out: Path | None, lang: str,
                    content_lang: str, template: Path | None, printer: PdfPrinter | None, started: float) -> int:
    from generator.content.problems import format_problem

    root = project.root
    result = check()
    say = {"zh": lambda zh, en: zh, "en": lambda zh, en: en}.get(lang, lambda zh, en: f"{zh} / {en}")
    if result.problems:
        for problem in result.problems:
            print(format_problem(problem, root, lang, "text"), file=sys.stderr)
        print(say(f"发现 {len(result.problems)} 个问题，未生成课程包", f"{len(result.problems)} problems found; no course pack written"),
              file=sys.stderr)
        return 1
    course = result.courses.courses.get(course_id)
    if course is None:
        known = ", ".join(sorted(result.courses.courses)) or "—"
        print(say(f"找不到课程 “{course_id}”（courses/ 中有：{known}）", f"no course '{course_id}' (courses/ holds: {known})"),
              file=sys.stderr)
        return 1
    if template is not None:
        if not template.is_file():
            print(say(f"找不到幻灯片模板 {template}", f"slide template {template} not found"), file=sys.stderr)
            return 1
        from generator.courses.deck import check_template

        unusable = check_template(template)
        if unusable is not None:
            zh, _, en = unusable.partition(" / ")
            print(say(zh, en), file=sys.stderr)
            return 1
    folder = out or root / "build" / "courses" / pack_name(course_id, content_lang)  # --out DIR: the files go into DIR
    pack = write_pack(course, result.corpus, folder, lang=content_lang, base_url=project.site_url, template=template,
                      printer=printer, epoch=source_date_epoch(root, project.kinds))
    for zh, en in pack.notes:
        print(say(f"注意：{zh}", f"note: {en}"), file=sys.stderr)
    for path in pack.files:
        print(path)
    seconds = time.perf_counter() - started
    print(say(f"课程包已生成：学员材料 {pack.zip_path}，教师材料 {pack.instructor_zip}（{seconds:.1f} 秒）",
              f"course pack written: learner materials {pack.zip_path}, instructor pack {pack.instructor_zip} in {seconds:.1f} s"))
    return 0
