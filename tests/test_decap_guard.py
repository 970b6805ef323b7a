"""`compendium cms`: the guard in front of decap-server (issue 22, item 6).

Every action that carries a path is tried with paths out of the content folders, links out of them, other hosts
and other origins: each is refused with an HTTP error whose message is Chinese then English, and decap-server
never sees it (a recording stand-in takes decap-server's place). What the form needs passes, with the guard's
secret. Then the real decap-server behind the guard: it writes an entry, refuses generator/zz.py, .git/hooks and
.git/config, and answers nobody who skips the guard.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.courses.kind import ALL_KINDS
from generator.editor.decap_config import BackendOptions, decap_config
from generator.editor.decap_guard import GUARD_HEADER, ContentFolders, GuardServer, RequestRules
from generator.site.projectcheck import check_project
from tests.conftest import DATA, make_project, project_at

TOKEN = "t" * 43
ADMIN = "http://127.0.0.1:8001"
OPTIONS = {"collectionName": "cases", "commitMessage": "Update", "useWorkflow": False, "status": "draft"}
CASE = (DATA / "valid" / "casebook" / "model-community.yml").read_text(encoding="utf-8")


@dataclass
class Recorder:
    """Stands where decap-server would: records every request it is given and answers ``[]``."""

    seen: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def _recording_backend(recorder: Recorder) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            recorder.seen.append((dict(self.headers), body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"[]")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture corpus as a checkout: code, git metadata, a media folder and a secret beside it."""
    root = tmp_path / "checkout"
    root.mkdir()
    make_project(root, DATA / "valid")
    (root / "generator").mkdir()
    (root / "generator" / "cli.py").write_text("print('the real code')\n", encoding="utf-8")
    (root / ".git" / "hooks").mkdir(parents=True)
    (root / ".git" / "config").write_text("[remote \"origin\"]\n\turl = https://user:secret@git.example.org/x\n", encoding="utf-8")
    (root / "docs" / "assets" / "uploads").mkdir(parents=True)
    (tmp_path / "secret.yml").write_text("id: secret\n", encoding="utf-8")
    return root


@pytest.fixture
def guard(project: Path) -> Iterator[tuple[GuardServer, Recorder]]:
    recorder = Recorder()
    backend = _recording_backend(recorder)
    rules = RequestRules(project, ContentFolders.from_config(decap_config(BackendOptions(), ALL_KINDS)))
    server = GuardServer(0, rules, lambda: ("127.0.0.1", backend.server_address[1]), TOKEN, [ADMIN, "http://localhost:8001"]).start()
    try:
        yield server, recorder
    finally:
        for running in (server, backend):
            running.shutdown()
            running.server_close()


def _send(server: GuardServer, body: object, *, host: str | None = None, origin: str | None = None,
          method: str = "POST", path: str = "/api/v1", content_type: str = "application/json; charset=utf-8") -> tuple[int, object]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    headers = {"Content-Type": content_type, "Content-Length": str(len(data))}
    if origin is not None:
        headers["Origin"] = origin
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{server.server_address[1]}")
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders(data if method != "GET" else None)
    response = connection.getresponse()
    answer = response.read()
    connection.close()
    return response.status, json.loads(answer) if answer else None


def _action(action: str, **params: object) -> dict[str, object]:
    return {"action": action, "params": {"branch": "main", **params}}


def _entry(path: str, raw: str = CASE, **extra: object) -> dict[str, object]:
    return _action("persistEntry", entry={"slug": "x", "path": path, "raw": raw, **extra}, assets=[], options=OPTIONS)


REFUSED_BODIES = {
    "write generator/zz.py": _entry("generator/zz.py", "import os\n"),
    "write a git hook": _entry(".git/hooks/pre-commit-zz", "#!/bin/sh\n"),
    "read .git/config": _action("getEntry", path=".git/config"),
    "read through ..": _action("getEntry", path="casebook/../.git/config"),
    "read an absolute path": _action("getEntry", path="/etc/hostname"),
    "read out of the checkout": _action("entriesByFiles", files=[{"path": "../secret.yml"}]),
    "one bad file among good ones": _action("entriesByFiles", files=[{"path": "casebook/model-community.yml"},
                                                                      {"path": "mkdocs.yml"}]),
    "write below an entry folder": _entry("casebook/sub/new-case.yml"),
    "write a backslash path": _entry("casebook\\..\\generator\\zz.yml"),
    "write a reserved name": _entry("casebook/con.yml"),
    "write an id too long": _entry(f"casebook/{'a' * 81}.yml"),
    "write a non-YAML file": _entry("casebook/run.py"),
    "rename into another folder": _entry("casebook/model-community.yml", newPath="generator/model-community.yml"),
    "rename in the form": _entry("casebook/model-community.yml", newPath="casebook/renamed.yml"),
    "an entry over 2 MB": _entry("casebook/big.yml", "x" * (2 * 1024 * 1024 + 1)),
    "an asset out of the media folder": _action("persistEntry", entry={"slug": "x", "path": "casebook/x.yml", "raw": CASE},
                                                assets=[{"path": "generator/zz.png", "content": "AA==", "encoding": "base64"}],
                                                options=OPTIONS),
    "dataFiles with one bad path": _action("persistEntry", dataFiles=[{"slug": "x", "path": "casebook/x.yml", "raw": CASE},
                                                                      {"slug": "y", "path": "generator/y.yml", "raw": CASE}],
                                           assets=[], options=OPTIONS),
    "list the code": _action("entriesByFolder", folder="generator", extension="py", depth=1),
    "list .git": _action("entriesByFolder", folder=".git", extension="", depth=3),
    "list deep": _action("entriesByFolder", folder="casebook", extension="yml", depth=5),
    "list everything": _action("entriesByFolder", folder="", extension="yml", depth=100),
    "media from .git": _action("getMedia", mediaFolder=".git"),
    "a media file out of the folder": _action("getMediaFile", path=".git/config"),
    "upload into the code": _action("persistMedia", asset={"path": "generator/zz.png", "content": "AA==", "encoding": "base64"},
                                    options={"commitMessage": "x"}),
    "upload a script picture": _action("persistMedia", asset={"path": "docs/assets/uploads/x.svg", "content": "AA==",
                                                              "encoding": "base64"}, options={"commitMessage": "x"}),
    "delete an entry": _action("deleteFile", path="casebook/model-community.yml", options={"commitMessage": "x"}),
    "delete .git/config": _action("deleteFile", path=".git/config", options={"commitMessage": "x"}),
    "delete several": _action("deleteFiles", paths=["docs/assets/uploads/a.png", "generator/cli.py"], options={"commitMessage": "x"}),
    "an action of the git mode": _action("publishUnpublishedEntry", collection="cases", slug="x"),
    "an unknown action": _action("runCommand", command="rm -rf /"),
    "no action": {"params": {}},
    "not an object": [1, 2, 3],
}


def _assert_refusal(status: int, answer: object, expected: int = 403) -> None:
    assert status == expected, answer
    assert isinstance(answer, dict)
    zh, separator, en = str(answer["error"]).partition(" / ")
    assert separator and re.search("[\u4e00-\u9fff]", zh) and en and not re.search("[\u4e00-\u9fff]", en), answer


@pytest.mark.parametrize("case", REFUSED_BODIES)
def test_paths_and_actions_out_of_the_content_folders_never_reach_decap_server(
        guard: tuple[GuardServer, Recorder], case: str) -> None:
    server, recorder = guard
    status, answer = _send(server, REFUSED_BODIES[case], origin=ADMIN)
    assert status in (400, 403, 413), (case, status, answer)
    _assert_refusal(status, answer, status)
    assert recorder.seen == [], f"decap-server saw: {case}"


def test_the_refusal_names_the_path_and_the_folders_allowed(guard: tuple[GuardServer, Recorder]) -> None:
    server, _ = guard
    _, answer = _send(server, _entry("generator/zz.py", "x"))
    folders = ContentFolders.from_config(decap_config(BackendOptions(), ALL_KINDS))  # every collection's folder, and the media folder
    assert {"casebook", "glossary", "policies", "policies/indicators", "themes"} <= set(folders.entries)
    shown = folders.describe()
    assert answer == {"error": f"不允许的路径 'generator/zz.py'：网页编辑只能读写条目文件夹中的 .yml 文件和媒体文件夹中的图片（{shown}） / "
                      f"path not allowed: 'generator/zz.py'. The web form reads and writes only .yml files directly in the entry "
                      f"folders and pictures in the media folder ({shown})"}


def test_links_out_of_the_content_folders_are_refused(project: Path, guard: tuple[GuardServer, Recorder]) -> None:
    server, recorder = guard
    (project / "casebook" / "config.yml").symlink_to(project / ".git" / "config")
    (project / "docs" / "assets" / "uploads" / "hook.png").symlink_to(project / ".git" / "hooks")
    (project / "themes" / "secret.yml").symlink_to(project.parent / "secret.yml")
    for body in (_action("getEntry", path="casebook/config.yml"), _entry("casebook/config.yml"),
                 _action("entriesByFolder", folder="casebook", extension="yml", depth=1),
                 _action("entriesByFolder", folder="themes", extension="yml", depth=1),
                 _action("getMedia", mediaFolder="docs/assets/uploads"),
                 _action("persistMedia", asset={"path": "docs/assets/uploads/hook.png", "content": "AA==", "encoding": "base64"},
                         options={"commitMessage": "x"})):
        status, answer = _send(server, body)
        _assert_refusal(status, answer)
        assert "符号链接" in str(answer) and "symbolic link" in str(answer)
    shutil.rmtree(project / "glossary")
    (project / "glossary").symlink_to(project / ".git", target_is_directory=True)
    status, answer = _send(server, _entry("glossary/new-term.yml"))
    _assert_refusal(status, answer)
    assert recorder.seen == []


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "localhost:1",
                                  "127.0.0.2:{port}", "[::1]:{port}", ""])
def test_other_hosts_are_refused(guard: tuple[GuardServer, Recorder], host: str) -> None:
    """A page that rebinds its own name to 127.0.0.1 still sends its own name as Host."""
    server, recorder = guard
    status, answer = _send(server, _action("info"), host=host.format(port=server.server_address[1]))
    _assert_refusal(status, answer)
    assert recorder.seen == []


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:9999", "https://127.0.0.1:8001"])
def test_pages_from_other_origins_are_refused(guard: tuple[GuardServer, Recorder], origin: str) -> None:
    server, recorder = guard
    status, answer = _send(server, _action("info"), origin=origin)
    _assert_refusal(status, answer)
    status, answer = _send(server, b"", origin=origin, method="OPTIONS")
    _assert_refusal(status, answer)
    assert recorder.seen == []


def test_other_methods_addresses_and_bodies_are_refused(guard: tuple[GuardServer, Recorder]) -> None:
    server, recorder = guard
    _assert_refusal(*_send(server, b"", method="GET"), expected=405)
    _assert_refusal(*_send(server, _action("info"), path="/api/v1/../x"), expected=404)
    _assert_refusal(*_send(server, _action("info"), content_type="text/plain"), expected=415)
    _assert_refusal(*_send(server, b"{not json"), expected=400)
    assert recorder.seen == []


def test_what_the_form_needs_passes_with_the_secret(guard: tuple[GuardServer, Recorder]) -> None:
    server, recorder = guard
    allowed = [
        _action("info"),
        _action("entriesByFolder", folder="casebook", extension="yml", depth=1),
        _action("entriesByFolder", folder="policies/indicators", extension="yml", depth=1),
        _action("entriesByFiles", files=[{"path": "glossary/yi-you-qi-zhong-xin.yml"}]),
        _action("getEntry", path="casebook/model-community.yml"),
        _entry("casebook/model-community.yml"),
        _entry("casebook/new-case.yml"),
        _action("getMedia", mediaFolder="docs/assets/uploads"),
        _action("persistMedia", asset={"path": "docs/assets/uploads/photo.jpg", "content": "AA==", "encoding": "base64"},
                options={"commitMessage": "x"}),
        _action("deleteFile", path="docs/assets/uploads/photo.jpg", options={"commitMessage": "x"}),
        _action("getDeployPreview", collection="cases", slug="x"),
    ]
    for body in allowed:
        assert _send(server, body, origin=ADMIN) == (200, [])
    assert len(recorder.seen) == len(allowed)
    for (headers, data), body in zip(recorder.seen, allowed, strict=True):
        assert headers[GUARD_HEADER] == TOKEN and "Origin" not in headers
        assert json.loads(data) == body


def test_the_admin_page_may_ask_first(guard: tuple[GuardServer, Recorder]) -> None:
    """The browser's preflight from the admin page's origin is answered, and the answer names that origin."""
    server, _ = guard
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.request("OPTIONS", "/api/v1", headers={"Origin": ADMIN, "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "content-type"})
    response = connection.getresponse()
    response.read()
    assert response.status == 204
    assert response.getheader("Access-Control-Allow-Origin") == ADMIN
    assert "POST" in (response.getheader("Access-Control-Allow-Methods") or "")


# ----- the real decap-server behind the guard -----

def _real(project: Path) -> Iterator[object]:
    from generator.editor.decap_local import find_server, start_local_editing
    from tests.test_decap_browser import _free_port, _wait_for_proxy

    if find_server(project) is None or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js or decap-server missing: run `npm ci --prefix tools/cms`")
        pytest.skip("Node.js or decap-server missing: run `npm ci --prefix tools/cms`")
    port = _free_port()
    editing = start_local_editing(project_at(project), 0, port, None, check_project)
    try:
        _wait_for_proxy(port)
        yield editing
    finally:
        editing.stop()


def test_real_decap_server_writes_entries_and_nothing_else(project: Path) -> None:
    for editing in _real(project):
        server = editing.guard  # type: ignore[attr-defined]
        assert _send(server, _entry("casebook/new-case.yml", CASE.replace("model-community", "new-case"))) == (
            200, {"message": "entry persisted"})
        assert (project / "casebook" / "new-case.yml").is_file()
        for body in (_entry("generator/zz.py", "import os\n"), _entry(".git/hooks/pre-commit-zz", "#!/bin/sh\n"),
                     _action("getEntry", path=".git/config"), _action("getMediaFile", path=".git/config")):
            status, answer = _send(server, body)
            _assert_refusal(status, answer)
            assert "secret" not in json.dumps(answer)
        assert not (project / "generator" / "zz.py").exists() and not (project / ".git" / "hooks" / "pre-commit-zz").exists()
        # decap-server itself answers only the guard: straight to its port, without the secret, it refuses
        backend_port = int((editing.folder / "backend-port").read_text(encoding="ascii"))  # type: ignore[attr-defined]
        request = urllib.request.Request(f"http://127.0.0.1:{backend_port}/api/v1", headers={"Content-Type": "application/json"},
                                         data=json.dumps(_action("getEntry", path=".git/config")).encode("utf-8"))
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403 and "secret" not in refused.value.read().decode("utf-8")


def test_a_taken_port_is_a_message_not_a_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.editor.decap_local import cms_command, find_server

    if find_server(project) is None or shutil.which("node") is None:
        pytest.skip("Node.js or decap-server missing: run `npm ci --prefix tools/cms`")
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as taken:
        port = taken.server_address[1]
        code = cms_command(project_at(project), port=0, admin_port=0, proxy_port=port, check=check_project,
                           preview=lambda on_built: 0)
    out = capsys.readouterr().out
    assert code == 2 and f"端口 {port} 无法使用" in out and "choose another with --proxy-port" in out
