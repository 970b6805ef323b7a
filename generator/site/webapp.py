"""Installable and readable offline: the web manifest and the service worker of each language.

The worker (generator/site/worker/sw.js) runs only over http(s); a site opened from disk (file://) has no
service worker and needs none. What it keeps is packed by generator/site/offline.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

from generator.site.labels import label
from generator.site.offline import PRECACHE_BUDGET, OfflinePacker, OfflineReport

ICON_SIZES = (192, 512)

WORKER = Path(__file__).parent / "worker"
# what `compendium serve` answers for sw.js: an editor's preview must always show the pages just built, so it
# keeps nothing, and it removes what an earlier build's worker kept at the same address
PREVIEW_WORKER = """// compendium serve: the preview keeps nothing offline, and removes what an earlier build kept here.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(caches.keys()
  .then((names) => Promise.all(names.filter((name) => name.startsWith("compendium-")).map((name) => caches.delete(name))))
  .then(() => self.registration.unregister())));
"""
CONFIG_MARK = "__CONFIG__"


COMMENT_LINE = re.compile(r"^\s*//.*\n", re.MULTILINE)
COMMENT_BLOCK = re.compile(r"^/\*.*?\*/\n", re.MULTILINE | re.DOTALL)


def worker_source() -> str:
    """sw.js before its settings are filled in: the worker, then how it reads a pack (generator/site/worker/).

    Comments on lines of their own are left out (every reader's phone downloads the worker; the sources
    keep them); the first line says where the source is.
    """
    source = "\n".join((WORKER / name).read_text(encoding="utf-8") for name in ("sw.js", "pack.js", "lzma.js"))
    first, _, rest = source.partition("\n")
    return first + "\n" + COMMENT_BLOCK.sub("", COMMENT_LINE.sub("", rest))


def worker_allowance() -> int:
    """What sw.js weighs gzipped, with room for its settings: the part of the precache budget it takes."""
    return len(gzip.compress(worker_source().encode(), 9)) + 600


def manifest(lang: str) -> dict[str, object]:
    """The web manifest of one language's site (paths relative to the manifest, so any base works)."""
    return {
        "name": label("site_name", lang),
        "short_name": "社区治理" if lang == "zh" else "Compendium",
        "lang": "zh-CN" if lang == "zh" else "en",
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#303f9f",
        "icons": [{"src": f"assets/images/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable"} for size in ICON_SIZES]
                 + [{"src": "assets/images/logo.svg", "sizes": "any", "type": "image/svg+xml"}],
    }


def write_manifest(docs: Path, lang: str) -> None:
    """manifest.webmanifest at the root of one language's docs folder (copied as it is)."""
    (docs / "manifest.webmanifest").write_text(json.dumps(manifest(lang), ensure_ascii=False, indent=1),
                                              encoding="utf-8")


def write_offline_copy(site: Path, lang: str, skip: list[str]) -> OfflineReport:
    """One language's offline packs (generator/site/offline.py) and its sw.js, at the root of its built site.

    The version is a hash of the catalog (every kept file's hash) and of the worker's code: what the
    build holds decides it, so building the same content twice gives the same worker byte for byte.
    """
    source = worker_source()
    report, digest = OfflinePacker(site, lang, skip, PRECACHE_BUDGET).write(worker_allowance())
    report.version = hashlib.sha256(f"{digest}\n{source}".encode()).hexdigest()[:12]
    config = json.dumps(report.config(skip), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (site / "sw.js").write_text(source.replace(CONFIG_MARK, config, 1), encoding="utf-8")
    return report
