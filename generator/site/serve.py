"""``compendium serve``: build, serve ``site/`` on 127.0.0.1, rebuild when an entry changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.site.build import build_site

WATCHED = ("policies", "casebook", "glossary", "themes", "docs", "courses")


class RebuildOnChange(FileSystemEventHandler):
    """Marks the site stale when a YAML or Markdown source changes; a loop rebuilds it."""

    def __init__(self) -> None:
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = str(event.src_path)
        if path.endswith((".yml", ".yaml", ".md")):
            self.changed.set()


def serve_command(root: Path, port: int, sources: Path | None, lang: str) -> int:
    root = root.resolve()
    site = root / "site"
    report = build_site(root, site, sources, lang)
    if not report.ok:
        print("首次构建失败，修正问题后保存文件即可重试 / first build failed; save a fix to retry")
    handler = RebuildOnChange()
    observer = Observer()
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(handler, str(root / folder), recursive=True)
    observer.start()
    # serve whatever site/ is now; a rebuild swaps the folder, so resolve it per request
    server_class = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), server_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览 / preview: http://127.0.0.1:{port}/  (Ctrl+C 退出 / to stop)")
    try:
        while True:
            if handler.changed.wait(timeout=1):
                time.sleep(0.3)  # let an editor finish saving
                handler.changed.clear()
                report = build_site(root, site, sources, lang)
                print("已重新生成 / rebuilt" if report.ok else "构建失败，网站未改动 / build failed; site unchanged")
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.shutdown()
    return 0
