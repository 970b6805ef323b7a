"""References of entries that failed validation, found in whatever data did parse.

A misspelt field makes an entry invalid, so it is not linked; without this pass its broken
references (a theme that does not exist, a wrong clause id) would appear only after the field
problem was fixed, one run later. Values already reported (wrong type, bad id) are skipped.
The fields to look in are the model's reference fields (:attr:`generator.content.kinds.Kind.references`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.content.kinds import FieldPattern
from generator.content.model import ID_PATTERN, REF_PATTERN, Refers
from generator.content.yamlsource import DataPath, YamlDocument

_ID = re.compile(ID_PATTERN)
_REF = re.compile(REF_PATTERN)


def _walk(value: Any, pattern: FieldPattern, path: DataPath) -> Iterator[tuple[DataPath, Any]]:
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


def raw_references(source: YamlDocument, fields: list[tuple[FieldPattern, Refers]]) -> Iterator[tuple[DataPath, Refers, str]]:
    """(where, what it names, the value) of each well-formed reference in an invalid entry's data, not yet reported."""
    data = source.data
    if not isinstance(data, dict):
        return
    reported = {(problem.position.line, problem.position.column) for problem in source.problems}
    for pattern, refers in fields:
        for path, value in _walk(data, pattern, ()):
            position = source.position(path)
            if not isinstance(value, str) or (position.line, position.column) in reported:
                continue
            if (_REF if refers.anchors else _ID).match(value):
                yield path, refers, value
