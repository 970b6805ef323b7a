"""The full build of ``compendium serve`` in a process of its own, so that a newer save can stop it.

A full build of 1,000 entries takes half a minute (both languages, search, course packs); an editor who saves
again meanwhile wants to see that save, not wait for a build of the one before. The build runs in a process of
its own; a newer save stops it (SIGTERM: it removes its staging folder and stops its own workers; the live
site is untouched, generator/site/staging.py) before the quick pass shows the new save's pages and a new full
build starts.

That process is started fresh ("spawn"), not forked: the serving process has threads (the web server answering
the browser, the file watcher, the preview's warming, generator/site/preview.py), and a fork copies whatever
lock one of them held at that instant, held forever in the child (Python 3.12 warns of exactly this when a
multi-threaded process forks). A fresh process costs a second or two of imports against a build of half a
minute or more; the build's own workers are forked from it, a process without threads.
"""

from __future__ import annotations

import multiprocessing
import signal
from multiprocessing.connection import Connection

from generator.content.project import Project
from generator.site.build import BuildReport, build_project
from generator.site.staging import BuildStopped


def _raise_stopped(signum: int, frame: object) -> None:
    raise BuildStopped


def _full_build(project: Project, lang: str, answer: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for `serve`, which then stops this build
    signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        # the preview keeps nothing offline; this process builds once and ends
        report = build_project(project, lang, offline=False, freeze=True)
        answer.send((report.ok, report.pages, report.seconds))
    except KeyboardInterrupt:
        answer.send(None)
    finally:
        answer.close()


class BackgroundBuild:
    """One full build at a time, started, stopped and waited for by the serving loop."""

    def __init__(self, project: Project, lang: str) -> None:
        self.args = (project, lang)
        self.process: multiprocessing.process.BaseProcess | None = None
        self.answer: Connection | None = None

    def start(self) -> None:
        """Start the full build (stop the running one first)."""
        self.stop()
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_full_build, args=(*self.args, sender))  # not a daemon: it forks workers
        self.process.start()
        sender.close()
        self.answer = receiver

    @property
    def running(self) -> bool:
        return self.process is not None

    def stop(self) -> bool:
        """Stop the running build, if any, and wait until it has cleaned up; True when one was stopped."""
        if self.process is None:
            return False
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=30)
        if self.process.is_alive():  # pragma: no cover - a wedged build
            self.process.kill()
            self.process.join()
        self._forget()
        return True

    def finished(self) -> BuildReport | None:
        """The report of a build that has ended since the last call (not ok if it failed), else None."""
        if self.process is None or self.answer is None or (self.process.is_alive() and not self.answer.poll()):
            return None
        try:
            answer = self.answer.recv() if self.answer.poll() else None
        except EOFError:
            answer = None
        self.process.join(timeout=30)
        self._forget()
        return BuildReport(ok=False) if answer is None else BuildReport(ok=answer[0], pages=answer[1], seconds=answer[2])

    def _forget(self) -> None:
        if self.answer is not None:
            self.answer.close()
        self.process = self.answer = None
