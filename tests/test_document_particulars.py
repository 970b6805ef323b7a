"""Documents show what the source prints (issue 19): 文号, 索引号 and dates traced to the capture; 时效性 only as far as known."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.content.pipeline import check_corpus
from generator.content.printed import printed_forms
from generator.content.sources import Fingerprint, SourceLibrary
from generator.site.render import PageRenderer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def test_a_date_is_looked_for_in_every_way_a_source_prints_it() -> None:
    forms = printed_forms(date(2022, 8, 17))
    for printed in ("2022年8月17日", "2022-08-17", "2022.08.17", "二〇二二年八月十七日"):
        assert printed in forms
    assert "二〇二三年九月十五日" in printed_forms(date(2023, 9, 15))
    assert "二〇二〇年十月二十一日" in printed_forms(date(2020, 10, 21))
    assert "2023年09月15日" in printed_forms(date(2023, 9, 15))


def _corpus_with(tmp_path: Path, replace: tuple[str, str]) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(DATA / "valid", root)
    plan = root / "policies" / "sample-plan.yml"
    text = plan.read_text(encoding="utf-8")
    assert replace[0] in text
    plan.write_text(text.replace(replace[0], replace[1]), encoding="utf-8")
    return root


@pytest.mark.parametrize(("old", "new", "line"), [
    ("written: 2022-08-17", "written: 2022-08-18", "written"),
    ("doc_number: 豫政办〔2022〕79号", "doc_number: 豫政办[2022]79号", "doc_number"),
    ("written: 2022-08-17", "written: 2022-08-17\npublished: 2022-08-20", "published"),
])
def test_a_number_or_date_the_source_does_not_print_is_a_problem_with_its_line(
        tmp_path: Path, old: str, new: str, line: str) -> None:
    root = _corpus_with(tmp_path, (old, new))
    for library in (SourceLibrary(DATA / "sources"), _fingerprints_only(tmp_path)):
        problems = [p for p in check_corpus([root], library).problems if p.code == "printed-value-not-in-source"]
        assert len(problems) == 1, [p.message("en") for p in problems]
        text = (root / "policies" / "sample-plan.yml").read_text(encoding="utf-8").splitlines()
        assert text[problems[0].position.line - 1].startswith(f"{line}:")
        assert "来源没有印的，请删去这一项" in problems[0].message("zh")


def _fingerprints_only(tmp_path: Path) -> SourceLibrary:
    """Where the captures are absent (a clone, CI): their fingerprints check just as strictly."""
    folder = tmp_path / "fingerprints"
    folder.mkdir(exist_ok=True)
    for capture in (DATA / "sources").glob("*.txt"):
        (folder / f"{capture.name}.json").write_text(
            Fingerprint.of_text(capture.name, capture.read_text(encoding="utf-8")).to_json(), encoding="utf-8")
    return SourceLibrary(None, folder)


def test_the_real_corpus_prints_what_its_sources_print() -> None:
    result = check_corpus([ROOT], SourceLibrary.for_project(ROOT))
    assert not [p for p in result.problems if p.code == "printed-value-not-in-source"]
    documents = result.corpus.documents
    plan_2017 = documents["henan-2017-governance-innovation-action-plan"]
    assert (plan_2017.index_number, plan_2017.published) == ("P0080-2017-0108", date(2017, 12, 5))
    reply = documents["henan-2023-reply-proposal-1310536"]
    assert (reply.doc_number, reply.published, reply.written) == ("豫民议〔2023〕49号", date(2023, 9, 15), date(2023, 7, 13))
    plan_2022 = documents["henan-2022-community-service-plan"]
    assert (plan_2022.doc_number, plan_2022.written) == ("豫政办〔2022〕79号", date(2022, 8, 17))


def test_validity_is_shown_only_as_far_as_it_is_known() -> None:
    corpus = check_corpus([ROOT], None).corpus
    zh, en = PageRenderer(corpus, "zh"), PageRenderer(corpus, "en")
    plan = zh.document_page(corpus.documents["henan-2017-governance-innovation-action-plan"])
    assert "| 时效性 | 未知：转载页面没有标注时效性" in plan
    assert 'class="validity' not in plan  # no badge for what is not known
    assert "| 发布日期 | <time datetime=\"2017-12-05\">2017年12月5日</time> |" in plan
    assert "| 索引号 | P0080-2017-0108 |" in plan
    reply = zh.document_page(corpus.documents["henan-2023-reply-proposal-1310536"])
    assert "| 时效性 | 不适用：答复不是规范性文件" in reply
    assert "| 发布日期 | <time datetime=\"2023-09-15\">2023年9月15日</time> |" in reply
    article = en.document_page(corpus.documents["hunan-2021-governance-report"])
    assert "| Validity | Does not apply: a news report is not a normative document" in article
    for document in corpus.documents.values():
        page = zh.document_page(document)
        assert "| 时效性 | 未知 |" not in page, document.id  # never a bare "unknown": always why
    data = json.loads(json.dumps(corpus.documents["henan-2022-community-service-plan"].model_dump(mode="json")))
    assert data["status"] == "unknown" and data["status_note"]["zh"]
