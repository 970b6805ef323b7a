"""The search index's term shards, written smaller for the service worker's first-visit pack.

A term shard (generator/search/index.py) is one call ``name(N,{"token":[page,score,page,score,…],…},{…});``
whose pairs are ordered best score first. Here the pairs are kept by page instead (differences of page
numbers and the scores as variable-length integers), which LZMA packs about 12 % smaller; the worker
(generator/site/worker/pack.js) writes each shard back byte for byte. A shard that would not come back
exactly (its call or its order is not the expected one) is left as it is: :func:`encode_shards` checks
every shard by decoding it as the worker does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

TERMS = "offline/terms.bin"  # the pack holds this instead of the shards it encodes


def _varint(value: int, out: bytearray) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _shard_parts(text: str) -> tuple[str, dict[str, list[int]], str, str] | None:
    """head ``name(N,``, the postings, the synonyms' JSON text, the tail ``);\\n`` — or None if not a shard."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    if start < 0:
        return None
    try:
        postings, end = decoder.raw_decode(text, start)
        if text[end:end + 1] != ",":
            return None
        _, after = decoder.raw_decode(text, end + 1)
    except ValueError:
        return None
    if not isinstance(postings, dict) or not all(isinstance(value, list) and len(value) % 2 == 0 for value in postings.values()):
        return None
    return text[:start], postings, text[end + 1:after], text[after:]  # numbers other than counts fail the read-back


@dataclass(frozen=True)
class EncodedShard:
    """One shard as the blob holds it: its entries of the JSON header and its numbers."""

    path: str
    head: str
    tokens: list[str]
    synonyms: str
    tail: str
    numbers: bytes


def _numbers(postings: dict[str, list[int]]) -> bytes:
    numbers = bytearray()
    append = numbers.append
    for pairs in postings.values():
        by_page = sorted(zip(pairs[::2], pairs[1::2], strict=True))
        _varint(len(by_page), numbers)
        previous = 0
        for page, score in by_page:
            if type(page) is not int or type(score) is not int or page < previous or score < 0:
                raise ValueError("not a count")
            if page - previous < 0x80:  # most page steps are one byte: no call for them
                append(page - previous)
            else:
                _varint(page - previous, numbers)
            _varint(score, numbers)
            previous = page
    return bytes(numbers)


def join_shards(shards: list[EncodedShard]) -> bytes:
    """The blob of encoded shards, in their order: a JSON header (paths, heads, tokens, synonyms, tails), the numbers."""
    meta = {"paths": [shard.path for shard in shards], "heads": [shard.head for shard in shards],
            "tokens": [shard.tokens for shard in shards], "synonyms": [shard.synonyms for shard in shards],
            "tails": [shard.tail for shard in shards]}
    header = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
    return len(header).to_bytes(4, "little") + header + b"".join(shard.numbers for shard in shards)


def encode_shard(path: str, data: bytes) -> EncodedShard | None:
    """One shard encoded, or None when it would not read back byte for byte (it is then packed as it is).

    Each shard's part of the blob depends on that shard only, so a shard checked alone reads back alike in any pack.
    """
    parts = _shard_parts(data.decode("utf-8"))
    if parts is None:
        return None
    head, postings, synonyms, tail = parts
    try:
        shard = EncodedShard(path, head, list(postings), synonyms, tail, _numbers(postings))
    except (ValueError, TypeError):
        return None
    return shard if decode_shards(join_shards([shard])).get(path) == data else None


def decode_shards(blob: bytes) -> dict[str, bytes]:
    """The shards back from :func:`encode_shards`'s bytes: what pack.js does in the worker."""
    length = int.from_bytes(blob[:4], "little")
    meta = json.loads(blob[4:4 + length])
    at = 4 + length

    def varint() -> int:
        nonlocal at
        value, shift = 0, 0
        while True:
            byte = blob[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    shards: dict[str, bytes] = {}
    for path, head, tokens, synonyms, tail in zip(meta["paths"], meta["heads"], meta["tokens"], meta["synonyms"],
                                                  meta["tails"], strict=True):
        entries = []
        for token in tokens:
            pairs, page = [], 0
            for _ in range(varint()):
                if blob[at] < 0x80:  # a one-byte step, read here
                    page += blob[at]
                    at += 1
                else:
                    page += varint()
                pairs.append((page, varint()))
            pairs.sort(key=lambda pair: (-pair[1], pair[0]))
            numbers = ",".join(f"{page},{score}" for page, score in pairs)
            entries.append(f"{json.dumps(token, ensure_ascii=False)}:[{numbers}]")
        shards[path] = (head + "{" + ",".join(entries) + "}," + synonyms + tail).encode()
    return shards


def encode_shards(shards: dict[str, bytes], known: dict[str, EncodedShard | None] | None = None) -> tuple[bytes, list[str]]:
    """The blob of the shards that read back byte for byte, and their paths (the others are packed as they are).

    ``known``: shards encoded before, by path (the first visit's pack is tried with fewer shards until it fits the
    budget, and the shards left out go to the other packs): each shard is encoded and checked once.
    """
    cache: dict[str, EncodedShard | None] = {} if known is None else known
    encoded = []
    for path, data in shards.items():
        if path not in cache:
            cache[path] = encode_shard(path, data)
        shard = cache[path]
        if shard is not None:
            encoded.append(shard)
    return join_shards(encoded), [shard.path for shard in encoded]
