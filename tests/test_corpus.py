"""The real corpus: valid, every quote traceable to its source, counts reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.pipeline import check_corpus
from generator.content.report import corpus_counts
from generator.content.sources import FINGERPRINTS, Fingerprint, SourceLibrary, default_sources_dir

ROOT = Path(__file__).parent.parent
SOURCES = default_sources_dir(ROOT)
FINGERPRINT_DIR = ROOT / FINGERPRINTS


def _captures_or_skip() -> Path:
    """Only for checks that need the captured text itself (the fingerprints' freshness)."""
    if SOURCES.is_dir():
        return SOURCES
    pytest.skip(f"captured sources not found at {SOURCES} (set COMPENDIUM_SOURCES); fingerprints are used elsewhere")


def _facts() -> int:
    return sum(len(d.facts) for d in check_corpus([ROOT], None).corpus.documents.values())


def test_corpus_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(ROOT)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no problems found" in out


@pytest.mark.parametrize("use_captures", [True, False], ids=["captures-or-fingerprints", "fingerprints-only"])
def test_every_quote_occurs_in_its_source(use_captures: bool) -> None:
    """Never skipped: where the captures are absent (a fresh clone anywhere), the fingerprints stand in."""
    library = SourceLibrary.for_project(ROOT) if use_captures else SourceLibrary(None, FINGERPRINT_DIR)
    result = check_corpus([ROOT], library)
    assert not result.problems, "\n".join(f"{p.path}:{p.position.line}: {p.message('en')}" for p in result.problems)
    assert result.quotes_checked >= _facts() > 100
    if not use_captures:
        assert result.quotes_by_source == {"fingerprint": result.quotes_checked}


def test_every_document_has_its_capture_and_full_texts_are_verbatim() -> None:
    library = SourceLibrary.for_project(ROOT)
    result = check_corpus([ROOT], None)
    for document in result.corpus.documents.values():
        assert document.source.capture, document.id
        text = library.text(document.source.capture)
        assert text is not None, f"{document.source.capture}: neither captured nor fingerprinted"
        if document.reproduction.value == "full":
            for section in document.sections:
                for clause in section.clauses:
                    assert text.contains(clause.text.zh), f"{document.id}#{clause.id} is not verbatim"


def test_fingerprints_are_up_to_date_with_the_captures() -> None:
    sources = _captures_or_skip()
    for document in check_corpus([ROOT], None).corpus.documents.values():
        capture = document.source.capture
        assert capture is not None
        committed = Fingerprint.read(FINGERPRINT_DIR / f"{capture}.json")
        fresh = Fingerprint.of_text(capture, (sources / capture).read_text(encoding="utf-8"))
        assert committed.sha256 == fresh.sha256, f"{capture} changed: run `compendium fingerprint` and commit"
        assert committed.hashes == fresh.hashes


def test_a_mistyped_value_fails_against_the_fingerprint() -> None:
    """The fingerprint is as strict as the text: one changed digit, or a splice of two true spans, fails."""
    corpus = check_corpus([ROOT], None).corpus
    document = corpus.documents["henan-2022-community-service-plan"]
    fingerprint = Fingerprint.read(FINGERPRINT_DIR / f"{document.source.capture}.json")
    quote = "农村社区综合服务设施覆盖率达到86%"
    assert fingerprint.contains(quote)
    assert fingerprint.contains("农村社区综合服务设施覆盖率 达到\n86%")  # whitespace is ignored
    assert not fingerprint.contains(quote.replace("86", "68"))
    assert not fingerprint.contains("城市社区综合服务设施覆盖率达到86%")  # both halves occur, not together
    assert not fingerprint.contains("86%")  # too short to verify


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

    from generator.content.model import Bilingual

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


def test_fingerprint_rejects_a_splice_whose_every_window_occurs() -> None:
    text = "农村覆盖率达到80%，城市覆盖率达到100%。"
    fingerprint = Fingerprint.of_text("x.txt", text)
    spliced = "农村覆盖率达到100%"  # every 4-character window of it occurs in the text, but not in a row
    assert all(spliced[i : i + 4] in text for i in range(len(spliced) - 3))
    assert not fingerprint.contains(spliced)
    assert fingerprint.contains("城市覆盖率达到100%")
    assert Fingerprint.read_json(fingerprint.to_json()).hashes == fingerprint.hashes
