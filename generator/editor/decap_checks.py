"""What the web form checks before it saves (checks.json): quotes against their source, ids and aliases already taken.

Decap checks required fields, patterns and relations; it cannot know whether a quote occurs in the
source it cites, whether a new entry's id or an alias is taken, or whether a text holds raw HTML or a
``javascript:`` link. ``compendium check`` does, but only once the pull request runs. The admin
therefore ships each cited document's fingerprint (the same ordered window hashes ``compendium check``
uses, see :class:`generator.content.sources.Fingerprint`; an article's words are not shipped), the ids,
names and aliases in use, and markdown-it 14.1.0 (the version markdown-it-py ports); compendium-checks.js
refuses to save an entry that ``check`` would reject for these reasons, saying why in Chinese and English.
"""

from __future__ import annotations

import base64
from typing import Any

from generator.content.links import kind_names
from generator.content.pipeline import Checker
from generator.content.project import Project
from generator.content.sources import CapturedText, Fingerprint, SourceLibrary
from generator.editor.decap_config import BackendOptions, decap_config
from generator.editor.decap_refs import picker_data


def document_prints(library: SourceLibrary, documents: dict[str, Any]) -> dict[str, str | None]:
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


def form_checks(project: Project, check: Checker) -> dict[str, Any]:
    """The data compendium-checks.js needs: fingerprint settings, each document's hashes, the ids in use by collection.

    ``check``: the project's whole check (generator/site/projectcheck.py), which also knows the courses.
    """
    kinds = project.kinds
    result = check([project.root], None)
    in_form = kinds.in_form()
    ids: dict[str, list[str]] = {kind.plural: [] for kind in in_form}
    plurals = {kind.name: kind.plural for kind in in_form}
    for item in result.loaded.entries:
        entry_id = item.entry.id if item.entry is not None else None
        if item.kind in plurals and isinstance(entry_id, str):
            ids[plurals[item.kind]].append(entry_id)
    for kind, found in result.others.items():  # courses: checked outside the corpus
        if kind in plurals:
            ids[plurals[kind]] = list(found)
    aliased = {kind.name for kind in kinds if kind.has_aliases}
    names = [[item.kind, item.entry.id, item.entry.name.zh, list(item.entry.aliases)] for item in result.loaded.entries
             if item.entry is not None and item.kind in aliased]
    library = project.library()
    return {
        "window": Fingerprint.WINDOW,
        "digest_bytes": Fingerprint.DIGEST_BYTES,
        "person": Fingerprint.PERSON.decode("ascii"),
        "documents": document_prints(library, result.corpus.documents),
        "ids": {name: sorted(values) for name, values in ids.items()},
        "kinds": {kind.plural: kind.name for kind in in_form},
        "names": names,  # [kind, id, Chinese name, aliases] of every entry with aliases (indicators, cases, terms)
        "kind_names": {kind: list(zh_en) for kind, zh_en in kind_names(kinds).items() if kind in aliased},
        "labels": {collection["name"]: field_labels(collection["fields"])
                   for collection in decap_config(BackendOptions(), kinds)["collections"]},
        # the clause picker's list (readable citations and words), each clause's stretch of its source, document titles
        **picker_data(result.corpus, library),
    }
