"""The kinds of entry, declared once: where each kind's files live, where its pages go, its model and its names.

Every table that lists kinds is computed from a :class:`Kinds` registry: the loader's folders, the corpus's
tables, the page folders, the raw-reference scan, the search's kinds, the schemas, the scaffolds, the web
form's collections and relations, the preview's watch list. A field that names other entries says so in the
model (:class:`generator.content.model.Refers`), so the reference fields are read from the model too.

Adding a kind is an entry here (or in a registry built from :data:`CORPUS_KINDS` with :meth:`Kinds.adding`),
a model and a page template. The corpus's kinds are declared here; the course, which pulls entries in
rather than being one, is declared by generator/courses/kind.py, and the command line joins the two.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.model import (
    DOCUMENT_KIND_NAMES,
    FACT_KIND_NAMES,
    LEVEL_NAMES,
    VALIDITY_NAMES,
    Case,
    Document,
    Indicator,
    Refers,
    Term,
    Theme,
)

# One step of a field path: a field name, or "*" for every item of a list.
FieldPattern = tuple[str, ...]


@dataclass(frozen=True)
class FormSpec:
    """How a kind appears in the web form (Decap CMS): its collection's label, whether new files can be made there."""

    label: str  # the collection's name in the form's sidebar
    rank: int  # position in the sidebar (the most edited first)
    create: bool = True
    omit: frozenset[str] = frozenset()  # fields the form leaves alone (they survive a save untouched)


@dataclass(frozen=True)
class Kind:
    """One kind of entry."""

    name: str  # "document": what problems, links and search call it
    plural: str  # "documents": the corpus's table of them and the web form's collection
    source: str  # "policies": the folder of its files, relative to the project ("policies/indicators")
    pages: str  # "documents": the folder of its pages in the site
    model: type[BaseModel]
    name_field: str  # the field holding its name ("title" or "name"), a Bilingual
    zh: str  # "文件": one of them, in Chinese …
    en: str  # "document": … and in English
    title: tuple[str, str]  # its listing's heading, zh and en ("政策文件", "Documents")
    form: FormSpec | None = None  # None: not in the web form
    template: str = ""  # the page template (templates/<name>.md.j2 by default)
    template_folder: Path | None = None  # where ``template`` is, when not among the site's own templates
    in_corpus: bool = True  # loaded and linked by generator/content (False: the course, checked by generator/courses)
    choices: tuple[Mapping[Any, tuple[str, str]], ...] = ()  # the zh/en names of its model's fixed choices
    skeleton_note: tuple[str, ...] = ()  # extra comment lines at the top of ``compendium new`` skeletons

    @property
    def source_parts(self) -> tuple[str, ...]:
        return tuple(self.source.split("/"))

    @property
    def template_name(self) -> str:
        return self.template or f"{self.name}.md.j2"

    @property
    def has_aliases(self) -> bool:
        """Whether its entries have a name and aliases that lead to one page (each alias must be unique)."""
        return "aliases" in self.model.model_fields

    @property
    def references(self) -> list[tuple[FieldPattern, Refers]]:
        """Every field of the model (nested models included) that names other entries, with its path pattern."""
        return model_references(self.model)


@dataclass(frozen=True)
class Kinds:
    """A registry of kinds, in the order their pages are listed; lookups by name, collection and folder."""

    members: tuple[Kind, ...]
    _by_name: dict[str, Kind] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {kind.name: kind for kind in self.members})
        for attribute in ("name", "plural", "source", "pages"):
            values = [getattr(kind, attribute) for kind in self.members]
            if len(set(values)) != len(values):
                raise ValueError(f"two kinds share a {attribute}: {values}")

    def __iter__(self) -> Iterator[Kind]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Kind:
        return self._by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.members)

    def adding(self, *kinds: Kind) -> Kinds:
        """This registry with ``kinds`` after its own."""
        return Kinds((*self.members, *kinds))

    def corpus(self) -> Kinds:
        """The kinds the corpus loads and links (all but the course)."""
        return Kinds(tuple(kind for kind in self.members if kind.in_corpus))

    def in_form(self) -> list[Kind]:
        """The kinds the web form edits, in its sidebar's order."""
        ranked = [(kind.form.rank, kind) for kind in self.members if kind.form is not None]
        return [kind for _, kind in sorted(ranked, key=lambda pair: pair[0])]

    def by_plural(self, plural: str) -> Kind:
        return next(kind for kind in self.members if kind.plural == plural)

    def of_file(self, path: Path) -> str | None:
        """The kind a YAML file holds, judged by the folder it sits in (the deepest match); None for other files."""
        folders = path.parent.parts
        best: Kind | None = None
        for kind in self.members:
            parts = kind.source_parts
            if folders[-len(parts):] == parts and (best is None or len(parts) > len(best.source_parts)):
                best = kind
        return best.name if best is not None else None

    @property
    def folder_names(self) -> frozenset[str]:
        """The last part of every kind's folder (policies, indicators, casebook …)."""
        return frozenset(kind.source_parts[-1] for kind in self.members)

    @property
    def top_folders(self) -> tuple[str, ...]:
        """The project's top folders that hold entry files, without repeats, in registry order."""
        return tuple(dict.fromkeys(kind.source_parts[0] for kind in self.members))


def refers_of(info: FieldInfo) -> Refers | None:
    """The :class:`Refers` mark of a model field (on the field, or inside its annotation), if it has one."""
    for item in info.metadata:
        if isinstance(item, Refers):
            return item
    return _refers_in(info.annotation)


def _refers_in(annotation: Any) -> Refers | None:
    if typing.get_origin(annotation) is typing.Annotated:
        for item in annotation.__metadata__:
            if isinstance(item, Refers):
                return item
    for argument in typing.get_args(annotation):
        found = _refers_in(argument)
        if found is not None:
            return found
    return None


def nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (``Place``, ``list[Step]``, ``Source | None``) and whether it is a list of them."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return nested_model(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if origin is list:
        inner, _ = nested_model(typing.get_args(annotation)[0])
        return inner, True
    for argument in typing.get_args(annotation):  # X | None
        if argument is not type(None):
            inner, many = nested_model(argument)
            if inner is not None:
                return inner, many
    return None, False


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin is list:
        return True
    return any(_is_list(argument) for argument in typing.get_args(annotation) if argument is not type(None))


def model_references(model: type[BaseModel], prefix: FieldPattern = ()) -> list[tuple[FieldPattern, Refers]]:
    """Path patterns ("*" for each item of a list) of every field under ``model`` marked with :class:`Refers`."""
    return list(_model_references(model, prefix))


@functools.cache
def _model_references(model: type[BaseModel], prefix: FieldPattern) -> tuple[tuple[FieldPattern, Refers], ...]:
    """:func:`model_references`, worked out once per model (linking asks for every entry: a fifth of a check)."""
    found: list[tuple[FieldPattern, Refers]] = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        refers = refers_of(info)
        if refers is not None:
            found.append(((*path, "*") if _is_list(info.annotation) else path, refers))
            continue
        inner, many = nested_model(info.annotation)
        if inner is not None:
            found += _model_references(inner, (*path, "*") if many else path)
    return tuple(found)


def values_at(value: Any, pattern: FieldPattern, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """The values at ``pattern`` ("*": each item of a list) in a validated entry, with their paths (a reference field's ids)."""
    if value is None:
        return []
    if not pattern:
        return [(path, value)] if isinstance(value, str) else []
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        found: list[tuple[tuple[str | int, ...], str]] = []
        for index, item in enumerate(value or []):
            found += values_at(item, rest, (*path, index))
        return found
    return values_at(getattr(value, head), rest, (*path, head))


def enum_names(kinds: Kinds) -> dict[type[Enum], dict[Any, tuple[str, str]]]:
    """Every fixed choice's zh/en names that the kinds declare, by its enum."""
    names: dict[type[Enum], dict[Any, tuple[str, str]]] = {}
    for kind in kinds:
        for table in kind.choices:
            names[type(next(iter(table)))] = dict(table)
    return names


DOCUMENT = Kind(
    "document", "documents", "policies", "documents", Document, "title", "文件", "document", ("政策文件", "Documents"),
    # metadata only: sections and facts come from source intake and survive a save untouched
    form=FormSpec("政策文件（基本信息）", rank=5, create=False, omit=frozenset({"sections", "facts"})),
    choices=(DOCUMENT_KIND_NAMES, LEVEL_NAMES, VALIDITY_NAMES, FACT_KIND_NAMES),
    skeleton_note=("# 有原文文件时，用 compendium source add 文件 生成这个条目：它保存来源并按标题切分条款。",
                   "# With the source file at hand, use compendium source add FILE instead: it keeps the source and splits the clauses."),
)
INDICATOR = Kind("indicator", "indicators", "policies/indicators", "indicators", Indicator, "name", "指标", "indicator",
                 ("指标", "Indicators"), form=FormSpec("指标", rank=3))
CASE = Kind("case", "cases", "casebook", "cases", Case, "name", "案例", "case", ("优秀社区工作法", "Community work methods"),
            form=FormSpec("优秀社区工作法 · 案例", rank=1))
TERM = Kind("term", "terms", "glossary", "glossary", Term, "name", "术语", "term", ("术语", "Glossary"), form=FormSpec("术语", rank=2))
THEME = Kind("theme", "themes", "themes", "themes", Theme, "name", "主题", "theme", ("主题", "Themes"), form=FormSpec("主题", rank=4))

# The corpus: what generator/content loads, validates and links, in the order the site lists them.
CORPUS_KINDS = Kinds((DOCUMENT, INDICATOR, CASE, TERM, THEME))
