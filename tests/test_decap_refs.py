"""The clause picker's list and ranking (compendium-refs.js with checks.json), run under node.

Every clause is listed by the citation the site prints and its words; a phrase typed as it stands in a clause
brings that clause first, then clauses holding each typed word, then near misses.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest

from generator.content.citations import citation
from generator.content.pipeline import check_corpus
from generator.editor.decap_checks import form_checks
from generator.site.projectcheck import check_project
from tests.conftest import ROOT, project_at

RUNNER = ROOT / "tests" / "js" / "decap_refs.mjs"


def rank(refs: list[list[str]], queries: list[str], kinds: list[str] | None = None) -> list[list[tuple[str, float]]]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (the form's picker is JavaScript)")
        pytest.skip("node is not installed (the form's picker is JavaScript)")
    job = json.dumps({"refs": refs, "queries": queries, "kinds": kinds}, ensure_ascii=False)
    done = subprocess.run([node, str(RUNNER)], input=job, capture_output=True, text=True, check=True, timeout=120)
    return [[(ref, score) for ref, score in found] for found in json.loads(done.stdout)]


@pytest.fixture(scope="module")
def refs() -> list[list[str]]:
    checks: dict[str, Any] = form_checks(project_at(ROOT), check_project)
    return checks["refs"]


def test_every_clause_is_listed_by_its_citation_and_words(refs: list[list[str]]) -> None:
    corpus = check_corpus([ROOT], None).corpus
    listed = {ref: (kind, cited, words) for ref, kind, cited, words in refs}
    for document in corpus.documents.values():
        assert listed[document.id][0] == "document" and document.short_title.zh in listed[document.id][1]  # type: ignore[union-attr]
        for section in document.sections:
            for clause in section.clauses:
                kind, cited, words = listed[f"{document.id}#{clause.id}"]
                assert kind == "clause" and cited == citation(corpus, document, clause.id, "zh")
                assert clause.text.zh[:40] in words
                assert "#" not in cited


def test_the_typed_phrase_comes_first(refs: list[list[str]]) -> None:
    words = {ref: text for ref, _, _, text in refs}
    phrase, two_words = rank(refs, ["家庭养老床位服务", "适老化 床位"])
    assert phrase[0] == ("henan-2023-reply-proposal-1310536#s1-4", 0)
    holding = [ref for ref, _ in phrase if "家庭养老床位服务" in words[ref]]
    assert [ref for ref, _ in phrase[: len(holding)]] == holding, "every clause holding the phrase before any that does not"
    assert all(score == 0 for _, score in phrase[: len(holding)]) and all(score > 0 for _, score in phrase[len(holding):])
    assert two_words and all(("适老化" in words[ref] and "床位" in words[ref]) for ref, score in two_words if score == 1)


def test_a_courses_clauses_are_chosen_among_clauses_only(refs: list[list[str]]) -> None:
    (everything,) = rank(refs, [""], ["clause"])
    kinds = {ref: kind for ref, kind, _, _ in refs}
    assert everything and {kinds[ref] for ref, _ in everything} == {"clause"}
    assert len(everything) == sum(kind == "clause" for kind in kinds.values())
