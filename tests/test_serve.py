"""`compendium serve`: serves the site on 127.0.0.1 and rebuilds once per real change, then goes quiet."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site.serve import ChangeCollector, ContentSnapshot, PreviewServer
from tests.conftest import DATA, make_project

REBUILT = "rebuilt in"
CHANGED = "changed:"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.3)
    return False


class Server:
    """``compendium serve`` in a subprocess, its output collected line by line."""

    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--root", str(project), "--port", str(self.port),
             "--sources", str(DATA / "sources")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def count(self, needle: str) -> int:
        return sum(needle in line for line in self.lines)

    def wait_count(self, needle: str, at_least: int, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.count(needle) >= at_least:
                return True
            time.sleep(0.2)
        return False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    project = make_project(tmp_path, DATA / "valid")
    server = Server(project)
    try:
        assert _wait_for(server.url("themes/facilities.html"), "社区服务设施", 300), "the site was not served"
        yield server, project
    finally:
        server.stop()


def test_one_change_is_rebuilt_once_then_the_server_goes_quiet(served: tuple[Server, Path]) -> None:
    server, project = served
    theme = project / "themes" / "facilities.yml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("社区服务设施", "社区服务设施与场地"), encoding="utf-8")
    assert _wait_for(server.url("themes/facilities.html"), "社区服务设施与场地", 90), "the change was not rebuilt"
    assert server.wait_count(REBUILT, 1, 180), "\n".join(server.lines)
    assert any("themes/facilities.yml" in line for line in server.lines if CHANGED in line), server.lines
    # the quick pass showed the edited entry's own page before the full build (the English page reads the same:
    # only its search aliases, which no one sees, hold the Chinese name)
    assert any("1 changed page shown in" in line for line in server.lines), "\n".join(server.lines)
    time.sleep(10)  # the build read every entry: those reads must not start another build
    assert server.count(REBUILT) == 1, "\n".join(server.lines)
    # the preview keeps nothing offline (an editor must see each build), and undoes what an earlier build kept
    for worker in ("sw.js", "en/sw.js"):
        script = _fetch(server.url(worker)) or ""
        assert "unregister()" in script and "CONFIG" not in script, script
    assert not (project / "site" / "offline").exists()
    assert server.count(CHANGED) == 1, "\n".join(server.lines)


def test_three_saves_within_a_second_are_not_three_queued_rebuilds(served: tuple[Server, Path]) -> None:
    server, project = served
    files = [project / "themes" / "facilities.yml", project / "themes" / "community-services.yml",
             project / "casebook" / "model-community.yml"]
    for number, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"# 保存 {number}\n", encoding="utf-8")
        time.sleep(0.4)
    assert server.wait_count(REBUILT, 1, 90)
    time.sleep(10)
    rebuilds = server.count(REBUILT)
    assert rebuilds in (1, 2), "\n".join(server.lines)


def test_a_saved_but_unchanged_file_or_a_read_does_not_rebuild(served: tuple[Server, Path]) -> None:
    server, project = served
    theme = project / "themes" / "facilities.yml"
    theme.write_text(theme.read_text(encoding="utf-8"), encoding="utf-8")  # saved, same bytes
    for path in (project / "policies").rglob("*.yml"):
        path.read_bytes()
    time.sleep(5)
    assert server.count(CHANGED) == 0, "\n".join(server.lines)


def test_a_broken_entry_prints_its_problems_and_the_server_stays_up(served: tuple[Server, Path]) -> None:
    server, project = served
    theme = project / "themes" / "facilities.yml"
    theme.write_text(theme.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    assert server.wait_count("build failed", 1, 60), "\n".join(server.lines)
    assert any("themes/facilities.yml:" in line and "[" in line for line in server.lines), "\n".join(server.lines)
    assert _fetch(server.url("themes/facilities.html")) is not None


def test_only_content_files_in_watched_folders_count(tmp_path: Path) -> None:
    collector = ChangeCollector(tmp_path)
    assert collector.is_content(tmp_path / "casebook" / "a.yml")
    assert collector.is_content(tmp_path / "synonyms.yml")
    assert not collector.is_content(tmp_path / "casebook" / ".a.yml.swp")
    assert not collector.is_content(tmp_path / "site" / "index.md")
    assert not collector.is_content(tmp_path / "generated" / "zh" / "index.md")
    assert not collector.is_content(tmp_path / "casebook" / "notes.txt")
    (tmp_path / "casebook").mkdir()
    entry = tmp_path / "casebook" / "a.yml"
    entry.write_text("id: a\n", encoding="utf-8")
    snapshot = ContentSnapshot(collector)
    assert snapshot.changed({entry}) == []
    entry.write_text("id: b\n", encoding="utf-8")
    assert snapshot.changed({entry}) == [entry]
    assert snapshot.changed({entry}) == []
    entry.unlink()
    assert snapshot.changed({entry}) == [entry]


def test_a_dropped_connection_prints_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    """A browser (or a benchmark) giving up on a request under load: socketserver printed a traceback for each."""
    server = PreviewServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real error")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real error" in capsys.readouterr().err
    finally:
        server.server_close()
