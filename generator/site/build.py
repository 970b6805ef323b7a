"""``compendium build``: check, generate Markdown for both languages, build with MkDocs, swap in.

Like mkdocs' own ``commands/build.py`` this reads top to bottom: load, validate, link,
render, build, guard. Everything is built in a staging folder beside ``site/``; the old site is
replaced only once both languages have built and every page has passed the guard
(generator/site/guard.py), so a failed build leaves it untouched. Every date the build writes
comes from one stamp (generator/content/buildtime.py), so the same inputs give the same bytes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path

from generator.content.buildtime import VARIABLE as SOURCE_DATE
from generator.content.buildtime import source_date_epoch
from generator.content.links import Corpus
from generator.content.problems import format_problem
from generator.content.project import Project, resolve_project
from generator.content.reference import field_reference
from generator.courses.checks import CourseCheck
from generator.courses.kind import ALL_KINDS
from generator.courses.model import Course
from generator.search.build import prepare_search, write_search
from generator.search.page import search_page
from generator.site.compress import Deflater, precompress
from generator.site.course_pages import course_pages
from generator.site.downloads import write_downloads, write_indicator_csvs
from generator.site.guard import scan_site
from generator.site.listings import BROWSE_PAGES, ListingPages
from generator.site.navigation import CONTRIBUTE_PAGE, ENGLISH_NAV, contribute_page, keep_editors_pages_out_of_search
from generator.site.offline import PRECACHE_BUDGET, OfflineReport
from generator.site.offline_page import offline_page
from generator.site.offline_zip import write_offline_zip
from generator.site.projectcheck import check_project
from generator.site.provenance import BuildRefused, PageSources, strict_message, unsafe_message
from generator.site.recent import added_dates
from generator.site.render import PageRenderer
from generator.site.rules import RULES_PAGE, status_rules_page
from generator.site.scripts import write_search_script
from generator.site.staging import StagingArea, quiet_worker, raise_if_stop_asked, same_filesystem, stop_on_terminate
from generator.site.webapp import write_manifest, write_offline_copy

LANGUAGES = ("zh", "en")
GENERATED = "generated"
ASSETS = Path(__file__).parent / "assets"


@dataclass
class BuildReport:
    """What a build produced, for the command line and the benchmarks."""

    ok: bool
    pages: int = 0
    seconds: float = 0.0
    offline: list[OfflineReport] = field(default_factory=list)  # what each language's service worker keeps


def entry_pages(renderer: PageRenderer, corpus: Corpus, wanted: set[tuple[str, str]] | None = None) -> dict[str, str]:
    """The page of every entry (each kind in its page folder), or of the ``wanted`` (kind, id) pairs only."""
    pages: dict[str, str] = {}
    for kind in corpus.kinds:
        for entry_id, entry in corpus.table(kind.name).items():
            if wanted is None or (kind.name, entry_id) in wanted:
                pages[f"{kind.pages}/{entry_id}.md"] = renderer.entry_page(kind, entry)
    return pages


def generate_pages(corpus: Corpus, lang: str, today: date | None = None, courses: dict[str, Course] | None = None,
                   added: dict[tuple[str, str], str] | None = None) -> dict[str, str]:
    """Every generated Markdown page of one language, by path under the docs folder.

    Course pages when ``courses`` is given; ``added`` (entry -> date added, from git) feeds the
    home page's "recently added" list.
    """
    renderer = PageRenderer(corpus, lang, today)
    pages = entry_pages(renderer, corpus)
    pages.update(ListingPages(renderer, added).pages())
    pages["reference/fields.md"] = field_reference(lang)
    pages[RULES_PAGE] = status_rules_page(lang)
    pages[CONTRIBUTE_PAGE] = contribute_page(lang)
    if courses is not None:
        pages.update(course_pages(renderer, courses))
    return pages


def write_docs(root: Path, target: Path, corpus: Corpus, courses: dict[str, Course] | None = None) -> int:
    """Write both languages' docs folders (hand-written pages copied, generated pages added)."""
    count = 0
    added = added_dates(root)
    for lang in LANGUAGES:
        docs = target / lang
        hand_written = root / "docs"
        if hand_written.is_dir():
            shutil.copytree(hand_written, docs, dirs_exist_ok=True)
        assets = docs / "assets"
        shutil.copytree(ASSETS, assets, dirs_exist_ok=True)
        write_manifest(docs, lang)
        write_search_script(assets / "javascripts")
        for page, text in generate_pages(corpus, lang, courses=courses if courses is not None else {}, added=added).items():
            path = docs / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            count += 1
        (docs / "search.md").write_text(search_page(lang), encoding="utf-8")
        listings = [(kind.pages, kind.title[lang == "en"]) for kind in corpus.kinds]
        (docs / "offline.md").write_text(offline_page(lang, listings, BROWSE_PAGES), encoding="utf-8")
        keep_editors_pages_out_of_search(docs)
    (target / "mkdocs.en.yml").write_text(ENGLISH_CONFIG, encoding="utf-8")
    return count


# The English site: everything as in mkdocs.yml but language, docs folder and the reader's menu (navigation.py).
ENGLISH_CONFIG = """\
# Generated by compendium build; edit mkdocs.yml instead.
INHERIT: ../mkdocs.yml
site_name: Community Governance Compendium
docs_dir: en
site_dir: ../site/en
theme:
  language: en
  custom_dir: ../overrides  # paths in an INHERITed config are relative to this file
extra:
  alternate:
    - {name: 中文, lang: zh, prefix: "../", site_path: ""}
    - {name: English, lang: en, prefix: "", site_path: "en/"}
""" + ENGLISH_NAV


def mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None = None, *, dirty: bool = False,
                 sources: PageSources | None = None, docs_dir: Path | None = None) -> None:
    """Run MkDocs in-process with ``--strict``; raises :class:`BuildRefused` naming every warning and its entry.

    ``site_url`` (when given) replaces the configuration's. ``dirty`` (the preview's quick pass
    only): rebuild just the pages whose Markdown is newer than their HTML, into the live folder,
    not strict (MkDocs warns that a dirty build's navigation may be stale; the full build that
    follows replaces it).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    overrides: dict[str, str] = {"site_url": site_url} if site_url is not None else {}
    if docs_dir is not None:  # the full build reads the staging copy; the live generated/ is swapped in at the end
        overrides["docs_dir"] = str(docs_dir)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=not dirty, **overrides)
    config.plugins.on_startup(command="build", dirty=dirty)
    if dirty:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        build(config, dirty=dirty)
    except Abort:
        if not warnings.messages:
            raise
        raise BuildRefused(strict_message(warnings.messages, sources, str(config.theme["language"]))) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
        config.plugins.on_shutdown()


class _Warnings(logging.Handler):
    """Keeps MkDocs' warnings, which strict mode only counts ("Aborted with 2 warnings"), to name them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def english_site_url(site_url: str) -> str:
    """Where the English site lives: ``en/`` under the Chinese site's address ("" stays "")."""
    return f"{site_url.rstrip('/')}/en/" if site_url else ""


Job = tuple[Path, Path, str | None, Path | None]  # config, site folder, site_url, docs folder (None: the config's)


def build_languages(jobs: list[Job], *, dirty: bool = False, then: list[Callable[[], object]] | None = None,
                    sources: PageSources | None = None) -> None:
    """Build each (config, site folder, site_url) with MkDocs, in parallel processes where the OS can fork.

    The two languages share nothing but the read-only generated docs, so on two cores they
    take the time of the longer one. MkDocs empties its site folder first: give each job a
    folder of its own (none inside another). ``then[i]``, if given, runs after job i in the
    same process (the search index of that language, which reads the pages back). ``sources`` names the
    entry behind each warning.
    """
    after: list[Callable[[], object] | None] = list(then) if then else [None] * len(jobs)
    if len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for (config, site, url, docs), step in zip(jobs, after, strict=True):
            mkdocs_build(config, site, url, dirty=dirty, sources=sources, docs_dir=docs)
            if step is not None:
                step()
        return
    context = multiprocessing.get_context("fork")
    running = []
    for job, step in zip(jobs, after, strict=True):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_build_child, args=(job, dirty, step, sender, sources), daemon=True)
        process.start()
        sender.close()
        running.append((process, receiver))
    errors = []
    try:
        for process, receiver in running:
            message = receiver.recv() if receiver.poll(None) else "no answer"
            process.join()
            if message or process.exitcode:
                errors.append(message or f"MkDocs exited with {process.exitcode}")
    except BaseException:  # stopped (Ctrl+C, SIGTERM, a newer save): stop the children before the staging folder goes
        for process, _ in running:
            if process.is_alive():
                process.terminate()
        for process, _ in running:
            process.join(timeout=10)
        raise
    if errors:
        raise BuildRefused("\n".join(errors))


def _build_child(job: Job, dirty: bool, step: Callable[[], object] | None, answer: Connection,
                 sources: PageSources | None = None) -> None:
    """One language's MkDocs build (and what follows it) in a forked process; answers "" or the error."""
    quiet_worker()  # the parent stops this process when the build is stopped; no traceback from it
    try:
        config, site, url, docs = job
        mkdocs_build(config, site, url, dirty=dirty, sources=sources, docs_dir=docs)
        if step is not None:
            step()
        answer.send("")
    except BaseException as error:
        answer.send(str(error) or type(error).__name__)
    finally:
        answer.close()


def language_jobs(root: Path, zh_site: Path, en_site: Path, site_url: str, docs: Path | None = None) -> list[Job]:
    """The two MkDocs builds: the Chinese site at ``site_url``, and the English one at ``en/`` under it (from ``docs``, else generated/)."""
    english = root / GENERATED / "mkdocs.en.yml"  # INHERITs ../mkdocs.yml, so it stays in generated/
    if not english.is_file() or english.read_text(encoding="utf-8") != ENGLISH_CONFIG:
        english.parent.mkdir(parents=True, exist_ok=True)
        english.write_text(ENGLISH_CONFIG, encoding="utf-8")
    return [(root / "mkdocs.yml", zh_site, site_url, docs / "zh" if docs else None),
            (english, en_site, english_site_url(site_url), docs / "en" if docs else None)]


def build_site(root: Path, site_dir: Path, sources_dir: Path | None, lang: str = "both",
               site_url: str | None = None, *, offline: bool = True, freeze: bool = False) -> BuildReport:
    """:func:`build_project` of the project at ``root`` (its address resolved as every command does, generator/content/project.py)."""
    project = resolve_project(root, site_url=site_url, sources=sources_dir, kinds=ALL_KINDS, site_dir=site_dir)
    return build_project(project, lang, offline=offline, freeze=freeze)


def build_project(project: Project, lang: str = "both", *, offline: bool = True, freeze: bool = False) -> BuildReport:
    """The whole build. Prints problems like ``compendium check`` and returns a report.

    Quotes are checked against the project's captures (default ``../shared/sources``), or the fingerprints
    committed under ``ROOT/sources/fingerprints`` where a capture is absent. ``offline=False`` (the preview of
    ``compendium serve``) leaves out the offline copies: the worker's packs and the zip. ``freeze``: this process
    builds once and ends (generator/content/pipeline.py).
    """
    started = time.perf_counter()
    root, site_dir, site_url = project.root, project.site, project.site_url
    result = check_project([root], project.library(), freeze=freeze, kinds=project.kinds)
    if result.problems:
        for problem in result.problems:
            print(format_problem(problem, root, lang, "text"), file=sys.stderr)
        print(f"构建中止：发现 {len(result.problems)} 个问题，网站未改动 / build stopped: "
              f"{len(result.problems)} problems found; the site was not changed", file=sys.stderr)
        return BuildReport(ok=False)

    sources = PageSources.from_check(root, result, {kind.name: kind.pages for kind in result.corpus.kinds})
    epoch = source_date_epoch(root, project.kinds)
    stamped = os.environ.get(SOURCE_DATE)
    os.environ[SOURCE_DATE] = str(epoch)  # MkDocs (sitemap, "generated on") and the course packs read it
    try:
        return _build_staged(root, site_dir, result=result, site_url=site_url, sources=sources, offline=offline, started=started)
    finally:
        if stamped is None:
            os.environ.pop(SOURCE_DATE, None)
        else:
            os.environ[SOURCE_DATE] = stamped


def _build_staged(root: Path, site_dir: Path, *, result: CourseCheck, site_url: str, sources: PageSources,
                  offline: bool, started: float) -> BuildReport:
    """Everything after the check, in staging folders swapped in at the end (the old site stays on failure)."""
    site_dir = site_dir.resolve()
    # staged outside the work tree (generator/site/staging.py), on the filesystems of site/ and generated/
    areas = [StagingArea(site_dir.parent)]
    if not same_filesystem(site_dir.parent, root):
        areas.append(StagingArea(root))
    try:
        staging_docs, staging_site, staging_en = areas[-1].folder("generated"), areas[0].folder("site"), areas[0].folder("en")
        pages = write_docs(root, staging_docs, result.corpus, result.courses.courses)
        # each language's search index is built after its pages (it reads them back), in the same process;
        # then its pages pass the guard. What both need is loaded here once, before they fork: MkDocs, jieba's
        # dictionary, the synonyms (benchmarks/build-profile.md)
        import mkdocs.commands.build  # noqa: F401
        synonyms = prepare_search(root, result.loaded, LANGUAGES)
        build_languages(language_jobs(root, staging_site, staging_en, site_url, staging_docs),
                        then=[partial(_finish_language, root, staging_site, staging_docs / "zh", "zh", sources, synonyms=synonyms["zh"]),
                              partial(_finish_language, root, staging_en, staging_docs / "en", "en", sources, synonyms=synonyms["en"])],
                        sources=sources)
        staging_en.rename(staging_site / "en")
        write_downloads(result.corpus, staging_site / "downloads")
        write_indicator_csvs(result.corpus, staging_site)
        _course_packs(root, result.courses.courses, result.corpus, staging_site, site_url)
        offline_copies: list[OfflineReport] = []
        deflater = Deflater()  # each file deflated once, for the zip and for its .gz copy
        if offline:
            write_offline_zip(root, staging_site, deflater)  # the copy for a USB stick: the site as it is now
            offline_copies = _offline_copies(staging_site)
        precompress(staging_site, deflater)  # last: every text file, the search index included
        raise_if_stop_asked()
        areas[0].swap(staging_site, site_dir)
        areas[-1].swap(staging_docs, root / GENERATED)
    except BaseException as error:  # the old site stays; report like check does, not as a traceback
        if isinstance(error, KeyboardInterrupt):
            raise
        if isinstance(error, BuildRefused):
            print(f"{error}\n构建失败，网站未改动 / build failed; the site was not changed", file=sys.stderr)
        else:
            print(f"构建失败，网站未改动 / build failed; the site was not changed: {error}", file=sys.stderr)
        return BuildReport(ok=False)
    finally:
        for area in areas:
            area.remove()
    return BuildReport(ok=True, pages=pages, seconds=time.perf_counter() - started, offline=offline_copies)


def _offline_job(job: tuple[Path, str, list[str]]) -> OfflineReport:
    return write_offline_copy(*job)


def _offline_copies(site: Path) -> list[OfflineReport]:
    """Each language's service worker and packs (generator/site/offline.py), side by side where the OS can fork."""
    jobs = [(site, LANGUAGES[0], [f"{lang}/" for lang in LANGUAGES[1:]])]
    jobs += [(site / lang, lang, []) for lang in LANGUAGES[1:]]
    if "fork" not in multiprocessing.get_all_start_methods():
        reports = [_offline_job(job) for job in jobs]
    else:
        with multiprocessing.get_context("fork").Pool(min(len(jobs), os.cpu_count() or 1), initializer=quiet_worker) as pool:
            reports = pool.map(_offline_job, jobs)
    for report in reports:
        if report.shards_in_core < report.shards:
            print(f"注意：{report.lang} 首次访问预存的搜索索引只有 {report.shards_in_core}/{report.shards} 个分片"
                  f"（预存上限 {PRECACHE_BUDGET // 1000} KB），其余联网搜索时再取 / note: the first visit keeps "
                  f"{report.shards_in_core} of {report.shards} search shards ({report.lang}, budget "
                  f"{PRECACHE_BUDGET // 1000} KB); the rest are fetched when a search needs them", file=sys.stderr)
    return reports


def _finish_language(root: Path, site: Path, docs: Path, lang: str, sources: PageSources, *,
                     synonyms: dict[str, list[str]]) -> None:
    """After one language's MkDocs build: its search index, then the guard over every page it wrote."""
    write_search(root, site, docs, lang, synonyms)
    findings = scan_site(site)
    if findings:
        prefix = "en/" if lang == "en" else ""
        raise BuildRefused(unsafe_message([(prefix + item.page, item.what, item.value) for item in findings], sources))


def _course_packs(root: Path, courses: dict[str, Course], corpus: Corpus, site: Path, site_url: str) -> None:
    """Each course's pack in both languages under site/downloads/courses/ (generator/courses/pack.py)."""
    from generator.courses.pack import write_site_packs

    notes = {note for pack in write_site_packs(courses, corpus, site / "downloads" / "courses", site_url)
             for note in pack.notes if not note[0].startswith("未转载")}
    for zh, en in sorted(notes):
        print(f"注意：{zh} / note: {en}", file=sys.stderr)


def build_command(project: Project, lang: str) -> int:
    """Entry point of ``compendium build``; Ctrl+C or SIGTERM stop it cleanly, leaving the old site and the work tree as they were."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        with stop_on_terminate():
            report = build_project(project, lang, freeze=True)
    except KeyboardInterrupt:
        print("构建已停止，网站未改动 / build stopped; the site was not changed", file=sys.stderr)
        return 130
    if not report.ok:
        return 1
    print(f"网站已生成：{report.pages} 个页面，用时 {report.seconds:.1f} 秒 / site built: {report.pages} pages "
          f"in {report.seconds:.1f} s → {project.site}")
    return 0
