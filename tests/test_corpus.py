"""The real corpus: valid, every quote traceable to its source, counts reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check_corpus
from generator.quotes import QuoteChecker, default_sources_dir, normalise
from generator.report import corpus_counts

ROOT = Path(__file__).parent.parent
SOURCES = default_sources_dir(ROOT)


def _sources_or_skip() -> Path:
    if SOURCES.is_dir():
        return SOURCES
    if os.environ.get("CI"):
        pytest.fail(f"captured sources not found at {SOURCES}")
    pytest.skip(f"captured sources not found at {SOURCES} (set COMPENDIUM_SOURCES)")


def test_corpus_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(ROOT), "--sources", str(_sources_or_skip())])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no problems found" in out


def test_every_quote_occurs_in_its_source() -> None:
    sources = _sources_or_skip()
    result = check_corpus([ROOT], None)
    checker = QuoteChecker(sources)
    problems = checker.check(result.loaded, result.corpus)
    assert not problems, "\n".join(p.message("en") for p in problems)
    facts = sum(len(d.facts) for d in result.corpus.documents.values())
    assert checker.checked >= facts > 100


def test_every_document_has_its_capture_and_full_texts_are_verbatim() -> None:
    sources = _sources_or_skip()
    result = check_corpus([ROOT], None)
    for document in result.corpus.documents.values():
        assert document.source.capture, document.id
        text = normalise((sources / document.source.capture).read_text(encoding="utf-8"))
        if document.reproduction.value == "full":
            for section in document.sections:
                for clause in section.clauses:
                    assert normalise(clause.text.zh) in text, f"{document.id}#{clause.id} is not verbatim"


def test_report_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(ROOT)]) == 0
    out = capsys.readouterr().out
    print(out)
    counts = corpus_counts(check_corpus([ROOT], None).corpus)
    assert counts["documents"] == 5
    assert counts["targets"] + counts["standards"] + counts["observations"] > 100
    for key in ("documents", "clauses", "indicators", "targets", "standards", "observations", "cases", "terms"):
        assert f"{key}: {counts[key]}" in out


def test_shared_indicators_gather_facts_from_several_documents() -> None:
    corpus = check_corpus([ROOT], None).corpus
    rural = {d.id for d, _ in corpus.facts_of("rural-community-service-facility-coverage")}
    assert len(rural) >= 3
    values = {f.value for _, f in corpus.facts_of("rural-community-service-facility-coverage")}
    assert {86, 90.1} <= values  # the disagreement is recorded, not resolved


def test_every_text_but_clause_bodies_has_english() -> None:
    """Titles, names, headings, summaries, definitions, steps…: English for all (clause bodies may wait)."""
    from pydantic import BaseModel

    from generator.model import Bilingual

    def missing(value: object, path: tuple[object, ...]) -> list[tuple[object, ...]]:
        if isinstance(value, Bilingual):
            return [path] if value.en is None else []
        if isinstance(value, BaseModel):
            return [m for name in type(value).model_fields for m in missing(getattr(value, name), (*path, name))]
        if isinstance(value, list):
            return [m for index, item in enumerate(value) for m in missing(item, (*path, index))]
        return []

    corpus = check_corpus([ROOT], None).corpus
    gaps = []
    for table in (corpus.documents, corpus.indicators, corpus.cases, corpus.terms, corpus.themes):
        for entry in table.values():
            gaps += [p for p in missing(entry, (entry.id,)) if p[-1] != "text" or "clauses" not in p]
    assert not gaps, gaps[:10]
