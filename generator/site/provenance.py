"""Which entry file a built page or a build message comes from, so that a failed build names it.

A page of an entry (``cases/x.html``, ``en/cases/x.md``, a course's two pages) comes from one file. A
listing shows many entries: there the file is found by the text that caused the message, which the
entry holds as its editor wrote it.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from generator.courses.checks import CourseCheck

_PAGE = re.compile(r"'((?:en/)?[\w./-]+\.(?:md|html))'")
_VALUE_PIECE = re.compile(r"[^\s\"'<>=;(){}]{6,}")


class PageSources:
    """Entry files by page (``cases/x`` without language and suffix), and the text of every entry file."""

    def __init__(self, root: Path, pages: dict[str, Path], files: list[Path]) -> None:
        self.root = root
        self.pages = pages
        self.files = files
        self._texts: dict[Path, str] | None = None

    @classmethod
    def from_check(cls, root: Path, result: CourseCheck, folders: dict[str, str]) -> PageSources:
        """From a checked corpus; ``folders``: kind of entry → folder of its pages (site/build.py's ENTRY_PAGES)."""
        pages: dict[str, Path] = {}
        files = [item.path for item in result.loaded.entries]
        for item in result.loaded.entries:
            entry_id = getattr(item.entry, "id", None)
            if item.kind in folders and isinstance(entry_id, str):
                pages[f"{folders[item.kind]}/{entry_id}"] = item.path
        for course_id, path in result.courses.paths.items():
            pages[f"courses/{course_id}"] = pages[f"courses/{course_id}-instructor"] = path
            files.append(path)
        return cls(root, pages, files)

    def shown(self, path: Path) -> str:
        with contextlib.suppress(ValueError):
            return path.relative_to(self.root).as_posix()
        return str(path)

    def entry_of(self, page: str, text: str = "") -> str:
        """The entry file (relative to the project) that ``page`` comes from, or that holds ``text``; "" if none."""
        key = re.sub(r"\.(md|html)$", "", page.removeprefix("en/"))
        if key in self.pages:
            return self.shown(self.pages[key])
        holders = self.holding(text)
        return "、".join(self.shown(path) for path in holders[:3])

    def holding(self, text: str) -> list[Path]:
        """Entry files whose text holds the longest plain piece of ``text`` (an attribute value, a script)."""
        pieces = sorted(_VALUE_PIECE.findall(text), key=len, reverse=True)
        if not pieces:
            return []
        if self._texts is None:
            self._texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in self.files if path.is_file()}
        return [path for path, content in self._texts.items() if pieces[0] in content]

    def pages_in(self, message: str) -> list[str]:
        """The pages a MkDocs message names ("Doc file 'cases/x.md' contains …")."""
        return _PAGE.findall(message)

    def describe(self, message: str) -> str:
        """The entry file a MkDocs message comes from ("" when it names no entry's page)."""
        for page in self.pages_in(message):
            entry = self.entry_of(page)
            if entry:
                return entry
        return ""


class BuildRefused(Exception):
    """A build that must not replace the site; its message names every reason, Chinese then English, one per line."""


def strict_message(warnings: list[str], sources: PageSources | None, lang: str = "zh") -> str:
    """MkDocs' strict-mode warnings, each with the entry file it comes from (MkDocs itself only counts them)."""
    count = len(warnings)
    site_zh, site_en = ("英文站", "the English site") if lang == "en" else ("中文站", "the Chinese site")
    lines = [f"MkDocs 在{site_zh}报告 {count} 个警告，严格模式下构建中止 / MkDocs reported {count} "
             f"warning{'s' if count != 1 else ''} on {site_en}; strict mode stops the build:"]
    for warning in warnings:
        entry = sources.describe(warning) if sources is not None else ""
        where = f"（来自 {entry}）/ (from {entry})" if entry else " /"
        lines.append(f"  警告{where} warning: {' '.join(warning.split())}")
    return "\n".join(lines)


def unsafe_message(findings: list[tuple[str, str, str]], sources: PageSources | None) -> str:
    """The guard's findings ((page, what, value)), each with the entry it comes from."""
    lines = ["构建已拒绝：页面上有不是网站模板写出的脚本（事件属性、脚本地址或脚本），网站未改动 / build refused: pages carry "
             "script the site's templates did not write (event attributes, script addresses or scripts); the site was not changed"]
    for page, what, value in findings[:20]:
        entry = sources.entry_of(page, value) if sources is not None else ""
        source = f"，来自 {entry} / from {entry}" if entry else "，条目不明 / entry unknown"
        lines.append(f"  {page}：{what}{source}")
    if len(findings) > 20:
        lines.append(f"  ……另有 {len(findings) - 20} 处 / … and {len(findings) - 20} more")
    return "\n".join(lines)
