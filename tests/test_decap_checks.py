"""What the web form checks before saving (compendium-checks.js with checks.json), run under node.

The form must decide as ``compendium check`` decides: every quote in the corpus is found, and a quote changed
by one character, cut across a clause or made up is refused exactly when the Python check refuses it. A new
entry may not take an id in use, and an existing entry's id may not be changed (its file name follows it).
Raw HTML and unsafe links are found in the same texts as MarkdownSafety finds them; an alias may not name
another entry (a case and its glossary term may share one).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.content.pipeline import check_corpus
from generator.content.quotes import QuoteChecker
from generator.content.sources import SourceLibrary
from generator.content.validation import MarkdownSafety
from generator.content.yamlsource import read_yaml
from generator.editor.decap_checks import form_checks
from generator.site.projectcheck import check_project
from tests.conftest import ROOT, project_at

RUNNER = ROOT / "tests" / "js" / "decap_checks.mjs"


def run_checks(checks: dict[str, Any], quotes: list[tuple[str, str]], entries: list[dict[str, Any]],
               texts: list[str] | None = None) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (the form's checks are JavaScript)")
        pytest.skip("node is not installed (the form's checks are JavaScript)")
    job = json.dumps({"checks": checks, "quotes": quotes, "entries": entries, "texts": texts or []}, ensure_ascii=False)
    done = subprocess.run([node, str(RUNNER)], input=job, capture_output=True, text=True, check=True, timeout=120)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def checks() -> dict[str, Any]:
    return form_checks(project_at(ROOT), check_project)


def corpus_quotes() -> list[tuple[str, str]]:
    """(cited document, quote) of every quote in the cases and glossary, the collections the form edits quotes in."""
    result = check_corpus([ROOT], None)
    return [(ref.partition("#")[0], quote) for item in result.loaded.entries if item.kind in ("case", "term")
            for _, ref, quote in QuoteChecker._quotes(item.entry)]


def test_checks_list_every_document_and_the_ids_in_use(checks: dict[str, Any]) -> None:
    result = check_corpus([ROOT], None)
    assert set(checks["documents"]) == set(result.corpus.documents)
    assert all(isinstance(value, str) and value for value in checks["documents"].values()), "every document has a capture"
    assert sorted(checks["ids"]["cases"]) == sorted(path.stem for path in (ROOT / "casebook").glob("*.yml"))
    assert "hong-se-wu-ye" in checks["ids"]["cases"] and "elderly-care" in checks["ids"]["themes"]
    assert sorted(checks["ids"]["terms"]) == sorted(path.stem for path in (ROOT / "glossary").glob("*.yml"))
    assert "hong-se-wu-ye" not in checks["ids"]["themes"], "ids are listed per collection, as check compares them"


def test_the_form_decides_every_quote_as_check_does(checks: dict[str, Any]) -> None:
    library = SourceLibrary.for_project(ROOT)
    documents = check_corpus([ROOT], None).corpus.documents
    found = corpus_quotes()
    assert len(found) > 50
    rng = random.Random(7)
    quotes: list[tuple[str, str]] = []
    for document_id, quote in found:
        cut = rng.randrange(1, len(quote) - 1)
        quotes += [
            (document_id, quote),  # as written: found
            (document_id, f" {quote[:cut]}\n {quote[cut:]} "),  # spaces and line breaks do not count
            (document_id, quote[:cut] + "某" + quote[cut + 1:]),  # one character changed
            (document_id, quote + "并且完全编造"),  # runs on past the source
        ]
    expected = []
    for document_id, quote in quotes:
        text = library.text(documents[document_id].source.capture or "")
        assert text is not None
        expected.append(text.contains(quote))
    assert expected.count(True) >= len(found) * 2, "the corpus's own quotes are all in their sources"
    assert run_checks(checks, quotes, [])["contains"] == expected


def test_new_entries_may_not_take_an_id_and_existing_ones_keep_theirs(checks: dict[str, Any]) -> None:
    entries = [
        {"collection": "cases", "slug": None, "isNew": True, "entry": {"id": "hong-se-wu-ye"}},
        {"collection": "cases", "slug": None, "isNew": True, "entry": {"id": "yi-ge-xin-an-li"}},
        {"collection": "themes", "slug": None, "isNew": True, "entry": {"id": "hong-se-wu-ye"}},
        {"collection": "cases", "slug": "hong-se-wu-ye", "isNew": False, "entry": {"id": "hong-se-wu-ye"}},
        {"collection": "cases", "slug": "hong-se-wu-ye", "isNew": False, "entry": {"id": "hong-se-wu-ye-2"}},
    ]
    problems = run_checks(checks, [], entries)["problems"]
    assert problems[0] == ["网址名 “hong-se-wu-ye” 已被另一个条目使用，请换一个 / the name 'hong-se-wu-ye' in the web "
                           "address is already used by another entry; choose another"], "named as the form labels it, not “id”"
    assert problems[1] == problems[2] == problems[3] == []
    assert len(problems[4]) == 1 and problems[4][0].startswith("已有条目的网址名不能在表单里修改，请改回 “hong-se-wu-ye”")


def test_a_quote_not_in_its_source_is_refused_in_chinese_then_english(checks: dict[str, Any]) -> None:
    entry = {"id": "x", "sources": [{"ref": "henan-2023-reply-proposal-1310536#s1-4", "quote": "完全编造的一句话没有任何来源"},
                                    {"ref": "henan-2023-reply-proposal-1310536#s1-4",
                                     "quote": "重点对经济困难老年人家庭开展适老化改造并提供家庭养老床位服务"}]}
    term = {"id": "y", "definitions": [{"source": {"ref": "henan-2022-community-service-plan", "quote": "没有这句话"}}]}
    problems = run_checks(checks, [], [{"collection": "cases", "slug": None, "isNew": True, "entry": entry},
                                       {"collection": "terms", "slug": None, "isNew": True, "entry": term}])["problems"]
    assert problems[0] == ["来源摘录第 1 条 / source quote 1：“完全编造的一句话没有任何来源” 在 《对省政协第1310536号提案的答复》 "
                           "的原文中找不到，须逐字一致（可从原文复制）/ '完全编造的一句话没有任何来源' does not occur in the text of "
                           "《对省政协第1310536号提案的答复》; it must be word for word (copy it from the source)"]
    assert len(problems[1]) == 1 and problems[1][0].startswith("第 1 个定义的出处 / source of definition 1：“没有这句话”")


def test_a_document_without_a_capture_is_unverifiable_in_the_form(checks: dict[str, Any], tmp_path: Path) -> None:
    changed = {**checks, "documents": {**checks["documents"], "henan-2022-community-service-plan": None}}
    entry = {"id": "x", "sources": [{"ref": "henan-2022-community-service-plan#s1-1", "quote": "任何一句话都无法核对"}]}
    problems = run_checks(changed, [], [{"collection": "cases", "slug": None, "isNew": True, "entry": entry}])["problems"]
    assert problems == [["来源摘录第 1 条 / source quote 1：《河南省“十四五”城乡社区服务体系建设规划》 没有存档原文，引文无法核对 / "
                         "《河南省“十四五”城乡社区服务体系建设规划》 has no captured source, so the quote cannot be checked"]]


def test_a_quote_chosen_under_the_wrong_clause_names_the_right_one(checks: dict[str, Any]) -> None:
    """As `compendium check` does: the quote of 四、（二） chosen under 四、（三） is refused, naming 四、（二） by its citation."""
    from generator.content.citations import citation

    corpus = check_corpus([ROOT], None).corpus
    plan = corpus.documents["henan-2017-governance-innovation-action-plan"]
    quote = "加强基层党组织在社区治理中总揽全局、协调各方的领导核心作用"
    wrong = {"id": "x", "sources": [{"ref": f"{plan.id}#s4-3", "quote": quote}]}
    right = {"id": "x", "sources": [{"ref": f"{plan.id}#s4-2", "quote": quote}]}
    section = {"id": "x", "sources": [{"ref": f"{plan.id}#s4", "quote": quote}]}
    problems = run_checks(checks, [], [{"collection": "cases", "slug": None, "isNew": True, "entry": entry}
                                       for entry in (wrong, right, section)])["problems"]
    cited, found = citation(corpus, plan, "s4-3", "zh"), citation(corpus, plan, "s4-2", "zh")
    assert problems[0] == [f"来源摘录第 1 条 / source quote 1：“{quote[:24]}…” 不在所选的 {cited} 中，而在 {found} 中；请改选该条款 / "
                           f"'{quote[:24]}…' is not in {cited}, which you chose, but in {found}: choose that clause"]
    assert problems[1] == problems[2] == []
    assert "#" not in problems[0][0], "the form names clauses by their citation, never by their id"


UNSAFE_TEXTS = [
    "社区设<b>居民议事厅</b>。",
    "<script>alert(1)</script>",
    "<!-- 编辑备注 -->\n\n正文",
    "见[原文](javascript:alert(1))。",
    "见[原文](JavaScript:void(0))。",
    "<javascript:alert(1)>",
    "[下载](data:text/html;base64,PHNjcmlwdD4=)",
    "[文件](ftp://example.org/a.doc)",
    "见[民政部网站](https://www.mca.gov.cn/)和<https://www.henan.gov.cn>，或写信 <mailto:a@b.cn>。",
    "[本站](../glossary/si-yi-liang-gong-kai.md)",
    "a < b 且 c > d；比例：90%",
    "主要目标：到2025年",
    "<div>\n块\n</div>",
    # attribute lists, obfuscated and protocol-relative targets (issue 22): found by check and the form alike
    "居民议事 {: onmouseover=alert(1) }",
    "{: tabindex=1 autofocus onfocus=alert(1) }",
    "标题 { #x onclick=alert(1) }",
    "*强调*{: .big }",
    "{{ 7*7 }} {% if x %} ${x} #{x} {年份}",
    "[a](javascript&#58;alert(1))",
    "[b](JaVaScRiPt&colon;alert(1))",
    "[c](<java\tscript:alert(1)>)",
    "[d](%6Aavascript:alert(1))",
    "[e](//evil.example/x)",
    "[f](vbscript:msgbox(1))",
    "![g](javascript:alert(1))",
    "[h](java script:alert(1))",
    "[i](https://example.org/a_b?c=1#d) [j](mailto:a@b.cn) [k](#s1-1) [l](../a/b.md)",
]


def test_raw_html_and_unsafe_links_are_found_as_check_finds_them() -> None:
    safety = MarkdownSafety()
    texts = [*UNSAFE_TEXTS]
    for path in [*sorted((ROOT / "casebook").glob("*.yml")), *sorted((ROOT / "glossary").glob("*.yml"))]:
        texts += [text for _, text in _strings(read_yaml(path).data)]
    expected = [[[cls.code, found] for found, cls in safety._findings(text)] for text in texts]
    assert sum(1 for found in expected if found) >= 20, "the crafted texts are found unsafe"
    codes = {code for found in expected for code, _ in found}
    assert codes == {"raw-html", "unsafe-link", "attribute-list"}
    assert all(not found for found in expected[len(UNSAFE_TEXTS):]), "the corpus itself is clean"
    assert run_checks({"documents": {}, "ids": {}, "kinds": {}, "names": [], "window": 4, "digest_bytes": 5,
                       "person": "compendium"}, [], [], texts)["unsafe"] == expected


def _strings(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, dict):
        return [found for item in value.values() for found in _strings(item)]
    if isinstance(value, list):
        return [found for item in value for found in _strings(item)]
    return []


def test_an_unsafe_text_is_named_by_its_field(checks: dict[str, Any]) -> None:
    entry = {"id": "x", "name": {"zh": "居民议事厅"}, "summary": {"zh": "见[原文](javascript:alert(1))。"},
             "steps": [{"title": {"zh": "<b>第一步</b>"}}], "__original": "<b>not checked: the format's own copy</b>"}
    problems = run_checks(checks, [], [{"collection": "cases", "slug": None, "isNew": True, "entry": entry}])["problems"][0]
    assert problems == [
        "“概述 › 中文文本”：不允许的链接地址：javascript:alert(1)（只允许 http、https、mailto 和站内链接）/ “概述 › 中文文本”: link not "
        "allowed: javascript:alert(1) (only http, https, mailto and relative links)",
        "“按顺序的步骤 第 1 项 › 步骤名称 › 中文文本”：文本中不允许使用 HTML：<b> / "
        "“按顺序的步骤 第 1 项 › 步骤名称 › 中文文本”: HTML is not allowed in text: <b>",
        "“按顺序的步骤 第 1 项 › 步骤名称 › 中文文本”：文本中不允许使用 HTML：</b> / "
        "“按顺序的步骤 第 1 项 › 步骤名称 › 中文文本”: HTML is not allowed in text: </b>",
    ]


def test_an_alias_may_not_name_another_entry(checks: dict[str, Any]) -> None:
    def case(name: str, aliases: list[str], entry_id: str = "xin-an-li") -> dict[str, Any]:
        return {"collection": "cases", "slug": None, "isNew": True, "entry": {"id": entry_id, "name": {"zh": name}, "aliases": aliases}}

    problems = run_checks(checks, [], [
        case("新案例", ["适老化改造户数"]),  # an indicator's alias
        case("新案例", ["大工委"]),  # a glossary term's alias: a case and its term may share it
        case("新案例", ["新案例"]),  # its own name again
        case("适老化改造资金", []),  # a name that is an indicator's alias
        case("河南经济困难老年人家庭适老化改造", ["困难老年人家庭适老化改造"], "henan-kun-nan-lao-nian-ren-jia-ting-shi-lao-hua-gai-zao")
        | {"isNew": False, "slug": "henan-kun-nan-lao-nian-ren-jia-ting-shi-lao-hua-gai-zao"},  # the case as it is
    ])["problems"]
    names = {item.entry.id: item.entry.name.zh for item in check_corpus([ROOT], None).loaded.entries if item.kind == "indicator"}
    households, funding = names["age-friendly-renovated-households"], names["age-friendly-renovation-funding"]
    assert problems[0] == [f"别名 “适老化改造户数” 已是指标 “{households}” 的名称或别名；一个名称只能指向一个页面 / "
                           f"alias '适老化改造户数' is already the name or an alias of indicator '{households}'; "
                           "a name must lead to one page"]
    assert problems[1] == [] and problems[4] == []
    assert len(problems[2]) == 1 and "别名 “新案例” 已是案例 “新案例”" in problems[2][0]
    assert problems[3] == [f"名称 “适老化改造资金” 已是指标 “{funding}” 的别名；一个名称只能指向一个页面 / "
                           f"the name '适老化改造资金' is already an alias of indicator '{funding}'; "
                           "a name must lead to one page"]
