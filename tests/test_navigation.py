"""The English reader's menu (generator/site/navigation.py) is mkdocs.yml's, page for page, in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.content.kinds import CORPUS_KINDS
from generator.content.project import config_value
from generator.courses.kind import COURSE
from generator.site.labels import label
from generator.site.navigation import ENGLISH_NAV

ROOT = Path(__file__).resolve().parent.parent


def _walk(nav: list[Any]) -> list[tuple[int, str, str]]:
    """(depth, title, page or "") of every item, in order."""
    found: list[tuple[int, str, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            ((title, value),) = item.items()
            if isinstance(value, list):
                found.append((depth, title, ""))
                walk(value, depth + 1)
            else:
                found.append((depth, title, value))

    walk(nav, 0)
    return found


def test_the_english_menu_has_the_pages_of_the_chinese_menu_in_the_same_places() -> None:
    chinese = _walk(config_value(ROOT / "mkdocs.yml", "nav"))
    english = _walk(yaml.safe_load(ENGLISH_NAV)["nav"])
    assert [(depth, page) for depth, _, page in english] == [(depth, page) for depth, _, page in chinese]


def test_the_english_menu_names_pages_as_the_pages_name_themselves() -> None:
    titles = {page: title for _, title, page in _walk(yaml.safe_load(ENGLISH_NAV)["nav"]) if page}
    for kind in (*CORPUS_KINDS, COURSE):  # the listings: 政策文件 / Documents …
        assert titles[f"{kind.pages}/index.md"] == kind.title[1]
    for key in ("region", "year", "issuer", "kind"):
        assert titles[f"browse/{key}.md"] == label(f"by_{key}", "en")
    assert (titles["index.md"], titles["downloads.md"]) == (label("home", "en"), label("downloads", "en"))


def test_the_readers_search_lists_no_editors_page(built_site: Path) -> None:
    """A worker's question never leads to the web form or the editing guide: they are for editors (footer only)."""
    from generator.site.navigation import CONTRIBUTE_PAGE, CONTRIBUTOR_PAGES

    editors = [page.removesuffix(".md") + ".html" for page in (CONTRIBUTE_PAGE, *(p for p, _, _ in CONTRIBUTOR_PAGES))]
    for folder in (built_site / "search", built_site / "en" / "search"):
        index = "".join(path.read_text(encoding="utf-8") for path in folder.rglob("*.js"))
        assert "documents/index.html" in index or "documents/" in index, "the index lists reader pages"
        assert [page for page in editors if f'"{page}' in index or f"'{page}" in index or f"/{page}" in index] == [], folder
    assert (built_site / "cms.html").is_file() and (built_site / "en" / "editing.html").is_file(), "still published"
    assert not (ROOT / "docs" / "cms.md").read_text(encoding="utf-8").startswith("---\nsearch"), "the editor's file untouched"
