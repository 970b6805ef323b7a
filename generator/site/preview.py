"""The quick first pass of ``compendium serve``: only the pages an edit changed, into the live preview.

A full build takes a few seconds; an editor who saved one entry wants to see that entry. This
pass checks the corpus, renders every page's Markdown in memory, writes only the pages whose
Markdown changed into ``generated/`` and lets MkDocs rebuild just those (a dirty build) into
the folder being served. The full, atomic build runs right after and replaces everything.
Nothing is written when the corpus has problems: the full build reports them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.pipeline import check_corpus
from generator.content.quotes import SourceLibrary
from generator.site.build import GENERATED, LANGUAGES, build_languages, generate_pages


@dataclass
class PreviewReport:
    """What the quick pass rebuilt."""

    pages: list[str]
    seconds: float


def preview_changes(root: Path, site_dir: Path, sources_dir: Path | None) -> PreviewReport | None:
    """Rebuild the changed pages into ``site_dir``; None when there is nothing to do quickly."""
    started = time.perf_counter()
    generated = root / GENERATED
    if not (site_dir / "index.html").is_file() or not (generated / "mkdocs.en.yml").is_file():
        return None  # no earlier full build to patch
    result = check_corpus([root], SourceLibrary.for_project(root, sources_dir))
    if result.problems:
        return None
    changed: list[str] = []
    for lang in LANGUAGES:
        for page, text in generate_pages(result.corpus, lang, courses=result.courses.courses).items():
            path = generated / lang / page
            try:
                if path.read_text(encoding="utf-8") == text:
                    continue
            except OSError:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(f"{lang}/{page}")
    if not changed:
        return None
    build_languages([(root / "mkdocs.yml", site_dir), (generated / "mkdocs.en.yml", site_dir / "en")], dirty=True)
    return PreviewReport(changed, time.perf_counter() - started)
