"""The data downloads: every fact as CSV, every entry as JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from generator.content.citations import citation
from generator.content.links import Corpus
from generator.content.spreadsheet import csv_cell
from generator.content.timeline import IndicatorTimeline
from generator.site.timeline_view import TimelineView, csv_name

FACT_COLUMNS = [
    "indicator_id", "indicator_zh", "indicator_en", "kind", "comparator", "value", "value_max", "unit", "year",
    "scope_zh", "scope_en", "document_id", "document_title_zh", "document_title_en", "clause_id", "fact_anchor",
    "quote_zh", "note_zh", "year_basis", "scope_id", "citation_zh", "citation_en",
]


def fact_rows(corpus: Corpus) -> list[dict[str, object]]:
    """One row per target, standard and observation, in document order."""
    rows: list[dict[str, object]] = []
    for document in corpus.documents.values():
        for fact in document.facts:
            indicator = corpus.indicators[fact.indicator]
            rows.append({
                "indicator_id": indicator.id, "indicator_zh": indicator.name.zh, "indicator_en": indicator.name.en or "",
                "kind": fact.kind.value, "comparator": fact.comparator.value, "value": fact.value,
                "value_max": "" if fact.value_max is None else fact.value_max, "unit": indicator.unit.zh,
                "year": fact.year or "", "scope_zh": fact.scope.zh, "scope_en": fact.scope.en or "",
                "document_id": document.id, "document_title_zh": document.title.zh,
                "document_title_en": document.title.en or "", "clause_id": fact.clause,
                "fact_anchor": corpus.anchor_of(fact), "quote_zh": fact.quote, "note_zh": fact.note.zh if fact.note else "",
                "year_basis": fact.year_basis.value if fact.year is not None else "", "scope_id": fact.scope_id or "",
                # the readable name of clause_id: 《短标题》四、（二） / Short title, Part 4 (2)
                "citation_zh": citation(corpus, document, fact.clause, "zh"),
                "citation_en": citation(corpus, document, fact.clause, "en"),
            })
    return rows


def write_downloads(corpus: Corpus, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # utf-8-sig so that spreadsheet programs on Chinese Windows open it as UTF-8
    with (folder / "facts.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FACT_COLUMNS)
        writer.writeheader()
        writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in fact_rows(corpus))
    entries = {kind.plural: [entry.model_dump(mode="json") for entry in corpus.table(kind.name).values()] for kind in corpus.kinds}
    (folder / "entries.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")


def write_indicator_csvs(corpus: Corpus, site: Path) -> None:
    """One CSV per indicator and language (its timeline as on its page), linked from that page."""
    for lang in ("zh", "en"):
        view = TimelineView(corpus, lang)
        for indicator in corpus.indicators.values():
            path = site / csv_name(indicator.id, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(view.csv_text(IndicatorTimeline.build(corpus, indicator)), encoding="utf-8", newline="")
