"""What the form's clause picker lists and what its quote check needs: every citable passage, readable, and where it lies.

Each document, clause and fact with an id is listed with its readable citation (the site's, from
generator/content/citations.py: 社区治理创新专项行动方案 四、（二）) and its words, so an editor on a phone
finds a clause by a phrase of it and tells clauses apart by more than the document's name. For the quote
check, each clause's stretch of its source (generator/content/clausemap.py) is given in the fingerprint's
offsets, so the form, like ``compendium check``, refuses a quote cited to a clause it is not in and names the
one it is in. Documents are named by their title, never by their id.
"""

from __future__ import annotations

from typing import Any

from generator.content.citations import citation, short_title
from generator.content.clausemap import anchor_clauses, clause_map
from generator.content.links import Corpus
from generator.content.model import Document
from generator.content.sources import SourceLibrary

TEXT_LIMIT = 600  # characters of a clause searched and shown (the start of a long clause finds it; the page has the rest)


def document_refs(corpus: Corpus) -> list[list[str]]:
    """[ref, kind, citation, text] of every document, clause and fact with an id, in reading order."""
    refs: list[list[str]] = []
    for document in corpus.documents.values():
        name = short_title(document, "zh")
        refs.append([document.id, "document", f"{name}（整个文件）", document.title.zh])
        for section in document.sections:
            for clause in section.clauses:
                heading = clause.heading.zh if clause.heading else ""
                words = f"{heading}{'。' if heading and not heading.endswith(('。', '：', ':')) else ''}{clause.text.zh}"
                refs.append([f"{document.id}#{clause.id}", "clause", citation(corpus, document, clause.id, "zh"),
                             words[:TEXT_LIMIT]])
        for fact in document.facts:
            if fact.id:
                refs.append([f"{document.id}#{fact.id}", "fact", citation(corpus, document, fact.id, "zh") + " · 数据",
                             fact.quote])
    return refs


def clause_regions(corpus: Corpus, library: SourceLibrary) -> dict[str, dict[str, list[list[int]]]]:
    """For each document with a source at hand: each anchor's stretches of it, [start, end) in fingerprint offsets."""
    regions: dict[str, dict[str, list[list[int]]]] = {}
    for document in corpus.documents.values():
        text = library.text(document.source.capture) if document.source.capture else None
        if text is None:
            continue
        mapped = clause_map(document, text)
        anchors: dict[str, list[list[int]]] = {}
        for (owner, anchor), target in corpus.anchors.items():
            if owner != document.id:
                continue
            stretches = [[mapped.regions[c].start, mapped.regions[c].end] for c in anchor_clauses(document, target)
                         if c in mapped.regions]
            if stretches:
                anchors[anchor] = stretches
        regions[document.id] = anchors
    return regions


def titles(documents: dict[str, Document]) -> dict[str, str]:
    """How the form names each document in its messages: the short title (else the title)."""
    return {document_id: short_title(document, "zh") for document_id, document in documents.items()}


def picker_data(corpus: Corpus, library: SourceLibrary) -> dict[str, Any]:
    return {"refs": document_refs(corpus), "regions": clause_regions(corpus, library), "titles": titles(corpus.documents)}
