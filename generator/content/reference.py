"""The field reference page, generated from the model so it can never fall behind it."""

from __future__ import annotations

from pydantic import BaseModel

from generator.content.kinds import CORPUS_KINDS
from generator.content.model import Bilingual, Place, Section, Source


def _nested(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for info in model.model_fields.values():
        text = str(info.annotation)
        for candidate in _all_models():
            if candidate.__name__ in text and candidate not in found and candidate is not model:
                found.append(candidate)
    return found


def _all_models() -> list[type[BaseModel]]:
    import generator.content.model as model_module

    return [value for value in vars(model_module).values()
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == model_module.__name__
            and value.__name__ != "Strict"]


def field_reference(lang: str) -> str:
    """Markdown tables of every field of every entry type, with both descriptions."""
    title = "Field reference" if lang == "en" else "字段参考"
    lines = [f"# {title}", ""]
    seen: set[type[BaseModel]] = set()
    queue: list[type[BaseModel]] = [*(kind.model for kind in CORPUS_KINDS), Bilingual, Source, Section, Place]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        lines += [f"## {model.__name__} {{ #{model.__name__.lower()} }}", "", (model.__doc__ or "").strip(), "",
                  "| field | required | zh | en |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            zh, _, en = (info.description or "").partition(" / ")
            required = "✔" if info.is_required() else ""
            lines.append(f"| `{name}` | {required} | {zh} | {en} |")
        lines.append("")
        queue.extend(m for m in _nested(model) if m not in seen)
    return "\n".join(lines) + "\n"
