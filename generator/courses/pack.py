"""One course pack: handouts (DOCX), the A4 PDF, slides, the quiz in three forms, a README, and one zip with all of it.

``compendium course ID`` writes a pack on its own (seconds); ``compendium build`` writes one per course and
language under ``site/downloads/courses/`` for the course pages to link to.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.links import Corpus
from generator.courses.content import CourseResolver, CourseView
from generator.courses.files import pack_files, pack_name
from generator.courses.model import Course
from generator.courses.pdf import pdf_unavailable_reason, write_pdf
from generator.courses.quiz import gift, quiz_citations, wjx_text, write_xlsx
from generator.courses.slides import write_slides
from generator.courses.word import write_handouts

BASE_URL_VARIABLE = "COMPENDIUM_SITE_URL"


@dataclass
class Pack:
    """What was written for one course in one language, and what was left out and why."""

    course_id: str
    lang: str
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    zip_path: Path | None = None


def base_url_for(root: Path, given: str | None) -> str:
    """The site address for QR codes and printed links: --base-url, else $COMPENDIUM_SITE_URL, else mkdocs.yml's site_url."""
    if given:
        return given
    if os.environ.get(BASE_URL_VARIABLE):
        return os.environ[BASE_URL_VARIABLE]
    config = root / "mkdocs.yml"
    if config.is_file():
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith("site_url:"):
                value = yaml.safe_load(line.partition(":")[2] or "''")
                return str(value or "")
    return ""


def _readme(view: CourseView, pack: Pack) -> str:
    lines = [view.title, "", view.say("本课程包包含：", "This course pack holds:")]
    lines += [f"  {path.name}" for path in pack.files]
    lines += ["", view.say(f"许可：{view.course.licence}", f"Licence: {view.course.licence}")]
    if view.page_url:
        lines.append(view.say(f"课程网页：{view.page_url}", f"Course page: {view.page_url}"))
    lines += ["", view.say("幻灯片模板可以换成自己的 .pptx：compendium course ID --template 模板.pptx"
                           "（用第一个版式做封面，第二个版式做其余各页）。",
                           "To use your own slide template: compendium course ID --template FILE.pptx (first layout: title slide; "
                           "second: all other slides).")]
    for withheld in view.withheld:
        inner = withheld.case.replace("“", "‘").replace("”", "’")  # quotes inside Chinese quotes become single ones
        lines.append(view.say(f"未转载：案例“{inner}”引自{withheld.citation}的原文摘录（{withheld.characters} 字）"
                              "——期刊文章和新闻报道只转述，不随讲义分发原文。",
                              f"Not reproduced: the quote ({withheld.characters} characters) from {withheld.citation} in case "
                              f"“{withheld.case}” — journal and news articles are summarised, their words are not redistributed."))
    for zh, en in pack.notes:
        lines.append(view.say(zh, en))
    return "\n".join(lines) + "\n"


def write_pack(course: Course, corpus: Corpus, folder: Path, *, lang: str, base_url: str, template: Path | None = None) -> Pack:
    """Every output of one course in ``lang`` into ``folder`` (created), plus ``<name>.zip`` holding them all."""
    folder.mkdir(parents=True, exist_ok=True)
    resolver = CourseResolver(corpus, base_url)
    view = resolver.view(course, lang)
    name = pack_name(course.id, lang)
    pack = Pack(course.id, lang, folder)
    reason = pdf_unavailable_reason()
    files = {role: folder / item.name for role, item in pack_files(course.id, lang, bool(course.quiz), reason is None).items()}
    pack.files += write_handouts(view, files["handbook"], files["lesson_plan"])
    if reason is None:
        pack.files.append(write_pdf(view, files["pdf"]))
    else:
        pack.notes.append(reason)
    if not base_url:
        pack.notes.append(("未设置网站地址（--base-url、$COMPENDIUM_SITE_URL 或 mkdocs.yml 的 site_url），讲义中没有网址和二维码。",
                           "No site address set (--base-url, $COMPENDIUM_SITE_URL or site_url in mkdocs.yml): "
                           "the handouts carry no addresses or QR codes."))
    pack.files.append(write_slides(view, files["slides"], template))
    if course.quiz:
        citations, urls = quiz_citations(view, resolver)
        files["gift"].write_text(gift(view, citations), encoding="utf-8")
        files["wjx"].write_text(wjx_text(view, citations), encoding="utf-8")
        write_xlsx(view, citations, urls, files["xlsx"])
        pack.files += [files["gift"], files["wjx"], files["xlsx"]]
    readme = files["readme"]
    readme.write_text(_readme(view, pack), encoding="utf-8")
    pack.files.append(readme)
    if view.withheld:
        count = len(view.withheld)
        pack.notes.insert(0, (f"未转载 {count} 条文章原文摘录（见 README）", f"{count} article quotes not reproduced (see README)"))
    pack.zip_path = files["zip"]
    with zipfile.ZipFile(pack.zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in pack.files:
            archive.write(path, arcname=f"{name}/{path.name}")
    return pack


_SITE_JOBS: list[tuple[Course, Corpus, Path, str, str]] = []  # read by forked workers, so the corpus is never pickled


def _write_site_job(index: int) -> Pack:
    course, corpus, folder, lang, base_url = _SITE_JOBS[index]
    return write_pack(course, corpus, folder, lang=lang, base_url=base_url)


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
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_write_site_job, jobs)
    finally:
        _SITE_JOBS.clear()


def course_command(root: Path, course_id: str, *, out: Path | None, lang: str, content_lang: str, base_url: str | None,
                   template: Path | None) -> int:
    """Entry point of ``compendium course ID``: check, then write the pack; problems are printed like ``compendium check``."""
    from generator.content.pipeline import check_corpus
    from generator.content.problems import format_problem

    started = time.perf_counter()
    root = root.resolve()
    result = check_corpus([root], None)
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
    if template is not None and not template.is_file():
        print(say(f"找不到幻灯片模板 {template}", f"slide template {template} not found"), file=sys.stderr)
        return 1
    folder = (out or root / "build" / "courses") / pack_name(course_id, content_lang)
    pack = write_pack(course, result.corpus, folder, lang=content_lang, base_url=base_url_for(root, base_url), template=template)
    for zh, en in pack.notes:
        print(say(f"注意：{zh}", f"note: {en}"), file=sys.stderr)
    for path in pack.files:
        print(path)
    print(say(f"课程包已生成：{pack.zip_path}（{time.perf_counter() - started:.1f} 秒）",
              f"course pack written: {pack.zip_path} in {time.perf_counter() - started:.1f} s"))
    return 0
