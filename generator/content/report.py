"""Counts of what the corpus holds, including how much of it has English, by status."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel

from generator.content.links import Corpus
from generator.content.model import Bilingual, Clause, FactKind


def _bilinguals(value: Any) -> list[Bilingual]:
    if isinstance(value, Bilingual):
        return [value]
    if isinstance(value, BaseModel):
        return [b for name in type(value).model_fields for b in _bilinguals(getattr(value, name))]
    if isinstance(value, list):
        return [b for item in value for b in _bilinguals(item)]
    return []


def corpus_counts(corpus: Corpus) -> dict[str, int]:
    """documents, clauses, indicators, targets, standards, observations, cases, terms, themes, texts."""
    facts = Counter(fact.kind for document in corpus.documents.values() for fact in document.facts)
    clauses = sum(isinstance(anchor, Clause) for anchor in corpus.anchors.values())
    texts: Counter[str] = Counter()
    for table in (corpus.documents, corpus.indicators, corpus.cases, corpus.terms, corpus.themes):
        for entry in table.values():
            texts.update(text.english_state for text in _bilinguals(entry))
    return {
        "documents": len(corpus.documents),
        "clauses": clauses,
        "indicators": len(corpus.indicators),
        "targets": facts[FactKind.target],
        "standards": facts[FactKind.standard],
        "observations": facts[FactKind.observation],
        "cases": len(corpus.cases),
        "terms": len(corpus.terms),
        "term_definitions": sum(len(term.definitions) for term in corpus.terms.values()),
        "themes": len(corpus.themes),
        "texts": sum(texts.values()),
        "english_reviewed": texts["reviewed"],
        "english_draft": texts["draft"],
        "english_missing": texts["missing"],
    }
