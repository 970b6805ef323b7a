"""Paths written in entries, and entry files on disk, kept inside the folders they belong to.

An entry names files only by a path relative to a known folder (a capture in the sources folder). Such a
path is declared in the model with :class:`FolderPath`; :func:`path_problems` refuses, on any entry, a
value that is absolute or climbs out with ``..``, and :func:`inside` is how every reader and writer turns
it into a file: links followed, the file must still be in its folder. An entry file found in the project
that is a symbolic link leading out of it is refused too (:func:`link_leaves`), at its own path.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.problems import PathOutside, Problem
from generator.content.yamlsource import DataPath, YamlDocument

_DRIVE = re.compile(r"^[A-Za-z]:")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class FolderPath:
    """Marks a model field as a file path relative to one folder (``Annotated[str, FolderPath(...)]``)."""

    folder_zh: str
    folder_en: str
    example: str


_REFUSED: tuple[tuple[Callable[[str], object], str, str], ...] = (
    (_SCHEME.match, "这是网址，不是文件名（网址写在 url 字段）", "it is a web address, not a file name (addresses go in the url field)"),
    (lambda value: value.startswith(("/", "~")) or _DRIVE.match(value), "这是绝对路径", "it is an absolute path"),
    (lambda value: "\\" in value, "含有反斜杠 “\\”（路径分隔请用 “/”）", "it contains a backslash '\\' (separate folders with '/')"),
    (lambda value: any(ord(char) < 32 for char in value), "含有控制字符", "it contains control characters"),
    (lambda value: ".." in value.split("/"), "含有 “..”，会走出该文件夹", "it contains '..', which leads out of the folder"),
    (lambda value: any(part in ("", ".") for part in value.split("/")), "含有空的或 “.” 路径段", "it has an empty or '.' part"),
)


def why_outside(value: str) -> tuple[str, str] | None:
    """Why ``value``, a path written in an entry, could lead out of its folder (Chinese, English); None when it cannot."""
    return next(((zh, en) for test, zh, en in _REFUSED if test(value)), None)


def inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` when the path is allowed and, every link followed, still inside ``folder``; else None."""
    if why_outside(relative) is not None:
        return None
    candidate = folder / relative
    try:
        real_folder = folder.resolve()
        real = candidate.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None
    return candidate if real.is_relative_to(real_folder) else None


def new_file_inside(folder: Path, relative: str) -> Path | None:
    """Where to write ``folder/relative``: None when the path, or a link on the way to it, leads out of ``folder``."""
    candidate = inside(folder, relative)
    if candidate is None or candidate.is_symlink():
        return None
    return candidate


def unresolved(path: Path) -> Path:
    """The absolute form of ``path`` without following a link at its last part (where the entry file itself is)."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    return absolute.parent.resolve() / absolute.name


def link_leaves(path: Path, root: Path) -> Path | None:
    """Where ``path`` really is, when a symbolic link takes it out of ``root``; else None."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return path
    return None if real.is_relative_to(root.resolve()) else real


def path_fields(model: type[BaseModel]) -> list[tuple[tuple[str, ...], FolderPath]]:
    """The data paths (``*`` for every item of a list) of the fields declared with :class:`FolderPath`."""
    return list(_path_fields(model))


@functools.cache
def _path_fields(model: type[BaseModel]) -> tuple[tuple[tuple[str, ...], FolderPath], ...]:
    """:func:`path_fields`, worked out once per model (every entry's check asks)."""
    found: list[tuple[tuple[str, ...], FolderPath]] = []
    for name, info in model.model_fields.items():
        rules = [rule for rule in info.metadata if isinstance(rule, FolderPath)] + list(_markers(info.annotation))
        found += [((name,), rule) for rule in rules]
        for suffix, inner in _nested(info.annotation):
            found += [((name, *suffix, *sub), rule) for sub, rule in _path_fields(inner)]
    return tuple(found)


def _markers(annotation: Any) -> Iterator[FolderPath]:
    """FolderPath marks inside an optional field's annotation (``Annotated[str, FolderPath(...)] | None``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from (rule for rule in annotation.__metadata__ if isinstance(rule, FolderPath))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _markers(arg)


def _nested(annotation: Any) -> Iterator[tuple[tuple[str, ...], type[BaseModel]]]:
    """The models inside an annotation, with ``("*",)`` where a list lies on the way."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield (), annotation
        return
    origin = typing.get_origin(annotation)
    if origin is list:
        for arg in typing.get_args(annotation):
            for suffix, inner in _nested(arg):
                yield ("*", *suffix), inner
    elif origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            yield from _nested(arg)


def _walk(value: Any, pattern: tuple[str, ...], path: DataPath) -> Iterator[tuple[DataPath, Any]]:
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _walk(item, rest, (*path, index))
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest, (*path, head))


def path_problems(document: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    """A problem for each path field of ``model`` in the document whose value could lead out of its folder."""
    problems: list[Problem] = []
    for pattern, rule in path_fields(model):
        for path, value in _walk(document.data, pattern, ()):
            reason = why_outside(value) if isinstance(value, str) else None
            if reason is None:
                continue
            problems.append(PathOutside(document.path, document.position(path), {
                "field": ".".join(str(part) for part in path), "found": repr(value)[:80], "reason_zh": reason[0],
                "reason_en": reason[1], "folder_zh": rule.folder_zh, "folder_en": rule.folder_en, "example": rule.example}))
    return problems
