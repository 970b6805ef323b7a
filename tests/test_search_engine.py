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

from generator.search import pinyin, slips
from generator.search.build import definition_sentence
from generator.search.extract import Passage, SearchPage, page_kind, read_page
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
from generator.site.scripts import served_text

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "generator" / "site" / "assets" / "javascripts"
NODE = shutil.which("node")
NUMBER_FORMS = ["豫政办〔2022〕79号", "豫政办[2022]79号", "豫政办［2022］79号", "豫政办(2022)79号", "豫政办（2022）79号",
                "豫政办〔2022〕79", "豫政办79号", "79号文", "豫政办 〔２０２２〕 ７９ 号"]
SAMPLES = ["社區養老", "村規民約", "五社聯動怎麼做", "ＡＢＣ１２３", "豫政办〔２０２２〕７９号", "五社\u200b联动", "Elderly-Care Sites",
           "網格員管多少戶", "社区工作者待遇怎么定", "𠀀字", "One Person, Two Posts (yī jiān tiāo)", "Lǜ Sè", "liàng lán xíngdòng"]


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
    # question frames go whole, longest first: what is left is what the question is about
    assert strip_stop_words("社工站是干什么的").split() == ["社工站"]
    assert strip_stop_words("五社联动到底是什么意思").split() == ["五社联动"]
    assert strip_stop_words("业委会跟物业老是扯皮谁来管").split() == ["业委会跟物业老是扯皮"]
    assert strip_stop_words("小区里的事应该怎么弄").split() == ["小区里", "事"]
    assert strip_stop_words("网格管理").split() == ["网格管理"]  # 管 alone is a content word


def test_tone_marks_fold_so_pinyin_on_english_pages_matches_toneless_typing() -> None:
    assert normalise("One Person, Two Posts (yī jiān tiāo)") == "one person, two posts (yi jian tiao)"
    assert latin_tokens(normalise("wǔ shè liándòng")) == ["wu", "she", "liandong"]
    assert normalise("社區 lǜ") == "社区 lu"  # Chinese characters are untouched


def test_pinyin_tokens_of_a_name_whole_initials_prefixes_and_words() -> None:
    tokens = pinyin.name_tokens("一征三议两公开")
    assert tokens["^yizhengsanyilianggongkai"] == "whole" and tokens["^yzsylgk"] == "initials"
    assert tokens["^yizhengsanyi"] == "prefix" and "^yizheng" not in tokens  # a prefix has three syllables or more
    assert pinyin.name_tokens("乡镇（街道）社会工作服务站")["^xiangzhenjiedaoshehuigongzuofuwuzhan"] == "whole"
    assert pinyin.name_tokens("Grid Management") == {} and pinyin.name_tokens("站") == {}
    assert pinyin.word_token("调研") == "^diaoyan"  # the reading of the phrase, not of the character alone
    assert "lv" in pinyin.syllables() and "zhuang" in pinyin.syllables() and "hng" not in pinyin.syllables()
    assert pinyin.shard_key("^yijiantiao") == shard_key("^yijiantiao") == "^yiji"


def test_slip_variants_of_a_name_and_their_shards() -> None:
    assert slips.variants("社工站") == ["?*工站", "?社*站", "?社工*"]
    assert slips.variants("一肩挑党员").count("?一肩*党员") == 1
    assert slips.variants("五社") == [] and slips.variants("一二三四五六七八九") == []  # 3 to 8 characters
    # a variant lives with two characters that stood side by side, or the outer pair of a three-character name
    assert [slips.shard_key(v) for v in slips.variants("社工站")] == ["工站", "社站", "社工"]
    assert [shard_key(v) for v in slips.variants("一肩挑党员")] == ["挑党", "挑党", "一肩", "一肩", "一肩"]
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


def test_a_name_typed_in_pinyin_or_with_one_character_wrong_finds_its_page(tmp_path: Path) -> None:
    pages = [SearchPage(url="glossary/yi-jian-tiao.html", kind="term", title="一肩挑", names=["一肩挑", "One Person, Two Posts"]),
             SearchPage(url="glossary/san-liu-shou.html", kind="term", title="三留守", names=["三留守"]),
             SearchPage(url="documents/x.html", kind="document", title="规划", names=["规划"],
                        passages=[Passage("", "", "书记主任一肩挑，三留守关爱。")])]
    index = build_index(pages, {})
    for token in ("^yijiantiao", "^yjt", "?一肩*", "?*肩挑", "?一*挑"):
        assert index.postings[token][0][0] == 0, token
    whole, initials, slip = (index.postings[token][0][1] for token in ("^yijiantiao", "^yjt", "?一肩*"))
    assert whole > slip > initials > max(score for d, score in index.postings["一肩挑"] if d == 2)
    assert index.postings["^yijiantiao"][0][1] < index.postings["=一肩挑"][0][1]  # the name itself stays first
    assert "^sanliushou" in index.postings and all(d != 2 for d, _ in index.postings["^sanliushou"])


def test_the_questions_an_entry_answers_outrank_a_long_page_that_mentions_the_words(tmp_path: Path) -> None:
    """常见问法: a case whose question is the reader's question beats a long document with each word once."""
    filler = [Passage("", "", f"第{n}条 社区服务设施建设和管理的其他要求。") for n in range(80)]
    document = SearchPage(url="documents/plan.html", kind="document", title="规划",
                          passages=[*filler, Passage("", "", "规范社区印章使用，不得要求社区出具证明。")])
    case = SearchPage(url="cases/jian-fu.html", kind="case", title="减负增效", passages=[Passage("", "", "为社区“两委”减负。")],
                      questions=["各部门要求社区出具证明、盖章，哪些可以拒绝？"])
    others = [SearchPage(url=f"indicators/{n}.html", kind="indicator", title=f"指标{n}", passages=[Passage("", "", "养老服务设施覆盖率。")])
              for n in range(20)]
    index = build_index([document, case, *others], {})
    assert index.postings["证明"][0][0] == 1 and index.postings["证明"][0][1] > 2 * index.postings["证明"][1][1]


def test_a_typed_word_carries_its_synonyms_postings_in_its_own_shard(tmp_path: Path) -> None:
    pages = [SearchPage(url="a.html", kind="document", title="甲", passages=[Passage("", "", "推进物业服务企业党建。")]),
             SearchPage(url="b.html", kind="term", title="社工站", names=["社工站"])]
    index = build_index(pages, {"物业公司": ["物业服务企业"], "社会工作站": ["社工站"]})
    assert [d for d, _ in index.postings["+物业公司"]] == [0]
    assert index.postings["+物业公司"][0][1] >= round(0.6 * dict(index.postings["物业服务企业"])[0])  # and its parts, 物业 …
    assert index.postings["+社会工作站"][0][0] == 1  # a name it stands for: that page, weighted as one strong word
    assert shard_key("+物业公司") == shard_key("物业公司") and shard_key("+older peopl") == shard_key("older peopl")


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

def run_node(code: str, served: bool = False) -> Any:
    """Evaluate porter.js and search.js with a minimal page stub in node, then ``code``; its JSON result.

    ``served``: the parts as the site serves them (generator/site/scripts.py), not the sources.
    """
    if NODE is None:  # .ci/run installs Debian's nodejs: in CI a missing node is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)("node is not installed (Debian package nodejs)")
    manifest = {"lang": "zh", "pages": 0, "shards": 8, "t2s": "".join(a + b for a, b in t2s_subset(
        "".join(normalise(s) for s in SAMPLES)).items()), "stop": [], "enStop": []}
    from generator.search.normalise import EN_STOP_WORDS, ZH_STOP_WORDS
    manifest.update(stop=list(ZH_STOP_WORDS), enStop=sorted(EN_STOP_WORDS), py=" ".join(pinyin.syllables()))
    prelude = """globalThis.window = globalThis;
globalThis.document = {currentScript: null, documentElement: {lang: "zh"}, readyState: "complete",
  querySelectorAll: () => [], getElementById: () => null};"""
    part = (lambda name: served_text((SCRIPTS / name).read_text(encoding="utf-8"))) if served else \
        (lambda name: (SCRIPTS / name).read_text(encoding="utf-8"))
    script = "\n".join([prelude, part("porter.js"), part("search.js"),
                        f"cgSearch.m({json.dumps(manifest, ensure_ascii=False)});",
                        f"console.log(JSON.stringify({code}));"])
    result = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_the_served_script_is_the_sources_without_their_comments() -> None:
    """The site serves the parts without comment lines and indentation (a quarter fewer compressed bytes on the way
    to the box being ready); the engine they make behaves exactly as the sources."""
    check = '[{samples}.map(cgSearch.normalise), ["社公站", "网格员管多少户", "what is wushe liandong"].map(cgSearch.firstShardKeys)]'
    check = check.format(samples=json.dumps(SAMPLES, ensure_ascii=False))
    assert run_node(check, served=True) == run_node(check)
    source = (SCRIPTS / "search.js").read_text(encoding="utf-8")
    served = served_text(source)
    assert "// " in source and "\n//" not in "\n" + served and "\n  " not in served and len(served) < 0.8 * len(source)
    assert served_text("/* a */ x();\n  /* b\n  c */\ny(); // kept\n") == "/* a */ x();\ny(); // kept\n"


def test_node_normalises_like_python() -> None:
    assert run_node(f"{json.dumps(SAMPLES, ensure_ascii=False)}.map(cgSearch.normalise)") == [normalise(s) for s in SAMPLES]


def test_node_removes_the_same_question_words() -> None:
    queries = ["网格员管多少户", "居民办事能不能在手机上办", "有没有规定社区工作者待遇怎么定", "是不是要经过审核呢"]
    assert run_node(f"{json.dumps(queries, ensure_ascii=False)}.map(cgSearch.stripStopWords)") == [strip_stop_words(q) for q in queries]


def test_a_question_for_a_size_share_distance_or_time_asks_for_an_indicator() -> None:
    """多少 asked for a number before; 多大, 几平方, 百分之几, 几成, 多远, 几分钟 (how big, how far) ask for one too and
    prefer indicator pages; 是什么 asks for a term; a yes/no question (能不能, 有没有) prefers no kind of page."""
    asked = {"社区活动室最少要多大": "i", "养老用房每百户几平方": "i", "志愿者占居民百分之几": "i", "社工站建了几成": "i",
             "走路几分钟到便民生活圈": "i", "how big is a community service centre": "i", "一肩挑是什么意思": "t",
             "社区印章能不能随便盖": "", "有没有免费律师": "", "网格员管多少户": "i"}
    assert dict(zip(asked, run_node(f"{json.dumps(list(asked), ensure_ascii=False)}.map(cgSearch.intent)"), strict=True)) == asked


def test_node_makes_the_same_document_number_tokens() -> None:
    forms = [normalise(form) for form in NUMBER_FORMS]
    found = run_node(f"{json.dumps(forms, ensure_ascii=False)}.map(cgSearch.documentNumberTokens)")
    own = set(document_number_tokens(normalise("豫政办〔2022〕79号")))
    for form, tokens in zip(forms, found, strict=True):
        assert set(document_number_tokens(form)) <= set(tokens), form  # node adds only "#-serial" for a bare 79号
        assert own & set(tokens), form


def test_a_name_costs_no_shard_of_its_own() -> None:
    """A Chinese name lives with its first two characters (a shard every query that types it loads); an
    English name and its stemmed form share one shard; every pinyin run that starts at a word shares one."""
    assert shard_key("=社区养老服务") == shard_key("社区") == shard_key(BIGRAM + "社区") == "社区"
    assert shard_key("=党2023") == "党" == shard_key("党")
    assert shard_key("=elderlycare") == shard_key("=eldercar") == "=elde"
    assert shard_key("^wushe") == shard_key("^wusheliandong") == "^wush"


def test_node_puts_tokens_in_the_same_shards() -> None:
    tokens = ["五社联动", BIGRAM + "五社", "elderli", "older peopl", "=五社联动", "=党2023", "=elderlycare", "=x", "=2023年",
              "#豫政办2022-79", "𠀀字", "户",
              "^yijiantiao", "^yjt", "+物业公司", "+older peopl", *slips.variants("社工站"), *slips.variants("一肩挑党员")]
    keys = run_node(f"{json.dumps(tokens, ensure_ascii=False)}.map(t => [cgSearch.shardKey(t), cgSearch.fnv1a(cgSearch.shardKey(t))])")
    assert keys == [[shard_key(t), fnv1a(shard_key(t))] for t in tokens]


def test_node_reads_pinyin_words_into_the_tokens_the_index_gives_names() -> None:
    """Whole words only: yi jian tiao, yijian tiao and yijiantiao all give ^yijiantiao; yjt is initials; English words break a run."""
    runs = run_node('[cgSearch.pinyinRuns(["what", "is", "yi", "jian", "tiao"]), cgSearch.pinyinRuns(["yijian", "tiao"]), '
                    'cgSearch.pinyinRuns(["yjt"]), cgSearch.pinyinRuns(["women", "and", "children"])]')
    spaced, joined, initials, english = runs
    assert "^yijiantiao" in spaced[0] and "^jiantiao" in spaced[0] and "^yijian" in spaced[0]
    assert not any(token.startswith("^whatis") or token == "^ji" for run in spaced for token in run)
    assert "^yijiantiao" in joined[0] and initials == [["^yjt"]]
    assert english == [["^women"]]  # "women" is wo+men; "and" and "children" are not pinyin
    index_side = pinyin.name_tokens("一肩挑")
    assert {"^yijiantiao", "^yjt"} <= set(index_side)


def test_node_makes_the_same_slip_variants() -> None:
    assert run_node('cgSearch.slipVariants(Array.from("社公站"), true)') == slips.variants("社公站")
    assert run_node('cgSearch.slipVariants(Array.from("社公站"), false)') == ["?*公站", "?社公*"]  # the outer pair only when loaded
    assert set(slips.variants("社工站")) & set(run_node('cgSearch.slipVariants(Array.from("社公站"), true)')) == {"?社*站"}


def test_a_long_question_asks_for_one_shard_per_pair_of_its_words_only() -> None:
    """社公站 looks for 社工站 with its middle character wrong (a shard of its outer pair 社站); a long question's
    words are not each searched for such a slip, which cost it a shard for every three characters."""
    short, long = run_node('["社公站", "社区工作者的事情太多了忙不过来应该怎么办"].map(cgSearch.firstShardKeys)')
    assert set(short) == {"社公", "公站", "社站"}  # its name (=社公站) lives with 社公
    pairs = {run[i:i + 2] for run in ("社区工作者", "事情太多", "忙不过来") for i in range(len(run) - 1)}
    assert set(long) == pairs  # its names (=社区工作者…) live with 社区: no shard of their own


def test_node_porter_stemmer_agrees_with_snowball_on_the_corpus_vocabulary() -> None:
    words: set[str] = set()
    for path in [*ROOT.glob("policies/**/*.yml"), *ROOT.glob("glossary/*.yml"), *ROOT.glob("casebook/*.yml"), *ROOT.glob("themes/*.yml")]:
        words |= set(re.findall(r"[a-z]+", normalise(path.read_text(encoding="utf-8"))))
    vocabulary = sorted(words | {"y", "s", "sky", "yelling", "generalizations", "oscillators", "agreed", "feed"})
    assert len(vocabulary) > 1000
    stems = run_node(f"{json.dumps(vocabulary)}.map(cgPorterStem)")
    disagreements = [(w, js, stem(w)) for w, js in zip(vocabulary, stems, strict=True) if js != stem(w)]
    assert not disagreements, disagreements[:20]


def test_a_tokeniser_adds_its_names_to_its_own_copy_of_the_dictionary_never_to_the_shared_one() -> None:
    """The build reads jieba's dictionary once and every tokeniser copies it (build-profile.md): the names one
    index adds must not reach the shared dictionary, which splits names into ordinary words."""
    from generator.search.names import name_words
    from generator.search.tokens import base_dictionary

    base = base_dictionary()
    before = len(base.FREQ)
    ordinary = name_words("小微权力清单")
    assert "小微权力清单" not in ordinary and "".join(ordinary) == "小微权力清单"
    tokeniser = Tokeniser(["小微权力清单"])
    assert tokeniser.words_of("小微权力清单")[0] == "小微权力清单"
    assert tokeniser.words_of("小微权力清单") == tokeniser.words_of("小微权力清单")  # the cached answer, a fresh list
    assert len(base.FREQ) == before and "小微权力清单" not in base.FREQ
    assert name_words("小微权力清单") == ordinary


def test_the_index_reads_the_article_only_and_finds_the_same_passages(tmp_path: Path) -> None:
    """Search hands the parser the page's article (build-profile.md); what is around it was never read anyway."""
    from generator.search.extract import article_html

    head = '<html><body><header><h1>站点</h1><p>菜单里的字</p></header><nav><li>导航</li></nav>'
    article = ('<article class="md-content__inner md-typeset"><h1 id="t">居民议事会</h1><p>第一段。</p>'
               '<h2 id="a">做法</h2><li>第二条</li></article>')
    page = head + article + '<footer><p>页脚</p></footer></body></html>'
    assert article_html(page) == article
    assert article_html("<p>没有正文</p>") == "<p>没有正文</p>"
    path = tmp_path / "case.html"
    path.write_text(page, encoding="utf-8")
    read = read_page(path, "cases/case.html")
    assert read.title == "居民议事会"
    assert [passage.text for passage in read.passages] == ["第一段。", "做法", "第二条"]


def test_compound_parts_are_what_jieba_cuts_for_search_without_cutting_twice() -> None:
    """The index takes a run's compound parts from its words (build-profile.md) instead of asking jieba's
    ``lcut_for_search`` to cut the run again: the same parts, in the same order, on every run of the corpus."""
    from generator.search.normalise import HAN_RUN
    from generator.search.tokens import search_parts

    tokeniser = Tokeniser(["议事会", "五社联动", "四议两公开", "小微权力清单"])
    text = "".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "policies").glob("*.yml")))
    runs = sorted(set(HAN_RUN.findall(normalise(text))))
    assert len(runs) > 1000
    for run in runs:
        words = tokeniser.jieba.lcut(run, HMM=False)
        assert search_parts(words, tokeniser.jieba.FREQ) == tokeniser.jieba.lcut_for_search(run, HMM=False), run
