"""The quick first pass of ``compendium serve``: the edited entries' own pages, into the live preview.

A full build takes seconds to minutes (both languages, the search index, course packs); an editor who
saved one entry wants to see that entry. The serving process keeps the corpus loaded
(generator/content/kept.py) and each language's MkDocs ready (generator/site/keptsite.py), both made
in the background after each full build, so a save costs only what it changed: the changed files are
read and checked again, the corpus linked, the pages of the entries defined in those files rendered
(Markdown into ``generated/``, then HTML through MkDocs' own page steps), passed through the build's
guard (generator/site/guard.py) and written into the folder being served, each in one step. The full,
atomic build runs right after and brings every other page (backlinks, lists, search) up to date.
Nothing is written when the corpus has problems, or when the guard finds script in a page: the full
build reports both.
"""

from __future__ import annotations

import importlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.kept import KeptCorpus
from generator.content.project import Project
from generator.site.build import GENERATED, LANGUAGES, entry_pages, language_jobs
from generator.site.guard import scan_pages
from generator.site.keptsite import KeptSite, write_atomically
from generator.site.render import PageRenderer


@dataclass
class PreviewReport:
    """What the quick pass rebuilt (``refused``: pages the guard kept out, with what it found)."""

    pages: list[str]
    seconds: float
    refused: list[str] = field(default_factory=list)


class QuickPreview:
    """The serving process's quick pass, with the corpus and MkDocs kept between saves."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.corpus = KeptCorpus(project.root, project.library(), project.kinds)
        self.sites: dict[str, KeptSite] = {}
        self._lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._loaded = False

    def ready(self) -> bool:
        """Whether an earlier full build left a site and generated pages to patch."""
        generated = self.project.root / GENERATED
        return (self.project.site / "index.html").is_file() and (generated / "mkdocs.en.yml").is_file()

    def warm(self) -> None:
        """Load the corpus (once: saves read again what they change) and make each language's MkDocs where it is
        missing or its configuration or theme changed; the templates of a MkDocs just made are compiled at once."""
        with self._lock:
            if not self._loaded:
                self.corpus.check()
                self._loaded = True
            if not self.ready():
                for module in ("mkdocs.config", "mkdocs.commands.build", "mkdocs.structure.nav"):
                    importlib.import_module(module)  # now, not on the first save after the first build
                return
            made = [lang for lang in LANGUAGES if lang not in self.sites or not self.sites[lang].current()]
            if not made:
                return  # after most full builds: nothing to do, and the next save does not wait
            sites = self._sites(renew=True)
            # one page of each kind rendered and thrown away: the templates are compiled before the first save needs them
            result, _ = self.corpus.check()
            first = {(kind.name, next(iter(result.corpus.table(kind.name)))) for kind in result.corpus.kinds
                     if result.corpus.table(kind.name)}
            for lang in made:
                for page in entry_pages(PageRenderer(result.corpus, lang), result.corpus, first):
                    if (self.project.root / GENERATED / lang / page).is_file():
                        sites[lang].render(page)

    def warm_in_background(self) -> None:
        """:meth:`warm` in a thread, so that the next save finds everything ready (it waits if it comes first)."""
        if self._warming is not None and self._warming.is_alive():
            return
        self._warming = threading.Thread(target=self._warm_quietly, name="preview-warm", daemon=True)
        self._warming.start()

    def wait(self) -> None:
        """Until the background warming has ended (a build forked meanwhile would copy a thread's half-held locks)."""
        if self._warming is not None:
            self._warming.join()

    def _warm_quietly(self) -> None:
        try:
            self.warm()
        except Exception:
            self.sites.clear()

    def _sites(self, renew: bool = False) -> dict[str, KeptSite]:
        root, site, url = self.project.root, self.project.site, self.project.site_url
        watched = [root / "mkdocs.yml", root / "overrides", root / "docs"]
        for lang, (config, site_dir, site_url, _) in zip(LANGUAGES, language_jobs(root, site, site / "en", url), strict=True):
            kept = self.sites.get(lang)
            if kept is None or (renew and not kept.current()):
                self.sites[lang] = KeptSite(config, site_dir, site_url, watched)
        return self.sites

    def show(self, changed: list[Path]) -> PreviewReport | None:
        """Rewrite the pages of the entries in ``changed``; None when there is nothing to show quickly."""
        started = time.perf_counter()
        if not self.ready():
            return None  # no earlier full build to patch
        with self._lock:
            result, _ = self.corpus.check(changed)
            if result.problems:
                return None
            paths = {*changed, *(path.resolve() for path in changed)}
            wanted = {(item.kind, item.entry.id) for item in result.loaded.entries
                      if item.entry is not None and item.path in paths}
            if not wanted:
                return None  # a hand-written page, a course, the configuration: the full build does it
            generated = self.project.root / GENERATED
            rendered: dict[str, dict[str, tuple[Path, str]]] = {}
            sites = self._sites()
            for lang in LANGUAGES:
                for page, text in entry_pages(PageRenderer(result.corpus, lang), result.corpus, wanted).items():
                    source = generated / lang / page
                    try:
                        unchanged = source.read_text(encoding="utf-8") == text
                    except OSError:
                        unchanged = False
                    if not unchanged:
                        write_atomically(source, text)
                    target, html = sites[lang].render(page)
                    rendered.setdefault(lang, {})[page] = (target, html)
            return self._write(rendered, started)

    def _write(self, rendered: dict[str, dict[str, tuple[Path, str]]], started: float) -> PreviewReport | None:
        """Each page that passes the guard and differs from what is served, written in one step."""
        written: list[str] = []
        refused: list[str] = []
        for lang, pages in rendered.items():
            language_root = self.sites[lang].site_dir
            by_page = {target.relative_to(language_root).as_posix(): (target, html) for target, html in pages.values()}
            findings = scan_pages(language_root, {page: html for page, (_, html) in by_page.items()})
            unsafe = {finding.page for finding in findings}
            prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
            refused += [f"{prefix}{finding.page}：{finding.what}" for finding in findings]
            for page, (target, html) in sorted(by_page.items()):
                if page in unsafe:
                    continue
                try:
                    if target.read_text(encoding="utf-8") == html:
                        continue
                except OSError:
                    pass
                write_atomically(target, html)
                written.append(f"{prefix}{page}")
        if not written and not refused:
            return None
        return PreviewReport(written, time.perf_counter() - started, refused)
