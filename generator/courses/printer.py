"""The handout's printer: WeasyPrint in a process forked as the command starts, so that its import (a second or more),
its first-document font loading and the layout run on the second core beside the corpus check, Word files and
slides. Kept apart from generator/courses/pdf.py, which builds the handout's HTML, so that ``compendium course``
can fork it before importing anything heavy; inline where the OS cannot fork.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.process
import shutil
import subprocess
from multiprocessing.connection import Connection
from pathlib import Path

CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC")
# a page in the handout's fonts, regular and bold, Chinese and Latin: printing it loads what the handout will need
WARM_UP = ('<html lang="zh-Hans"><style>html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }</style>'
           "<h1>标题 Title</h1><p>正文 text <b>粗体 bold</b></p></html>")


def cjk_font_available() -> bool:
    """True when fontconfig knows one of the CJK families the handout is set in."""
    if shutil.which("fc-list") is None:
        return any(Path("/usr/share/fonts/opentype/noto").glob("Noto*CJK*"))
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return any(family in listed for family in CJK_FAMILIES)


@functools.cache
def pdf_unavailable_reason() -> tuple[str, str] | None:
    """Why the PDF cannot be made here, in Chinese and English; None when it can. Finds WeasyPrint without importing it."""
    import ctypes.util
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        return ("未生成 PDF：没有安装 WeasyPrint；请安装 weasyprint 和 Pango",
                "PDF skipped: WeasyPrint is not installed; install weasyprint and Pango")
    if ctypes.util.find_library("pango-1.0") is None and ctypes.util.find_library("libpango-1.0-0") is None:
        return ("未生成 PDF：找不到 WeasyPrint 需要的 Pango 库；请安装 Pango（Debian：libpango-1.0-0）",
                "PDF skipped: the Pango library WeasyPrint needs is missing; install Pango (Debian: libpango-1.0-0)")
    if not cjk_font_available():
        return ("未生成 PDF：找不到中文字体（请安装 Debian 的 fonts-noto-cjk）",
                "PDF skipped: no CJK font found (install Debian's fonts-noto-cjk)")
    return None


def start_printer() -> PdfPrinter | None:
    """A printer forked now, or None when no PDF can be made here."""
    return PdfPrinter() if pdf_unavailable_reason() is None else None


def render_pdf(markup: str, path: Path) -> Path:
    """Print ``markup`` to ``path`` with WeasyPrint, tagged. Only the handout's own data: addresses (its QR code) are
    read: nothing from disk or the network, whatever an entry's text holds."""
    from weasyprint import HTML

    HTML(string=markup, base_url=None, url_fetcher=_data_only()).write_pdf(str(path), pdf_tags=True)
    return path


def _data_only() -> object:
    """A WeasyPrint URL fetcher that opens data: addresses only."""
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint 66 and later
    except ImportError:  # pragma: no cover - older WeasyPrint takes a function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: object, **kwargs: object) -> object:
            if not url.lower().startswith("data:"):
                raise ValueError(f"only data: addresses are read for a handout, not {url[:60]}")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def _printer(connection: Connection) -> None:
    """The forked printer: import WeasyPrint (a second or more) at once, then print what it is sent."""
    with contextlib.suppress(Exception):  # import WeasyPrint and load the fonts while the parent checks the corpus:
        # the first document a process prints pays for fontconfig and the CJK fonts (0.7 s); this one is thrown away
        from weasyprint import HTML

        HTML(string=WARM_UP).write_pdf()
    try:
        markup, path = connection.recv()
        render_pdf(markup, Path(path))
        connection.send("")
    except BaseException as error:  # the parent reports it; never a traceback from a child
        connection.send(f"{type(error).__name__}: {error}")
    finally:
        connection.close()


class PdfPrinter:
    """Prints one handout in a forked process started early, so that WeasyPrint's import and layout run beside the
    rest of the pack (the corpus check, Word files and slides) on a second core; inline where the OS cannot fork."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        self.inline: tuple[str, Path] | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.connection, child = context.Pipe()
            self.process = context.Process(target=_printer, args=(child,), daemon=True)
            self.process.start()
            child.close()

    def submit(self, markup: str, path: Path) -> None:
        """Print ``markup`` (the handout's HTML) to ``path``."""
        if self.connection is None:
            self.inline = (markup, path)
        else:
            self.connection.send((markup, str(path)))

    def wait(self) -> str:
        """"" when the PDF was written, else why not."""
        if self.inline is not None:
            render_pdf(*self.inline)
            return ""
        assert self.connection is not None and self.process is not None
        answer = self.connection.recv() if self.connection.poll(600) else "no answer"
        self.process.join(10)
        return str(answer)

    def close(self) -> None:
        """Stop the printer if it is still waiting (nothing was submitted)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join(5)

