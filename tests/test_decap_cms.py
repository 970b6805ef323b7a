"""`compendium cms`: one command starts decap-server, the admin page and the preview; a case saved through
decap-server (as the form saves it) appears on the preview, and stopping the command stops decap-server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.editor.decap_local import find_server
from tests.conftest import DATA, make_project
from tests.test_serve import _fetch, _free_port, _wait_for

CASE = """\
id: shi-yan-an-li
name:
  zh: 议事协商试验
  en_status: draft
place:
  province:
    zh: 河南省
    en_status: draft
summary:
  zh: 为测试本地网页编辑而保存的案例。
  en_status: draft
themes:
- facilities
sources:
- ref: sample-plan
  quote: 农村社区综合服务设施覆盖率达到86%
"""


def _proxy(port: int, action: str, params: dict[str, object]) -> object:
    body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode("utf-8")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise AssertionError(f"decap-server refused {action}: {error.read().decode('utf-8', 'replace')}") from None


def test_cms_starts_proxy_admin_and_preview(tmp_path: Path) -> None:
    if find_server(tmp_path) is None or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js or decap-server missing: run `npm ci --prefix tools/cms`")
        pytest.skip("Node.js or decap-server missing: run `npm ci --prefix tools/cms`")
    project = make_project(tmp_path, DATA / "valid")
    port, admin_port, proxy_port = _free_port(), _free_port(), _free_port()
    command = subprocess.Popen(
        [sys.executable, "-m", "generator", "cms", "--root", str(project), "--port", str(port), "--admin-port", str(admin_port),
         "--proxy-port", str(proxy_port), "--sources", str(DATA / "sources")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/", "社区治理知识库", 90), "the preview was not served"
        assert _wait_for(f"http://127.0.0.1:{admin_port}/admin/config.yml", f"127.0.0.1:{proxy_port}/api/v1", 30)
        assert "decap-cms.js" in (_fetch(f"http://127.0.0.1:{admin_port}/admin/") or "")
        info = _proxy(proxy_port, "info", {})
        assert isinstance(info, dict) and info["type"] == "local_fs"
        entries = _proxy(proxy_port, "entriesByFolder", {"folder": "casebook", "extension": "yml", "depth": 1})
        assert isinstance(entries, list) and len(entries) == len(list((project / "casebook").glob("*.yml")))
        _proxy(proxy_port, "persistEntry", {
            "entry": {"slug": "shi-yan-an-li", "path": "casebook/shi-yan-an-li.yml", "raw": CASE},
            "assets": [], "options": {"collectionName": "cases", "commitMessage": "Create case", "useWorkflow": False, "status": "draft"}})
        assert (project / "casebook" / "shi-yan-an-li.yml").read_text(encoding="utf-8") == CASE
        assert _wait_for(f"http://127.0.0.1:{port}/cases/shi-yan-an-li.html", "议事协商试验", 90), "the new case is not on the preview"
    finally:
        command.send_signal(signal.SIGTERM)
        output = command.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert _fetch(f"http://127.0.0.1:{admin_port}/admin/") is None, output
    with pytest.raises(OSError):
        _proxy(proxy_port, "info", {})
