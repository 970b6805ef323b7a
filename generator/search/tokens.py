"""Index-side tokenisation: jieba with the corpus's own names, compound parts, bigrams, English stems."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache

import jieba

from generator.search.normalise import HAN_RUN, document_number_tokens, latin_tokens, normalise

BIGRAM = "~"  # prefix of character-bigram tokens: the fallback that lets partial words match


@cache
def base_dictionary() -> jieba.Tokenizer:
    """jieba with its own dictionary only, loaded once per process (a second of CPU each time it is read).

    Loaded by the build before the languages fork, so both inherit it; never add words to it.
    """
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def own_dictionary() -> jieba.Tokenizer:
    """A jieba that words can be added to, starting from :func:`base_dictionary` (copied, not read again)."""
    base = base_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
    return tokenizer


def search_parts(words: list[str], frequencies: dict[str, int]) -> list[str]:
    """What jieba's ``lcut_for_search`` gives for a text whose ``lcut`` is ``words``, without cutting it again:
    before each word longer than two characters, its two- and three-character pieces that are dictionary words."""
    parts: list[str] = []
    for word in words:
        if len(word) > 2:
            parts += [gram for i in range(len(word) - 1) if frequencies.get(gram := word[i:i + 2])]
        if len(word) > 3:
            parts += [gram for i in range(len(word) - 2) if frequencies.get(gram := word[i:i + 3])]
        parts.append(word)
    return parts


class Tokeniser:
    """Turns page text into index tokens; the domain dictionary keeps 议事会, 五社联动 … whole."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.jieba = own_dictionary()
        self.words: set[str] = set()
        self._words_of: dict[str, tuple[str, ...]] = {}  # runs recur (headings, labels, names): jieba cuts each once
        for phrase in phrases:
            for run in HAN_RUN.findall(normalise(phrase)):
                if len(run) > 1:
                    self.jieba.add_word(run, freq=2000)
                    self.words.add(run)

    def words_of(self, run: str) -> list[str]:
        """jieba's words of a run of Chinese characters, then the parts of its compounds."""
        known = self._words_of.get(run)
        if known is None:
            cut = self.jieba.lcut(run, HMM=False)
            words = [word for word in cut if word.strip()]
            parts = [part for part in search_parts(cut, self.jieba.FREQ) if len(part) > 1]
            known = self._words_of[run] = (*words, *(part for part in parts if part not in words))
        return list(known)

    def tokens(self, text: str) -> list[str]:
        """All index tokens of ``text`` (normalised here), repeated as often as they occur."""
        normal = normalise(text)
        tokens = document_number_tokens(normal)
        for run in HAN_RUN.findall(normal):
            tokens += self.words_of(run)
            tokens += [BIGRAM + run[i : i + 2] for i in range(len(run) - 1)]
        tokens += latin_tokens(normal)
        return tokens

    def query_words(self, phrase: str) -> list[str]:
        """Tokens a synonym target stands for (its words, without bigrams)."""
        return [token for token in self.tokens(phrase) if not token.startswith(BIGRAM)]
