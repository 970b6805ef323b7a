"""The linked corpus: every entry by id, references resolved, backlinks gathered.

All cross-references go through :class:`Corpus`; templates receive resolved objects and
page addresses from here, never ids to assemble into paths themselves.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.content.kinds import CORPUS_KINDS, Kinds, values_at
from generator.content.loading import LoadedEntry, LoadResult
from generator.content.model import Case, Clause, Document, Fact, Indicator, Refers, Section, Term, Theme
from generator.content.problems import AmbiguousAlias, BadRange, DuplicateId, MissingReference, NotAFact, Problem
from generator.content.rawrefs import raw_references
from generator.content.yamlsource import DataPath

ANCHOR_NAMES = ("条款或事实", "clause or fact")  # what a reference to a missing anchor missed


def kind_names(kinds: Kinds = CORPUS_KINDS) -> dict[str, tuple[str, str]]:
    """Each kind's name in Chinese and English (and an anchor's), as problems name what a reference missed."""
    return {**{kind.name: (kind.zh, kind.en) for kind in kinds}, "anchor": ANCHOR_NAMES}


KIND_NAMES = kind_names()


@dataclass(frozen=True)
class Target:
    """Something a link can point at: an entry page, optionally an anchor on it."""

    kind: str
    entry_id: str
    anchor: str | None = None
    folder: str = field(default="", compare=False)  # its kind's page folder, for a kind not in CORPUS_KINDS

    @property
    def page(self) -> str:
        """Path of the generated Markdown page, relative to the docs folder."""
        return f"{self.folder or CORPUS_KINDS[self.kind].pages}/{self.entry_id}.md"

    @property
    def page_key(self) -> tuple[str, str]:
        return (self.kind, self.entry_id)


@dataclass(frozen=True)
class Backlink:
    """``source`` links to the target; ``role`` says how (shown on the target's page)."""

    source: Target
    role: str


@dataclass
class Corpus:
    """Validated entries indexed by id (one table per kind), with anchors and backlinks resolved."""

    kinds: Kinds = CORPUS_KINDS
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> id -> entry
    anchors: dict[tuple[str, str], Section | Clause | Fact] = field(default_factory=dict)
    fact_anchors: dict[int, str] = field(default_factory=dict)
    facts_by_indicator: dict[str, list[tuple[Document, Fact]]] = field(default_factory=lambda: defaultdict(list))
    backlinks: dict[tuple[str, str, str | None], list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    disagreement_pairs: dict[frozenset[int], tuple[tuple[Document, Fact], tuple[Document, Fact]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        for kind in self.kinds:
            self.tables.setdefault(kind.name, {})

    def table(self, kind: str) -> dict[str, Any]:
        return self.tables[kind]

    @property
    def documents(self) -> dict[str, Document]:
        return self.tables["document"]

    @property
    def indicators(self) -> dict[str, Indicator]:
        return self.tables["indicator"]

    @property
    def cases(self) -> dict[str, Case]:
        return self.tables["case"]

    @property
    def terms(self) -> dict[str, Term]:
        return self.tables["term"]

    @property
    def themes(self) -> dict[str, Theme]:
        return self.tables["theme"]

    def target(self, kind: str, entry_id: str, anchor: str | None = None) -> Target:
        """A link target; its page folder comes from this corpus's kinds."""
        return Target(kind, entry_id, anchor, self.kinds[kind].pages)

    def anchor_of(self, fact: Fact) -> str:
        """The anchor a fact has on its document page (its id, or a generated one)."""
        return self.fact_anchors[id(fact)]

    def facts_of(self, indicator_id: str) -> list[tuple[Document, Fact]]:
        """Every (document, fact) about the indicator, in corpus order."""
        return self.facts_by_indicator.get(indicator_id, [])

    def disagreements_of(self, fact: Fact) -> list[tuple[Document, Fact]]:
        """The facts an editor marked (on either side, ``disagrees_with``) as disagreeing with ``fact``."""
        found = []
        for first, second in self.disagreement_pairs.values():
            if first[1] is fact:
                found.append(second)
            elif second[1] is fact:
                found.append(first)
        return found

    def clause_of(self, document: Document, clause_id: str) -> Clause | None:
        found = self.anchors.get((document.id, clause_id))
        return found if isinstance(found, Clause) else None

    def links_to(self, target: Target) -> list[Backlink]:
        """Backlinks to ``target`` (deduplicated, in corpus order)."""
        seen: set[Backlink] = set()
        result = []
        for link in self.backlinks.get((target.kind, target.entry_id, target.anchor), []):
            if link not in seen:
                seen.add(link)
                result.append(link)
        return result

    def title_of(self, target: Target, lang: str) -> str:
        entry = self.table(target.kind)[target.entry_id]
        text = getattr(entry, "title", None) or entry.name
        return text.en if lang == "en" and text.en else text.zh


class Linker:
    """Builds the :class:`Corpus` from loaded entries and reports broken references."""

    def __init__(self, loaded: LoadResult) -> None:
        self.loaded = loaded
        self.kinds = loaded.kinds
        self.names = kind_names(self.kinds)
        self.corpus = Corpus(self.kinds)
        self.problems: list[Problem] = []
        # ids of entries that exist but failed validation: references to them are not reported again
        self.invalid_ids: set[tuple[str, str]] = set()

    def link(self) -> tuple[Corpus, list[Problem]]:
        self._index()
        self._check_aliases()
        for item in self.loaded.entries:
            if item.entry is None:
                self._check_invalid_entry(item)
                continue
            self._link_fields(item)
            if item.kind == "document":
                self._link_facts(item)
        return self.corpus, self.problems

    def _check_invalid_entry(self, item: LoadedEntry) -> None:
        """Report the missing references of an entry whose fields did not validate (generator/content/rawrefs.py)."""
        for path, refers, value in raw_references(item.source, self.kinds[item.kind].references):
            if refers.anchors:
                self.resolve_ref(value, item, path)
            else:
                self.resolve_id(refers.kind, value, item, path)

    def _link_fields(self, item: LoadedEntry) -> None:
        """Resolve every reference field of the entry's model; each found target gets a backlink.

        The backlink's role is "theme" for a theme, else the kind of the entry that links.
        """
        me = self.corpus.target(item.kind, item.entry.id)
        for pattern, refers in self.kinds[item.kind].references:
            if not refers.linked:
                continue
            for path, value in values_at(item.entry, pattern):
                target = self._resolve(refers, value, item, path)
                if target is not None:
                    self._add_backlink(target, me, "theme" if refers.kind == "theme" else item.kind)

    def _resolve(self, refers: Refers, value: str, item: LoadedEntry, path: DataPath) -> Target | None:
        return self.resolve_ref(value, item, path) if refers.anchors else self.resolve_id(refers.kind, value, item, path)

    def _problem(self, cls: type[Problem], item: LoadedEntry, path: DataPath, **params: object) -> None:
        self.problems.append(cls(item.path, item.source.position(path), params))

    def _index(self) -> None:
        first: dict[tuple[str, str], LoadedEntry] = {}
        for item in self.loaded.entries:
            if item.entry is None:
                raw_id = item.source.data.get("id") if isinstance(item.source.data, dict) else None
                if isinstance(raw_id, str):
                    self.invalid_ids.add((item.kind, raw_id))
                continue
            key = (item.kind, item.entry.id)
            if key in first:
                what = self.names[item.kind][1]
                self._problem(DuplicateId, item, ("id",), what=what, id=item.entry.id, other=str(first[key].path))
                continue
            first[key] = item
            self.corpus.table(item.kind)[item.entry.id] = item.entry
            if item.kind == "document":
                self._index_anchors(item)

    def _check_aliases(self) -> None:
        """Each alias leads to one page: not another entry's name or alias, nor its own name again.

        A case and the glossary term of the same work method may share a name (四议两公开 is both).
        """
        named = [item for item in self.loaded.entries if item.entry is not None and self.kinds[item.kind].has_aliases]
        owners: dict[str, tuple[str, str]] = {}
        for item in named:
            owners.setdefault(item.entry.name.zh, (item.kind, item.entry.id))
        for item in named:
            own = (item.kind, item.entry.id)
            own_names = {item.entry.name.zh}
            for index, alias in enumerate(item.entry.aliases):
                repeated = alias in own_names
                own_names.add(alias)
                other = own if repeated else owners.setdefault(alias, own)
                if (repeated or other != own) and {other[0], item.kind} != {"case", "term"}:
                    what_zh, what_en = self.names[other[0]]
                    self._problem(AmbiguousAlias, item, ("aliases", index), alias=alias, other=other[1],
                                  other_zh=what_zh, other_en=what_en)

    def _index_anchors(self, item: LoadedEntry) -> None:
        document: Document = item.entry
        seen: set[str] = set()

        def claim(anchor: str, target: Section | Clause | Fact, path: DataPath) -> None:
            if anchor in seen:
                self._problem(DuplicateId, item, path, what="anchor", id=anchor, other=str(item.path))
                return
            seen.add(anchor)
            self.corpus.anchors[(document.id, anchor)] = target

        for s_index, section in enumerate(document.sections):
            claim(section.id, section, ("sections", s_index, "id"))
            for c_index, clause in enumerate(section.clauses):
                claim(clause.id, clause, ("sections", s_index, "clauses", c_index, "id"))
        for f_index, fact in enumerate(document.facts):
            anchor = fact.id or f"fact-{f_index + 1}"
            self.corpus.fact_anchors[id(fact)] = anchor
            claim(anchor, fact, ("facts", f_index, "id"))

    def _add_backlink(self, target: Target, source: Target, role: str) -> None:
        self.corpus.backlinks[(target.kind, target.entry_id, target.anchor)].append(Backlink(source, role))
        if target.anchor is not None:  # a link to a clause is also a link to its page
            self.corpus.backlinks[(target.kind, target.entry_id, None)].append(Backlink(source, role))

    def resolve_id(self, kind: str, value: str, item: LoadedEntry, path: DataPath) -> Target | None:
        if value in self.corpus.table(kind):
            return self.corpus.target(kind, value)
        if (kind, value) in self.invalid_ids:
            return None  # the entry exists; its own problems are reported
        self._missing(kind, value, list(self.corpus.table(kind)), item, path)
        return None

    def resolve_ref(self, value: str, item: LoadedEntry, path: DataPath) -> Target | None:
        """Resolve ``document`` or ``document#anchor``."""
        document_id, _, anchor = value.partition("#")
        if ("document", document_id) in self.invalid_ids:
            return None  # the document exists; its own problems are reported
        if document_id not in self.corpus.documents:
            self._missing("document", document_id, list(self.corpus.documents), item, path)
            return None
        if anchor and (document_id, anchor) not in self.corpus.anchors:
            known = [a for (d, a) in self.corpus.anchors if d == document_id]
            self._missing("anchor", value, [f"{document_id}#{a}" for a in known], item, path)
            return None
        return Target("document", document_id, anchor or None)

    def _missing(self, kind: str, value: str, known: list[str], item: LoadedEntry, path: DataPath) -> None:
        match = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        zh, en = (f"，是否应为 “{match[0]}”？", f"; did you mean '{match[0]}'?") if match else ("", "")
        what_zh, what_en = self.names[kind]
        self._problem(MissingReference, item, path, what_zh=what_zh, what_en=what_en, ref=value,
                      suggestion_zh=zh, suggestion_en=en)

    def _link_facts(self, item: LoadedEntry) -> None:
        """A document's facts: each fact links its indicator (the backlink is the fact's) and its clause."""
        document: Document = item.entry
        for index, fact in enumerate(document.facts):
            path = ("facts", index)
            anchor = self.corpus.anchor_of(fact)
            fact_target = Target("document", document.id, anchor)
            indicator = self.resolve_id("indicator", fact.indicator, item, (*path, "indicator"))
            if indicator:
                self._add_backlink(indicator, fact_target, fact.kind.value)
                self.corpus.facts_by_indicator[fact.indicator].append((document, fact))
            if self.corpus.clause_of(document, fact.clause) is None:
                known = [a for (d, a), t in self.corpus.anchors.items() if d == document.id and isinstance(t, Clause)]
                self._missing("anchor", fact.clause, known, item, (*path, "clause"))
            elif indicator:
                self._add_backlink(Target("document", document.id, fact.clause), indicator, "indicator")
            if fact.value_max is not None and fact.value_max < fact.value:
                self._problem(BadRange, item, (*path, "value_max"), value=fact.value, value_max=fact.value_max)
            self._link_disagreements(item, document, fact, path)

    def _link_disagreements(self, item: LoadedEntry, document: Document, fact: Fact, path: DataPath) -> None:
        """``disagrees_with`` names other facts; each pair is kept once, whichever side names it."""
        for index, ref in enumerate(fact.disagrees_with):
            ref_path = (*path, "disagrees_with", index)
            target = self.resolve_ref(ref, item, ref_path)
            if target is None:
                continue
            other = self.corpus.anchors.get((target.entry_id, target.anchor or ""))
            if not isinstance(other, Fact) or other is fact:
                what = ("本事实自身", "this fact itself") if other is fact else (
                    ("条款或章节", "a clause or section") if target.anchor else ("整份文件", "a whole document"))
                self._problem(NotAFact, item, ref_path, ref=ref, what_zh=what[0], what_en=what[1])
                continue
            pair = frozenset((id(fact), id(other)))
            if pair not in self.corpus.disagreement_pairs:
                self.corpus.disagreement_pairs[pair] = ((document, fact), (self.corpus.documents[target.entry_id], other))

