"""Precompressed copies: ``name.gz`` beside every text asset, for servers that send them as they are.

Each distinct content is deflated once (:class:`Deflater`): each language has its own copy of the theme's scripts
and styles, and the offline zip (generator/site/offline_zip.py) holds the same files deflated the same way.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest", ".map"})
MIN_BYTES = 256  # below this the gzip header costs more than it saves
LEVEL = 9
# what gzip.compress(data, 9, mtime=0) starts with (zlib's header: no name, no time, best compression, Unix)
GZIP_HEADER = zlib.compress(b"", LEVEL, wbits=31)[:10]


class Deflater:
    """Deflates (level 9) each distinct content once, for the ``.gz`` copies and the offline zip alike."""

    def __init__(self) -> None:
        self._done: dict[bytes, tuple[bytes, int]] = {}

    def deflate(self, data: bytes) -> tuple[bytes, int]:
        """The raw deflate stream of ``data`` (as a zip entry holds it) and its CRC-32."""
        digest = hashlib.sha256(data).digest()
        known = self._done.get(digest)
        if known is None:
            known = self._done[digest] = (zlib.compress(data, LEVEL, wbits=-15), zlib.crc32(data))
        return known

    def gzip(self, data: bytes) -> bytes:
        """The bytes of ``gzip.compress(data, 9, mtime=0)``."""
        stream, crc = self.deflate(data)
        return GZIP_HEADER + stream + struct.pack("<LL", crc, len(data) & 0xFFFFFFFF)


def precompress(site: Path, deflater: Deflater | None = None) -> int:
    """Write ``FILE.gz`` (gzip level 9, no timestamp: the same input gives the same bytes) beside each text file.

    Returns the number written. A copy is kept only when it is smaller than the file; an existing
    ``.gz`` (MkDocs' sitemap.xml.gz) is left as it is. ``deflater``: the one the offline zip used.
    """
    deflater = deflater or Deflater()
    written = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size < MIN_BYTES:
            continue
        target = path.with_name(path.name + ".gz")
        if target.exists():
            continue
        data = path.read_bytes()
        packed = deflater.gzip(data)
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
    return written
