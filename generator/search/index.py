"""The search index: BM25F scores per token and page, split into small shards the browser loads on demand.

Written under ``<site>/search/`` for each language:

- ``manifest.js``: counts, the traditional→simplified pairs that matter, stop words, labels;
- ``t/<n>.js``: term shards, about 2 kB compressed each (a query loads one per pair of neighbouring characters
  it types, and of each shard uses only its own words: smaller shards send fewer bytes that no query asked for).
  A token lives in shard ``fnv1a(shard_key(token)) % count``, so every word and page name that starts with the
  same two characters is in one shard; each token maps to
  ``[page, score, page, score, …]`` (score ×SCALE, best first) and the shard also carries the
  synonyms whose typed word starts there;
- ``d/<n>.js``: one file per page: title, kind, link and passages for snippets.

Every file is a script that calls ``cgSearch.m/t/d(…)``, so it loads with ``<script src>``
over http and from file:// alike (fetch and XHR do not work from disk).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.content.textsafety import inert_json
from generator.search import pinyin
from generator.search.extract import Passage, SearchPage
from generator.search.names import exact_tokens, pinyin_words, skip_bigrams
from generator.search.normalise import (
    EN_STOP_WORDS,
    HAN_RUN,
    SYNONYM_POSTINGS,
    ZH_STOP_WORDS,
    fnv1a,
    latin_tokens,
    name_token,
    normalise,
    shard_key,
    t2s_subset,
)
from generator.search.tokens import Tokeniser

K1 = 1.2
B = 0.75
# the questions an entry answers (常见问法) weigh between its title and its defining sentence
FIELD_WEIGHTS = {"title": 5.0, "questions": 4.0, "lead": 3.0, "heading": 2.0, "body": 1.0}
LEAD_BONUS = 0.5  # a word of a term's defining sentence: half a title word's (tuned on tuning.yml: 0.4–0.6 alike)
QUESTION_BONUS = 0.5  # ... or of a question the entry answers
# fields only some pages have: their length is compared with the same field of the other pages that have it
SPARSE_FIELDS = ("lead", "questions")
# what a typed word's synonyms add, merged into one list at build time (``+word``): a corpus word it
# stands for counts a little less than the word itself; a page name it is (an alias typed inside a
# longer query) about as much as one strong word
SYNONYM_WEIGHT = 0.6
NAME_IN_QUERY_WEIGHT = 0.004
MAX_SYNONYM_POSTINGS = 100  # a typed word's merged list: its best pages (the rest would add little and weigh on every shard)
NUMBER_ON_DOCUMENT = 3.0  # a document number cited by a document page weighs more than one cited elsewhere
B_BODY = 0.5  # long documents hold the answers to many questions: normalise their length gently
MAX_LENGTH_RATIO = 4.0
TITLE_BONUS = 1.0  # a word of the title, a name or an alias counts once more, outside BM25's saturation
# one letter a page in the manifest, so that ranking can prefer the kind a question asks for (search.js)
KIND_CODES = {"document": "d", "indicator": "i", "case": "c", "term": "t", "theme": "h", "list": "l", "page": "p"}
SCALE = 10  # scores are stored as integers (×10: one decimal is enough to rank; ×100 made shards 10 % larger, no better)
# pages a broad query should not put first: lists, and hand-written reference pages (the editing guide, the
# translation table: for editors, and long enough to match any question); a theme below a term
PRIORS = {"list": 0.4, "page": 0.3, "theme": 0.85}
MAX_POSTINGS = 300  # a token's best pages; the rest of a very common word adds nothing
SHARD_TARGET = 5_000  # characters of JSON per term shard (about 2 kB gzipped): a query loads a handful, and little else
PASSAGE_CHARS = 160
MAX_PASSAGES = 400
SENTENCE_END = re.compile(r"(?<=[。；！？;!?])")


@dataclass
class SearchIndex:
    """Scores and page records of one language, ready to write."""

    postings: dict[str, list[tuple[int, int]]]
    synonyms: dict[str, list[str]]
    pages: list[SearchPage]
    t2s: dict[str, str]


def _passages(page: SearchPage) -> list[Passage]:
    """The page's passages with long ones cut at sentence ends, for snippets a phone can show."""
    out: list[Passage] = []
    for passage in page.passages:
        if len(passage.text) <= PASSAGE_CHARS:
            out.append(passage)
            continue
        chunk = ""
        for sentence in SENTENCE_END.split(passage.text):
            if chunk and len(chunk) + len(sentence) > PASSAGE_CHARS:
                out.append(Passage(passage.anchor, passage.label, chunk.strip()))
                chunk = ""
            chunk += sentence
        if chunk.strip():
            out.append(Passage(passage.anchor, passage.label, chunk.strip()))
    return out[:MAX_PASSAGES]


def build_index(pages: list[SearchPage], synonyms: dict[str, list[str]], extra_phrases: Iterable[str] = ()) -> SearchIndex:
    """BM25F over title (with names, aliases and their pinyin), questions, lead, headings and body;
    names, aliases, their pinyin and slips, and numbers exact."""
    phrases = [*extra_phrases, *(target for targets in synonyms.values() for target in targets)]
    for page in pages:
        phrases += page.names + page.aliases
    tokeniser = Tokeniser(phrases)
    fields: list[dict[str, Counter[str]]] = []
    for page in pages:
        title = Counter(tokeniser.tokens(" ".join(dict.fromkeys([page.title, *page.names, *page.aliases]))))
        title.update(skip_bigrams([*page.names, *page.aliases]))
        title.update(pinyin_words(page, tokeniser.words_of))
        heading = Counter(t for p in page.passages if p.heading for t in tokeniser.tokens(p.text))
        body = Counter(t for p in page.passages if not p.heading for t in tokeniser.tokens(p.text))
        lead = Counter(tokeniser.tokens(page.lead))
        questions = Counter(t for question in page.questions for t in tokeniser.tokens(question))
        fields.append({"title": title, "questions": questions, "lead": lead, "heading": heading, "body": body})
    count = max(len(pages), 1)
    average = {f: max(1.0, sum(sum(d[f].values()) for d in fields) / count) for f in FIELD_WEIGHTS if f not in SPARSE_FIELDS}
    for sparse in SPARSE_FIELDS:  # only terms have a lead: a lead is compared with other leads
        lengths = [sum(d[sparse].values()) for d in fields if d[sparse]]
        average[sparse] = max(1.0, sum(lengths) / len(lengths)) if lengths else 1.0
    frequency: Counter[str] = Counter()
    for doc in fields:
        frequency.update(set().union(*(doc[f] for f in FIELD_WEIGHTS)))
    scores: dict[str, list[tuple[int, int]]] = defaultdict(list)
    idfs: dict[str, float] = {}
    for number, (page, doc) in enumerate(zip(pages, fields, strict=True)):
        prior = PRIORS.get(page.kind, 1.0)
        weighted = _weighted_counts(doc, average)
        for token, weight in weighted.items():
            idf = idfs.get(token)
            if idf is None:
                idf = idfs[token] = math.log(1 + (count - frequency[token] + 0.5) / (frequency[token] + 0.5))
            boost = NUMBER_ON_DOCUMENT if token.startswith("#") and page.kind == "document" else 1.0
            # the page is about this word, however long it is: a word of its title, of a question it answers
            # or of its defining sentence
            about = (TITLE_BONUS if token in doc["title"] else QUESTION_BONUS if token in doc["questions"]
                     else LEAD_BONUS if token in doc["lead"] else 0.0)
            scores[token].append((number, max(1, round(SCALE * prior * boost * idf * (about + weight / (K1 + weight))))))
        exact = exact_tokens(page, prior)
        for token, score in exact.items():
            scores[token] = [entry for entry in scores[token] if entry[0] != number]
            scores[token].append((number, round(SCALE * score)))
    postings = {token: _best(entries) for token, entries in scores.items()}
    expansions = _synonym_tokens(pages, synonyms, tokeniser)
    postings.update(merged_synonym_postings(expansions, postings))
    characters = {char for page in pages for p in page.passages for char in p.text} | {c for p in pages for c in p.title}
    return SearchIndex(postings, expansions, pages, t2s_subset(characters))


def _weighted_counts(doc: dict[str, Counter[str]], average: dict[str, float]) -> dict[str, float]:
    """Each token of a page → its occurrences in each field, weighted by the field and its length (BM25F).

    Summed field by field in FIELD_WEIGHTS' order, as one sum per token would add them (the same floats).
    """
    weighted: dict[str, float] = {}
    for f, weight in FIELD_WEIGHTS.items():
        counts = doc[f]
        norm = _length_norm(f, sum(counts.values()), average[f])
        for token, occurrences in counts.items():
            if occurrences:
                weighted[token] = weighted.get(token, 0) + weight * occurrences / norm
    return weighted


def _best(entries: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """A token's postings, best page first, at most MAX_POSTINGS."""
    return sorted(entries, key=lambda e: (-e[1], e[0]))[:MAX_POSTINGS]


Postings = dict[str, list[tuple[int, int]]]


def merged_synonym_postings(expansions: dict[str, list[str]], postings: Postings) -> Postings:
    """``+word`` → what the words it stands for add to each page, weighted, in one list.

    search.js adds this list for a typed word found in the synonym table, in the same shard as the
    word, so that a query does not wait for a second round of shards for the words it stands for.
    """
    merged: dict[str, list[tuple[int, int]]] = {}
    for key, targets in expansions.items():
        total: dict[int, float] = defaultdict(float)
        for target in targets:
            weight = NAME_IN_QUERY_WEIGHT if target.startswith("=") else SYNONYM_WEIGHT
            for page, score in postings.get(target, []):
                total[page] += weight * score
        entries = [(page, round(score)) for page, score in total.items() if round(score) > 0]
        if entries:
            merged[SYNONYM_POSTINGS + key] = _best(entries)[:MAX_SYNONYM_POSTINGS]
    return merged


def _length_norm(field: str, length: int, average: float) -> float:
    """BM25's length normalisation, gentler for the body and capped for very long pages."""
    b = B_BODY if field == "body" else B
    return 1 - b + b * min(length / average, MAX_LENGTH_RATIO)


def synonym_key(typed: str) -> str:
    """How a typed word is looked up: normalised Chinese without spaces, or stemmed English words."""
    normal = normalise(typed)
    if HAN_RUN.search(normal):
        return "".join(char for char in normal if not char.isspace())
    return " ".join(latin_tokens(normal))


def _synonym_tokens(pages: list[SearchPage], synonyms: dict[str, list[str]], tokeniser: Tokeniser) -> dict[str, list[str]]:
    """Typed word → tokens it also stands for (the reviewed list; aliases work through name tokens).

    Entry aliases are synonyms too: an alias is indexed as its page's name token, and search.js
    looks up every word of a query as a name as well, so 社工站 finds its term page in any query.
    An alias that is not otherwise a word of the corpus is added here so the query segmenter knows it.
    """
    table: dict[str, list[str]] = defaultdict(list)
    names = {token for page in pages for name in [*page.names, *page.aliases] if (token := name_token(name))}
    for typed, targets in synonyms.items():
        for target in targets:
            table[synonym_key(typed)] += tokeniser.query_words(target)
            if (token := name_token(target)) in names:  # the target names a page: that page, weighted low
                table[synonym_key(typed)].append(token)
    for page in pages:
        for alias in [*page.names, *page.aliases]:
            key = synonym_key(alias)
            if key and HAN_RUN.fullmatch(key) and (token := name_token(alias)):
                table[key].append(token)
    return {key: list(dict.fromkeys(tokens)) for key, tokens in table.items() if key and tokens}


def _script(call: str, *values: object) -> str:
    # entry text as inert JSON: no "<" or "&" in the file (generator/content/textsafety.py)
    return f"cgSearch.{call}(" + ",".join(inert_json(v, separators=(",", ":")) for v in values) + ");\n"


def write_index(index: SearchIndex, folder: Path, lang: str) -> dict[str, int]:
    """Write manifest, term shards and page files under ``folder`` (``<site>/search``); bytes per kind."""
    size = sum(len(token) + 8 * len(entries) for token, entries in index.postings.items())
    shards = max(8, math.ceil(size / SHARD_TARGET))
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token, entries in sorted(index.postings.items()):
        grouped[fnv1a(shard_key(token)) % shards][token] = [value for entry in entries for value in entry]
    synonym_groups: list[dict[str, list[str]]] = [{} for _ in range(shards)]
    for key, tokens in sorted(index.synonyms.items()):
        synonym_groups[fnv1a(shard_key(key)) % shards][key] = tokens
    (folder / "t").mkdir(parents=True, exist_ok=True)
    (folder / "d").mkdir(parents=True, exist_ok=True)
    written = Counter[str]()
    for number, (postings, synonyms) in enumerate(zip(grouped, synonym_groups, strict=True)):
        text = _script("t", number, postings, synonyms)
        (folder / "t" / f"{number}.js").write_text(text, encoding="utf-8")
        written["terms"] += len(text.encode())
    for number, page in enumerate(index.pages):
        record = {"t": page.title, "k": page.kind, "u": page.url,
                  "p": [[p.anchor, p.label, p.text] for p in _passages(page)]}
        text = _script("d", number, record)
        (folder / "d" / f"{number}.js").write_text(text, encoding="utf-8")
        written["pages"] += len(text.encode())
    manifest = {"lang": lang, "pages": len(index.pages), "shards": shards,
                "t2s": "".join(a + b for a, b in index.t2s.items()),
                "stop": list(ZH_STOP_WORDS), "enStop": sorted(EN_STOP_WORDS), "py": " ".join(pinyin.syllables()),
                "kinds": "".join(KIND_CODES.get(page.kind, "p") for page in index.pages)}
    text = _script("m", manifest)
    (folder / "manifest.js").write_text(text, encoding="utf-8")
    written["manifest"] = len(text.encode())
    return dict(written)
