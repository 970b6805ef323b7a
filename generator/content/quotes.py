"""Check that every recorded quote occurs in the captured source text it cites.

A document's ``source.capture`` names a file of the captured original. The check reads that
file from the sources folder (``../shared/sources`` by default) when it is there; otherwise it
uses the capture's *fingerprint* committed in ``sources/fingerprints/``, so that a fresh clone,
wherever it is checked out, still catches a mistyped quote or value. A fingerprint keeps the
order of the text but not its words: journal and newspaper articles are not redistributed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from generator.content.citations import citation
from generator.content.clausemap import ClauseMap, anchor_clauses, clause_map
from generator.content.links import Corpus
from generator.content.loading import LoadResult
from generator.content.model import CAPTURE_RULE, Case, Document, Term
from generator.content.problems import (
    MissingReference,
    PathOutside,
    Position,
    Problem,
    QuoteNotInClause,
    QuoteNotInSource,
    QuoteUnverifiable,
    SourceMissing,
)
from generator.content.safepaths import inside, new_file_inside
from generator.content.sources import (
    Fingerprint,
    SourceLibrary,
    SourceText,
    normalise,
)
from generator.content.yamlsource import DataPath

if TYPE_CHECKING:
    from generator.content.quotehints import NearMiss

@dataclass
class QuoteChecker:
    """Verifies quotes against the capture (or fingerprint) of the documents they cite."""

    library: SourceLibrary
    checked: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_file: dict[Path, int] = field(default_factory=dict)
    _maps: dict[tuple[str, int], ClauseMap] = field(default_factory=dict, repr=False)
    _misses: dict[str, NearMiss] = field(default_factory=dict, repr=False)
    # (file, position of a reference to a clause that does not exist) -> (ref, readable citation zh, en) holding the quote
    suggestions: dict[tuple[Path, Position], tuple[str, str, str]] = field(default_factory=dict, repr=False)

    def check(self, loaded: LoadResult, corpus: Corpus) -> list[Problem]:
        problems: list[Problem] = self.capture_problems(loaded)
        for item in loaded.entries:
            # An entry with a field problem still has its quotes checked, on the data that parsed.
            quotes = self._quotes(item.entry) if item.entry is not None else raw_quotes(item.kind, item.source.data)
            for path, ref, quote in quotes:
                document_id, _, anchor = ref.partition("#")
                document = corpus.documents.get(document_id)
                if document is None:
                    continue  # reported as a missing reference
                position = item.source.position(path)
                capture = document.source.capture
                if capture is None:
                    problems.append(QuoteUnverifiable(item.path, position, {"document": document_id, "quote": quote[:80]}))
                    continue
                if not self.library.available:
                    continue  # `compendium check` says that quotes were not checked
                text = self.library.text(capture)
                self.checked += 1
                self.by_file[item.path] = self.by_file.get(item.path, 0) + 1
                if text is None and self.library.leads_out(capture) is not None:
                    continue  # reported once, on the document's capture (capture_problems)
                if text is None:
                    problems.append(SourceMissing(item.path, position, {"source": capture, "directory": self.library.where}))
                    continue
                self.by_kind[text.kind] = self.by_kind.get(text.kind, 0) + 1
                found = text.positions(quote)
                missing_anchor = bool(anchor) and (document.id, anchor) not in corpus.anchors
                if not found:
                    problems.append(self._not_found(corpus, document, text, quote=quote, file=item.path, position=position))
                    found = [miss.position] if missing_anchor and (miss := self._misses.get(quote)) is not None else []
                if missing_anchor and found:
                    self._where_it_is(corpus, document, text, found=found, quote=quote, at=(item.path, item.source.position(
                        ("facts", path[1], "clause") if path[0] == "facts" else (*path[:-1], "ref"))))
                elif found and anchor and item.entry is not None:
                    wrong = self._wrong_clause(corpus, document, text, anchor=anchor, quote=quote, found=found, path=path)
                    if wrong is not None:
                        at = cast("DataPath", wrong.pop("_at"))  # where the problem is shown, kept beside its params
                        problems.append(QuoteNotInClause(item.path, item.source.position(at), wrong))
        return problems

    def _where_it_is(self, corpus: Corpus, document: Document, text: SourceText, *, found: list[int], quote: str,
                     at: tuple[Path, Position]) -> None:
        """For a reference to a clause that does not exist: the clause the quote is in, as the suggestion to make."""
        clauses = self._map(document, text)
        holders = [clause for start in found for clause in clauses.holding(start, len(normalise(quote)))]
        right = holders[0] if holders else clauses.nearest(found[0])
        if right is not None:
            self.suggestions[at] = (f"{document.id}#{right}", citation(corpus, document, right, "zh"),
                                    citation(corpus, document, right, "en"))

    def improve(self, problems: list[Problem]) -> None:
        """A missing clause's suggestion names the clause that holds the quote (nearest by text), not the nearest id."""
        for problem in problems:
            better = self.suggestions.get((problem.path, problem.position))
            if isinstance(problem, MissingReference) and better is not None:
                ref, zh, en = better
                anchor = ref.partition("#")[2] if "#" not in str(problem.params.get("ref")) else ref
                problem.params["suggestion_zh"] = f"；引文在 {zh} 中，是否应为 “{anchor}”？"
                problem.params["suggestion_en"] = f"; the quote is in {en}: did you mean '{anchor}'?"

    def _map(self, document: Document, text: SourceText) -> ClauseMap:
        key = (document.id, id(text))
        if key not in self._maps:
            self._maps[key] = clause_map(document, text)
        return self._maps[key]

    def _wrong_clause(self, corpus: Corpus, document: Document, text: SourceText, *, anchor: str, quote: str,
                      found: list[int], path: tuple[str | int, ...]) -> dict[str, object] | None:
        """When no occurrence of the quote lies in the clause(s) the anchor stands for: the params of the problem."""
        target = corpus.anchors.get((document.id, anchor))
        if target is None:
            return None  # reported as a missing reference
        cited = anchor_clauses(document, target)
        clauses = self._map(document, text)
        length = len(normalise(quote))
        if not any(clause in clauses.regions for clause in cited):
            return None  # the cited clause is not in the source word for word: the document-level check stands
        if any(clause in clauses.holding(start, length) for start in found for clause in cited):
            return None
        holders = [clause for start in found for clause in clauses.holding(start, length)]
        right = holders[0] if holders else clauses.nearest(found[0])
        if right is None:
            return None
        is_fact = path[0] == "facts"
        field = ("facts", path[1], "clause") if is_fact else (*path[:-1], "ref")
        fix = f"clause: {right}" if is_fact else f"ref: {document.id}#{right}"
        return {"cited": anchor, "found": right, "fix": fix, "_at": field,
                "cited_zh": citation(corpus, document, anchor, "zh"), "cited_en": citation(corpus, document, anchor, "en"),
                "found_zh": citation(corpus, document, right, "zh"), "found_en": citation(corpus, document, right, "en")}

    def _not_found(self, corpus: Corpus, document: Document, text: SourceText, *, quote: str, file: Path,
                   position: Position) -> Problem:
        """Quote-not-in-source, saying what most likely differs (generator/content/quotehints.py)."""
        from generator.content.quotehints import miss_hint

        hint_zh, hint_en, miss = miss_hint(corpus, document, text, quote, self._map(document, text))
        if miss is not None:
            self._misses[quote] = miss
        return QuoteNotInSource(file, position, {"source": document.source.capture, "quote": quote[:80],
                                                 "hint_zh": hint_zh, "hint_en": hint_en})

    def capture_problems(self, loaded: LoadResult) -> list[Problem]:
        """A document whose capture is a link leading out of the sources folder: refused at its ``source.capture``."""
        problems: list[Problem] = []
        for item in loaded.of_kind("document"):
            capture = item.entry.source.capture
            target = None if capture is None else self.library.leads_out(capture)
            if target is not None:
                problems.append(PathOutside(item.path, item.source.position(("source", "capture")), {
                    "field": "source.capture", "found": repr(capture)[:80],
                    "reason_zh": f"它是指向该文件夹之外的符号链接（指向 {target}），未读取",
                    "reason_en": f"it is a symbolic link to {target}, outside the folder, and was not read",
                    "folder_zh": CAPTURE_RULE.folder_zh, "folder_en": CAPTURE_RULE.folder_en, "example": CAPTURE_RULE.example}))
        return problems

    @staticmethod
    def _quotes(entry: object) -> list[tuple[DataPath, str, str]]:
        found: list[tuple[DataPath, str, str]] = []
        if isinstance(entry, Document):
            for index, fact in enumerate(entry.facts):
                found.append((("facts", index, "quote"), f"{entry.id}#{fact.clause}", fact.quote))
        elif isinstance(entry, Case):
            for index, source in enumerate(entry.sources):
                found.append((("sources", index, "quote"), source.ref, source.quote))
        elif isinstance(entry, Term):
            for index, definition in enumerate(entry.definitions):
                source = definition.source
                found.append((("definitions", index, "source", "quote"), source.ref, source.quote))
        return found


def raw_quotes(kind: str, data: object) -> list[tuple[DataPath, str, str]]:
    """(path, cited reference, quote) of every well-formed quote in the parsed data of an invalid entry."""
    if not isinstance(data, dict):
        return []
    found: list[tuple[DataPath, str, str]] = []

    def items(key: str) -> list[tuple[int, dict[str, object]]]:
        value = data.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    def text(holder: object, key: str) -> str | None:
        value = holder.get(key) if isinstance(holder, dict) else None
        return value if isinstance(value, str) else None

    document_id = text(data, "id")
    if kind == "document" and document_id is not None:
        found += [(("facts", i, "quote"), document_id, quote) for i, fact in items("facts") if (quote := text(fact, "quote"))]
    elif kind == "case":
        found += [(("sources", i, "quote"), ref, quote) for i, source in items("sources")
                  if (ref := text(source, "ref")) is not None and (quote := text(source, "quote")) is not None]
    elif kind == "term":
        for i, definition in items("definitions"):
            source = definition.get("source")
            ref, quote = text(source, "ref"), text(source, "quote")
            if ref is not None and quote is not None:
                found.append((("definitions", i, "source", "quote"), ref.partition("#")[0], quote))
    return [(path, document_id, quote) for path, document_id, quote in found if len(quote.strip()) >= 4]


def write_fingerprints(corpus: Corpus, sources_dir: Path, out: Path) -> tuple[list[Path], list[str]]:
    """Fingerprint every capture the corpus cites that is in ``sources_dir``; return written files and missing captures."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    missing: list[str] = []
    captures = sorted({d.source.capture for d in corpus.documents.values() if d.source.capture})
    for capture in captures:
        file = inside(sources_dir, capture)  # never read, nor written beside, a file outside the sources folder
        target = new_file_inside(out, f"{capture}.json")
        if file is None or target is None or not file.is_file():
            missing.append(capture)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(Fingerprint.of_text(capture, file.read_text(encoding="utf-8")).to_json(), encoding="utf-8")
        written.append(target)
    return written, missing
