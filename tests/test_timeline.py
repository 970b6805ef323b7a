"""Indicator status, disagreements and ordering, computed from facts (never entered by editors)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.content.links import Corpus
from generator.content.model import Direction, Document, Indicator
from generator.content.timeline import IndicatorTimeline

TODAY = date(2024, 6, 1)
INDICATOR = Indicator.model_validate({
    "id": "coverage", "name": {"zh": "覆盖率"}, "unit": {"zh": "%"}, "direction": "higher",
    "definition": {"zh": "覆盖的比例。"},
})


def _document(document_id: str, year: int | None, facts: list[dict[str, Any]], region: str = "某省") -> Document:
    return Document.model_validate({
        "id": document_id, "title": {"zh": document_id}, "kind": "plan", "issuers": [{"zh": "某机关"}],
        "level": "provincial", "region": {"zh": region}, "year": year, "reproduction": "full",
        "source": {"publisher": {"zh": "某机关"}}, "summary": {"zh": "摘要。"},
        "sections": [{"id": "s1", "heading": {"zh": "一"}, "clauses": [{"id": "s1-1", "text": {"zh": "正文。"}}]}],
        "facts": [{"indicator": "coverage", "scope": {"zh": "全省"}, "clause": "s1-1", "quote": "引文引文", **fact}
                  for fact in facts],
    })


def timeline(*documents: Document, indicator: Indicator = INDICATOR) -> IndicatorTimeline:
    corpus = Corpus(tables={"indicator": {"coverage": indicator}})
    for document in documents:
        corpus.documents[document.id] = document
        for index, fact in enumerate(document.facts):
            corpus.fact_anchors[id(fact)] = f"fact-{index + 1}"
            corpus.facts_by_indicator["coverage"].append((document, fact))
    return IndicatorTimeline.build(corpus, indicator, TODAY)


def target(value: float, year: int, comparator: str = ">=") -> dict[str, Any]:
    return {"kind": "target", "comparator": comparator, "value": value, "year": year}


def observed(value: float, year: int | None) -> dict[str, Any]:
    return {"kind": "observation", "value": value, "year": year}


@pytest.mark.parametrize(("facts", "status"), [
    ([target(90, 2020), observed(92, 2019)], "achieved"),
    ([target(90, 2020), observed(80, 2019), observed(95, 2022)], "met-after-deadline"),
    ([target(90, 2020), observed(80, 2020), observed(85, 2021)], "missed"),
    ([target(90, 2020), observed(80, 2019), observed(85, 2021)], "no-data-at-deadline"),
    ([target(90, 2026), observed(60, 2020), observed(80, 2023)], "on-track"),   # +6.7 a year reaches 100 by 2026
    ([target(90, 2026), observed(70, 2020), observed(71, 2023)], "off-track"),  # +0.3 a year reaches 72
    ([target(90, 2026)], "no-data"),
    ([observed(90, 2020)], "no-target"),
])
def test_status_of_the_latest_target(facts: list[dict[str, Any]], status: str) -> None:
    assert timeline(_document("plan", 2020, facts)).status == status


def test_a_lower_is_better_target() -> None:
    falling = INDICATOR.model_copy(update={"direction": Direction.lower_})
    document = _document("plan", 2020, [target(10, 2020, "="), observed(8, 2020)])
    assert timeline(document, indicator=falling).status == "achieved"


def test_the_working_is_shown_in_both_languages() -> None:
    line = timeline(_document("plan", 2020, [target(90, 2020), observed(80, 2019), observed(95, 2022)]))
    assessment = line.assessments()[0]
    assert assessment.working_zh == "目标 ≥ 90（2020年）；2019年为80，未达到；2022年为95，已达到。"
    assert assessment.working_en == "Target ≥ 90 by 2020; 80 in 2019: not met; 95 in 2022: met."


def test_sources_that_disagree_are_flagged_not_resolved() -> None:
    plan = _document("plan", 2022, [observed(86, 2020)])
    article = _document("article", None, [observed(90.1, None)])  # no year: could be any year
    line = timeline(plan, article)
    (disagreement,) = line.disagreements()
    assert {e.document.id for e in disagreement.entries} == {"plan", "article"}
    assert timeline(plan, _document("reply", 2023, [observed(86, 2020)])).disagreements() == []


def test_undated_facts_come_last() -> None:
    line = timeline(_document("article", None, [observed(90.1, None)]), _document("plan", 2018, [target(40, 2018)]),
                    _document("report", 2022, [observed(86, 2020)]))
    assert [(e.document.id, e.year) for e in line.entries] == [("plan", 2018), ("report", 2020), ("article", None)]


# ----- the status rules of issue 14, one test per rule and edge case -----

def _only(facts: list[dict[str, Any]], year: int | None = 2017) -> Any:
    (assessment,) = timeline(_document("plan", year, facts)).assessments()
    return assessment


def test_no_data_at_the_deadline_but_met_later_says_so_and_is_not_late() -> None:
    # Urban facility coverage: a 2018 target, nothing observed until 2020.
    assessment = _only([target(98, 2018), observed(100, 2020)])
    assert assessment.status == "no-data-at-deadline"
    assert assessment.result.summary_zh == "截止年没有数据；2020年已达到"
    assert assessment.result.summary_en == "no data for the deadline year; met by 2020"


def test_no_data_at_the_deadline_is_never_missed_because_the_date_has_passed() -> None:
    # Community workers per 10,000: a 2025 target, one observation in 2022; today is past 2025.
    line = timeline(_document("reply", 2023, [target(18, 2025), observed(12.7, 2022)]))
    line.today = date(2026, 11, 29)
    (assessment,) = line.assessments()
    assert assessment.status == "no-data-at-deadline"
    assert assessment.result.summary_zh == "截止年没有数据；最新为2022年的12.7"
    assert assessment.result.summary_en == "no data for the deadline year; latest 12.7 in 2022"


def test_met_after_the_deadline_needs_an_unmet_observation_by_the_deadline() -> None:
    assert _only([target(90, 2020), observed(80, 2018), observed(95, 2022)]).status == "met-after-deadline"
    assert _only([target(90, 2020), observed(95, 2022)]).status == "no-data-at-deadline"


def test_an_observation_exactly_at_the_deadline_decides() -> None:
    assert _only([target(90, 2020), observed(90, 2020)]).status == "achieved"
    missed = _only([target(90, 2020), observed(89, 2020)])
    assert missed.status == "missed"
    assert missed.result.summary_en == "89 at the deadline: not met"
    # A later unmet value does not turn "no data at the deadline" into "missed".
    assert _only([target(90, 2020), observed(80, 2019), observed(85, 2023)]).status == "no-data-at-deadline"


def test_an_inferred_year_is_shown_as_inferred() -> None:
    assessment = _only([{**target(98, 2018)}, {**observed(100, 2020), "year_basis": "inferred"}])
    assert assessment.result.summary_zh == "截止年没有数据；2020年（推定）已达到"
    assert assessment.result.summary_en == "no data for the deadline year; met by 2020 (inferred)"
    period = _only([{**target(18, 2025), "year_basis": "period-end"}])
    assert period.working_zh.startswith("目标 ≥ 18（2025年（推定：规划期末））")
    assert period.working_en.startswith("Target ≥ 18 by 2025 (inferred: end of plan period)")


def test_an_undated_observation_counts_only_by_its_documents_year() -> None:
    # "实现全覆盖" in a 2022 plan, no year of its own: met by 2022 at the latest, not in 2022.
    line = timeline(_document("plan", 2017, [target(98, 2018)]), _document("report", 2022, [observed(100, None)]))
    (assessment,) = line.assessments()
    assert assessment.status == "no-data-at-deadline"
    assert assessment.result.summary_en == "no data for the deadline year; met by 2022, the year of the report"
    # Reported in a document dated before the deadline, it does show the target met in time.
    early = timeline(_document("plan", 2017, [target(98, 2018)]), _document("report", 2018, [observed(100, None)]))
    assert early.status == "achieved"
    # Without any year at all it decides nothing, and the working says so.
    lost = timeline(_document("plan", 2017, [target(98, 2018)]), _document("article", None, [observed(100, None)]))
    assert lost.status == "no-data"
    assert "1 reported value(s) with no year, in documents with no year, are not used" in lost.assessments()[0].working_en


def test_undated_targets_are_all_no_deadline_with_or_without_observations() -> None:
    undated = {"kind": "target", "comparator": "=", "value": 100}
    assert timeline(_document("report", 2021, [undated])).status == "no-deadline"
    with_data = timeline(_document("report", 2021, [undated, {**observed(100, 2020), "year_basis": "inferred"}]))
    assert with_data.status == "no-deadline"
    assert with_data.assessments()[0].working_en == (
        "Target 100 (the source gives no deadline); the latest value reported for the same scope is 100 in 2020 (inferred), "
        "which meets it.")
    # A dated target outranks an undated one for the indicator's status.
    both = timeline(_document("report", 2021, [undated, target(90, 2020), observed(95, 2020)]))
    assert [a.status for a in both.assessments()] == ["achieved", "no-deadline"]
    assert both.status == "achieved"


def test_observations_of_another_scope_are_not_compared_and_the_page_says_why() -> None:
    urban_only = {**observed(12.7, 2022), "scope_id": "urban-workers-only", "scope": {"zh": "全省（城市社区工作者）"}}
    assessment = _only([target(18, 2025), urban_only], year=2023)
    assert assessment.status == "scope-differs"
    assert "全省（城市社区工作者）" in assessment.working_zh and "不可比" in assessment.working_zh
    # Another region is another scope even without scope_id: Henan's count under Hunan's target.
    hunan = _document("hunan-report", 2021, [target(100, 2021, "=")], region="湖南省")
    line = timeline(hunan, _document("henan-article", 2021, [observed(100, 2021)]))
    assert line.status == "scope-differs"
    # The same scope_id on both sides is compared as usual.
    same = _only([{**target(18, 2025), "scope_id": "urban-workers-only"}, urban_only], year=2023)
    assert same.status == "trend-unknown"


def test_growth_rate_projection_uses_open_sdg_compound_annual_growth() -> None:
    # 50 → 60 over 2020–2022 is 9.5% a year; reaching 90 by 2026 from 50 needs 10.3%: ratio 92% < 95%.
    off = _only([target(90, 2026), observed(50, 2020), observed(60, 2022)], year=2020)
    assert off.status == "off-track"
    growth = off.result.growth
    assert growth is not None
    assert (growth.base_year, growth.base_value, growth.latest_year, growth.latest_value) == (2020, 50, 2022, 60)
    assert round(growth.observed, 4) == 0.0954 and round(growth.required, 4) == 0.1029
    assert "9.5%" in off.working_en and "10.3%" in off.working_en and "ratio 93%" in off.working_en
    # 50 → 70 over 2020–2022 is 18.3% a year against the 10.3% needed.
    assert _only([target(90, 2026), observed(50, 2020), observed(70, 2022)], year=2020).status == "on-track"


def test_growth_for_a_lower_is_better_indicator() -> None:
    falling = INDICATOR.model_copy(update={"direction": Direction.lower_})
    line = timeline(_document("plan", 2020, [target(10, 2026, "<="), observed(40, 2020), observed(20, 2022)]),
                    indicator=falling)
    (assessment,) = line.assessments()
    assert assessment.status == "on-track"  # −29% a year observed, −20.6% needed
    assert assessment.result.growth is not None and assessment.result.growth.ratio > 1


def test_a_trend_needs_two_years() -> None:
    assessment = _only([target(90, 2026), observed(60, 2023)], year=2020)
    assert assessment.status == "trend-unknown"
    assert assessment.result.summary_en == "latest 60 in 2023; values for one year only"


def test_marked_disagreements_are_shown_once_with_both_sources() -> None:
    plan = _document("plan", 2022, [{**observed(15000, None), "id": "orgs"}])
    article = _document("article", None, [{**observed(11400, 2021), "disagrees_with": ["plan#orgs"]}])
    corpus = Corpus(tables={"indicator": {"coverage": INDICATOR}})
    for document in (plan, article):
        corpus.documents[document.id] = document
        for index, fact in enumerate(document.facts):
            corpus.fact_anchors[id(fact)] = fact.id or f"fact-{index + 1}"
            corpus.facts_by_indicator["coverage"].append((document, fact))
    corpus.disagreement_pairs[frozenset((id(article.facts[0]), id(plan.facts[0])))] = (
        (article, article.facts[0]), (plan, plan.facts[0]))
    line = IndicatorTimeline.build(corpus, INDICATOR, TODAY)
    (disagreement,) = line.disagreements()
    assert disagreement.explicit
    assert {e.document.id for e in disagreement.entries} == {"plan", "article"}


def test_an_undated_observation_is_compared_with_every_year_up_to_its_documents_year() -> None:
    plan = _document("plan", 2022, [observed(15000, None)])
    article = _document("article", 2022, [observed(11400, 2021)])
    (disagreement,) = timeline(plan, article).disagreements()
    assert disagreement.year == 2021
    # A figure from after the document cannot disagree with it.
    assert timeline(_document("plan", 2020, [observed(15000, None)]),
                    _document("later", 2023, [observed(11400, 2021)])).disagreements() == []


def test_no_status_in_the_real_corpus_claims_more_than_its_data() -> None:
    """Whatever the editors add: the rules' promises hold for every target of the real corpus, today."""
    from pathlib import Path

    from generator.content.pipeline import check_corpus
    from generator.content.status import same_scope

    corpus = check_corpus([Path(__file__).parent.parent], None).corpus
    judged = 0
    for indicator in corpus.indicators.values():
        line = IndicatorTimeline.build(corpus, indicator, date(2026, 11, 29))
        for assessment in line.assessments():
            judged += 1
            fact, status, evidence = assessment.target.fact, assessment.status, assessment.evidence
            assert (status == "no-deadline") == (fact.year is None), indicator.id
            if status in ("achieved", "missed", "met-after-deadline", "on-track", "off-track", "trend-unknown"):
                assert evidence is not None and same_scope(evidence, assessment.target), indicator.id
            if status == "missed":
                assert evidence is not None and evidence.fact.year == fact.year, indicator.id
            if status == "achieved":
                assert evidence is not None and (evidence.fact.year or evidence.document.year or 9999) <= fact.year, indicator.id
    assert judged > 20


def test_marked_pairs_sharing_a_fact_form_one_group() -> None:
    article = _document("article", None, [{**observed(90.1, None), "id": "a"}])
    plan = _document("plan", 2022, [{**observed(86, None), "id": "p"}])
    reply = _document("reply", 2023, [{**observed(86, None), "id": "r"}])
    corpus = Corpus(tables={"indicator": {"coverage": INDICATOR}})
    for document in (article, plan, reply):
        corpus.documents[document.id] = document
        fact = document.facts[0]
        corpus.fact_anchors[id(fact)] = fact.id or ""
        corpus.facts_by_indicator["coverage"].append((document, fact))
    for other in (plan, reply):
        corpus.disagreement_pairs[frozenset((id(article.facts[0]), id(other.facts[0])))] = (
            (article, article.facts[0]), (other, other.facts[0]))
    (group,) = IndicatorTimeline.build(corpus, INDICATOR, TODAY).disagreements()
    assert group.explicit
    assert sorted(e.document.id for e in group.entries) == ["article", "plan", "reply"]
