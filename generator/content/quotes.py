"""Check that every recorded quote occurs in the captured source text it cites.

A document's ``source.capture`` names a file of the captured original. The check reads that
file from the sources folder (``../shared/sources`` by default) when it is there; otherwise it
uses the capture's *fingerprint* committed in ``sources/fingerprints/``, so that a fresh clone,
wherever it is checked out, still catches a mistyped quote or value. A fingerprint keeps the
order of the text but not its words: journal and newspaper articles are not redistributed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator.content.citations import citation
from generator.content.clausemap import ClauseMap, anchor_clauses, clause_map
from generator.content.links import Corpus
from generator.content.loading import LoadResult
from generator.content.model import CAPTURE_RULE, Document
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
from generator.content.safepaths import inside, new_file_inside, why_outside

if TYPE_CHECKING:
    from generator.content.quotehints import NearMiss

_SPACE = re.compile(r"\s+")
FINGERPRINTS = Path("sources") / "fingerprints"
# Government documents (not protected under 著作权法 第五条) added with `compendium source add` keep
# their capture in the repository; articles keep only a fingerprint.
CAPTURES = Path("sources") / "captures"


def normalise(text: str) -> str:
    """Remove all whitespace: captures keep the layout's line breaks, quotes do not."""
    return _SPACE.sub("", text)


def default_sources_dir(root: Path) -> Path:
    """``$COMPENDIUM_SOURCES``, else ``../shared/sources`` beside the checkout."""
    configured = os.environ.get("COMPENDIUM_SOURCES")
    return Path(configured) if configured else (root / ".." / "shared" / "sources").resolve()


def paragraph_starts(text: str) -> list[int]:
    """Where each non-blank line of ``text`` starts in its whitespace-free form (a capture holds a paragraph a line)."""
    starts: list[int] = []
    offset = 0
    for line in text.splitlines():
        flat = normalise(line)
        if flat:
            starts.append(offset)
            offset += len(flat)
    return starts


class SourceText(Protocol):
    """The text of one captured source, as far as quote checking needs it (offsets count non-space characters)."""

    kind: str
    paragraphs: list[int]

    def contains(self, quote: str) -> bool: ...

    def positions(self, quote: str) -> list[int]: ...

    def window_hashes(self) -> list[bytes]: ...

    def passage(self, start: int, length: int) -> str | None: ...


@dataclass
class CapturedText:
    """The capture file itself, whitespace removed, with where its paragraphs start."""

    text: str
    kind: str = "capture"
    paragraphs: list[int] = field(default_factory=list)
    _hashes: list[bytes] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, raw: str) -> CapturedText:
        return cls(normalise(raw), paragraphs=paragraph_starts(raw))

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.text

    def positions(self, quote: str) -> list[int]:
        """Every offset at which ``quote`` (whitespace removed) starts."""
        flat = normalise(quote)
        found: list[int] = []
        start = self.text.find(flat) if flat else -1
        while start != -1:
            found.append(start)
            start = self.text.find(flat, start + 1)
        return found

    def window_hashes(self) -> list[bytes]:
        if not self._hashes:
            self._hashes = Fingerprint.of_flat("", self.text).hashes
        return self._hashes

    def passage(self, start: int, length: int) -> str | None:
        return self.text[max(0, start): start + length]


@dataclass
class Fingerprint:
    """A capture as the ordered hashes of every window of ``WINDOW`` characters (whitespace removed).

    A quote of at least ``WINDOW`` characters occurs in the text exactly when its own windows'
    hashes occur in the same order at consecutive positions, so the check is as strict as a
    substring test (up to 40-bit hash collisions) without storing the text.
    """

    WINDOW = 4
    DIGEST_BYTES = 5
    PERSON = b"compendium"  # BLAKE2b personalisation; the web form's check (compendium-checks.js) uses the same

    capture: str
    sha256: str
    hashes: list[bytes]
    kind: str = "fingerprint"
    # where each paragraph (line) of the capture starts: lets a quote be placed in the clause that paraphrases it
    paragraphs: list[int] = field(default_factory=list)
    _starts: dict[bytes, list[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def digest(cls, window: str) -> bytes:
        return hashlib.blake2b(window.encode("utf-8"), digest_size=cls.DIGEST_BYTES, person=cls.PERSON).digest()

    @classmethod
    def of_text(cls, capture: str, text: str) -> Fingerprint:
        return cls.of_flat(capture, normalise(text), paragraph_starts(text))

    @classmethod
    def of_flat(cls, capture: str, flat: str, paragraphs: list[int] | None = None) -> Fingerprint:
        hashes = [cls.digest(flat[i : i + cls.WINDOW]) for i in range(len(flat) - cls.WINDOW + 1)]
        return cls(capture, hashlib.sha256(flat.encode("utf-8")).hexdigest(), hashes, paragraphs=list(paragraphs or []))

    @classmethod
    def read(cls, path: Path) -> Fingerprint:
        return cls.read_json(path.read_text(encoding="utf-8"), str(path))

    @classmethod
    def read_json(cls, text: str, where: str = "fingerprint") -> Fingerprint:
        data = json.loads(text)
        if data.get("window") != cls.WINDOW or data.get("digest_bytes") != cls.DIGEST_BYTES:
            raise ValueError(f"{where}: fingerprint made with other settings; run `compendium fingerprint`")
        raw = base64.b64decode(data["hashes"])
        size = cls.DIGEST_BYTES
        paragraphs = data.get("paragraphs", [])
        if not isinstance(paragraphs, list) or not all(isinstance(start, int) for start in paragraphs):
            raise ValueError(f"{where}: paragraphs must be a list of offsets; run `compendium fingerprint`")
        return cls(data["capture"], data["sha256"], [raw[i : i + size] for i in range(0, len(raw), size)], paragraphs=paragraphs)

    def to_json(self) -> str:
        return json.dumps({
            "capture": self.capture,
            "sha256": self.sha256,
            "window": self.WINDOW,
            "digest_bytes": self.DIGEST_BYTES,
            "hashes": base64.b64encode(b"".join(self.hashes)).decode("ascii"),
            "paragraphs": self.paragraphs,
        }, indent=1) + "\n"

    def starts_of(self, digest: bytes) -> list[int]:
        """Every window position with this hash."""
        if not self._starts:
            for position, value in enumerate(self.hashes):
                self._starts.setdefault(value, []).append(position)
        return self._starts.get(digest, [])

    def positions(self, quote: str) -> list[int]:
        """Every offset at which the quote's windows occur in order, i.e. where the quote starts."""
        flat = normalise(quote)
        if len(flat) < self.WINDOW:
            return []  # too short to verify; the model requires longer quotes anyway
        wanted = [self.digest(flat[i : i + self.WINDOW]) for i in range(len(flat) - self.WINDOW + 1)]
        last = len(self.hashes) - len(wanted)
        return [start for start in self.starts_of(wanted[0])
                if start <= last and all(self.hashes[start + offset] == digest for offset, digest in enumerate(wanted))]

    def contains(self, quote: str) -> bool:
        return bool(self.positions(quote))

    def window_hashes(self) -> list[bytes]:
        return self.hashes

    def passage(self, start: int, length: int) -> str | None:
        return None  # a fingerprint keeps no words


@dataclass
class SourceLibrary:
    """Finds the text of a capture: in ``sources_dir``, else in ``captures_dir``, else its fingerprint in ``fingerprints_dir``."""

    sources_dir: Path | None
    fingerprints_dir: Path | None = None
    captures_dir: Path | None = None
    _texts: dict[str, SourceText | None] = field(default_factory=dict)

    @classmethod
    def for_project(cls, root: Path, sources_dir: Path | None = None) -> SourceLibrary:
        """Captures from ``sources_dir`` (default: :func:`default_sources_dir`) and ``root/sources/captures``; fingerprints."""
        return cls(sources_dir or default_sources_dir(root), root / FINGERPRINTS, root / CAPTURES)

    def _folders(self) -> tuple[Path | None, ...]:
        return (self.sources_dir, self.captures_dir, self.fingerprints_dir)

    @property
    def available(self) -> bool:
        return any(folder is not None and folder.is_dir() for folder in self._folders())

    @property
    def where(self) -> str:
        return " | ".join(str(folder) for folder in self._folders() if folder is not None)

    def text(self, capture: str) -> SourceText | None:
        if capture not in self._texts:
            self._texts[capture] = self._find(capture)
        return self._texts[capture]

    def _find(self, capture: str) -> SourceText | None:
        # Only files inside their folder, links followed: a capture is never read from anywhere else.
        for folder in (self.sources_dir, self.captures_dir):
            file = None if folder is None else inside(folder, capture)
            if file is not None and file.is_file():
                return CapturedText.of(file.read_text(encoding="utf-8"))
        fingerprint = None if self.fingerprints_dir is None else inside(self.fingerprints_dir, f"{capture}.json")
        if fingerprint is not None and fingerprint.is_file():
            return Fingerprint.read(fingerprint)
        return None

    def leads_out(self, capture: str) -> Path | None:
        """Where the capture really is when a link takes it out of its folder (it is then not read), else None."""
        for folder in (self.sources_dir, self.captures_dir, self.fingerprints_dir):
            name = f"{capture}.json" if folder is self.fingerprints_dir else capture
            if folder is None or why_outside(name) is not None or not (folder / name).exists():
                continue
            if inside(folder, name) is None:
                return (folder / name).resolve()
        return None


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
            quotes = self._quotes(item.kind, item.entry) if item.entry is not None else raw_quotes(item.kind, item.source.data)
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
                        problems.append(QuoteNotInClause(item.path, item.source.position(wrong.pop("_at")), wrong))
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
    def _quotes(kind: str, entry: object) -> list[tuple[tuple[str | int, ...], str, str]]:
        found: list[tuple[tuple[str | int, ...], str, str]] = []
        if kind == "document":
            for index, fact in enumerate(entry.facts):  # type: ignore[attr-defined]
                found.append((("facts", index, "quote"), f"{entry.id}#{fact.clause}", fact.quote))  # type: ignore[attr-defined]
        elif kind == "case":
            for index, source in enumerate(entry.sources):  # type: ignore[attr-defined]
                found.append((("sources", index, "quote"), source.ref, source.quote))
        elif kind == "term":
            for index, definition in enumerate(entry.definitions):  # type: ignore[attr-defined]
                source = definition.source
                found.append((("definitions", index, "source", "quote"), source.ref, source.quote))
        return found


def raw_quotes(kind: str, data: object) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(path, cited reference, quote) of every well-formed quote in the parsed data of an invalid entry."""
    if not isinstance(data, dict):
        return []
    found: list[tuple[tuple[str | int, ...], str, str]] = []

    def items(key: str) -> list[tuple[int, dict[str, object]]]:
        value = data.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    if kind == "document" and isinstance(data.get("id"), str):
        found += [(("facts", i, "quote"), str(data["id"]), fact["quote"]) for i, fact in items("facts")
                  if isinstance(fact.get("quote"), str)]
    elif kind == "case":
        found += [(("sources", i, "quote"), source["ref"], source["quote"]) for i, source in items("sources")
                  if isinstance(source.get("ref"), str) and isinstance(source.get("quote"), str)]
    elif kind == "term":
        for i, definition in items("definitions"):
            source = definition.get("source")
            if isinstance(source, dict) and isinstance(source.get("ref"), str) and isinstance(source.get("quote"), str):
                found.append((("definitions", i, "source", "quote"), source["ref"].partition("#")[0], source["quote"]))
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
