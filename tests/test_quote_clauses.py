"""A quote is checked against the clause it cites, from the capture and from the fingerprint alike.

The message names the clause where the quote does occur, by its readable citation and by the id the editor
writes in the YAML; a quote not in the source says what most likely differs (its quote marks, or where it
nearly occurs).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.citations import citation
from generator.content.pipeline import check_corpus
from generator.content.sources import default_sources_dir

ROOT = Path(__file__).parent.parent
PLAN = "henan-2017-governance-innovation-action-plan"
# a sentence of 四、(二) (s4-2) of the 2017 action plan
S4_2 = "加强基层党组织在社区治理中总揽全局、协调各方的领导核心作用"
REPORT = "hunan-2021-governance-report"  # a newspaper report we only summarise: its clauses are our own words
S1_5 = "涟源市“屋场会”等2020年全国“创新社会治理典型案例”"
REPLY = "henan-2023-reply-proposal-1310536"


@pytest.fixture(params=["capture", "fingerprint"])
def project(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus, with the captured sources at hand ("capture") or only their committed fingerprints ("fingerprint")."""
    root = tmp_path / "project"
    for name in ("policies", "casebook", "glossary", "themes", "sources"):
        shutil.copytree(ROOT / name, root / name)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shared = default_sources_dir(ROOT)
    if request.param == "capture":
        if not shared.is_dir():
            if os.environ.get("CI"):
                pytest.fail(f"captured sources not found at {shared}")
            pytest.skip(f"captured sources not found at {shared}")
        monkeypatch.setenv("COMPENDIUM_SOURCES", str(shared))
    else:
        monkeypatch.setenv("COMPENDIUM_SOURCES", str(tmp_path / "no-captures"))
    monkeypatch.chdir(root)
    return root


def _case(root: Path, ref: str, quote: str) -> Path:
    path = root / "casebook" / "ce-shi-an-li.yml"
    path.write_text(f"id: ce-shi-an-li\nname:\n  zh: 测试案例\nplace:\n  province:\n    zh: 河南省\nsummary:\n  zh: 测试。\n"
                    f"sources:\n  - ref: {ref}\n    quote: {quote}\n", encoding="utf-8")
    return path


@functools.cache
def cited(document: str, anchor: str, lang: str = "zh") -> str:
    """The readable citation the site uses for the clause (generator/content/citations.py)."""
    corpus = check_corpus([ROOT], None).corpus
    return citation(corpus, corpus.documents[document], anchor, lang)


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", str(path)])
    return code, capsys.readouterr().out


def test_a_quote_cited_to_the_wrong_clause_fails_and_names_the_right_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _case(project, f"{PLAN}#s4-3", S4_2)
    code, out = _check(capsys, case)
    assert code == 1
    line = next(line for line in out.splitlines() if "[quote-not-in-clause]" in line)
    assert line.startswith("casebook/ce-shi-an-li.yml:10:")  # at the ref the editor has to change
    assert f"{cited(PLAN, 's4-3')}（s4-3）" in line and f"{cited(PLAN, 's4-2')}（s4-2）" in line
    assert f"{cited(PLAN, 's4-2', 'en')} (s4-2)" in line
    assert f"请改成 ref: {PLAN}#s4-2" in line and f"write ref: {PLAN}#s4-2" in line
    _case(project, f"{PLAN}#s4-2", S4_2)
    assert _check(capsys, case)[0] == 0
    _case(project, f"{PLAN}#s4", S4_2)  # the section holds the clause
    assert _check(capsys, case)[0] == 0
    _case(project, PLAN, S4_2)  # only the document is cited: checked against the document
    assert _check(capsys, case)[0] == 0


def test_a_quote_from_a_summarised_article_is_placed_by_the_clause_that_summarises_it(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _case(project, f"{REPORT}#s3-2", S1_5)
    code, out = _check(capsys, case)
    assert code == 1 and "[quote-not-in-clause]" in out
    assert f"{cited(REPORT, 's1-5')}（s1-5）" in out and f"ref: {REPORT}#s1-5" in out
    _case(project, f"{REPORT}#s1-5", S1_5)
    assert _check(capsys, case)[0] == 0


def test_a_fact_whose_quote_is_in_another_clause_names_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = project / "policies" / f"{REPLY}.yml"
    text = document.read_text(encoding="utf-8")
    fact = '    clause: s1-3\n    quote: "截至2022年底,累计建成规范化社区4500个"'
    assert fact in text
    document.write_text(text.replace(fact, fact.replace("s1-3", "s1-2")), encoding="utf-8")
    code, out = _check(capsys, document)
    assert code == 1
    line = next(line for line in out.splitlines() if "[quote-not-in-clause]" in line)
    assert "（s1-3）" in line and "请改成 clause: s1-3" in line


def test_quote_marks_that_differ_from_the_source_are_named_with_the_right_form(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _case(project, f"{REPLY}#s1-3", '\'"一有七中心"规范化社区创建工作\'')
    code, out = _check(capsys, case)
    assert code == 1
    assert "原文的标点是 “”，引文写成了 \"" in out and "quote: “一有七中心”规范化社区创建工作" in out
    _case(project, f"{REPLY}#s1-2", "持续加大财政保障力度，不断优化支出结构")  # the reply prints ASCII commas
    code, out = _check(capsys, case)
    assert code == 1 and "quote: 持续加大财政保障力度,不断优化支出结构" in out


def test_a_clause_that_does_not_exist_is_corrected_to_the_one_holding_the_quote(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not the nearest id (#s4-9 → #s6-9), the clause whose text holds the quote."""
    case = _case(project, f"{PLAN}#s4-9", S4_2)
    code, out = _check(capsys, case)
    assert code == 1
    line = next(line for line in out.splitlines() if "[missing-reference]" in line)
    assert f"引文在 {cited(PLAN, 's4-2')} 中，是否应为 “{PLAN}#s4-2”？" in line and f"did you mean '{PLAN}#s4-2'?" in line


def test_a_mistyped_quote_names_the_nearest_clause_by_its_text(project: Path, capsys: pytest.CaptureFixture[str],
                                                               request: pytest.FixtureRequest) -> None:
    case = _case(project, f"{PLAN}#s4-9", S4_2.replace("总揽全局", "统揽全局"))
    code, out = _check(capsys, case)
    assert code == 1
    assert f"[missing-reference] 引用的条款或事实 “{PLAN}#s4-9” 不存在；引文在 {cited(PLAN, 's4-2')} 中" in out
    miss = next(line for line in out.splitlines() if "[quote-not-in-source]" in line)
    assert f"最接近的是 {cited(PLAN, 's4-2')}（{PLAN}#s4-2）" in miss
    if "capture" in request.node.callspec.id:  # the capture has the words to show; a fingerprint has none
        assert "原文是“加强基层党组织在社区治理中总揽全局、协调各方的领导核心作用”" in miss
