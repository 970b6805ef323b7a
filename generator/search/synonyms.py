"""The reviewed synonym list (``synonyms.yml`` at the corpus root): read, validate, expand.

A group maps the words readers type to the words the pages use::

    zh:
      - typed: [物业公司]
        means: [物业服务企业]

Expansion is one way (typed → meant) and follows chains (a → b, b → c gives a → b, c), so a
cycle is an error. Every meant word must occur in the corpus of its language. Entry aliases
are synonyms too; the search index derives those from the entries themselves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.loading import EntryLoader, LoadResult
from generator.content.problems import (
    Position,
    Problem,
    SymlinkOutside,
    SynonymCycle,
    SynonymDuplicate,
    SynonymMalformed,
    SynonymNotInCorpus,
    SynonymUnknownLanguage,
)
from generator.content.safepaths import link_leaves
from generator.content.yamlsource import DataPath, YamlDocument, read_yaml

SYNONYMS_FILE = "synonyms.yml"
LANGUAGES = ("zh", "en")
_LANGUAGE_NAMES = {"zh": ("中文", "Chinese"), "en": ("英文", "English")}
_GROUP_KEYS = ("typed", "means")


def word_key(word: str) -> str:
    """The form two words are compared in: NFKC, case folded, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", word).casefold().split())


@dataclass
class SynonymGroup:
    """One group of the list: the words readers type and the corpus words they stand for."""

    lang: str
    typed: list[str]
    means: list[str]
    path: DataPath


@dataclass
class SynonymTable:
    """The valid groups of the synonym list, by language."""

    groups: list[SynonymGroup] = field(default_factory=list)

    def expansions(self, lang: str) -> dict[str, list[str]]:
        """Typed word → the corpus words it stands for, following chains, in list order."""
        direct: dict[str, list[str]] = {}
        spelling: dict[str, str] = {}
        for group in self.groups:
            if group.lang != lang:
                continue
            for typed in group.typed:
                spelling.setdefault(word_key(typed), typed)
                targets = direct.setdefault(word_key(typed), [])
                targets.extend(word for word in group.means if word not in targets)
        result: dict[str, list[str]] = {}
        for key, typed in spelling.items():
            seen: list[str] = []
            pending = list(direct[key])
            while pending:
                word = pending.pop(0)
                if word in seen or word_key(word) == key:
                    continue
                seen.append(word)
                pending.extend(direct.get(word_key(word), []))
            result[typed] = seen
        return result


class CorpusWords:
    """The text of every entry, per language, to tell whether a word occurs in the corpus."""

    def __init__(self, loaded: LoadResult) -> None:
        parts: dict[str, list[str]] = {"zh": [], "en": []}
        for item in loaded.entries:
            _collect(item.source.data, "zh", parts)
        self.text = {lang: word_key("\n".join(texts)) for lang, texts in parts.items()}

    def has(self, lang: str, word: str) -> bool:
        key = word_key(word)
        if lang == "en":
            return re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", self.text["en"]) is not None
        return key in self.text["zh"]


def _collect(data: Any, lang: str, parts: dict[str, list[str]]) -> None:
    if isinstance(data, str):
        parts[lang].append(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            _collect(value, "en" if key == "en" else lang, parts)
    elif isinstance(data, list):
        for value in data:
            _collect(value, lang, parts)


def load_synonyms(root: Path, loaded: LoadResult | None = None) -> tuple[SynonymTable, list[Problem]]:
    """Read ``root/synonyms.yml`` (an empty table when absent) and check it against the corpus.

    ``loaded`` is the corpus already read; without it the entries under ``root`` are loaded.
    """
    path = root / SYNONYMS_FILE
    if not path.is_file():
        return SynonymTable(), []
    target = link_leaves(path, root)
    if target is not None:  # a link out of the project is never read (its words would show in the messages)
        return SynonymTable(), [SymlinkOutside(path, Position(1, 1), {"what_zh": "同义词表", "what_en": "synonym list",
                                                                     "target": str(target)})]
    document = read_yaml(path)
    # the list is not an entry: a file that is empty or not a mapping is judged by SynonymReader
    document.problems = [problem for problem in document.problems if problem.code != "not-an-entry"]
    if document.problems:
        return SynonymTable(), list(document.problems)
    table, problems = SynonymReader(document).read()
    if table.groups:
        corpus = CorpusWords(loaded if loaded is not None else EntryLoader().load([root]))
        problems.extend(_missing_targets(document, table, corpus))
    return table, problems


def check_synonyms(paths: Iterable[Path], loaded: LoadResult) -> list[Problem]:
    """Problems in the synonym list at the top of each corpus folder in ``paths``."""
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            problems.extend(load_synonyms(path, loaded)[1])
    return problems


class SynonymReader:
    """Turns the data of ``synonyms.yml`` into groups, with every problem at its position."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def problem(self, cls: type[Problem], path: DataPath, prefer_key: bool = False, **params: object) -> None:
        self.problems.append(cls(self.document.path, self.document.position(path, prefer_key), params))

    def malformed(self, path: DataPath, zh: str, en: str, prefer_key: bool = False) -> None:
        self.problem(SynonymMalformed, path, prefer_key, detail_zh=zh, detail_en=en)

    def read(self) -> tuple[SynonymTable, list[Problem]]:
        data = self.document.data
        table = SynonymTable()
        if data is None:
            return table, self.problems
        if not isinstance(data, dict):
            self.malformed((), "文件应分为 zh: 和 en: 两部分", "the file must have a zh: and an en: part")
            return table, self.problems
        for lang, groups in data.items():
            if lang not in LANGUAGES:
                self.problem(SynonymUnknownLanguage, (lang,), prefer_key=True, lang=lang)
                continue
            if groups is None:
                continue
            if not isinstance(groups, list):
                self.malformed((lang,), f"{lang}: 下应是一组一组的列表（每组以 - 开头）",
                               f"{lang}: must hold a list of groups (each starting with -)")
                continue
            for index, raw in enumerate(groups):
                group = self.group(lang, index, raw)
                if group is not None:
                    table.groups.append(group)
        self.check_duplicates(table)
        self.check_cycles(table)
        return table, self.problems

    def group(self, lang: str, index: int, raw: Any) -> SynonymGroup | None:
        path: DataPath = (lang, index)
        if not isinstance(raw, dict):
            self.malformed(path, "一组应写成 typed: 和 means: 两个键", "a group must be a mapping with typed: and means:")
            return None
        words: dict[str, list[str]] = {}
        for key in raw:
            if key not in _GROUP_KEYS:
                self.malformed((*path, key), f"未知的键 “{key}”", f"unknown key '{key}'", prefer_key=True)
        for key in _GROUP_KEYS:
            if key not in raw:
                self.malformed(path, f"缺少 {key}:", f"{key}: is missing")
                continue
            found = self.words((*path, key), raw[key])
            if found is not None:
                words[key] = found
        if set(words) != set(_GROUP_KEYS) or len(words) != len(raw):
            return None
        return SynonymGroup(lang, words["typed"], words["means"], path)

    def words(self, path: DataPath, value: Any) -> list[str] | None:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            self.malformed(path, f"{path[-1]}: 应是一个词或一列词，不能为空", f"{path[-1]}: must be a word or a list of words, not empty")
            return None
        good = True
        for number, word in enumerate(values):
            if not isinstance(word, str) or not word.strip():
                where = (*path, number) if isinstance(value, list) else path
                self.malformed(where, f"{path[-1]}: 中的 {word!r} 不是一个词", f"{word!r} in {path[-1]}: is not a word")
                good = False
        return [word.strip() for word in values] if good else None

    def position_of(self, group: SynonymGroup, key: str, number: int) -> DataPath:
        return (*group.path, key, number)

    def check_duplicates(self, table: SynonymTable) -> None:
        first_typed: dict[tuple[str, str], int] = {}
        for group in table.groups:
            meant = {word_key(word) for word in group.means}
            seen_means: set[str] = set()
            for number, word in enumerate(group.means):
                if word_key(word) in seen_means:
                    self.duplicate(group, ("means", number), word, ("同一组的 means 中写了两次", "it is listed twice in means:"))
                seen_means.add(word_key(word))
            for number, word in enumerate(group.typed):
                key = (group.lang, word_key(word))
                line = self.document.position(self.position_of(group, "typed", number)).line
                if word_key(word) in meant:
                    self.duplicate(group, ("typed", number), word, ("同一组中把它映射到它自己", "the group maps it to itself"))
                elif key in first_typed:
                    first = first_typed[key]
                    self.duplicate(group, ("typed", number), word, (f"第 {first} 行已把它作为输入词",
                                                                    f"it is already a typed word at line {first}"))
                first_typed.setdefault(key, line)

    def duplicate(self, group: SynonymGroup, where: tuple[str, int], word: str, detail: tuple[str, str]) -> None:
        self.problem(SynonymDuplicate, self.position_of(group, *where), word=word, detail_zh=detail[0], detail_en=detail[1])

    def check_cycles(self, table: SynonymTable) -> None:
        for lang in LANGUAGES:
            edges: dict[str, list[tuple[str, SynonymGroup, int]]] = {}
            for group in table.groups:
                if group.lang != lang:
                    continue
                for number, typed in enumerate(group.typed):
                    edges.setdefault(word_key(typed), []).extend(
                        (word_key(word), group, number) for word in group.means if word_key(word) != word_key(typed))
            reported: set[frozenset[str]] = set()
            for start in edges:
                cycle = _find_cycle(start, edges)
                if cycle is None or frozenset(word for word, _, _ in cycle) in reported:
                    continue
                reported.add(frozenset(word for word, _, _ in cycle))
                _, group, number = cycle[-1]
                words = " → ".join([*(word for word, _, _ in cycle), cycle[0][0]])
                self.problem(SynonymCycle, self.position_of(group, "typed", number), cycle=words)


def _find_cycle(start: str, edges: dict[str, list[tuple[str, SynonymGroup, int]]]) -> list[tuple[str, SynonymGroup, int]] | None:
    """A path start → … → start, each step (word, group, typed index) of the edge leaving it; None if none."""
    stack: list[tuple[str, list[tuple[str, SynonymGroup, int]]]] = [(start, [])]
    visited: set[str] = set()
    while stack:
        word, trail = stack.pop()
        for target, group, number in edges.get(word, []):
            step = [*trail, (word, group, number)]
            if target == start:
                return step
            if target not in visited:
                visited.add(target)
                stack.append((target, step))
    return None


def _missing_targets(document: YamlDocument, table: SynonymTable, corpus: CorpusWords) -> list[Problem]:
    problems: list[Problem] = []
    for group in table.groups:
        zh_name, en_name = _LANGUAGE_NAMES[group.lang]
        for number, word in enumerate(group.means):
            if not corpus.has(group.lang, word):
                where = document.position((*group.path, "means", number))
                problems.append(SynonymNotInCorpus(document.path, where,
                                                   {"word": word, "lang_zh": zh_name, "lang_en": en_name}))
    return problems
