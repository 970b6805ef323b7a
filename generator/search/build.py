"""Build the search index of one built language site (called by generator/site/build.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.content.loading import LoadResult
from generator.search.extract import SearchPage, read_page
from generator.search.index import build_index, write_index
from generator.search.normalise import normalise
from generator.search.synonyms import load_synonyms
from generator.search.tokens import base_dictionary

SKIPPED = {"404.html", "search.html"}
# libyaml's loader where PyYAML was built with it (a tenth of the pure-Python one's time), else the same rules in Python
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def front_matter(markdown: Path) -> dict[str, object]:
    """The YAML header of a generated Markdown page (empty if it has none)."""
    match = FRONT_MATTER.match(markdown.read_text(encoding="utf-8"))
    if not match:
        return {}
    data = yaml.load(match.group(1), Loader=SAFE_LOADER)
    return data if isinstance(data, dict) else {}


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def site_pages(site: Path, docs: Path) -> list[SearchPage]:
    """Every page of one language site (not the other language under en/), with names from its front matter."""
    pages: list[SearchPage] = []
    for path in sorted(site.rglob("*.html")):
        url = path.relative_to(site).as_posix()
        if url in SKIPPED or url.split("/")[0] in {"en", "assets", "search", "downloads"}:
            continue
        page = read_page(path, url)
        source = docs / url.removesuffix(".html")
        markdown = source.with_suffix(".md")
        if markdown.is_file():
            meta = front_matter(markdown)
            search = meta.get("search")
            if isinstance(search, dict) and search.get("exclude"):
                continue  # Material's own mark: e.g. instructor pages, whose answers learners should not find
            page.names = _strings(meta.get("search_names"))
            page.aliases = _strings(meta.get("search_aliases"))
            page.questions = _strings(meta.get("search_questions"))
            if page.kind == "term":
                page.lead = definition_sentence(str(meta.get("description") or ""))
        if page.title:
            pages.append(page)
    return pages


def definition_sentence(description: str) -> str:
    """The first sentence of a term's definition, from its page description ("name：definition…")."""
    _, colon, definition = description.partition("：") if "：" in description else description.partition(": ")
    sentence = re.split(r"(?<=[。；;.!?！？])\s*", definition.strip(), maxsplit=1)[0] if colon else ""
    return sentence.strip()


def reviewed_synonyms(root: Path, lang: str, loaded: LoadResult | None = None) -> dict[str, list[str]]:
    """The reviewed synonym list (synonyms.yml) for ``lang``; empty when there is none or it has problems.

    ``loaded``: the corpus the check read (else the entries under ``root`` are read again to check the list).
    """
    return _reviewed(root, (lang,), loaded)[lang]


def _reviewed(root: Path, langs: tuple[str, ...], loaded: LoadResult | None) -> dict[str, dict[str, list[str]]]:
    if not (root / "synonyms.yml").is_file():
        return {lang: {} for lang in langs}
    table, problems = load_synonyms(root, loaded)
    if problems:
        return {lang: {} for lang in langs}
    return {lang: {str(typed): [str(t) for t in targets] for typed, targets in table.expansions(lang).items()}
            for lang in langs}


def prepare_search(root: Path, loaded: LoadResult, langs: tuple[str, ...]) -> dict[str, dict[str, list[str]]]:
    """What each language's index needs, made once before the languages are built side by side (forked, they share it).

    jieba's dictionary (a second of CPU each time it is read), the normalising tables, and each language's reviewed
    synonyms, checked against the corpus the check already read rather than reading every entry again in each
    language's process.
    """
    base_dictionary()
    normalise("繁體é")  # and its tables (traditional → simplified, accents): made once, not in each language's process
    return _reviewed(root, langs, loaded)


def write_search(root: Path, site: Path, docs: Path, lang: str, synonyms: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Index the built pages of ``site`` and write ``site/search/``; returns bytes written per kind.

    ``synonyms``: the language's reviewed synonyms (:func:`prepare_search`), else read here.
    """
    pages = site_pages(site, docs)
    index = build_index(pages, synonyms if synonyms is not None else reviewed_synonyms(root, lang))
    return write_index(index, site / "search", lang)
