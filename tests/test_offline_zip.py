"""The offline zip and the .gz copies share one deflate pass (build-profile.md): the bytes are those zipfile and gzip
would write themselves."""

from __future__ import annotations

import gzip
import io
import zipfile

from generator.site.compress import Deflater
from generator.site.offline_zip import add_deflated

FILES = {"compendium/index.html": "<h1>社区治理知识库</h1>".encode() * 200, "compendium/案例/居民议事会.html": "议事".encode() * 5000,
         "compendium/empty.txt": b"", "compendium/logo.png": bytes(range(256)) * 40}
DATE = (2026, 12, 8, 3, 0, 0)


def _zip(write: str) -> bytes:
    deflater = Deflater()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in FILES.items():
            entry = zipfile.ZipInfo(name, DATE)
            entry.external_attr = 0o644 << 16
            if name.endswith(".png"):
                archive.writestr(entry, data, compress_type=zipfile.ZIP_STORED)
            elif write == "zipfile":
                archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            else:
                add_deflated(archive, entry, data, *deflater.deflate(data))
    return buffer.getvalue()


def test_an_entry_deflated_beforehand_is_written_as_zipfile_writes_it() -> None:
    shared = _zip("shared")
    assert shared == _zip("zipfile")
    with zipfile.ZipFile(io.BytesIO(shared)) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == FILES


def test_a_gz_copy_is_what_gzip_writes_and_each_content_is_deflated_once() -> None:
    deflater = Deflater()
    for data in FILES.values():
        assert deflater.gzip(data) == gzip.compress(data, compresslevel=9, mtime=0)
        assert gzip.decompress(deflater.gzip(data)) == data
    assert len(deflater._done) == len(FILES)
    deflater.gzip(bytes(FILES["compendium/index.html"]))  # the same content again, another object
    assert len(deflater._done) == len(FILES)
