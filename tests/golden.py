"""Golden files: the Markdown rendered from the fixture corpus, kept under tests/data/golden, and the
indicator headlines and charts of tests/data/headline (one indicator met, one without data at its
deadline, one counting something else than its target), kept under tests/data/headline/golden.

Regenerate after an intended change with ``python -m tests.golden`` and review the diff.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

from generator.content.pipeline import check_corpus
from generator.content.sources import SourceLibrary
from generator.site.build import LANGUAGES, generate_pages

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
HEADLINE = DATA / "headline"
HEADLINE_GOLDEN = HEADLINE / "golden"
HEADLINE_INDICATORS = ("urban-coverage", "rural-coverage", "workers-per-10000")  # met; no data at deadline; scope differs
# A fixed "today", so that on-track / off-track statuses do not change with the calendar.
TODAY = date(2026, 1, 1)


def rendered_pages() -> dict[str, str]:
    """``{lang/page: Markdown}`` for the fixture corpus in tests/data/valid."""
    result = check_corpus([DATA / "valid"], SourceLibrary(DATA / "sources"))
    assert not result.problems, result.problems
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        for page, text in generate_pages(result.corpus, lang, TODAY).items():
            pages[f"{lang}/{page}"] = text
    return pages


def headline_pieces() -> dict[str, str]:
    """``{lang/indicator.html: headline block, lang/indicator.svg: chart}`` for the indicators of tests/data/headline."""
    import re

    from generator.site.render import PageRenderer

    result = check_corpus([HEADLINE], None)
    assert not result.problems, [problem.message("en") for problem in result.problems]
    pieces: dict[str, str] = {}
    for lang in LANGUAGES:
        renderer = PageRenderer(result.corpus, lang, TODAY)
        for indicator in HEADLINE_INDICATORS:
            page = renderer.indicator_page(result.corpus.indicators[indicator])
            headline = re.search(r'<div class="indicator-headline">.*?</div>\n', page, re.S)
            chart = re.search(r"<svg .*?</svg>", page, re.S)
            assert headline is not None, page
            pieces[f"{lang}/{indicator}.html"] = headline.group(0)
            if chart is not None:
                pieces[f"{lang}/{indicator}.svg"] = chart.group(0) + "\n"
    return pieces


def regenerate() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for page, text in rendered_pages().items():
        path = GOLDEN / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.rmtree(HEADLINE_GOLDEN, ignore_errors=True)
    for name, text in headline_pieces().items():
        path = HEADLINE_GOLDEN / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN} and {HEADLINE_GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())
