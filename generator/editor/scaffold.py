"""Write the skeleton of a new entry: block style, a Chinese then English comment on every field.

The skeleton is generated from the content model, so it has every field the model has and no
other. Required values are left empty, so ``compendium check`` fails until an editor fills them
in; optional ones are empty too (``[]`` or nothing), which is valid, and can be filled or deleted.
No invented placeholder text ever reaches a page.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.kinds import CORPUS_KINDS
from generator.content.model import Bilingual
from generator.courses.model import Course

# kind -> the folder its files live in, relative to the project root
ENTRY_FOLDERS: dict[str, str] = {
    "case": "casebook",
    "term": "glossary",
    "indicator": "policies/indicators",
    "document": "policies",
    "theme": "themes",
    "course": "courses",
}
# kind -> its model: the entries', and the course, which pulls entries in
MODELS: dict[str, type[BaseModel]] = {**{kind.name: kind.model for kind in CORPUS_KINDS}, "course": Course}
# the field that holds an entry's Chinese name
NAME_FIELDS: dict[str, str] = {"case": "name", "term": "name", "indicator": "name", "document": "title", "theme": "name",
                               "course": "title"}
_INDENT = "  "


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return (args[0] if len(args) == 1 else annotation), len(args) < len(typing.get_args(annotation))
    return annotation, False


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


_BILINGUAL_COMMENTS = {
    "zh": "中文（必填）/ Chinese (required)",
    "en": "英文译文（可不填）/ English translation (optional)",
    "en_status": "英文状态 English status: draft（草稿）| reviewed（已审校）",
}


def _comment(info: FieldInfo, annotation: Any, required: bool, name: str, in_bilingual: bool) -> str:
    if in_bilingual:
        return _BILINGUAL_COMMENTS[name]
    zh, _, en = (info.description or "").partition(" / ")
    text = f"{zh.strip()} / {en.strip()}"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        text += f" 可选值 choices: {' | '.join(str(member.value) for member in annotation)}"
    return text + ("" if required else "（可不填 optional）")


class Skeleton:
    """Builds the lines of a skeleton file for one entry kind."""

    def __init__(self, values: dict[str, str], hints: dict[str, str]) -> None:
        self.values = values  # dotted field path -> value to write (id, name)
        self.hints = hints  # field name -> extra comment (e.g. the existing theme ids)
        self.lines: list[str] = []

    def model(self, model: type[BaseModel], indent: str, prefix: str, first_dash: bool = False) -> None:
        for index, (name, info) in enumerate(model.model_fields.items()):
            lead = indent[:-2] + "- " if first_dash and index == 0 else indent
            self.field(name, info, (lead, indent), f"{prefix}{name}", in_bilingual=model is Bilingual)

    def field(self, name: str, info: FieldInfo, margin: tuple[str, str], path: str, *, in_bilingual: bool) -> None:
        lead, indent = margin  # the first line's margin (may hold a list dash), and the margin of the rest
        annotation, _ = _unwrap(info.annotation)
        annotation = _base(annotation)
        required = info.is_required()
        comment = _comment(info, annotation, required, name, in_bilingual)
        if name in self.hints:
            comment += f" {self.hints[name]}"
        self.lines.append(f"{indent}# {comment}")
        origin = typing.get_origin(annotation)
        if path in self.values:
            self.lines.append(f"{lead}{name}: {self.values[path]}")
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and required:
            self.lines.append(f"{lead}{name}:")
            self.model(annotation, indent + _INDENT, f"{path}.")
        elif origin is list and required:
            item = _base(typing.get_args(annotation)[0])
            self.lines.append(f"{lead}{name}:")
            if isinstance(item, type) and issubclass(item, BaseModel):
                self.model(item, indent + _INDENT * 2, f"{path}.0.", first_dash=True)
            else:
                self.lines.append(f"{indent}{_INDENT}-")
        elif origin is list:
            self.lines.append(f"{lead}{name}: []")
        elif isinstance(info.default, Enum):
            self.lines.append(f"{lead}{name}: {_scalar(str(info.default.value))}")
        elif isinstance(info.default, str):
            self.lines.append(f"{lead}{name}: {_scalar(info.default)}")
        else:
            self.lines.append(f"{lead}{name}:")


def skeleton(kind: str, entry_id: str, name_zh: str, name_en: str | None, hints: dict[str, str] | None = None) -> str:
    """The text of a new entry file of ``kind``: block style, commented, required values empty."""
    name_field = NAME_FIELDS[kind]
    values = {"id": entry_id, f"{name_field}.zh": _scalar(name_zh)}
    if name_en:
        values[f"{name_field}.en"] = _scalar(name_en)
    builder = Skeleton(values, hints or {})
    header = [
        f"# 新{_KIND_ZH[kind]}：{name_zh} · new {kind}: {name_en or name_zh}",
        "# 每个字段上方的注释说明它的含义；空着的必填字段会让 compendium check 报错，填好后再运行 compendium check。",
        "# The comment above each field says what it holds; empty required fields fail `compendium check` until filled.",
        "# 可不填的字段可以删除。Optional fields may be deleted.",
    ]
    if kind == "document":
        header += ["# 有原文文件时，用 compendium source add 文件 生成这个条目：它保存来源并按标题切分条款。",
                   "# With the source file at hand, use compendium source add FILE instead: it keeps the source and splits the clauses."]
    if kind == "course":
        header += ["# 案例、条款、指标和术语按 id 引用：网页表单（compendium cms）里从列表中选（条款可按文字查找）；",
                   "# 手写时，compendium check 会核对 id 并提示最接近的 id。",
                   "# 课程文字只写教学安排；事实和数字只来自引用的条目。",
                   "# 写好后运行 compendium check 本文件，再运行 compendium course 课程id。",
                   "# Cases, clauses, indicators and terms are pulled by id: pick them from lists in the web form (clauses by",
                   "# their words); written by hand, compendium check verifies each id and suggests the nearest.",
                   "# Facts and figures come only from what is pulled. Then run compendium check on this file,",
                   "# and compendium course ID for the pack."]
    header.append("")
    builder.model(MODELS[kind], "", "")
    return "\n".join(header + builder.lines) + "\n"


_KIND_ZH = {"case": "案例", "term": "术语", "indicator": "指标", "document": "文件", "theme": "主题", "course": "课程"}


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar, quoted when plain style would misread it."""
    special = set(":#{}[],&*!|>'\"%@`") | {"-", "?"}
    if text and not (set(text) & special) and text.strip() == text and not text[:1].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
