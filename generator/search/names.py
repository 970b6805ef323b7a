"""What a page's names give the index: exact name tokens, pinyin, slips and the name's own words.

A page's names are its title (both languages, from the front matter's ``search_names``) and its
aliases. A query that is a whole name ranks its page first; the same name typed in toneless pinyin
(generator/search/pinyin.py) or with one character wrong (generator/search/slips.py) ranks it
just below; a document's own number (发文字号) is a name too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jieba

from generator.search import pinyin, slips
from generator.search.extract import SearchPage
from generator.search.normalise import HAN_RUN, document_number_tokens, latin_tokens, name_token, normalise
from generator.search.tokens import base_dictionary

NAME_SCORE = 2000.0  # the whole query is the page's name: first
ALIAS_SCORE = 1000.0  # ... or one of its aliases (search.js also looks up each query word as a name, weighted low)
OWN_NUMBER_SCORE = 2000.0  # the query is a document's own number
# pinyin, as a share of the name's or alias's own score: the whole name typed in pinyin is nearly the name;
# initials are shared by many words (yjt, sq), so they rank below; a prefix only as much as a strong word
# a part of the name (两个词以上: quanli qingdan) between the two
PINYIN_SHARE = {"whole": 0.9, "initials": 0.25, "part": 0.1, "part-initials": 0.05, "prefix": 0.015}
QUOTES = re.compile("[“”‘’\"'「」『』《》〈〉]")
# pinyin only for names a reader could type from memory: a document's full title (豫政办…规划的通知) is not
# typed in pinyin, and its prefixes and parts would fill the index (and the offline copy of it)
MAX_PINYIN_CHARS = 12
SLIP_SCORE = 600.0  # a name with one character wrong: below any right name, far above ordinary words


def exact_tokens(page: SearchPage, prior: float) -> dict[str, float]:
    """Tokens a whole query (or a run of it) matches, with the score each gives this page."""
    exact: dict[str, float] = {}

    def give(token: str, score: float) -> None:
        exact[token] = max(exact.get(token, 0.0), score)

    for names, score in ((page.aliases, ALIAS_SCORE), (page.names, NAME_SCORE)):
        for name in names:
            normal = normalise(name)
            if (token := name_token(name)) is not None:
                give(token, score * prior)
            if not HAN_RUN.search(normal) and (stems := latin_tokens(normal)):
                give("=" + "".join(stems), ALIAS_SCORE * prior)  # "volunteer" names Volunteering
            readings = dict(pinyin.name_tokens(normal)) if _short(normal) else {}
            for run in HAN_RUN.findall(QUOTES.sub("", normal)) if readings else []:  # quotes do not split 村级“小微权力”清单制度
                for token, kind in pinyin.part_tokens(name_words(run)).items():
                    readings.setdefault(token, kind)
            for token, kind in readings.items():
                give(token, score * prior * PINYIN_SHARE[kind] * (0.5 if kind == "initials" and len(token) < 4 else 1))
            for token in slips.variants(normal):
                give(token, SLIP_SCORE * prior)
    for token in document_number_tokens(normalise(page.own_number)):
        give(token, OWN_NUMBER_SCORE)
    return exact


def _general_words() -> jieba.Tokenizer:
    """jieba with its own dictionary only: it splits a name into ordinary words (小微|权力|清单), where the
    index's tokeniser, which knows the names, keeps them whole."""
    return base_dictionary()


def name_words(run: str) -> list[str]:
    """The ordinary words of a run of Chinese characters of a name, in order."""
    return [word for word in _general_words().lcut(run, HMM=False) if word.strip()]


def _short(name: str) -> bool:
    """A name short enough to be typed in pinyin (MAX_PINYIN_CHARS Chinese characters at most)."""
    return 0 < sum(len(run) for run in HAN_RUN.findall(name)) <= MAX_PINYIN_CHARS


def pinyin_words(page: SearchPage, words_of: Callable[[str], list[str]]) -> list[str]:
    """The ``^`` tokens of the words of the page's Chinese names, for its title field.

    ``words_of`` splits a run of Chinese characters into words (the index's Tokeniser.words_of).
    """
    tokens: list[str] = []
    for name in dict.fromkeys([*page.names, *page.aliases]):
        if not _short(normalise(name)):
            continue
        for run in HAN_RUN.findall(normalise(name)):
            for word in words_of(run):
                if (token := pinyin.word_token(word)) is not None:
                    tokens.append(token)
    return list(dict.fromkeys(tokens))


def skip_bigrams(names: list[str]) -> list[str]:
    """Pairs of a name's characters one to three apart: 社区卫生站 finds 社区卫生服务站 by 生站."""
    pairs: list[str] = []
    for name in names:
        for run in HAN_RUN.findall(normalise(name)):
            pairs += ["~" + run[i] + run[i + gap] for gap in (2, 3, 4) for i in range(len(run) - gap)]
    return list(dict.fromkeys(pairs))
