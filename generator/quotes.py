"""Check that every recorded quote occurs in the captured source text it cites."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.links import Corpus
from generator.loading import LoadResult
from generator.problems import Problem, QuoteNotInSource, SourceMissing

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Remove all whitespace: captures keep the layout's line breaks, quotes do not."""
    return _SPACE.sub("", text)


def default_sources_dir(root: Path) -> Path:
    """``$COMPENDIUM_SOURCES``, else ``../shared/sources`` beside the checkout."""
    configured = os.environ.get("COMPENDIUM_SOURCES")
    return Path(configured) if configured else (root / ".." / "shared" / "sources").resolve()


@dataclass
class QuoteChecker:
    """Verifies quotes against the capture files of the documents they cite."""

    sources_dir: Path
    _texts: dict[str, str | None] = field(default_factory=dict)
    checked: int = 0

    @property
    def available(self) -> bool:
        return self.sources_dir.is_dir()

    def text(self, capture: str) -> str | None:
        if capture not in self._texts:
            file = self.sources_dir / capture
            self._texts[capture] = normalise(file.read_text(encoding="utf-8")) if file.is_file() else None
        return self._texts[capture]

    def check(self, loaded: LoadResult, corpus: Corpus) -> list[Problem]:
        problems: list[Problem] = []
        for item in loaded.entries:
            if item.entry is None:
                continue
            for path, document_id, quote in self._quotes(item.kind, item.entry):
                document = corpus.documents.get(document_id)
                if document is None or document.source.capture is None:
                    continue
                capture = document.source.capture
                position = item.source.position(path)
                text = self.text(capture)
                self.checked += 1
                if text is None:
                    problems.append(SourceMissing(item.path, position, {"source": capture, "directory": str(self.sources_dir)}))
                elif normalise(quote) not in text:
                    problems.append(QuoteNotInSource(item.path, position, {"source": capture, "quote": quote[:80]}))
        return problems

    @staticmethod
    def _quotes(kind: str, entry: object) -> list[tuple[tuple[str | int, ...], str, str]]:
        found: list[tuple[tuple[str | int, ...], str, str]] = []
        if kind == "document":
            for index, fact in enumerate(entry.facts):  # type: ignore[attr-defined]
                found.append((("facts", index, "quote"), entry.id, fact.quote))  # type: ignore[attr-defined]
        elif kind == "case":
            for index, source in enumerate(entry.sources):  # type: ignore[attr-defined]
                found.append((("sources", index, "quote"), source.ref.partition("#")[0], source.quote))
        elif kind == "term":
            for index, definition in enumerate(entry.definitions):  # type: ignore[attr-defined]
                source = definition.source
                found.append((("definitions", index, "source", "quote"), source.ref.partition("#")[0], source.quote))
        return found
