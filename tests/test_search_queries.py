"""The search query sets (tests/data/search/): their shape, their pages, and the tuning/held-out split."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.content.loading import discover, kind_of
from generator.content.yamlsource import read_yaml

ROOT = Path(__file__).parent.parent
SETS = ROOT / "tests" / "data" / "search"
CATEGORIES = {"everyday", "names-synonyms", "numbers-facts", "traditional", "english", "multi-concept", "doc-numbers",
              "spoken", "pinyin", "slips", "english-pinyin"}  # the last four: heldout-2.yml (issue 21)
NEW_CATEGORIES = {"spoken", "pinyin", "slips", "english-pinyin"}
FIELDS = {"query", "lang", "category", "expect", "first"}
# site folder -> entry kind whose id names the page
PAGE_KINDS = {"documents": "document", "indicators": "indicator", "cases": "case", "glossary": "term", "themes": "theme"}
# heldout.yml is frozen: a change to it must be a new set, not an edit (see its header). The one edit
# since it was written follows the corpus, not the ranking: committee-election-completion was split
# into henan- and hunan-committee-election-completion (issue 14), so the query expects both.
HELDOUT_SHA256 = {"heldout.yml": "f7af63a52d0e980feae34f99b37ef8c80315324417ba13bd25b33a175acf211e",
                  "heldout-3.yml": "97057659dec2029d47050808dc3c554ddc2b795e29abb72551c7b0eafc666a28",
                  "heldout-2.yml": "fed01f1d48fc9789fc139eee2dc5c5696d6659d09a966ec1c3ea45c0cbfdce6d",
                  "heldout-4.yml": "4da8d143ad68769a47d7834230505ffea96198a54452ef655093c94d37955f94"}
CJK = re.compile(r"[\u3400-\u9fff]")


def load(name: str) -> list[dict[str, Any]]:
    document = read_yaml(SETS / name)
    problems = [problem for problem in document.problems if problem.code != "not-an-entry"]  # a list, on purpose
    assert not problems, [problem.message("en") for problem in problems]
    assert isinstance(document.data, list)
    return document.data


def normalised(query: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", query)).casefold()


def entry_pages() -> set[str]:
    pages = set()
    folders = {kind: folder for folder, kind in PAGE_KINDS.items()}
    for path in discover([ROOT]):
        kind = kind_of(path)
        if kind is not None:
            pages.add(f"{folders[kind]}/{path.stem}.html")
    return pages


TUNING = load("tuning.yml")
HELDOUT = load("heldout.yml")
HELDOUT_2 = load("heldout-2.yml")  # written before the search was tuned for its categories (issue 21)
# written after heldout-2's first measurement, before any change made in answer to it; measured blind once (spoken
# 17 of 20), then tuned on (synonyms 家暴, 挨着, 开门 and the frame 多久, issue 21): no longer blind either
HELDOUT_3 = load("heldout-3.yml")
# written blind (without running the search or reading its word lists), committed before its one measurement;
# never to be tuned on (tests/test_search.py scores it apart, see BLIND_SET there)
HELDOUT_4 = load("heldout-4.yml")
HELD_OUT = HELDOUT + HELDOUT_2 + HELDOUT_3 + HELDOUT_4


@pytest.mark.parametrize("name", ["tuning.yml", "heldout.yml", "heldout-2.yml", "heldout-3.yml", "heldout-4.yml"])
def test_each_query_has_the_documented_fields(name: str) -> None:
    for item in load(name):
        assert set(item) <= FIELDS and {"query", "lang", "category", "expect"} <= set(item), item
        assert isinstance(item["query"], str) and item["query"].strip(), item
        assert item["lang"] in ("zh", "en"), item
        assert item["category"] in CATEGORIES, item
        assert isinstance(item["expect"], list) and item["expect"], item
        assert isinstance(item.get("first", []), list), item


def test_every_expected_page_is_an_entry_of_the_corpus() -> None:
    pages = entry_pages()
    for item in TUNING + HELD_OUT:
        for page in [*item["expect"], *item.get("first", [])]:
            assert page in pages, f"{item['query']!r}: {page} is not a page of the corpus"


def test_enough_queries_in_every_category_and_in_both_sets() -> None:
    assert len(TUNING) + len(HELD_OUT) >= 200
    overall = Counter(item["category"] for item in TUNING + HELD_OUT)
    assert set(overall) == CATEGORIES
    assert min(overall.values()) >= 12, overall
    assert {item["category"] for item in TUNING} == CATEGORIES
    assert {item["category"] for item in HELDOUT} == CATEGORIES - NEW_CATEGORIES
    assert {item["category"] for item in HELDOUT_2} == NEW_CATEGORIES
    assert {item["category"] for item in HELDOUT_3} == {"spoken", "pinyin"}
    assert Counter(item["category"] for item in HELDOUT_4) == {"spoken": 20, "pinyin": 8}
    # at least 18 held-out queries a category: one miss still leaves 94 %, so 95 % means at most one miss in 20
    assert min(Counter(item["category"] for item in HELDOUT_2).values()) >= 18


def test_no_query_twice_and_held_out_disjoint_from_tuning() -> None:
    for data in (TUNING, HELD_OUT):
        counts = Counter((item["lang"], normalised(item["query"])) for item in data)
        assert [key for key, count in counts.items() if count > 1] == []
    tuning = {(item["lang"], normalised(item["query"])) for item in TUNING}
    assert [item["query"] for item in HELD_OUT if (item["lang"], normalised(item["query"])) in tuning] == []


def test_fresh_queries_not_taken_from_the_older_set() -> None:
    older = ROOT / "tests" / "data" / "search_queries.yml"
    if not older.exists():
        pytest.skip("the older query set is gone")
    taken = {normalised(item["query"]) for item in read_yaml(older).data}
    # the exact document numbers are forms the issue asks for by name, so they may repeat
    fresh = [item for item in TUNING + HELD_OUT if item["category"] != "doc-numbers"]
    assert [item["query"] for item in fresh if normalised(item["query"]) in taken] == []


def test_language_and_category_agree() -> None:
    for item in TUNING + HELD_OUT:
        if item["category"] in ("english", "english-pinyin"):
            assert item["lang"] == "en" and not CJK.search(item["query"]), item
        elif item["category"] == "pinyin":  # typed without converting, on either site
            assert re.fullmatch(r"[a-z ]+", item["query"]), item
        else:
            assert item["lang"] == "zh" and CJK.search(item["query"]), item
        if item["category"] == "doc-numbers":
            assert item.get("first"), f"{item['query']!r}: a document number names one document, which comes first"


def test_traditional_queries_differ_from_their_simplified_form() -> None:
    """Each traditional query has at least one character that simplified Chinese writes differently."""
    # heldout-4's spoken questions are typed in either script, as phones do, so they are no sample of simplified
    simplified = "".join(item["query"] for item in TUNING + HELD_OUT
                         if item["category"] not in ("traditional", "english") and item not in HELDOUT_4)
    for item in TUNING + HELD_OUT:
        if item["category"] == "traditional":
            assert any(CJK.match(ch) and ch not in simplified for ch in item["query"]), item


@pytest.mark.parametrize("name", sorted(HELDOUT_SHA256))
def test_held_out_sets_are_frozen(name: str) -> None:
    digest = hashlib.sha256((SETS / name).read_bytes()).hexdigest()
    assert digest == HELDOUT_SHA256[name], f"{name} is frozen: add a new held-out set instead of editing it"


def test_pinyin_queries_are_pinyin_and_slips_are_one_character_off() -> None:
    """A pinyin query is toneless syllables or initials; a slip has one character that its name lacks."""
    from generator.content.loading import EntryLoader  # the names and aliases of the entries it expects

    syllable = re.compile(r"(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?(?:[aeiouv]+(?:ng|n|r)?)")
    loaded = EntryLoader().load([ROOT])
    names: dict[str, list[str]] = {}
    for item in loaded.entries:
        data = item.source.data
        if isinstance(data, dict) and isinstance(data.get("name"), dict):
            folder = {"case": "cases", "term": "glossary", "indicator": "indicators"}.get(item.kind)
            if folder:
                names[f"{folder}/{data['id']}.html"] = [data["name"]["zh"], *data.get("aliases", [])]
    for item in TUNING + HELD_OUT:
        if item["category"] == "pinyin":
            for word in item["query"].split():
                assert re.fullmatch(f"(?:{syllable.pattern})+", word) or len(word) <= 6, item
        if item["category"] == "slips":
            query = item["query"]
            candidates = [n for page in item["expect"] for n in names.get(page, [])]
            assert candidates, item
            assert not any(query in re.sub(r"[（）“”()]", "", name) for name in candidates), item  # not typed right
            assert any(len(set(query) - set(name)) == 1 for name in candidates), item
