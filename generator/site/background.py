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

import contextlib
import multiprocessing
import signal
import time
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event as EventType

from generator.content.project import Project
from generator.site.build import BuildReport, build_project
from generator.site.staging import BuildStopped


def _full_build(project: Project, lang: str, answer: Connection, stopping: EventType) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for `serve`, which then stops this build

    def stopped(signum: int, frame: object) -> None:
        # SIGTERM is held while the site is swapped in (generator/site/staging.py), so this runs before or after a
        # swap, never during one, and the build swaps nothing after it: the serving loop may write the live site
        stopping.set()
        raise BuildStopped

    signal.signal(signal.SIGTERM, stopped)
    try:
        # the preview keeps nothing offline; this process builds once and ends
        report = build_project(project, lang, offline=False, freeze=True)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # built: a stop now only ends the process
        answer.send((report.ok, report.pages, report.seconds))
    except KeyboardInterrupt:
        with contextlib.suppress(OSError):  # stopped for a save, the serving loop no longer listens
            answer.send(None)
    finally:
        answer.close()


class BackgroundBuild:
    """One full build at a time, started, stopped and waited for by the serving loop."""

    def __init__(self, project: Project, lang: str) -> None:
        self.args = (project, lang)
        self.context = multiprocessing.get_context("spawn")
        self.process: multiprocessing.process.BaseProcess | None = None
        self.answer: Connection | None = None
        self.stopping: EventType | None = None
        self.leaving: list[multiprocessing.process.BaseProcess] = []  # stopped builds still removing their staging

    def start(self) -> None:
        """Start the full build (stop the running one first)."""
        self.stop()
        self.leaving = [process for process in self.leaving if process.is_alive()]
        receiver, sender = self.context.Pipe(duplex=False)
        self.stopping = self.context.Event()
        self.process = self.context.Process(target=_full_build, args=(*self.args, sender, self.stopping))  # forks workers
        # started with Ctrl+C blocked, which the new process keeps (it then ignores it): a Ctrl+C in the terminal
        # reaches the whole process group, and is `serve`'s to handle (it stops this build), also while the new
        # process is still importing. Blocked, not ignored, in `serve` itself: a Ctrl+C pressed while the process
        # starts waits and is handled the moment it has started, instead of being lost
        if hasattr(signal, "pthread_sigmask"):
            previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                self.process.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        else:
            self.process.start()
        sender.close()
        self.answer = receiver

    @property
    def running(self) -> bool:
        return self.process is not None

    def stop(self, *, wait: bool = True) -> bool:
        """Stop the running build, if any; True when one was stopped.

        ``wait``: until it has cleaned up and ended (Ctrl+C). Without: only until it has stopped building — it
        will swap nothing in any more — and let it remove its staging folder while the save is shown.
        """
        process, stopping = self.process, self.stopping
        if process is None or stopping is None:
            return False
        if process.is_alive():
            process.terminate()
        deadline = time.monotonic() + 30
        while not wait and process.is_alive() and not stopping.is_set() and time.monotonic() < deadline:
            stopping.wait(0.02)
        if wait or not stopping.is_set():
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():  # pragma: no cover - a wedged build
                process.kill()
                process.join()
        else:
            self.leaving.append(process)
        self._forget()
        return True

    def wait_for_stopped(self) -> None:
        """Until every stopped build has ended (their staging folders removed)."""
        for process in self.leaving:
            process.join()
        self.leaving = []

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
        self.process = self.answer = self.stopping = None
