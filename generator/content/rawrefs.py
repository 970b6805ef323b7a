"""References of entries that failed validation, checked on whatever data did parse.

A misspelt field makes an entry invalid, so it is not linked; without this pass its broken
references (a theme that does not exist, a wrong clause id) would appear only after the field
problem was fixed, one run later. Values already reported (wrong type, bad id) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.content.model import ID_PATTERN, REF_PATTERN
from generator.content.yamlsource import DataPath

if TYPE_CHECKING:
    from generator.content.links import Linker
    from generator.content.loading import LoadedEntry

_ID = re.compile(ID_PATTERN)
_REF = re.compile(REF_PATTERN)

# (path pattern, kind): "*" walks every item of a list; kind "ref" is document or document#anchor.
_REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "document": [(("themes", "*"), "theme"), (("facts", "*", "indicator"), "indicator")],
    "indicator": [(("themes", "*"), "theme")],
    "case": [(("themes", "*"), "theme"), (("documents", "*"), "ref"), (("outcomes", "*", "cites", "*"), "ref"),
             (("sources", "*", "ref"), "ref"), (("indicators", "*"), "indicator"), (("terms", "*"), "term")],
    "term": [(("themes", "*"), "theme"), (("definitions", "*", "source", "ref"), "ref"), (("related", "*"), "term")],
    "theme": [],
}


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


def check_invalid_entry(linker: Linker, item: LoadedEntry) -> None:
    """Report missing references of an entry whose fields did not validate."""
    data = item.source.data
    if not isinstance(data, dict):
        return
    reported = {(problem.position.line, problem.position.column) for problem in item.source.problems}
    for pattern, kind in _REFERENCES[item.kind]:
        for path, value in _walk(data, pattern, ()):
            position = item.source.position(path)
            if not isinstance(value, str) or (position.line, position.column) in reported:
                continue
            if kind == "ref":
                if _REF.match(value):
                    linker.resolve_ref(value, item, path)
            elif _ID.match(value):
                linker.resolve_id(kind, value, item, path)
