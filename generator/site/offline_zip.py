"""The offline copy for a USB stick or a WeChat file transfer: the whole built site as one zip.

Written to ``downloads/compendium-offline.zip`` once the site is complete (pages, search, downloads,
course packs) and before the service worker's packs and the ``.gz`` copies, which a site opened from
disk does not use. Entries are sorted and dated with the build's date (``SOURCE_DATE_EPOCH``, else the
last commit's), so the same site gives the same zip byte for byte. The pages that offer it (the home
page, downloads) then get its size in place of :data:`SIZE_MARK`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.content.buildtime import source_date_epoch, zip_time
from generator.courses.files import instructor_only
from generator.site.compress import Deflater

ZIP_PATH = "downloads/compendium-offline.zip"
FOLDER = "compendium"  # what the zip unpacks into: ASCII, so every unzip tool names it alike
SIZE_MARK = '<span class="offline-copy__size"></span>'
# left out: compressed copies for servers, source maps, the theme's own search (unused), the worker and its packs
LEFT_OUT_SUFFIXES = (".gz", ".map")
LEFT_OUT = ("sw.js", "en/sw.js", "offline/", "en/offline/", "assets/javascripts/lunr/", "en/assets/javascripts/lunr/",
            "assets/javascripts/workers/", "en/assets/javascripts/workers/")
STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".docx", ".pptx", ".xlsx", ".pdf"}  # compressed already
README = """社区治理知识库 · 离线版
==========================

打开方法：双击 compendium 文件夹里的 index.html（英文版：en/index.html），用浏览器打开。
不需要网络，也不需要安装任何软件；搜索同样可以使用。请把整个文件夹一起复制，不要只复制单个文件。

Community Governance Compendium · offline copy

How to open: double-click index.html in the compendium folder (English: en/index.html) to open it in
a browser. No network and nothing to install; search works too. Copy the whole folder, not single files.
"""


def build_time(root: Path) -> tuple[int, int, int, int, int, int]:
    """The date the zip's entries carry: the build's stamp (generator/content/buildtime.py), never the clock."""
    return zip_time(source_date_epoch(root))


def zipped_files(site: Path) -> list[Path]:
    """The files of the site that belong on a USB stick, sorted."""
    files = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if (not path.is_file() or relative == ZIP_PATH or relative.endswith(LEFT_OUT_SUFFIXES)
                or relative.startswith(LEFT_OUT) or instructor_only(relative)):  # no course answers on a USB stick
            continue
        files.append(path)
    return files


def write_offline_zip(root: Path, site: Path, deflater: Deflater | None = None) -> int:
    """Write the zip and put its size on the pages that offer it; returns its size in bytes.

    Files are deflated at level 9 by ``deflater``, which keeps each stream for the ``.gz`` copy of the same file
    (generator/site/compress.py): the site's text is compressed once for both.
    """
    deflater = deflater or Deflater()
    date = build_time(root)
    target = site / ZIP_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        readme = zipfile.ZipInfo(f"{FOLDER}/README.txt", date)
        readme.external_attr = 0o644 << 16
        archive.writestr(readme, "\ufeff" + README.replace("\n", "\r\n"), compress_type=zipfile.ZIP_DEFLATED)
        for path in zipped_files(site):
            entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date)
            entry.external_attr = 0o644 << 16
            if path.suffix.lower() in STORED:
                archive.writestr(entry, path.read_bytes(), compress_type=zipfile.ZIP_STORED)
            else:
                data = path.read_bytes()
                add_deflated(archive, entry, data, *deflater.deflate(data))
    size = target.stat().st_size
    fill_size(site, size)
    return size


def add_deflated(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, data: bytes, stream: bytes, crc: int) -> None:
    """What ``archive.writestr(entry, data, ZIP_DEFLATED, 9)`` writes, given the deflate stream made already.

    zipfile has no way to take compressed bytes, so this writes the entry as its writer does for a seekable file:
    the local header (with the sizes and CRC known), the stream, and the entry for the central directory that
    ``close`` writes. tests/test_offline_zip.py checks it against writestr byte for byte.
    """
    output = archive.fp
    if output is None or archive.mode != "w":
        raise ValueError("the zip must be open for writing")
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.flag_bits = 0
    entry.file_size, entry.compress_size, entry.CRC = len(data), len(stream), crc
    output.seek(archive.start_dir)
    entry.header_offset = output.tell()
    output.write(entry.FileHeader(entry.file_size * 1.05 > zipfile.ZIP64_LIMIT))
    output.write(stream)
    archive.filelist.append(entry)
    archive.NameToInfo[entry.filename] = entry
    archive.start_dir = output.tell()


def size_text(size: int, lang: str) -> str:
    """12.3 MB, after the language's comma."""
    return ("，" if lang == "zh" else ", ") + (f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB")


def fill_size(site: Path, size: int) -> None:
    """Replace the size mark in every page that has one (in its language) by the zip's size."""
    for path in site.rglob("*.html"):
        data = path.read_text(encoding="utf-8")
        if SIZE_MARK in data:
            lang = "en" if path.relative_to(site).parts[0] == "en" else "zh"
            filled = SIZE_MARK.replace("></span>", f">{size_text(size, lang)}</span>")
            path.write_text(data.replace(SIZE_MARK, filled), encoding="utf-8")
