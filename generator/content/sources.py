"""The captured sources that quotes are checked against, and their fingerprints.

A capture is the text of a source as saved (``../shared/sources`` by default, or ``sources/captures/``); its
fingerprint (``sources/fingerprints/``) keeps the order of its text but not its words, so a fresh clone can still
check quotes against an article it may not redistribute. :class:`SourceLibrary` finds either.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.content.safepaths import inside, why_outside

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
