"""JSON Schemas for editors: the model's fields, with zh/en descriptions, fixed choices and the form of every id.

One schema per entry kind, and one for courses (``courses/*.yml``: methods, groupings, the clock, every field
described, the form of each pulled id).

VS Code with Red Hat's YAML extension (``.vscode/settings.json``) reads ``schemas/`` and then completes
field names and fixed choices (kind, level, status …), shows each field's Chinese and English description
on hover, and marks an id that is not lowercase kebab-case or a reference not written ``document#clause``.

The schemas hold no ids of the corpus. They used to list every existing id as an enum, and went stale with
every new entry: a document added with ``source add`` had its clause ids marked as errors until someone ran
``compendium schema``, and an entry added on a Git host's web page or through the hosted form, where nobody
can run it, would have failed its pull request — while two pull requests adding entries would both rewrite
the same 170 kB of generated JSON and conflict. Whether an id exists is ``compendium check``'s to say (it
also suggests the nearest one), and the form offers existing ids to choose from. So the schemas change only
when the content model does, and ``compendium schema --check`` (run by the pull-request workflows) fails
with a clear message when they were not regenerated after a change to the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.kinds import Kind, Kinds, nested_model, refers_of

EXISTS = ("是否存在由 compendium check 核对（并提示最接近的 id）", "compendium check verifies that it exists and suggests the nearest")


def _describe(node: dict[str, Any], hint: tuple[str, str]) -> None:
    """Say, on the field's hover, which ids it takes and that check verifies them."""
    zh, en = hint
    description = node.get("description", "")
    node["description"] = f"{description} {zh}；{EXISTS[0]}。/ {en}; {EXISTS[1]}.".strip()


def _models(model: type[BaseModel], found: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """``model`` and every model nested in it, by name (as the schema's ``$defs`` name them)."""
    found.setdefault(model.__name__, model)
    for info in model.model_fields.values():
        inner, _ = nested_model(info.annotation)
        if inner is not None and inner.__name__ not in found:
            _models(inner, found)
    return found


def entry_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind (JSON Schema 2020-12), derived from its model alone; reference fields (Refers) say what they name."""
    schema = kind.model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind.name}.schema.json"
    models = _models(kind.model, {})
    for name, node in [(kind.model.__name__, schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        for field, property_node in node.get("properties", {}).items():
            refers = refers_of(model.model_fields[field]) if model is not None and field in model.model_fields else None
            if refers is not None:
                _describe(property_node, refers.hint)
    return schema


def schema_texts(kinds: Kinds) -> dict[str, str]:
    """File name -> text of every kind's schema, as ``compendium schema`` writes them."""
    return {f"{kind.name}.schema.json": json.dumps(entry_schema(kind), ensure_ascii=False, indent=1) + "\n" for kind in kinds}


def write_schemas(out: Path, kinds: Kinds) -> list[Path]:
    """Write every kind's schema into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(kinds).items():
        target = out / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def stale_schemas(folder: Path, kinds: Kinds) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from what the model gives."""
    stale = []
    for name, text in schema_texts(kinds).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
