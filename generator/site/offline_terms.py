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


def _encode(shards: dict[str, tuple[str, dict[str, list[int]], str, str]]) -> bytes:
    meta: dict[str, list[object]] = {"paths": [], "heads": [], "tokens": [], "synonyms": [], "tails": []}
    numbers = bytearray()
    for path, (head, postings, synonyms, tail) in shards.items():
        for key, value in (("paths", path), ("heads", head), ("tokens", list(postings)), ("synonyms", synonyms),
                           ("tails", tail)):
            meta[key].append(value)
        for pairs in postings.values():
            by_page = sorted(zip(pairs[::2], pairs[1::2], strict=True))
            _varint(len(by_page), numbers)
            previous = 0
            for page, score in by_page:
                if type(page) is not int or type(score) is not int or page < previous or score < 0:
                    raise ValueError("not a count")
                _varint(page - previous, numbers)
                _varint(score, numbers)
                previous = page
    header = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
    return len(header).to_bytes(4, "little") + header + bytes(numbers)


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
                page += varint()
                pairs.append((page, varint()))
            pairs.sort(key=lambda pair: (-pair[1], pair[0]))
            numbers = ",".join(f"{page},{score}" for page, score in pairs)
            entries.append(f"{json.dumps(token, ensure_ascii=False)}:[{numbers}]")
        shards[path] = (head + "{" + ",".join(entries) + "}," + synonyms + tail).encode()
    return shards


def encode_shards(shards: dict[str, bytes]) -> tuple[bytes, list[str]]:
    """The blob of the shards that read back byte for byte, and their paths (the others are packed as they are)."""
    parsed = {}
    for path, data in shards.items():
        parts = _shard_parts(data.decode("utf-8"))
        if parts is not None:
            try:
                _encode({path: parts})
            except (ValueError, TypeError):
                continue
            parsed[path] = parts
    blob = _encode(parsed)
    back = decode_shards(blob)
    exact = [path for path in parsed if back[path] == shards[path]]
    if len(exact) < len(parsed):
        blob = _encode({path: parsed[path] for path in exact})
    return blob, exact
