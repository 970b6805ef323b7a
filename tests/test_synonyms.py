"""The synonym list: what it expands to, and that the repository's own list is clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.search.synonyms import load_synonyms
from generator.site.projectcheck import check_project

ROOT = Path(__file__).parent.parent
VALID = Path(__file__).parent / "data" / "valid"


def corpus_with(tmp_path: Path, synonyms: str) -> Path:
    shutil.copytree(VALID, tmp_path / "corpus")
    (tmp_path / "corpus" / "synonyms.yml").write_text(synonyms, encoding="utf-8")
    return tmp_path / "corpus"


def test_the_repository_list_is_clean_and_has_the_issue_examples() -> None:
    table, problems = load_synonyms(ROOT)
    assert problems == []
    assert table.expansions("zh")["物业公司"] == ["物业服务企业"]
    assert "养老服务场所" in table.expansions("zh")["养老驿站"]
    assert table.expansions("en")["older people"] == ["elderly"]


def test_chains_are_followed_one_way(tmp_path: Path) -> None:
    root = corpus_with(tmp_path, "zh:\n  - typed: [设施]\n    means: [服务设施]\n"
                                 "  - typed: [服务设施, 服务站]\n    means: 社区服务设施\n")
    table, problems = load_synonyms(root)
    assert problems == []
    assert table.expansions("zh") == {"设施": ["服务设施", "社区服务设施"], "服务设施": ["社区服务设施"],
                                      "服务站": ["社区服务设施"]}
    assert table.expansions("en") == {}


def test_english_targets_are_whole_words_ignoring_case(tmp_path: Path) -> None:
    root = corpus_with(tmp_path, "en:\n  - typed: [centers]\n    means: [Centres, facilit]\n")
    _, problems = load_synonyms(root)
    assert [(p.code, p.params["word"]) for p in problems] == [("synonym-not-in-corpus", "facilit")]


def test_no_list_means_no_synonyms_and_no_problems(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "corpus")
    table, problems = load_synonyms(tmp_path / "corpus")
    assert (table.groups, problems) == ([], [])


def test_an_empty_list_is_fine(tmp_path: Path) -> None:
    table, problems = load_synonyms(corpus_with(tmp_path, "# 以后再加\n"))
    assert (table.groups, problems) == ([], [])


def test_the_list_is_not_taken_for_an_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = corpus_with(tmp_path, "zh:\n  - typed: [设施]\n    means: [服务设施]\n")
    result = check_project([root], None)
    assert result.problems == []
    assert all(item.path.name != "synonyms.yml" for item in result.loaded.entries)
    assert main(["check", str(root), "--lang", "en", "--sources", str(VALID.parent / "sources")]) == 0
    assert "no problems found (8 entries" in capsys.readouterr().out


def test_problems_come_with_yaml_problems_of_the_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = corpus_with(tmp_path, "zh:\n  - typed: [设施]\n    typed: [服务]\n    means: [服务设施]\n")
    assert main(["check", str(root), "--lang", "en"]) == 1
    assert "synonyms.yml:3:5: [duplicate-key]" in capsys.readouterr().out
