"""What the web form checks before it saves (checks.json): quotes against their source, ids and aliases already taken.

Decap checks required fields, patterns and relations; it cannot know whether a quote occurs in the
source it cites, whether a new entry's id or an alias is taken, or whether a text holds raw HTML or a
``javascript:`` link. ``compendium check`` does, but only once the pull request runs. The admin
therefore ships each cited document's fingerprint (the same ordered window hashes ``compendium check``
uses, see :class:`generator.content.quotes.Fingerprint`; an article's words are not shipped), the ids,
names and aliases in use, and markdown-it 14.1.0 (the version markdown-it-py ports); compendium-checks.js
refuses to save an entry that ``check`` would reject for these reasons, saying why in Chinese and English.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from generator.content.links import KIND_NAMES
from generator.content.pipeline import check_corpus
from generator.content.quotes import CapturedText, Fingerprint, SourceLibrary
from generator.editor.decap_config import COLLECTIONS, BackendOptions, decap_config
from generator.editor.decap_refs import picker_data

# Collection name -> entry kind, as the loader names kinds.
KINDS = {"cases": "case", "terms": "term", "indicators": "indicator", "themes": "theme", "documents": "document", "courses": "course"}


def document_prints(root: Path, library: SourceLibrary, documents: dict[str, Any]) -> dict[str, str | None]:
    """Each document's fingerprint hashes (base64); None when it has no capture; left out when the capture is missing."""
    prints: dict[str, str | None] = {}
    for document_id, document in sorted(documents.items()):
        capture = document.source.capture
        if capture is None:
            prints[document_id] = None
            continue
        text = library.text(capture)
        if isinstance(text, CapturedText):
            text = Fingerprint.of_text(capture, text.text)
        if isinstance(text, Fingerprint):
            prints[document_id] = base64.b64encode(b"".join(text.hashes)).decode("ascii")
    return prints


def field_labels(fields: list[dict[str, Any]], prefix: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> dict[str, str]:
    """Each field path without list indices ("steps.title.zh") and the labels an editor sees ("按顺序的步骤 › 步骤名称 › 中文文本")."""
    labels: dict[str, str] = {}
    for spec in fields:
        path = (*prefix, spec["name"])
        chain = (*names, str(spec.get("label", spec["name"])))
        labels[".".join(path)] = " › ".join(chain)
        labels.update(field_labels(spec.get("fields", []), path, chain))
    return labels


def form_checks(root: Path, sources: Path | None = None) -> dict[str, Any]:
    """The data compendium-checks.js needs: fingerprint settings, each document's hashes, the ids in use by collection."""
    result = check_corpus([root], None)
    ids: dict[str, list[str]] = {spec.name: [] for spec in COLLECTIONS}
    names = {kind: name for name, kind in KINDS.items()}
    for item in result.loaded.entries:
        entry_id = item.entry.id if item.entry is not None else None
        if item.kind in names and isinstance(entry_id, str):
            ids[names[item.kind]].append(entry_id)
    ids["courses"] = list(result.courses.courses)
    names = [[item.kind, item.entry.id, item.entry.name.zh, list(item.entry.aliases)] for item in result.loaded.entries
             if item.entry is not None and item.kind in ("indicator", "case", "term")]
    library = SourceLibrary.for_project(root, sources)
    return {
        "window": Fingerprint.WINDOW,
        "digest_bytes": Fingerprint.DIGEST_BYTES,
        "person": Fingerprint.PERSON.decode("ascii"),
        "documents": document_prints(root, library, result.corpus.documents),
        "ids": {name: sorted(values) for name, values in ids.items()},
        "kinds": KINDS,
        "names": names,  # [kind, id, Chinese name, aliases] of every entry with aliases (indicators, cases, terms)
        "kind_names": {kind: list(KIND_NAMES[kind]) for kind in ("indicator", "case", "term")},
        "labels": {collection["name"]: field_labels(collection["fields"])
                   for collection in decap_config(BackendOptions())["collections"]},
        # the clause picker's list (readable citations and words), each clause's stretch of its source, document titles
        **picker_data(result.corpus, library),
    }
