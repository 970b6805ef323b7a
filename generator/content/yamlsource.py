"""Read one YAML file into plain Python data, keeping the position of every key and value.

The data is built from PyYAML's event stream (the C parser when available) rather than
from ``yaml.load``: that lets us reject what PyYAML would accept silently (duplicate keys,
anchors and aliases, tags) and resolve scalars by YAML 1.2 core rules, so ``no`` stays a
string and ``2022-08-17`` stays a string for the date validator.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.problems import (
    DuplicateKey,
    FileTooLarge,
    NotAnEntry,
    NotUtf8,
    Position,
    Problem,
    TooDeep,
    TooManyItems,
    YamlAlias,
    YamlFlowComma,
    YamlMissingDash,
    YamlSyntax,
    YamlTag,
)
from generator.content.yamlhints import MAX_REPAIRS, explain_error, find_typing_mistakes

try:  # the C parser is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same interface, another class

DataPath = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_SUSPICIOUS_KEY_START = ("\u3000", "\t")
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)

# Limits on one file, far above what any entry needs (the largest document: 90 kB, 7 levels, 46 items in a
# list, 919 values), so that a hostile or broken file gives a message instead of exhausting memory or the stack.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20
MAX_ITEMS = 5_000
MAX_VALUES = 100_000


@dataclass
class YamlDocument:
    """The data of one file plus where each key and value stands in it."""

    path: Path
    data: Any = None
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # a key that shows a typing mistake yet parsed (a full-width colon inside, full-width space or tab in front),
    # or a […] list whose items a full-width comma joined into one
    suspicious_keys: bool = False

    def position(self, path: DataPath, prefer_key: bool = False) -> Position:
        """Position of the value (or key) at ``path``, else of its nearest ancestor."""
        probe = path
        while True:
            if prefer_key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]


def resolve_plain_scalar(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars (no YAML 1.1 yes/no/on/off, no timestamps)."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _StopReading(Exception):
    """The file is nested too deeply or holds too many values: reading it stops there.

    Stopping (rather than reading past the rest) matters: libyaml slows down with the square of the depth,
    so a 2 MB file of ``[[[[…`` would keep it busy for hours."""


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.2f}".rstrip("0").rstrip(".") + " MB"


class _Builder:
    """Turns the event stream into data, recording positions and problems."""

    def __init__(self, document: YamlDocument, events: Any, text: str = "") -> None:
        self.document = document
        self.events = events
        self.text = text
        self.count = 0

    def problem(self, cls: type[Problem], mark: Any, **params: object) -> None:
        self.document.problems.append(cls(self.document.path, _position(mark), params))

    def build(self) -> None:
        events = self.events
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            self.problem(NotAnEntry, event.start_mark, found="an empty file / 空文件")
            return
        root_event = next(events)  # the DocumentStart was `event`
        try:
            self.document.data = self.node(root_event, ())
        except _StopReading:
            self.document.data = None
            return
        next(events)  # DocumentEnd
        event = next(events)
        if not isinstance(event, yaml.StreamEndEvent):
            self.problem(NotAnEntry, event.start_mark, found="several YAML documents / 多个 YAML 文档")
        if not isinstance(self.document.data, dict) and self.document.data is not None:
            found = type(self.document.data).__name__
            self.problem(NotAnEntry, root_event.start_mark, found=found)

    def node(self, event: Any, path: DataPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            self.problem(TooManyItems, event.start_mark, what_zh="这个文件的值", what_en="the file", limit=MAX_VALUES)
            raise _StopReading
        self.document.values[path] = _position(event.start_mark)
        if isinstance(event, _OPEN) and len(path) >= MAX_DEPTH:
            self.problem(TooDeep, event.start_mark, limit=MAX_DEPTH)
            raise _StopReading
        if isinstance(event, yaml.AliasEvent):
            self.problem(YamlAlias, event.start_mark, what=f"*{event.anchor}")
            return None
        if event.anchor is not None:
            self.problem(YamlAlias, event.start_mark, what=f"&{event.anchor}")
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            self.check_tag(event, "tag:yaml.org,2002:seq")
            items: list[Any] = []
            for item_event in self.events:
                if isinstance(item_event, yaml.SequenceEndEvent):
                    return items
                if len(items) == MAX_ITEMS:
                    self.problem(TooManyItems, item_event.start_mark, what_zh="这个列表", what_en="this list", limit=MAX_ITEMS)
                    self.skip_to_close(item_event)
                    return items
                items.append(self.node(item_event, (*path, len(items))))
                if event.flow_style and isinstance(items[-1], str) and ("，" in items[-1] or "、" in items[-1]):
                    self.document.suspicious_keys = True  # [a，b]: one item, or two joined by a full-width comma?
        if isinstance(event, yaml.MappingStartEvent):
            self.check_tag(event, "tag:yaml.org,2002:map")
            return self.mapping(path, flow=bool(event.flow_style))
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def skip_to_close(self, pending: Any) -> None:
        """Read past the end of the collection being read (``pending``: its next event, already taken), keeping nothing."""
        level = 1
        for event in itertools.chain([pending], self.events):
            if isinstance(event, _OPEN):
                level += 1
                if level > MAX_DEPTH:
                    self.problem(TooDeep, event.start_mark, limit=MAX_DEPTH)
                    raise _StopReading
            elif isinstance(event, _CLOSE):
                level -= 1
                if level == 0:
                    return

    def check_tag(self, event: Any, standard: str) -> None:
        if event.tag is not None and event.tag not in ("!", standard) and not event.implicit:
            self.problem(YamlTag, event.start_mark, tag=event.tag)

    def scalar(self, event: Any, path: DataPath = ()) -> Any:
        if event.tag is not None and event.tag != "!" and not any(event.implicit):
            self.problem(YamlTag, event.start_mark, tag=event.tag)
        if not event.style:  # plain scalar (the C parser says '' where Python says None)
            if event.end_mark.line > event.start_mark.line:
                self.dash_forgotten(event, path)
            return resolve_plain_scalar(event.value)
        return event.value

    def dash_forgotten(self, event: Any, path: DataPath) -> None:
        """``aliases:`` / ``  红色物业`` / ``  - 物业党建``: the first item lost its "- ", so the list became one text."""
        lines = self.text.split("\n")
        continued = lines[event.start_mark.line + 1: event.end_mark.line + 1]
        if any(line.lstrip().startswith("- ") for line in continued) and not lines[event.start_mark.line].lstrip().startswith("- "):
            first = lines[event.start_mark.line].strip()
            key = str(path[-1]) if path else ""
            self.document.problems.append(YamlMissingDash(self.document.path, _position(event.start_mark),
                                                          {"key": key, "example": f"- {first}"}))

    def mapping(self, path: DataPath, flow: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_event in self.events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            if len(result) == MAX_ITEMS:
                self.problem(TooManyItems, key_event.start_mark, what_zh="这个映射的键", what_en="this mapping", limit=MAX_ITEMS)
                self.skip_to_close(key_event)
                return result
            if isinstance(key_event, yaml.ScalarEvent):
                key = key_event.value
            else:
                self.problem(YamlSyntax, key_event.start_mark, detail_zh="键必须是普通文本", detail_en="a key must be plain text")
                self.node(key_event, (*path, "?"))
                key = f"?{key_event.start_mark.line}"
            value_event = next(self.events)
            if flow and self.split_by_comma(key_event, value_event):
                continue
            if key in first_seen:
                self.problem(DuplicateKey, key_event.start_mark, key=key, first_line=first_seen[key])
                self.node(value_event, (*path, f"{key}#duplicate"))
                continue
            if "：" in key or key[:1] in _SUSPICIOUS_KEY_START:
                self.document.suspicious_keys = True
            first_seen[key] = key_event.start_mark.line + 1
            self.document.keys[(*path, key)] = _position(key_event.start_mark)
            result[key] = self.node(value_event, (*path, key))
        return result  # pragma: no cover - the stream always closes the mapping

    def split_by_comma(self, key_event: Any, value_event: Any) -> bool:
        """In ``{zh: 郑州, 河南, en: …}`` the text after a comma is read as a key without a value: report the comma."""
        if not (isinstance(key_event, yaml.ScalarEvent) and isinstance(value_event, yaml.ScalarEvent)):
            return False
        mark, end, value_mark = key_event.start_mark, key_event.end_mark, value_event.start_mark
        if mark is None or end is None or value_mark is None:  # the parser marks every event; its types allow none
            return False
        if value_event.value or value_event.style or value_mark.index != end.index:
            return False
        before = self.text[: mark.index].rstrip()
        if not before.endswith(","):
            return False  # `{zh}`: a key without a value, reported by the model
        comma = len(before) - 1
        column = mark.column - (mark.index - comma) if comma >= 0 and mark.index - comma <= mark.column else mark.column
        self.document.problems.append(YamlFlowComma(self.document.path, Position(mark.line + 1, column + 1),
                                                    {"fragment": key_event.value}))
        return True


def _utf8_problem(path: Path, raw: bytes, error: UnicodeDecodeError) -> Problem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return NotUtf8(path, Position(line, column), {"offset": error.start})


def read_yaml(path: Path) -> YamlDocument:
    """Load ``path``; any problem is recorded in the result, never raised."""
    document = YamlDocument(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        document.problems.append(FileTooLarge(path, Position(1, 1), {"size": _size(size), "limit": _size(MAX_FILE_BYTES)}))
        return document
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        document.problems.append(_utf8_problem(path, raw, error))
        return document
    return parse_yaml_text(path, text, document)


def parse_yaml_text(path: Path, text: str, document: YamlDocument | None = None) -> YamlDocument:
    """Parse YAML text already decoded; see :func:`read_yaml`.

    A mistake whose repair is certain (a full-width colon, tab or full-width-space indentation) is
    reported, repaired in memory and the text parsed again, so that one typo does not hide the rest.
    """
    document = document or YamlDocument(path)
    if len(text) > MAX_FILE_BYTES:  # text given directly (read_yaml has checked the bytes already)
        size = len(text.encode("utf-8"))
        document.problems.append(FileTooLarge(path, Position(1, 1), {"size": _size(size), "limit": _size(MAX_FILE_BYTES)}))
        return document
    mistakes: list[Problem] = []
    for _ in range(MAX_REPAIRS):
        attempt = YamlDocument(path)
        error = _parse(attempt, text)
        last_line = None if error is None else _error_line(error)
        if error is None and not attempt.suspicious_keys:
            break
        found, repaired = find_typing_mistakes(path, text, last_line)
        found = [problem for problem in found if problem not in mistakes]
        if not found:
            if error is not None:
                attempt.problems.append(explain_error(path, text, error))
                attempt.data = None
            break
        mistakes.extend(found)
        text = repaired
    document.data, document.values, document.keys = attempt.data, attempt.values, attempt.keys
    document.problems.extend([*mistakes, *attempt.problems])
    return document


def _parse(document: YamlDocument, text: str) -> yaml.YAMLError | None:
    try:
        _Builder(document, yaml.parse(text, Loader=_Loader), text).build()
    except yaml.YAMLError as error:
        document.data = None
        return error
    return None


def _error_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return None if mark is None else mark.line + 1
