"""The search engine's parts: normalisation, stop words, document numbers, segmentation, and the
agreement of the browser side (search.js, porter.js, run here with node) with the index side (Python)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.search.build import definition_sentence
from generator.search.extract import page_kind, read_page
from generator.search.index import build_index, synonym_key, write_index
from generator.search.normalise import (
    document_number_tokens,
    fnv1a,
    latin_tokens,
    name_token,
    normalise,
    shard_key,
    stem,
    strip_stop_words,
    t2s_subset,
)
from generator.search.tokens import BIGRAM, Tokeniser

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "generator" / "site" / "assets" / "javascripts"
NODE = shutil.which("node")
NUMBER_FORMS = ["豫政办〔2022〕79号", "豫政办[2022]79号", "豫政办［2022］79号", "豫政办(2022)79号", "豫政办（2022）79号",
                "豫政办〔2022〕79", "豫政办79号", "79号文", "豫政办 〔２０２２〕 ７９ 号"]
SAMPLES = ["社區養老", "村規民約", "五社聯動怎麼做", "ＡＢＣ１２３", "豫政办〔２０２２〕７９号", "五社\u200b联动", "Elderly-Care Sites",
           "網格員管多少戶", "社区工作者待遇怎么定", "𠀀字"]


def test_traditional_and_full_width_forms_become_the_simplified_ascii_text() -> None:
    assert normalise("社區養老") == "社区养老"
    assert normalise("村規民約") == "村规民约"
    assert normalise("ＡＢＣ１２３") == "abc123"
    assert normalise("五社\u200b联动") == "五社联动"
    assert normalise("豫政办（2022）79号") == "豫政办(2022)79号"


def test_only_the_traditional_pairs_the_corpus_needs_are_shipped() -> None:
    pairs = t2s_subset("社区养老")
    assert pairs["區"] == "区" and pairs["養"] == "养"
    assert set(pairs.values()) <= set("社区养老")
    assert len(pairs) < 20


def test_question_words_are_removed_but_domain_words_stay() -> None:
    assert strip_stop_words("网格员管多少户").split() == ["网格员管", "户"]
    assert strip_stop_words("能不能在手机上办").split() == ["在手机上办"]
    assert strip_stop_words("四议两公开怎么开会议事").split() == ["四议两公开", "开会议事"]
    assert latin_tokens("how many elderly care sites") == ["elderli", "care", "site"]


def test_every_form_of_a_document_number_shares_a_token_with_the_document() -> None:
    own = set(document_number_tokens(normalise("豫政办〔2022〕79号")))
    for form in NUMBER_FORMS:
        assert own & set(document_number_tokens(normalise(form))), form
    assert "#豫政办2022-79" in document_number_tokens(normalise("豫政办[2022]79号"))
    assert "#豫政办-79" in document_number_tokens(normalise("豫政办79号"))
    # a number cited in a sentence: some tail of the words before it is the issuer
    assert "#国办发2021-56" in document_number_tokens(normalise("依据国办发〔2021〕56号文件"))


def test_domain_words_stay_whole_and_compounds_also_give_their_parts() -> None:
    tokeniser = Tokeniser(["议事会", "五社联动", "四议两公开"])
    tokens = tokeniser.tokens("村民议事会按照四议两公开开会议事，推行五社联动")
    assert {"议事会", "四议两公开", "五社联动", "议事"} <= set(tokens)
    assert BIGRAM + "议事" in tokens  # the fallback for partial words
    assert "会议" not in tokens[: tokens.index("四议两公开")]


def test_names_and_synonym_keys() -> None:
    assert name_token("Five-Society Linkage") == name_token("five society  linkage") == "=fivesocietylinkage"
    assert name_token("五社聯動") == "=五社联动"
    assert synonym_key("Older People") == "older peopl"
    assert synonym_key("物业 公司") == "物业公司"
    assert shard_key("五社联动") == "五社" and shard_key(BIGRAM + "五社") == "五社" and shard_key("older peopl") == "older"


def test_page_kinds_follow_the_folders() -> None:
    assert page_kind("cases/hong-se-wu-ye.html") == "case"
    assert page_kind("glossary/index.html") == "list"
    assert page_kind("browse/year.html") == "list"
    assert page_kind("editing.html") == "page"
    assert page_kind("documents/henan-2022-community-service-plan.html") == "document"


PAGE = """<html><body><nav>目录 skip me</nav><article class="md-content__inner md-typeset">
<h1 id="t">红色物业<a class="headerlink" href="#t">&para;</a></h1>
<p class="term-pinyin"><em>hóng sè wù yè</em></p>
<div class="admonition info"><p class="admonition-title">Draft</p><p>Draft translation, not yet reviewed.</p></div>
<table><thead><tr><th>项目</th><th>内容</th></tr></thead><tbody><tr><td>发文字号</td><td>豫政办〔2022〕79号</td></tr></tbody></table>
<h2 id="s1">第一章<a class="headerlink" href="#s1">&para;</a></h2>
<div class="clause" id="s1-1"><p><a class="clause-anchor" href="#s1-1">§ s1-1</a></p><p>推动物业服务企业\u200b成立党组织。</p></div>
</article></body></html>"""


def test_a_built_page_is_read_into_clean_passages(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(PAGE, encoding="utf-8")
    page = read_page(path, "documents/p.html")
    assert page.title == "红色物业" and page.own_number == "豫政办〔2022〕79号"
    texts = [(p.anchor, p.label, p.text) for p in page.passages]
    assert ("s1-1", "§ s1-1", "推动物业服务企业成立党组织。") in texts  # no zero-width space, no § line of its own
    assert not any("项目" in t or "hóng" in t or "¶" in t or "skip" in t or "Draft" in t for _, _, t in texts)


def test_a_page_named_by_the_query_gets_the_strongest_score(tmp_path: Path) -> None:
    pages = []
    for name, html in (("a.html", PAGE), ("b.html", PAGE.replace("红色物业", "物业服务"))):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        pages.append(read_page(path, f"glossary/{name}"))
    pages[0].names = ["红色物业"]
    index = build_index(pages, {"物业公司": ["物业服务企业"]})
    assert index.postings["=红色物业"][0][0] == 0
    assert index.postings["=红色物业"][0][1] > 10 * max(s for entries in index.postings.values() for d, s in entries if s < 5000)
    assert "物业服务企业" in index.synonyms["物业公司"]
    written = write_index(index, tmp_path / "search", "zh")
    assert written["manifest"] < 5000
    assert (tmp_path / "search" / "d" / "1.js").read_text(encoding="utf-8").startswith("cgSearch.d(1,")


def test_a_term_ranks_by_its_defining_sentence_as_well_as_its_name(tmp_path: Path) -> None:
    """一肩挑's page says what it is only in its definition: those words weigh more than in an ordinary paragraph."""
    body = ("<p>The secretary of the village Party organisation also serves as director of the committee.</p>"
            + "<p>Other words about villages and committees fill the page.</p>" * 3)
    pages = []
    for number in range(3):
        path = tmp_path / f"{number}.html"
        path.write_text(f'<article class="md-content__inner"><h1>Page {number}</h1>{body}</article>', encoding="utf-8")
        pages.append(read_page(path, f"glossary/{number}.html"))
    assert definition_sentence("One Person, Two Posts: " + "The secretary also serves as director. Henan reports") \
        == "The secretary also serves as director."
    assert definition_sentence("一肩挑：村党组织书记同时担任村民委员会主任。河南省") == "村党组织书记同时担任村民委员会主任。"
    assert definition_sentence("no colon, no definition") == ""
    pages[1].lead = definition_sentence("One Person, Two Posts: The secretary also serves as director. Henan reports")
    index = build_index(pages, {})
    for word in ("secretari", "director"):  # stemmed
        ranked = [page for page, _ in index.postings[word]]
        assert ranked[0] == 1, (word, index.postings[word])
    assert index.postings["villag"][0][1] == index.postings["villag"][-1][1]  # a word outside the lead: no change


# ----- the browser side, run with node -----

def run_node(code: str) -> Any:
    """Evaluate porter.js and search.js with a minimal page stub in node, then ``code``; its JSON result."""
    if NODE is None:  # .ci/run installs Debian's nodejs: in CI a missing node is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)("node is not installed (Debian package nodejs)")
    manifest = {"lang": "zh", "pages": 0, "shards": 8, "t2s": "".join(a + b for a, b in t2s_subset(
        "".join(normalise(s) for s in SAMPLES)).items()), "stop": [], "enStop": []}
    from generator.search.normalise import EN_STOP_WORDS, ZH_STOP_WORDS
    manifest.update(stop=list(ZH_STOP_WORDS), enStop=sorted(EN_STOP_WORDS))
    prelude = """globalThis.window = globalThis;
globalThis.document = {currentScript: null, documentElement: {lang: "zh"}, readyState: "complete",
  querySelectorAll: () => [], getElementById: () => null};"""
    script = "\n".join([prelude, (SCRIPTS / "porter.js").read_text(encoding="utf-8"),
                        (SCRIPTS / "search.js").read_text(encoding="utf-8"),
                        f"cgSearch.m({json.dumps(manifest, ensure_ascii=False)});",
                        f"console.log(JSON.stringify({code}));"])
    result = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_node_normalises_like_python() -> None:
    assert run_node(f"{json.dumps(SAMPLES, ensure_ascii=False)}.map(cgSearch.normalise)") == [normalise(s) for s in SAMPLES]


def test_node_removes_the_same_question_words() -> None:
    queries = ["网格员管多少户", "居民办事能不能在手机上办", "有没有规定社区工作者待遇怎么定", "是不是要经过审核呢"]
    assert run_node(f"{json.dumps(queries, ensure_ascii=False)}.map(cgSearch.stripStopWords)") == [strip_stop_words(q) for q in queries]


def test_node_makes_the_same_document_number_tokens() -> None:
    forms = [normalise(form) for form in NUMBER_FORMS]
    found = run_node(f"{json.dumps(forms, ensure_ascii=False)}.map(cgSearch.documentNumberTokens)")
    own = set(document_number_tokens(normalise("豫政办〔2022〕79号")))
    for form, tokens in zip(forms, found, strict=True):
        assert set(document_number_tokens(form)) <= set(tokens), form  # node adds only "#-serial" for a bare 79号
        assert own & set(tokens), form


def test_node_puts_tokens_in_the_same_shards() -> None:
    tokens = ["五社联动", BIGRAM + "五社", "elderli", "older peopl", "=五社联动", "#豫政办2022-79", "𠀀字", "户"]
    keys = run_node(f"{json.dumps(tokens, ensure_ascii=False)}.map(t => [cgSearch.shardKey(t), cgSearch.fnv1a(cgSearch.shardKey(t))])")
    assert keys == [[shard_key(t), fnv1a(shard_key(t))] for t in tokens]


def test_node_porter_stemmer_agrees_with_snowball_on_the_corpus_vocabulary() -> None:
    words: set[str] = set()
    for path in [*ROOT.glob("policies/**/*.yml"), *ROOT.glob("glossary/*.yml"), *ROOT.glob("casebook/*.yml"), *ROOT.glob("themes/*.yml")]:
        words |= set(re.findall(r"[a-z]+", normalise(path.read_text(encoding="utf-8"))))
    vocabulary = sorted(words | {"y", "s", "sky", "yelling", "generalizations", "oscillators", "agreed", "feed"})
    assert len(vocabulary) > 1000
    stems = run_node(f"{json.dumps(vocabulary)}.map(cgPorterStem)")
    disagreements = [(w, js, stem(w)) for w, js in zip(vocabulary, stems, strict=True) if js != stem(w)]
    assert not disagreements, disagreements[:20]
