"""The jieba user dictionary for search, generated from the corpus (editors never keep it)."""

from __future__ import annotations

from pathlib import Path

from generator.content.links import Corpus


def search_phrases(corpus: Corpus) -> list[str]:
    """Names and aliases of terms, indicators and cases; document numbers and short titles."""
    phrases: list[str] = []
    for term in corpus.terms.values():
        phrases += [term.name.zh, *term.aliases]
    for indicator in corpus.indicators.values():
        phrases += [indicator.name.zh, *indicator.aliases]
    for case in corpus.cases.values():
        phrases += [case.name.zh, *case.aliases]
    for document in corpus.documents.values():
        phrases += [p for p in (document.doc_number, document.short_title.zh if document.short_title else None) if p]
    # jieba's dictionary format is "word freq"; spaces inside a word would break the line
    cleaned = [phrase.strip() for phrase in phrases if phrase and " " not in phrase.strip()]
    return sorted(set(cleaned), key=lambda phrase: (len(phrase), phrase))


def write_search_dictionary(corpus: Corpus, path: Path) -> None:
    path.write_text("".join(f"{phrase} 20\n" for phrase in search_phrases(corpus)), encoding="utf-8")
