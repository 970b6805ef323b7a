"""Precompressed copies: ``name.gz`` beside every text asset, for servers that send them as they are."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest", ".map"})
MIN_BYTES = 256  # below this the gzip header costs more than it saves


def precompress(site: Path) -> int:
    """Write ``FILE.gz`` (gzip level 9, no timestamp: the same input gives the same bytes) beside each text file.

    Returns the number written. A copy is kept only when it is smaller than the file; an existing
    ``.gz`` (MkDocs' sitemap.xml.gz) is left as it is.
    """
    written = 0
    packed_before: dict[bytes, bytes] = {}  # by content: each language has its own copy of the theme's scripts and styles
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size < MIN_BYTES:
            continue
        target = path.with_name(path.name + ".gz")
        if target.exists():
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).digest()
        packed = packed_before.get(digest) or packed_before.setdefault(digest, gzip.compress(data, compresslevel=9, mtime=0))
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
    return written
