"""Offline after one visit: what each language's service worker keeps, packed once per build.

For one language's built site (``site/`` or ``site/en/``) this writes ``offline/``:

- ``core.<hash>.lzma``, what the worker downloads on the first visit: the home page, the listings, the theme
  pages, the search and offline pages, the search manifest and the term shards (all of them while the worker
  and this pack stay within :data:`PRECACHE_BUDGET`; the real corpus fits whole), and the catalog;
- ``assets.<hash>.lzma``: the styles, scripts and images these pages show. The page has just loaded them, so
  the worker takes them from the browser's HTTP cache (checked against their hashes), or from the previous
  build's cache when they did not change, and downloads this pack only when neither has them;
- ``rest-<n>.<hash>.lzma``: every other page and the search index's page files, which "save for offline"
  downloads with a progress bar.

A pack is one LZMA stream (what Python's lzma module writes as FORMAT_ALONE; generator/site/worker/lzma.js
decodes it in the worker) holding a JSON index and the files' bytes, so the pages share one dictionary:
the whole Chinese site packs into about a fifth of what its pages weigh gzipped one by one.

The catalog (``offline/catalog.json``, in the core pack) names every other file the worker may keep with a
short hash of its bytes, and the titles and search cards of the pages; the worker keeps a file fetched from
the network only when its hash is this build's, so a cache only ever holds one build. The build's version is
a hash of all that and of the worker's code: the same content gives the same version, never the clock.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import lzma
import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from generator.courses.files import instructor_only
from generator.site.offline_terms import TERMS, EncodedShard, encode_shards

OFFLINE_DIR = "offline"
OFFLINE_PAGE = "offline.html"
CATALOG = f"{OFFLINE_DIR}/catalog.json"
# what the first visit downloads for the worker, compressed as sent: its script and the core pack. The pages'
# styles and scripts come from the browser's cache (docs/deploy.md has servers keep /assets/ for a week); only a
# server that forbids keeping anything (Cache-Control: no-store) makes the worker download their pack as well
PRECACHE_BUDGET = 300_000
# the listings, theme pages and search of point 1 of issue 24, by path in one language's site
CORE_PAGES = ("index.html", "*/index.html", "browse/*.html", "themes/*.html", "search.html", OFFLINE_PAGE)
SEARCH_MANIFEST = "search/manifest.js"
TERM_SHARDS = "search/t/*.js"
SEARCH_PAGE_FILES = re.compile(r"search/d/(\d+)\.js")
REST_PACK_BYTES = 2_000_000  # unpacked bytes per rest pack: a few packs, so a dropped connection costs little
NOT_KEPT = ("404.html",)  # a server's answer to a missing address, never a page to keep
DOWNLOADS = "downloads/"  # files to download (spreadsheets, course packs, the zip), not pages to keep
NOT_KEPT_FOLDERS = (DOWNLOADS, f"{OFFLINE_DIR}/")  # ... and the packs themselves
LZMA_FILTERS = [{"id": lzma.FILTER_LZMA1, "preset": 6, "lc": 3, "lp": 0, "pb": 0}]  # pb 0: text has no alignment
# "save for offline" packs: a third of the time for 8 % more bytes, downloaded once by the readers who ask
REST_FILTERS = [{"id": lzma.FILTER_LZMA1, "preset": 3, "lc": 3, "lp": 0, "pb": 0}]
REFERENCE = re.compile(r'(?:src|href)="([^"#?:]+)[^"]*"')
# what a page needs to show itself: its scripts, stylesheets and images (not its icons or web manifest)
SHOWN = re.compile(r'<(?:script|img)\b[^>]*\bsrc="([^"#?:]+)[^"]*"|<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"#?:]+)[^"]*"')
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Pack:
    """One pack as the worker fetches it: its address, compressed and unpacked sizes, how many files, and the hash
    of its bytes as sent (the worker unpacks nothing that does not match: a damaged or cut-off download is refused)."""

    url: str
    bytes: int
    size: int
    files: int
    hash: str = ""

    def config(self) -> dict[str, object]:
        return {"url": self.url, "bytes": self.bytes, "size": self.size, "files": self.files, "hash": self.hash}


@dataclass
class OfflineReport:
    """What one language's offline copy holds, for the build, the worker and the tests."""

    lang: str
    version: str
    core: Pack
    rest: list[Pack]
    pages: int  # every page of the language (what "save for offline" keeps)
    shards: int  # the search index's term shards
    shards_in_core: int  # ... of which the first visit keeps
    assets: dict[str, str] = field(default_factory=dict)  # styles, scripts, images of the core pages → hash
    asset_pack: Pack | None = None  # ... packed, for when the browser's cache does not have them
    core_files: list[str] = field(default_factory=list)


    def config(self, skip: list[str]) -> dict[str, object]:
        """The worker's settings (sw.js): version, packs, and the folders of the other languages it leaves alone."""
        return {"version": self.version, "lang": self.lang, "core": self.core.config(), "assets": self.assets,
                "assetPack": self.asset_pack.config() if self.asset_pack else None,
                "rest": [pack.config() for pack in self.rest], "pages": self.pages, "shards": self.shards,
                "shardsInCore": self.shards_in_core, "offline": OFFLINE_PAGE, "catalog": CATALOG, "skip": skip,
                "network": [DOWNLOADS]}


def short_hash(data: bytes) -> str:
    """Eight characters of SHA-256 (48 bits): enough to tell one build's copy of a file from another's."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()[:6]).decode()


def kept_files(site: Path, skip: list[str]) -> dict[str, bytes]:
    """Every file of one language the worker may keep: its pages, the search index, and what the pages use.

    ``skip``: folders of other languages inside this one (``en/`` in the Chinese site). What the pages use
    is found by reading their ``src`` and ``href`` attributes, so a theme's unused files (its own search,
    source maps) are left out and an image a page shows is not.
    """
    files: dict[str, bytes] = {}
    pages = [path for path in sorted(site.rglob("*.html")) if _kept(path.relative_to(site).as_posix(), skip)]
    used: set[str] = set()
    resolved_in: dict[tuple[str, str], str | None] = {}  # (folder, reference) → path: pages share their theme's files
    for path in pages:
        relative = path.relative_to(site).as_posix()
        data = path.read_bytes()
        files[relative] = data
        folder = relative.rpartition("/")[0]
        for target in REFERENCE.findall(data.decode("utf-8", "replace")):
            key = (folder, target)
            if key not in resolved_in:
                resolved_in[key] = _normal(PurePosixPath(folder) / html.unescape(target))
            resolved = resolved_in[key]
            if resolved is not None and not resolved.endswith(".html"):
                used.add(resolved)
    for path in sorted((site / "search").rglob("*.js")):
        used.add(path.relative_to(site).as_posix())
    for relative in sorted(used):
        path = site / relative
        if _kept(relative, skip) and path.is_file():
            files[relative] = path.read_bytes()
    return dict(sorted(files.items()))


def _kept(relative: str, skip: list[str]) -> bool:
    return (relative not in NOT_KEPT and not relative.startswith((*skip, *NOT_KEPT_FOLDERS))
            and not instructor_only(relative))  # a course's answers never reach a learner's phone


def _normal(path: PurePosixPath) -> str | None:
    """``a/../b/c.css`` → ``b/c.css``; None for a path that leaves the language's folder."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts) or None


def page_title(data: bytes) -> str:
    """A page's first heading as a reader sees it (without the ¶ of its permalink)."""
    match = HEADING.search(data.decode("utf-8", "replace"))
    if not match:
        return ""
    return html.unescape(TAG.sub("", match.group(1))).replace("¶", "").strip()


def search_card(data: bytes, number: str) -> tuple[dict[str, object], list[str]] | None:
    """A search page file without its passages, and the call around it: what the worker answers offline for it.

    The result card then shows the page's title and kind without a snippet, instead of no card at all.
    The file is one call ``name(N,{record});``; the worker writes ``name(N,{record with no passages});``.
    """
    text = data.decode("utf-8")
    start, end = text.find("{"), text.rfind("}")
    head = text[:start]
    if start < 0 or end < start or not head.endswith(f"({number},"):
        return None
    try:
        record = json.loads(text[start:end + 1])
    except ValueError:
        return None
    if not isinstance(record, dict) or "p" not in record or not isinstance(record.get("u"), str):
        return None
    record.pop("p")
    return record, [head[:-len(f"{number},")], text[end + 1:]]


def pack_bytes(files: dict[str, bytes], filters: list[dict[str, int]] = LZMA_FILTERS,
               known: dict[str, EncodedShard | None] | None = None) -> tuple[bytes, int]:
    """One LZMA stream of: the index's length (4 bytes, little-endian), the index [[path, length], …], the files.

    Term shards among the files are written smaller, as one entry (generator/site/offline_terms.py); ``known``:
    the shards encoded for an earlier pack of the same files.
    """
    shards = {path: data for path, data in files.items() if fnmatch(path, TERM_SHARDS)}
    blob, encoded = encode_shards(shards, known) if shards else (b"", [])
    if encoded:
        files = {**{path: data for path, data in files.items() if path not in set(encoded)}, TERMS: blob}
    index = json.dumps([[path, len(data)] for path, data in files.items()], ensure_ascii=False,
                       separators=(",", ":")).encode()
    body = len(index).to_bytes(4, "little") + index + b"".join(files.values())
    return lzma.compress(body, format=lzma.FORMAT_ALONE, filters=filters), len(body)


def core_paths(files: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """The first visit's pages and the search manifest (the term shards are added by budget); the files they use."""
    pages = [path for path in files if any(fnmatch(path, pattern) and path.count("/") == pattern.count("/")
                                           for pattern in CORE_PAGES)]
    used: set[str] = set()
    for page in pages:
        folder = PurePosixPath(page).parent
        for found in SHOWN.findall(files[page].decode("utf-8", "replace")):
            resolved = _normal(folder / html.unescape(found[0] or found[1]))
            if resolved in files and not resolved.endswith(".html"):
                used.add(resolved)
    used.discard(SEARCH_MANIFEST)
    return [*pages, *([SEARCH_MANIFEST] if SEARCH_MANIFEST in files else [])], sorted(used - set(pages))


def _shard_number(path: str) -> int:
    return int(PurePosixPath(path).stem)


class OfflinePacker:
    """Chooses and packs one language's offline files; ``write`` puts them under ``offline/``."""

    def __init__(self, site: Path, lang: str, skip: list[str], budget: int) -> None:
        self.site, self.lang, self.skip, self.budget = site, lang, skip, budget
        self.files = kept_files(site, skip)
        self.shards = sorted((path for path in self.files if fnmatch(path, TERM_SHARDS)), key=_shard_number)
        self.base, self.assets = core_paths(self.files)
        self.encoded: dict[str, EncodedShard | None] = {}  # each term shard encoded once, whichever pack it goes to

    def catalog(self, core: list[str]) -> bytes:
        """What the worker needs to know beyond the core: each other file's hash, and the search page files' cards.

        ``files``: every kept file outside the core (the core is in the cache as soon as the worker runs),
        with its hash; ``cards``: per search page file, its record without passages (title, kind, page), and
        the call around it (``cgSearch.d(#,`` … ``);``), from which the worker writes a card offline.
        """
        core_set = set(core)
        cards: dict[str, dict[str, object]] = {}
        call = ["", ""]
        for path, data in self.files.items():
            match = SEARCH_PAGE_FILES.fullmatch(path)
            if match and (card := search_card(data, match.group(1))) is not None:
                cards[match.group(1)], call = card
        carded = {card["u"] for card in cards.values()}
        catalog = {
            "files": {path: short_hash(data) for path, data in self.files.items() if path not in core_set},
            "titles": {path: page_title(data) for path, data in self.files.items()
                       if path.endswith(".html") and path not in carded},
            "cards": cards,
            "call": call,
        }
        return json.dumps(catalog, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

    def _rest_groups(self, core: set[str]) -> list[list[str]]:
        """Everything not in the core, in packs of about REST_PACK_BYTES: pages by folder, then the search page files."""
        groups: list[list[str]] = [[]]
        size = 0
        for path in sorted((p for p in self.files if p not in core), key=lambda p: (p.startswith("search/"), p)):
            if groups[-1] and size + len(self.files[path]) > REST_PACK_BYTES:
                groups.append([])
                size = 0
            groups[-1].append(path)
            size += len(self.files[path])
        return [group for group in groups if group]

    def core_pack(self, allowance: int) -> tuple[list[str], bytes, bytes, int]:
        """The core's packed paths, its catalog, the pack and its unpacked size, with as many term shards as fit.

        ``allowance``: bytes of the budget the worker script takes.
        """
        limit = self.budget - allowance
        count = len(self.shards)
        while True:
            core = [*self.base, *self.shards[:count]]
            catalog = self.catalog([*core, *self.assets])
            packed, size = pack_bytes({**{path: self.files[path] for path in core}, CATALOG: catalog}, known=self.encoded)
            if len(packed) <= limit or count == 0:
                return core, catalog, packed, size
            # shards weigh about the same: drop the share that is over, and a little more
            over = (len(packed) - limit) / len(packed)
            count = max(0, min(count - 1, int(count * (1 - over * 1.5 - 0.02))))

    def write(self, worker: int) -> tuple[OfflineReport, str]:
        """Write the packs; returns the report and a digest of everything the worker keeps (for its version).

        ``worker``: what the worker script weighs, compressed: the budget holds it and the core pack.
        """
        folder = self.site / OFFLINE_DIR
        folder.mkdir(exist_ok=True)
        packed_assets, assets_size = pack_bytes({path: self.files[path] for path in self.assets})
        asset_pack = self._write(folder, "assets", packed_assets, assets_size, len(self.assets))
        core, catalog, packed, size = self.core_pack(worker)
        core_pack = self._write(folder, "core", packed, size, len(core) + 1)
        rest = []
        for number, group in enumerate(self._rest_groups({*core, *self.assets}), start=1):
            data, raw = pack_bytes({path: self.files[path] for path in group}, REST_FILTERS, self.encoded)
            rest.append(self._write(folder, f"rest-{number}", data, raw, len(group)))
        assets = {path: short_hash(self.files[path]) for path in self.assets}
        shards = set(self.shards)
        report = OfflineReport(self.lang, "", core_pack, rest, pages=sum(1 for path in self.files if path.endswith(".html")),
                               shards=len(shards), shards_in_core=sum(1 for path in core if path in shards),
                               assets=assets, asset_pack=asset_pack, core_files=core)
        digest = hashlib.sha256(catalog + packed + packed_assets).hexdigest()
        return report, digest

    def _write(self, folder: Path, name: str, data: bytes, size: int, files: int) -> Pack:
        file_name = f"{name}.{hashlib.sha256(data).hexdigest()[:10]}.lzma"
        (folder / file_name).write_bytes(data)
        return Pack(f"{OFFLINE_DIR}/{file_name}", len(data), size, files, short_hash(data))
