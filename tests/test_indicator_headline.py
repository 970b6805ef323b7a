"""Indicator pages open with plain sentences (issue 19): golden headlines and charts, and what they must say.

The corpus in tests/data/headline holds three indicators: one whose target was met in time, one
whose deadline year has no value (its only value has no year and is drawn at the year of its
report), and one whose reported value counts something else than its target. Regenerate the
golden files with ``python -m tests.golden`` after an intended change, and review the diff.
"""

from __future__ import annotations

import difflib
import re

import pytest

from tests.golden import HEADLINE_GOLDEN, headline_pieces

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def pieces() -> dict[str, str]:
    return headline_pieces()


def test_headlines_and_charts_match_their_golden_files(pieces: dict[str, str]) -> None:
    on_disk = {path.relative_to(HEADLINE_GOLDEN).as_posix(): path.read_text(encoding="utf-8")
               for path in HEADLINE_GOLDEN.rglob("*") if path.is_file()}
    assert sorted(pieces) == sorted(on_disk), "pieces added or removed: run `python -m tests.golden` and review"
    for name, text in pieces.items():
        if text != on_disk[name]:
            diff = "".join(difflib.unified_diff(on_disk[name].splitlines(True), text.splitlines(True), name, name))
            raise AssertionError(f"{name} differs from its golden file (`python -m tests.golden` to accept):\n{diff}")


def _sentences(block: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", block)


def test_a_met_target_says_so_with_the_latest_value_and_its_year(pieces: dict[str, str]) -> None:
    assert _sentences(pieces["zh/urban-coverage.html"]) == ["最新报告的数值是100%（2020年）。", "目标：到2020年达到100%。已达到目标。"]
    assert _sentences(pieces["en/urban-coverage.html"]) == ["The latest reported value is 100% (2020).",
                                                            "Target: 100% by 2020. The target has been met."]


def test_no_data_at_the_deadline_says_it_cannot_be_told_and_when_the_value_was_reported(pieces: dict[str, str]) -> None:
    zh, en = _sentences(pieces["zh/rural-coverage.html"]), _sentences(pieces["en/rural-coverage.html"])
    assert "原文未写年份；2022年的文件报告" in zh[0]
    assert zh[1].startswith("目标：到2018年不低于40%。截止年没有数据，无法判断是否按期完成")
    assert "year not given; reported in 2022" in en[0]
    assert en[1].startswith("Target: at least 40% by 2018. There is no value for the deadline year")


def test_a_value_counting_something_else_gives_no_verdict_and_says_why(pieces: dict[str, str]) -> None:
    zh, en = _sentences(pieces["zh/workers-per-10000.html"]), _sentences(pieces["en/workers-per-10000.html"])
    assert "全省（城市社区工作者）" in zh[1] and "不能直接比较，所以不判断是否完成" in zh[1]
    assert "2025年（推定）" in zh[1]
    assert "cannot be compared and no verdict is given" in en[1]


def test_headlines_speak_plain_words(pieces: dict[str, str]) -> None:
    for name, text in pieces.items():
        if name.endswith(".html"):
            assert not re.search("观测值|口径|推算过程|无方向|截止年无数据", text), name
            assert len(_sentences(text)) <= 2, name
            if name.startswith("en/"):
                assert not CJK.search(text), name


def test_a_value_without_a_year_is_drawn_at_its_report_year_with_its_own_marker_and_legend(pieces: dict[str, str]) -> None:
    for lang, legend in (("zh", "原文未写年份：画在报告那一年"), ("en", "Year not given: at report year")):
        chart = pieces[f"{lang}/rural-coverage.svg"]
        undated = re.findall(r'<circle class="chart-point chart-point--undated" cx="([\d.]+)"', chart)
        assert len(undated) == 1
        labels = re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle"[^>]*>(\d{4})<', chart)
        year_labels = {year: x for x, year in labels}
        assert undated[0] == year_labels["2022"]  # at the year of the report that gives the value
        assert f">{legend}</text>" in chart
        assert "plan-2017" not in chart and "report-2022" not in chart  # tooltips cite, never name the file
    assert "chart-point--undated" not in pieces["zh/urban-coverage.svg"]
