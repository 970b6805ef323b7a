"""What a model field holds, read from its type annotation: the input the web-form generator maps to widgets."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

ShapeKind = Literal["model", "enum", "str", "int", "number", "date", "list"]
SCALARS: dict[Any, ShapeKind] = {str: "str", int: "int", float: "number", date: "date"}


@dataclass(frozen=True)
class Shape:
    """One field's value shape: kind, constraints and, for lists and models, what is inside."""

    kind: ShapeKind
    optional: bool = False
    pattern: str | None = None
    min_length: int | None = None
    ge: int | float | None = None
    le: int | float | None = None
    model: type[BaseModel] | None = None
    enum: type[Enum] | None = None
    item: Shape | None = None
    constraints: dict[str, Any] = field(default_factory=dict)


def field_shape(info: FieldInfo) -> Shape:
    """The shape of a pydantic field, constraints included (pydantic keeps top-level ones in ``metadata``)."""
    return _shape(info.annotation, list(info.metadata))


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_constraints(list(item.metadata)))
            continue
        for name in ("pattern", "min_length", "ge", "le"):
            value = getattr(item, name, None)
            if value is not None:
                found[name] = value
    return found


def _shape(annotation: Any, metadata: list[Any], optional: bool = False) -> Shape:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _shape(inner, metadata + extra, optional)
    if origin in (typing.Union, types.UnionType):
        return _union_shape(annotation, metadata, optional)
    found = _constraints(metadata)
    common: dict[str, Any] = {"optional": optional, "constraints": found,
                              **{k: found.get(k) for k in ("pattern", "min_length", "ge", "le")}}
    if origin is list:
        (item,) = typing.get_args(annotation)
        return Shape("list", item=_shape(item, []), **common)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation, **common)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Shape("enum", enum=annotation, **common)
    if annotation in SCALARS:
        return Shape(SCALARS[annotation], **common)
    raise TypeError(f"no widget for the type {annotation!r}")


def _union_shape(annotation: Any, metadata: list[Any], optional: bool) -> Shape:
    members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    is_optional = optional or len(members) < len(typing.get_args(annotation))
    if len(members) == 1:
        return _shape(members[0], metadata, is_optional)
    if {_shape(member, []).kind for member in members} <= {"int", "number"}:
        return Shape("number", optional=is_optional)
    raise TypeError(f"no widget for the union {annotation!r}")

