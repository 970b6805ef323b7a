"""Where a build is put together before it replaces the live site: outside the work tree, gone when the build is.

The site and the generated Markdown are built in a staging folder and swapped in with renames, so a reader
never sees half a site. Renames are atomic only within one filesystem, so the staging folder is a fresh
temporary folder (outside the checkout: ``git status`` never shows it) on the filesystem of what it replaces;
where the temporary folder lives on another filesystem, a ``.compendium-build/`` folder beside the target is
used instead, which .gitignore lists and which is removed when empty. Either way the staging folder is removed
when the build ends — also when it is stopped by Ctrl+C (SIGINT) or SIGTERM, which raise :class:`BuildStopped`
in the building process; the renames that swap the new site in are done with those signals held, so a stop
never falls between them. A folder left by a killed process (SIGKILL, power cut) is removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "compendium-build-"
FALLBACK = ".compendium-build"  # listed in .gitignore
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class BuildStopped(KeyboardInterrupt):
    """The build was asked to stop (Ctrl+C, SIGTERM, or a newer save in ``compendium serve``)."""


def same_filesystem(a: Path, b: Path) -> bool:
    """Whether a rename can move a folder from ``a`` into ``b``."""
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_leftovers(folder: Path) -> None:
    """Staging folders of processes that no longer run (killed with SIGKILL, or a power cut)."""
    for path in folder.glob(f"{PREFIX}*"):
        pid = path.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


class StagingArea:
    """One build's staging folder on the filesystem of ``near`` (the folder holding what will be replaced)."""

    def __init__(self, near: Path) -> None:
        near.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.gettempdir())
        self.fallback: Path | None = None
        parent = temporary
        if not same_filesystem(temporary, near):
            self.fallback = parent = near / FALLBACK
            parent.mkdir(exist_ok=True)
        _remove_leftovers(parent)
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))

    def folder(self, name: str) -> Path:
        """A new, world-readable folder in the area (mkdtemp makes folders private; a web server must read the site)."""
        path = self.path / name
        path.mkdir(mode=0o755)
        path.chmod(0o755)
        return path

    def swap(self, staging: Path, final: Path) -> None:
        """Replace ``final`` by ``staging`` with two renames, signals held so that a stop cannot fall between them."""
        old = self.path / f"old-{final.name}"
        with signals_held():
            if final.exists():
                final.rename(old)
            staging.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self.fallback is not None:
            with contextlib.suppress(OSError):
                self.fallback.rmdir()  # only when empty: another build may be using it


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done (where the OS allows it)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_stop_asked: list[int] = []  # the stop signals received while building: a stop is remembered, never lost


def _raise_stopped(signum: int, frame: object) -> None:
    _stop_asked.append(signum)
    raise BuildStopped


def raise_if_stop_asked() -> None:
    """Stop now if a stop was asked for, even if code on its way (a library catching everything) swallowed it."""
    if _stop_asked:
        raise BuildStopped


@contextlib.contextmanager
def stop_on_terminate() -> Iterator[None]:
    """While building, SIGTERM stops the build as Ctrl+C does (cleaning up) instead of killing the process outright.

    Both are remembered, so that :func:`raise_if_stop_asked` stops the build before it swaps anything in.
    """
    _stop_asked.clear()
    try:
        previous = signal.signal(signal.SIGTERM, _raise_stopped)
    except ValueError:  # not the main thread: the caller handles stopping
        yield
        return
    interrupt = signal.getsignal(signal.SIGINT)
    if interrupt is signal.default_int_handler:  # not where Ctrl+C is ignored on purpose (a worker, serve's build)
        signal.signal(signal.SIGINT, _raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        if interrupt is signal.default_int_handler:
            signal.signal(signal.SIGINT, interrupt)


def quiet_worker() -> None:
    """In a forked worker: Ctrl+C is for the parent (it stops the workers), SIGTERM ends the worker without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
