"""Golden files: the Markdown rendered from the fixture corpus, kept under tests/data/golden.

Regenerate after an intended change with ``python -m tests.golden`` and review the diff.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

from generator.content.pipeline import check_corpus
from generator.content.quotes import SourceLibrary
from generator.site.build import LANGUAGES, generate_pages

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
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


def regenerate() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for page, text in rendered_pages().items():
        path = GOLDEN / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())
