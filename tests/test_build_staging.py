"""Builds leave no folders in the work tree — after a build, while serving, and when stopped by Ctrl+C or SIGTERM —
and stop without a traceback; under `serve`, a save made during a full build stops it and is shown first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site import staging
from tests.conftest import DATA, ROOT, make_project
from tests.test_serve import _fetch, _free_port, _wait_for

SOURCES = DATA / "sources"


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The fixture corpus as a fresh clone has it: a Git work tree with the project's .gitignore, all committed."""
    (tmp_path / "clone").mkdir()
    project = make_project(tmp_path / "clone", DATA / "valid")
    (project / ".gitignore").write_text((ROOT / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "clone")
    return project


def _env(tmp_path: Path) -> dict[str, str]:
    """A temporary folder of the test's own (same filesystem as the clone), to see what a build leaves in it."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "PYTHONPATH": str(ROOT)}


def _as_from_a_terminal(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    """Start a command with Ctrl+C as a shell gives it (not ignored, not blocked), whatever the test runner does with it."""
    runner = signal.signal(signal.SIGINT, signal.default_int_handler)  # a handler is reset to the default by exec
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a mask is kept: unblocked for the child
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, runner)


def _build(project: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return _as_from_a_terminal([sys.executable, "-m", "generator", "build", "--root", str(project), "--sources", str(SOURCES)],
                               env, project)


def _staging_of(tmp_path: Path, pid: int) -> list[Path]:
    return list((tmp_path / "tmp").glob(f"{staging.PREFIX}{pid}-*"))


def _wait(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_build_and_a_stopped_build_leave_the_work_tree_and_the_old_site_as_they_were(repository: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = _build(repository, env)
    output = first.communicate(timeout=600)[0]
    assert first.returncode == 0, output
    assert _git(repository, "status", "--porcelain", "--ignored=no") == "", "a build leaves nothing Git would list"
    assert not list((tmp_path / "tmp").glob(f"{staging.PREFIX}*")), "nor a staging folder in the temporary folder"
    index = (repository / "site" / "index.html").read_bytes()
    for stop in (signal.SIGINT, signal.SIGTERM):
        build = _build(repository, env)
        # stopped once its staging folder has pages in it: the middle of the build
        pid = build.pid
        assert _wait(lambda pid=pid: any(path.rglob("*.md") for path in _staging_of(tmp_path, pid)), 300), "the build never staged"
        build.send_signal(stop)
        output = build.communicate(timeout=120)[0]
        assert build.returncode == 130, output
        assert "构建已停止，网站未改动 / build stopped; the site was not changed" in output
        assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
        assert _staging_of(tmp_path, build.pid) == [], f"{stop.name} left the staging folder"
        assert _git(repository, "status", "--porcelain", "--ignored=no") == ""
        assert not [path for path in repository.iterdir() if path.name.startswith(".") and path.name not in (".git", ".gitignore")]
        assert (repository / "site" / "index.html").read_bytes() == index, "the old site stays"


def test_staging_goes_beside_the_target_when_the_temporary_folder_is_elsewhere(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging, "same_filesystem", lambda a, b: False)
    area = staging.StagingArea(tmp_path / "project")
    assert area.path.parent == tmp_path / "project" / staging.FALLBACK
    assert f"{staging.FALLBACK}/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    site = area.folder("site")
    (site / "index.html").write_text("new", encoding="utf-8")
    (tmp_path / "project" / "site").mkdir()
    area.swap(site, tmp_path / "project" / "site")
    area.remove()
    assert sorted(path.name for path in (tmp_path / "project").iterdir()) == ["site"], "removed once empty"
    assert (tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8") == "new"


def test_a_killed_builds_staging_folder_is_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging.tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f"{staging.PREFIX}{dead.pid}-abc"
    (leftover / "site").mkdir(parents=True)
    area = staging.StagingArea(tmp_path / "project")
    assert not leftover.exists()
    area.remove()


class Serving:
    """`compendium serve` on the clone, its output read line by line."""

    def __init__(self, project: Path, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.process = _as_from_a_terminal(
            [sys.executable, "-m", "generator", "serve", "--root", str(project), "--port", str(self.port), "--sources",
             str(SOURCES)], env, project)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def saw(self, needle: str) -> int:
        return sum(needle in line for line in self.lines)


@pytest.fixture
def serving(repository: Path, tmp_path: Path) -> Iterator[tuple[Serving, Path]]:
    server = Serving(repository, _env(tmp_path))
    try:
        assert _wait_for(f"http://127.0.0.1:{server.port}/themes/facilities.html", "社区服务设施", 300), "\n".join(server.lines)
        yield server, repository
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def _edit(path: Path, old: str, new: str) -> None:
    """Save as editors' programs do, in one step (a write in place can be read half-done by a build that is running)."""
    draft = path.with_name(f".{path.name}.tmp")
    draft.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    draft.replace(path)


def test_a_save_during_a_full_build_stops_it_and_ctrl_c_stops_serving_cleanly(serving: tuple[Serving, Path]) -> None:
    server, project = serving
    theme = project / "themes" / "facilities.yml"
    page = f"http://127.0.0.1:{server.port}/themes/facilities.html"
    _edit(theme, "社区服务设施", "社区服务设施甲")
    assert _wait(lambda: server.saw("full build running"), 120), "\n".join(server.lines)
    assert _git(project, "status", "--porcelain") == " M themes/facilities.yml\n", "only the edit, never a build folder"
    _edit(theme, "社区服务设施甲", "社区服务设施乙")  # saved again while the full build of the first save runs
    assert _wait_for(page, "社区服务设施乙", 60), "\n".join(server.lines)
    assert server.saw("the full build in progress is stopped to show this save first") == 1, "\n".join(server.lines)
    assert _wait(lambda: server.saw("rebuilt in"), 300), "\n".join(server.lines)
    assert server.saw("rebuilt in") == 1, "the stopped build never reports; the last save's build does, once"
    assert "社区服务设施乙" in (_fetch(page) or "")
    assert _git(project, "status", "--porcelain") == " M themes/facilities.yml\n"
    _edit(theme, "社区服务设施乙", "社区服务设施丙")
    assert _wait(lambda: server.saw("full build running") >= 2, 120), "\n".join(server.lines)
    server.process.send_signal(signal.SIGINT)  # Ctrl+C while a full build runs
    server.process.wait(timeout=120)
    time.sleep(0.5)
    output = "\n".join(server.lines)
    assert "预览已停止 / preview stopped" in output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert _git(project, "status", "--porcelain") == " M themes/facilities.yml\n"
    assert not list((project.parent.parent / "tmp").glob(f"{staging.PREFIX}*")), "the stopped build cleaned up"


def test_a_stop_swallowed_on_its_way_still_stops_the_build_before_the_swap() -> None:
    """Ctrl+C or SIGTERM caught by code that catches everything is remembered: the build stops before swapping in."""
    runner = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in `compendium build`, whatever pytest set
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        _a_swallowed_stop_still_stops()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, runner)


def _a_swallowed_stop_still_stops() -> None:
    with staging.stop_on_terminate():
        staging.raise_if_stop_asked()  # nothing asked yet
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
        except BaseException:  # what a library that swallows everything does
            pass
        with pytest.raises(staging.BuildStopped):
            staging.raise_if_stop_asked()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "Ctrl+C is Python's again after the build"
    with staging.stop_on_terminate():
        staging.raise_if_stop_asked()  # the next build starts afresh
