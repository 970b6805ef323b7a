"""Rendered Markdown of the fixture corpus must match the golden files exactly."""

from __future__ import annotations

import difflib

from tests.golden import GOLDEN, rendered_pages


def test_rendered_markdown_matches_golden_files() -> None:
    pages = rendered_pages()
    on_disk = {str(path.relative_to(GOLDEN)): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(on_disk), "pages added or removed: run `python -m tests.golden` and review"
    for page, text in pages.items():
        if text != on_disk[page]:
            diff = "".join(difflib.unified_diff(on_disk[page].splitlines(True), text.splitlines(True), page, page))
            raise AssertionError(f"{page} differs from its golden file (`python -m tests.golden` to accept):\n{diff}")


def test_golden_pages_show_the_whole_chain() -> None:
    """Spot checks on the golden content itself, so the golden files cannot drift into nonsense."""
    pages = rendered_pages()
    indicator = pages["zh/indicators/rural-facility-coverage.md"]
    assert "来源不一致" in indicator  # 86 (plan) vs 90.1 (article) in 2020
    assert "../documents/sample-plan.md#s1-1" in indicator
    assert 'class="status status-achieved" href="../reference/status-rules.html#achieved"' in indicator
    assert "<p>目标：到2025年不低于80%。已达到目标。</p>" in indicator  # the headline, in plain words
    assert "## 已实现 {#achieved}" in pages["zh/reference/status-rules.md"]
    assert "Chinese name | <span lang=\"zh\">农村社区综合服务设施覆盖率</span>" in pages["en/indicators/rural-facility-coverage.md"]
    document = pages["zh/documents/sample-plan.md"]
    assert 'id="s2-1"' in document and "豫政办〔2022〕79号" in document
    assert "“一有七中心”规范化社区创建" in document  # the backlink from the case to clause s2-1
    english = pages["en/indicators/urban-facility-coverage.md"]
    assert 'class="zh-fallback"' in english  # its definition has no English
    assert "No English translation yet" in english
    glossary_linked = pages["zh/documents/sample-article.md"]
    assert "glossary-link" in glossary_linked or "glossary/yi-you-qi-zhong-xin" in glossary_linked
