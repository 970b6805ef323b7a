"""``compendium serve``: build, serve ``site/`` on 127.0.0.1, rebuild once per real change.

Each rebuild starts with a quick pass (generator/site/preview.py) that shows the pages of the saved
entries from a corpus and a MkDocs kept ready between saves, then runs the full build, which replaces
the site atomically. The full build runs in a process of its own (generator/site/background.py): a
save made while it runs stops it — the quick pass waits only until it has stopped building, not until
it has cleaned up — so that save is shown by its own quick pass at once and built in full after.

A rebuild starts only when the bytes of a content file changed: watchdog also reports files
that were only opened or read (the build itself reads every entry), and an editor's save can
arrive as several events, so events are collected, a burst is let settle, and each path is
compared with its content at the last build. Ctrl+C (or SIGTERM) stops serving, and any build
in progress, without a traceback and without leaving build folders behind.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.content.project import Project
from generator.courses.kind import ALL_KINDS
from generator.site.background import BackgroundBuild
from generator.site.build import BuildReport
from generator.site.preview import QuickPreview
from generator.site.staging import stop_on_terminate
from generator.site.webapp import PREVIEW_WORKER

WATCHED_FOLDERS = (*ALL_KINDS.top_folders, "docs")
WATCHED_FILES = ("mkdocs.yml", "synonyms.yml")
CONTENT_SUFFIXES = (".yml", ".yaml", ".md")
# created, modified, moved, deleted and closed-after-writing change a file; opened,
# closed_no_write (and access) only read it
WRITING_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed"})
SETTLE_SECONDS = 0.15  # a save is often several events (within milliseconds); wait until they stop
SETTLE_LIMIT = 2.0  # but never longer than this after the first


class ChangeCollector(FileSystemEventHandler):
    """Collects the content files that writing events touched since they were last taken."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: set[Path] = set()
        self._lock = threading.Lock()
        self.arrived = threading.Event()
        self.last_event = 0.0

    def is_content(self, path: Path) -> bool:
        if path.suffix not in CONTENT_SUFFIXES or path.name.startswith((".", "#")):
            return False  # editors' swap, backup and lock files
        try:
            relative = path.relative_to(self.root)
        except ValueError:
            return False
        return relative.parts[0] in WATCHED_FOLDERS if len(relative.parts) > 1 else relative.name in WATCHED_FILES

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in WRITING_EVENTS or event.is_directory:
            return
        paths = [Path(str(event.src_path))]
        if getattr(event, "dest_path", ""):
            paths.append(Path(str(event.dest_path)))
        relevant = [path for path in paths if self.is_content(path)]
        if relevant:
            with self._lock:
                self._paths.update(relevant)
                self.last_event = time.monotonic()
            self.arrived.set()

    def take(self) -> set[Path]:
        """The collected paths, once events have settled; empties the collection."""
        first = time.monotonic()
        while True:
            with self._lock:
                quiet = time.monotonic() - self.last_event
            if quiet >= SETTLE_SECONDS or time.monotonic() - first >= SETTLE_LIMIT:
                break
            time.sleep(SETTLE_SECONDS - quiet if quiet < SETTLE_SECONDS else 0.05)
        with self._lock:
            paths, self._paths = self._paths, set()
            self.arrived.clear()
        return paths


class ContentSnapshot:
    """The digest of every watched file as of the last build, to tell real changes from reads."""

    def __init__(self, collector: ChangeCollector) -> None:
        self._digests: dict[Path, str | None] = {}
        for folder in WATCHED_FOLDERS:
            for path in (collector.root / folder).rglob("*"):
                if collector.is_content(path):
                    self._digests[path] = _digest(path)
        for name in WATCHED_FILES:
            self._digests[collector.root / name] = _digest(collector.root / name)

    def changed(self, paths: set[Path]) -> list[Path]:
        """Those of ``paths`` whose content differs from the snapshot; the snapshot takes the new content."""
        changed = []
        for path in sorted(paths):
            digest = _digest(path)
            if digest != self._digests.get(path):
                self._digests[path] = digest
                changed.append(path)
        return changed


def _digest(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:  # deleted, or a folder
        return None


def _say(zh: str, en: str) -> None:
    print(f"{zh} / {en}", flush=True)


def serve_command(project: Project, port: int, lang: str,  # noqa: PLR0912, PLR0915 (the serving loop reads best whole)
                  on_built: Callable[[], None] | None = None) -> int:
    """Entry point of ``compendium serve``."""
    root, site = project.root, project.site
    try:  # take the port first: a busy port should not cost a build before the message
        server = PreviewServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(site)))
    except OSError as error:
        _say(f"无法使用端口 {port}（{error.strerror}），请用 --port 换一个端口",
             f"cannot use port {port} ({error.strerror}); choose another with --port")
        return 1
    collector = ChangeCollector(root)
    snapshot = ContentSnapshot(collector)
    observer = Observer()
    full = BackgroundBuild(project, lang)
    quick = QuickPreview(project)
    first = True
    try:
        with stop_on_terminate():
            for folder in WATCHED_FOLDERS:
                if (root / folder).is_dir():
                    observer.schedule(collector, str(root / folder), recursive=True)
            observer.schedule(collector, str(root), recursive=False)
            observer.start()
            # serve whatever site/ is now; a rebuild swaps the folder, and the handler resolves it per request
            threading.Thread(target=server.serve_forever, daemon=True).start()
            full.start()
            quick.warm_in_background()  # the corpus (and MkDocs, where a site was built before) kept for the first save
            _say(f"预览：http://127.0.0.1:{port}/（Ctrl+C 退出）", f"preview: http://127.0.0.1:{port}/ (Ctrl+C to stop)")
            while True:
                report = full.finished()
                if report is not None:
                    _report(report, first)
                    first = False
                    if report.ok:
                        quick.warm_in_background()  # the new pages and configuration, ready for the next save
                    if report.ok and on_built is not None:
                        on_built()  # compendium cms: the form's lists and checks follow the corpus
                if not collector.arrived.wait(timeout=0.2 if full.running else 1):
                    continue
                changed = snapshot.changed(collector.take())
                if not changed:
                    continue  # read, touched or saved unchanged: nothing to rebuild
                names = "、".join(str(path.relative_to(root)) for path in changed)
                report = full.finished()  # a build that ended meanwhile is reported, not taken for one to stop
                if report is not None:
                    _report(report, first)
                first = False
                if full.stop(wait=False):  # it swaps nothing in any more; it cleans up while this save is shown
                    _say(f"检测到修改：{names}，停止进行中的完整构建，先显示这次修改…",
                         f"changed: {names}; the full build in progress is stopped to show this save first…")
                else:
                    _say(f"检测到修改：{names}，正在重新生成…", f"changed: {names}; rebuilding…")
                _quick_pass(quick, changed)
                quick.wait()
                full.start()
    except KeyboardInterrupt:
        _say("预览已停止", "preview stopped")
    finally:
        full.stop()
        full.wait_for_stopped()
        observer.stop()
        server.shutdown()
    return 0


def _report(report: BuildReport, first: bool) -> None:
    if report.ok and first:
        _say(f"网站已生成，用时 {report.seconds:.1f} 秒", f"site built in {report.seconds:.1f} s")
    elif report.ok:
        _say(f"已重新生成，用时 {report.seconds:.1f} 秒", f"rebuilt in {report.seconds:.1f} s")
    elif first:
        _say("首次构建失败，修正问题后保存文件即可重试", "first build failed; save a fix to retry")
    else:
        _say("构建失败（问题见上），网站未改动，预览照常", "build failed (problems above); site unchanged, preview still up")


def _quick_pass(quick: QuickPreview, changed: list[Path]) -> None:
    """Show the changed pages first; a failure here only means waiting for the full build."""
    try:
        preview = quick.show(changed)
    except Exception as error:  # the full build right after reports real problems
        _say(f"快速预览未完成（{error}），等待完整构建", f"quick preview skipped ({error}); waiting for the full build")
        return
    if preview is not None and preview.refused:
        _say("快速预览未写入以下页面：页面上有不是网站模板写出的脚本（完整构建会拒绝并指明条目）："
             + "；".join(preview.refused),
             "quick preview left out pages carrying script the site's templates did not write "
             "(the full build refuses them and names the entry): " + "; ".join(preview.refused))
    if preview is not None:
        _say(f"已先更新 {len(preview.pages)} 个页面，用时 {preview.seconds:.1f} 秒；正在完整构建…",
             f"{len(preview.pages)} changed {'page' if len(preview.pages) == 1 else 'pages'} shown in {preview.seconds:.1f} s; "
             "full build running…")


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview's web server: a browser that drops a connection (a reload, a page left, a request given up) is
    nothing to print; socketserver wrote a traceback into the editor's terminal for each."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]  # socketserver's own request type


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request over the rebuild messages, and no offline copy."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if self.path.split("?")[0].endswith("/sw.js"):  # the preview's worker keeps nothing (generator/site/webapp.py)
            body = PREVIEW_WORKER.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_error(self, format: str, *args: object) -> None:
        print(format % args, file=sys.stderr)
