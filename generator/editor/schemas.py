"""JSON Schemas for editors: the model's fields with zh/en descriptions, and the corpus's ids as enums.

VS Code with Red Hat's YAML extension (``.vscode/settings.json``) reads ``schemas/`` and then
completes reference fields (themes, indicators, terms, documents and document#clause) from the ids
that exist, showing each id's Chinese and English name. The schemas are committed, so this works
on clone; ``tests/test_editor_schemas.py`` fails when they are stale (run ``compendium schema``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.content.links import Corpus
from generator.content.model import ENTRY_MODELS, Clause, Fact, Section

# field name (in any model) -> what its values name
REFERENCE_FIELDS: dict[str, str] = {
    "themes": "theme",
    "indicator": "indicator",
    "indicators": "indicator",
    "terms": "term",
    "related": "term",
    "documents": "ref",
    "cites": "ref",
    "ref": "ref",
}


def _name(entry: Any) -> str:
    text = getattr(entry, "title", None) or entry.name
    return f"{text.zh} / {text.en}" if text.en else text.zh


def _anchor_name(target: Section | Clause | Fact) -> str:
    if isinstance(target, Fact):
        return f"{target.kind.value}: {target.quote}"
    heading = target.heading.zh if target.heading else ""
    text = target.text.zh if isinstance(target, Clause) else ""
    words = " ".join(part for part in (target.label or "", heading, text) if part)
    return words[:60] + ("…" if len(words) > 60 else "")


def reference_values(corpus: Corpus) -> dict[str, list[tuple[str, str]]]:
    """For each kind of reference, the ids that exist and a zh/en description of each, sorted."""
    values: dict[str, list[tuple[str, str]]] = {
        kind: sorted((entry_id, _name(entry)) for entry_id, entry in corpus.table(kind).items())
        for kind in ("theme", "indicator", "term")
    }
    refs = [(document_id, _name(document)) for document_id, document in corpus.documents.items()]
    refs += [(f"{document_id}#{anchor}", _anchor_name(target)) for (document_id, anchor), target in corpus.anchors.items()]
    values["ref"] = sorted(refs)
    return values


def _constrain(node: dict[str, Any], values: list[tuple[str, str]]) -> None:
    """Put the enum on the string schema of a field (or of its list items)."""
    target = node.get("items", node) if node.get("type") == "array" else node
    if "anyOf" in target:  # an optional field: `str | None`
        target = next((option for option in target["anyOf"] if option.get("type") == "string"), target)
    target["enum"] = [value for value, _ in values]
    target["markdownEnumDescriptions"] = [description for _, description in values]


def entry_schema(kind: str, values: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """The JSON Schema of one entry kind, with reference fields limited to ``values``."""
    schema = ENTRY_MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    for model in [schema, *schema.get("$defs", {}).values()]:
        for field, node in model.get("properties", {}).items():
            if field in REFERENCE_FIELDS:
                _constrain(node, values[REFERENCE_FIELDS[field]])
    return schema


def schema_texts(corpus: Corpus) -> dict[str, str]:
    """File name -> text of every schema, as ``compendium schema`` writes them."""
    values = reference_values(corpus)
    return {f"{kind}.schema.json": json.dumps(entry_schema(kind, values), ensure_ascii=False, indent=1) + "\n"
            for kind in ENTRY_MODELS}


def write_schemas(corpus: Corpus, out: Path) -> list[Path]:
    """Write every schema into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(corpus).items():
        target = out / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
