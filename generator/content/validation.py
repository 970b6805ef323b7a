"""Check one entry's data against the model and turn pydantic's errors into Problems.

Pydantic reports a location path for each error; we map it back to the line and column
the YAML loader recorded, and to the problem class editors can look up by code.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from generator.content.ids import ID_MAX_LENGTH, has_han, is_device_name, pinyin_id
from generator.content.model import ID_PATTERN
from generator.content.problems import (
    BadChoice,
    BadDate,
    BadId,
    BadValue,
    EmptyField,
    IdTooLong,
    MissingField,
    Problem,
    ReservedName,
    UnknownField,
    WrongType,
)
from generator.content.safepaths import path_problems
from generator.content.textsafety import MarkdownSafety  # noqa: F401  (re-exported: loading and courses check with it)
from generator.content.yamlsource import DataPath, YamlDocument

_EXPECTED: dict[str, tuple[str, str]] = {
    "int_type": ("整数（如 2018，不加引号）", "a whole number (e.g. 2018, unquoted)"),
    "float_type": ("数字（不加引号）", "a number (unquoted)"),
    "string_type": ("文本", "text"),
    "list_type": ("列表", "a list"),
    "model_type": ("键值映射", "a mapping of fields"),
    "dict_type": ("键值映射", "a mapping of fields"),
    "model_attributes_type": ("键值映射", "a mapping of fields"),
    "bool_type": ("true 或 false", "true or false"),
}



def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping / 映射"
    if isinstance(value, list):
        return "a list / 列表"
    if isinstance(value, str):
        return repr(value)
    return f"{value!r} ({type(value).__name__})"


def _clean_location(data: Any, loc: tuple[Any, ...], keep_last: bool) -> DataPath:
    """Drop pydantic's union-member tags so the path follows the data."""
    path: list[str | int] = []
    current = data
    last = len(loc) - 1
    for index, part in enumerate(loc):
        in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_mapping or in_list:
            path.append(part)
            current = current[part]
        elif keep_last and index == last and isinstance(part, str) and isinstance(current, dict):
            path.append(part)
    return tuple(path)


def _model_fields_at(model: type[BaseModel], path: DataPath) -> list[str]:
    """Field names of the model class found at ``path`` below ``model`` (for suggestions)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _find_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _find_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found is not None:
                return found
    return None


def _suggest(word: str, choices: list[str]) -> tuple[str, str]:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not match:
        return "", ""
    return f"，是否应为 “{match[0]}”？", f"; did you mean '{match[0]}'?"


def model_problems(document: YamlDocument, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``document.data`` against ``model``; return the entry or the problems.

    A path field (a capture) that could lead out of its folder makes the entry invalid even when it has the
    right type, so no command ever reads or writes through it.
    """
    outside = path_problems(document, model)
    try:
        entry = model.model_validate(document.data)
    except ValidationError as error:
        problems: dict[tuple[DataPath, str], Problem] = {}
        for item in error.errors(include_url=False):
            problem = _to_problem(document, model, item)
            key = (cast("DataPath", problem.params.get("_path", ())), problem.code)  # _path: set by _to_problem
            # A number field is a union of int and float: the float message is the one to show.
            if key not in problems or item["type"] == "float_type":
                problems[key] = problem
        for problem in problems.values():
            problem.params.pop("_path", None)
        return None, [*outside, *problems.values()]
    return (None, outside) if outside else (entry, [])


def _choices(item: Any) -> list[str]:
    """The allowed values pydantic lists for an enum error ("'a', 'b' or 'c'")."""
    return re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))


def _to_problem(document: YamlDocument, model: type[BaseModel], item: Any) -> Problem:
    kind: str = item["type"]
    loc: tuple[Any, ...] = item["loc"]
    found = item.get("input")
    path = _clean_location(document.data, loc, keep_last=kind in ("missing", "extra_forbidden"))
    name = ".".join(str(part) for part in path) or "(entry)"
    field_name = str(path[-1]) if path else "(entry)"
    file = document.path
    common: dict[str, object] = {"field": name, "found": _describe(found), "_path": path}
    if kind == "extra_forbidden":
        allowed = _model_fields_at(model, path[:-1])
        zh, en = _suggest(field_name, allowed)
        return UnknownField(file, document.position(path, prefer_key=True),
                            {**common, "field": field_name, "suggestion_zh": zh, "suggestion_en": en,
                             "allowed_zh": "、".join(allowed), "allowed_en": ", ".join(allowed)})
    if kind == "missing":
        return MissingField(file, document.position(path[:-1], prefer_key=True), {**common, "field": name})
    position = document.position(path)
    if found is None and (kind in _EXPECTED or kind == "enum"):  # `key:` with nothing after it, as a skeleton leaves it
        if kind == "enum":
            options = _choices(item)
            zh, en = f"（可选：{'、'.join(options)}）", f" (one of: {', '.join(options)})"
        else:
            zh, en = f"（{_EXPECTED[kind][0]}）", f" ({_EXPECTED[kind][1]})"
        return EmptyField(file, position, {**common, "expected_zh": zh, "expected_en": en})
    if kind in _EXPECTED:
        zh, en = _EXPECTED[kind]
        return WrongType(file, position, {**common, "expected_zh": zh, "expected_en": en})
    if kind == "enum":
        options = _choices(item)
        zh, en = _suggest(str(found), options) if isinstance(found, str) else ("", "")
        return BadChoice(file, position, {**common, "choices": ", ".join(options),
                                          "suggestion_zh": zh, "suggestion_en": en})
    if kind.startswith("date") or "YYYY-MM-DD" in str(item.get("msg", "")):
        return BadDate(file, position, common)
    if kind == "id_too_long" and isinstance(found, str):
        return IdTooLong(file, position, {**common, "start": found[:24], "length": len(found), "limit": ID_MAX_LENGTH})
    if kind == "id_reserved":
        example = _id_from_name(document) if path == ("id",) else None
        return ReservedName(file, position, {**common, "found": found, "example": example or f"{found}-1"})
    if kind == "string_pattern_mismatch" and item.get("ctx", {}).get("pattern") == ID_PATTERN:
        hint_zh = hint_en = ""
        if isinstance(found, str) and has_han(found) and pinyin_id(found):
            hint_zh = f"；id 请用拼音，如 “{pinyin_id(found)}”"
            hint_en = f"; write the id in pinyin, e.g. '{pinyin_id(found)}'"
        return BadId(file, position, {**common, "hint_zh": hint_zh, "hint_en": hint_en})
    zh, en = _constraint_detail(kind, item.get("ctx", {}), str(item.get("msg", kind)))
    return BadValue(file, position, {**common, "detail_zh": zh, "detail_en": en})


def _id_from_name(document: YamlDocument) -> str | None:
    """The pinyin id of the entry's Chinese name or title, to suggest instead of an unusable id."""
    data = document.data if isinstance(document.data, dict) else {}
    for key in ("name", "title"):
        text = data.get(key)
        zh = text.get("zh") if isinstance(text, dict) else None
        if isinstance(zh, str) and has_han(zh):
            candidate = pinyin_id(zh)[:ID_MAX_LENGTH].rstrip("-")
            if candidate and not is_device_name(candidate):
                return candidate
    return None


# What a failed constraint asks for, in Chinese and English (pydantic's own text is English only).
_CONSTRAINTS: dict[str, tuple[str, str]] = {
    "string_too_short": ("至少需要 {min_length} 个字符", "must be at least {min_length} characters long"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} item(s)"),
    "greater_than_equal": ("不能小于 {ge}", "must be at least {ge}"),
    "less_than_equal": ("不能大于 {le}", "must be at most {le}"),
    "string_pattern_mismatch": ("应写成 document-id 或 document-id#anchor（小写短横线格式）",
                                "must be document-id or document-id#anchor, in lowercase kebab-case"),
}


def _constraint_detail(kind: str, ctx: dict[str, Any], message: str) -> tuple[str, str]:
    """The bilingual detail of a bad-value problem."""
    if kind in _CONSTRAINTS:
        zh, en = _CONSTRAINTS[kind]
        return zh.format(**ctx), en.format(**ctx)
    if "must not be blank" in message:
        return "文本不能为空或只有空白", "text must not be empty or only whitespace"
    return f"不符合要求（{message}）", message

