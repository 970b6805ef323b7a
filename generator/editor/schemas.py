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

from generator.content.kinds import CORPUS_KINDS
from generator.courses.model import Course

# the kinds that get a schema: every entry kind, and the course, which pulls entries in
SCHEMA_MODELS: dict[str, type[BaseModel]] = {**{kind.name: kind.model for kind in CORPUS_KINDS}, "course": Course}
# field name (in any model) -> what its values name, for the description an editor reads on hover
REFERENCE_FIELDS: dict[str, tuple[str, str]] = {
    "themes": ("主题 id，见 themes/ 文件夹", "theme ids: see the themes/ folder"),
    "indicator": ("指标 id，见 policies/indicators/", "an indicator id: see policies/indicators/"),
    "indicators": ("指标 id，见 policies/indicators/", "indicator ids: see policies/indicators/"),
    "terms": ("术语 id，见 glossary/", "term ids: see glossary/"),
    "related": ("术语 id，见 glossary/", "term ids: see glossary/"),
    "documents": ("文件 id 或 文件id#条款id，如 henan-2022-community-service-plan#s3-1",
                  "document ids or document-id#clause-id, e.g. henan-2022-community-service-plan#s3-1"),
    "cites": ("文件id#条款id 或 文件id#事实id", "document-id#clause-id or document-id#fact-id"),
    "ref": ("文件 id 或 文件id#条款id，如 henan-2022-community-service-plan#s3-1",
            "a document id or document-id#clause-id, e.g. henan-2022-community-service-plan#s3-1"),
}
# and in a course (a document's ``clauses`` are its own sections' clauses, not references)
COURSE_FIELDS: dict[str, tuple[str, str]] = {
    **REFERENCE_FIELDS,
    "cases": ("案例 id，见 casebook/；网页表单中从列表选", "case ids: see casebook/; the web form lists them"),
    "clauses": ("条款 文件id#条款id，如 henan-2023-reply-proposal-1310536#s1-3；网页表单中按条款文字查找",
                "clauses, document-id#clause-id, e.g. henan-2023-reply-proposal-1310536#s1-3; the web form finds them by their words"),
    "pre_reading": REFERENCE_FIELDS["ref"],
}
EXISTS = ("是否存在由 compendium check 核对（并提示最接近的 id）", "compendium check verifies that it exists and suggests the nearest")


def _describe(node: dict[str, Any], field: str, fields: dict[str, tuple[str, str]]) -> None:
    """Say, on the field's hover, which ids it takes and that check verifies them."""
    zh, en = fields[field]
    description = node.get("description", "")
    node["description"] = f"{description} {zh}；{EXISTS[0]}。/ {en}; {EXISTS[1]}.".strip()


def entry_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one entry kind (JSON Schema 2020-12), derived from the content model alone."""
    schema = SCHEMA_MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    fields = COURSE_FIELDS if kind == "course" else REFERENCE_FIELDS
    for model in [schema, *schema.get("$defs", {}).values()]:
        for field, node in model.get("properties", {}).items():
            if field in fields:
                _describe(node, field, fields)
    return schema


def schema_texts() -> dict[str, str]:
    """File name -> text of every schema, as ``compendium schema`` writes them."""
    return {f"{kind}.schema.json": json.dumps(entry_schema(kind), ensure_ascii=False, indent=1) + "\n" for kind in SCHEMA_MODELS}


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        target = out / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from what the model gives."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
