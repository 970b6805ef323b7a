"""Index-side tokenisation: jieba with the corpus's own names, compound parts, bigrams, English stems."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import jieba

from generator.search.normalise import HAN_RUN, document_number_tokens, latin_tokens, normalise

BIGRAM = "~"  # prefix of character-bigram tokens: the fallback that lets partial words match


class Tokeniser:
    """Turns page text into index tokens; the domain dictionary keeps 议事会, 五社联动 … whole."""

    def __init__(self, phrases: Iterable[str]) -> None:
        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        self.words: set[str] = set()
        for phrase in phrases:
            for run in HAN_RUN.findall(normalise(phrase)):
                if len(run) > 1:
                    self.jieba.add_word(run, freq=2000)
                    self.words.add(run)

    def words_of(self, run: str) -> list[str]:
        """jieba's words of a run of Chinese characters, then the parts of its compounds."""
        words = [word for word in self.jieba.lcut(run, HMM=False) if word.strip()]
        parts = [part for part in self.jieba.lcut_for_search(run, HMM=False) if len(part) > 1]
        return words + [part for part in parts if part not in words]

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
