"""Course files that are the same bytes for the same course: no clock inside a zip, a DOCX, PPTX or XLSX.

python-docx, python-pptx and openpyxl stamp each zip member with the time of writing, and openpyxl also
the workbook's created and modified dates (in a slide's native chart too, whose workbook is embedded).
Here every member gets the build's stamp (generator/content/buildtime.py), the core properties' dates
become that stamp, and the members keep their order (OOXML readers want [Content_Types].xml first).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from generator.content.buildtime import stamp_datetime, zip_time

OFFICE_SUFFIXES = (".docx", ".pptx", ".xlsx")
CORE = "docProps/core.xml"
_DATES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def _member(name: str, epoch: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=zip_time(epoch))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # as written on Unix, wherever it was built
    info.external_attr = 0o644 << 16
    return info


def settle_office_file(path: Path, epoch: int) -> None:
    """Rewrite a DOCX, PPTX or XLSX with the stamp as every member's time and as its created/modified dates.

    Office files embedded in it (a native chart's workbook in a PPTX) are settled the same way.
    """
    path.write_bytes(_settled(path.read_bytes(), epoch))


def _settled(data: bytes, epoch: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(item.filename, source.read(item.filename)) for item in source.infolist()]
    stamp = stamp_datetime(epoch).strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members:
            if name == CORE:
                settled = _DATES.sub(lambda match: match.group(1) + stamp + match.group(3), content)
            else:
                settled = _settled(content, epoch) if name.endswith(OFFICE_SUFFIXES) else content
            target.writestr(_member(name, epoch), settled, compresslevel=9)
    return out.getvalue()


def write_zip(path: Path, files: list[tuple[Path, str]], epoch: int) -> None:
    """A zip of ``(file, name inside)`` pairs, in that order, every member stamped alike."""
    with zipfile.ZipFile(path, "w") as archive:
        for file, name in files:
            archive.writestr(_member(name, epoch), file.read_bytes(), compresslevel=9)
