"""The whole project's check: the corpus (generator/content), its synonym list (generator/search) and its courses
(generator/courses), assembled here, the lowest floor that may use all three (``compendium check`` and ``build``)."""

from __future__ import annotations

from pathlib import Path

from generator.content.kinds import CORPUS_KINDS, Kinds
from generator.content.pipeline import check_corpus
from generator.content.sources import SourceLibrary
from generator.courses.checks import CourseCheck, with_courses
from generator.search.synonyms import check_synonyms


def check_project(paths: list[Path], sources: SourceLibrary | None, *, freeze: bool = False,
                  kinds: Kinds = CORPUS_KINDS) -> CourseCheck:
    """Every entry, the synonym list (synonyms.yml) and every course under ``paths``; problems sorted as ``check`` prints them.

    ``freeze``: for one-shot commands (see :func:`generator.content.pipeline.check_corpus`); ``kinds``: the project's.
    """
    result = check_corpus(paths, sources, freeze=freeze, kinds=kinds)
    result.add(check_synonyms(paths, result.loaded))
    return with_courses(result, paths)
