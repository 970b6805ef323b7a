"""The search results page, search.html, of each language (its results are drawn by search.js)."""

from __future__ import annotations

TEXTS = {
    "zh": {"title": "搜索", "label": "搜索", "button": "搜索", "kinds": "按类型筛选",
           "nojs": "搜索需要 JavaScript：请在浏览器中启用 JavaScript 后重新打开本页。"
                   "不用搜索时，可以从顶部导航浏览政策文件、指标、工作法、术语和主题。"},
    "en": {"title": "Search", "label": "Search", "button": "Search", "kinds": "Filter by kind",
           "nojs": "Search needs JavaScript: please enable JavaScript in your browser and open this page again. Without search, "
                   "browse the documents, indicators, work methods, terms and themes from the navigation at the top."},
}


def search_page(lang: str) -> str:
    """The Markdown of search.html: a form, a filter by kind, and a plain note for browsers without JavaScript."""
    text = TEXTS[lang]
    return f"""---
title: "{text['title']}"
hide: [navigation, toc]
---

# {text['title']}

<div id="cg-search-page" class="cg-search-page">
<p class="cg-search-page__nojs">{text['nojs']}</p>
<form class="cg-search-page__form" role="search" action="search.html" method="get" hidden>
<label class="cg-visually-hidden" for="cg-search-page-input">{text['label']}</label>
<input class="cg-search-page__input" id="cg-search-page-input" type="search" name="q" autocomplete="off" enterkeyhint="search">
<button class="md-button md-button--primary" type="submit">{text['button']}</button>
</form>
<div class="cg-search-page__kinds" role="group" aria-label="{text['kinds']}"></div>
<p class="cg-search-page__status" role="status" aria-live="polite"></p>
<ol class="cg-search-page__results"></ol>
</div>
"""
