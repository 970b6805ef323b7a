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

from generator.content.kinds import Kind
from generator.content.model import Bilingual

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


def skeleton(kind: Kind, entry_id: str, name_zh: str, name_en: str | None, hints: dict[str, str] | None = None) -> str:
    """The text of a new file of ``kind``: block style, commented, required values empty."""
    values = {"id": entry_id, f"{kind.name_field}.zh": _scalar(name_zh)}
    if name_en:
        values[f"{kind.name_field}.en"] = _scalar(name_en)
    builder = Skeleton(values, hints or {})
    header = [
        f"# 新{kind.zh}：{name_zh} · new {kind.name}: {name_en or name_zh}",
        "# 每个字段上方的注释说明它的含义；空着的必填字段会让 compendium check 报错，填好后再运行 compendium check。",
        "# The comment above each field says what it holds; empty required fields fail `compendium check` until filled.",
        "# 可不填的字段可以删除。Optional fields may be deleted.",
        *kind.skeleton_note,
        "",
    ]
    builder.model(kind.model, "", "")
    return "\n".join(header + builder.lines) + "\n"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar, quoted when plain style would misread it."""
    special = set(":#{}[],&*!|>'\"%@`") | {"-", "?"}
    if text and not (set(text) & special) and text.strip() == text and not text[:1].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
