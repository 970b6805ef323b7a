"""The quick first pass of ``compendium serve``: the edited entries' own pages, into the live preview.

A full build takes seconds (both languages, the search index, course packs); an editor who
saved one entry wants to see that entry. This pass checks the corpus, renders only the pages of
the entries defined in the changed files, writes those whose Markdown changed into
``generated/`` and lets MkDocs rebuild just them (a dirty build) into the folder being served.
The full, atomic build runs right after and brings every other page (backlinks, lists, search)
up to date. Nothing is written when the corpus has problems: the full build reports them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.project import Project
from generator.site.build import GENERATED, LANGUAGES, build_languages, entry_pages, language_jobs
from generator.site.projectcheck import check_project
from generator.site.render import PageRenderer


@dataclass
class PreviewReport:
    """What the quick pass rebuilt."""

    pages: list[str]
    seconds: float


def preview_changes(project: Project, changed: list[Path]) -> PreviewReport | None:
    """Rebuild the pages of the entries in ``changed`` into ``site_dir``; None when there is nothing to show quickly."""
    started = time.perf_counter()
    root, site_dir = project.root, project.site
    generated = root / GENERATED
    if not (site_dir / "index.html").is_file() or not (generated / "mkdocs.en.yml").is_file():
        return None  # no earlier full build to patch
    result = check_project([root], project.library())
    if result.problems:
        return None
    paths = {path.resolve() for path in changed}
    wanted = {(item.kind, item.entry.id) for item in result.loaded.entries
              if item.entry is not None and item.path.resolve() in paths}
    if not wanted:
        return None  # a hand-written page, a course, the configuration: the full build does it
    written: list[str] = []
    for lang in LANGUAGES:
        for page, text in entry_pages(PageRenderer(result.corpus, lang), result.corpus, wanted).items():
            path = generated / lang / page
            try:
                if path.read_text(encoding="utf-8") == text:
                    continue
            except OSError:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(f"{lang}/{page}")
    if not written:
        return None
    build_languages(language_jobs(root, site_dir, site_dir / "en", project.site_url), dirty=True)
    return PreviewReport(written, time.perf_counter() - started)
