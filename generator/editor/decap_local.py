"""``compendium cms``: local editing — decap-server on this checkout behind its guard (decap_guard.py), the admin page
and the live preview, all on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from generator.content.pipeline import Checker
from generator.content.project import Project
from generator.editor.decap_admin import write_admin
from generator.editor.decap_checks import form_checks
from generator.editor.decap_config import BackendOptions, decap_config
from generator.editor.decap_guard import ContentFolders, GuardServer, RequestRules

REPOSITORY = Path(__file__).resolve().parents[2]
SERVER_SCRIPT = Path("tools/cms/node_modules/decap-server/dist/index.js")
BACKEND_SCRIPT = Path(__file__).resolve().parent / "decap_backend.js"
T = TypeVar("T")
# The preview server (compendium serve), run until stopped; it calls its argument after each build.
Preview = Callable[[Callable[[], None]], int]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the admin folder without a log line per request, config.yml as YAML."""

    extensions_map: dict[str, str] = {  # noqa: RUF012 (the base class's own table, which this class replaces)
        **http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml", ".js": "text/javascript"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class LocalEditing:
    """The running pieces of local editing: decap-server, the guard in front of it, the admin page's server."""

    proxy: subprocess.Popen[bytes]  # decap-server (decap_backend.js), reachable only through the guard
    admin: http.server.ThreadingHTTPServer
    admin_url: str
    folder: Path
    guard: GuardServer

    def stop(self) -> None:
        """Stop the guard, the admin server and decap-server, remove the generated admin folder."""
        for server in (self.guard, self.admin):
            server.shutdown()
            server.server_close()
        self.proxy.terminate()
        try:
            self.proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proxy.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def find_server(root: Path) -> Path | None:
    """decap-server as installed by ``npm ci --prefix tools/cms``, in the project or in this checkout."""
    for base in (root, REPOSITORY):
        script = base / SERVER_SCRIPT
        if script.is_file():
            return script
    return None


def start_local_editing(project: Project, admin_port: int, proxy_port: int, preview_url: str | None,
                        check: Checker) -> LocalEditing:
    """Start decap-server on the project (files written directly, no commits) behind the guard, and serve /admin/ for it.

    The form talks to the guard on ``proxy_port``; decap-server listens on a port of the system's choosing and
    answers only the guard (a secret shared through its environment).
    """
    root = project.root
    script = find_server(root)
    node = shutil.which("node")
    if script is None or node is None:
        raise FileNotFoundError(
            "找不到 Node.js 或 decap-server，请先安装 Node.js 并运行 npm ci --prefix tools/cms / "
            "Node.js or decap-server not found: install Node.js, then run npm ci --prefix tools/cms")
    folder = Path(tempfile.mkdtemp(prefix="compendium-cms-"))
    handler = functools.partial(QuietHandler, directory=str(folder))
    admin = _bind(lambda: http.server.ThreadingHTTPServer(("127.0.0.1", admin_port), handler), admin_port, "--admin-port", folder)
    bound = admin.server_address[1]
    token = secrets.token_urlsafe(32)
    options = BackendOptions(name="local", proxy_url=f"http://127.0.0.1:{proxy_port}/api/v1", site_url=preview_url)
    backend = DecapBackend(folder / "backend-port")
    rules = RequestRules(root, ContentFolders.from_config(decap_config(options, project.kinds)))
    origins = [f"http://127.0.0.1:{bound}", f"http://localhost:{bound}"]
    try:
        guard = _bind(lambda: GuardServer(proxy_port, rules, backend.address, token, origins), proxy_port, "--proxy-port", folder)
    except PortInUse:
        admin.server_close()
        raise
    write_admin(folder / "admin", replace(options, proxy_url=guard.url), project, check)
    env = {**os.environ, "DECAP_SERVER_DIR": str(script.parents[1]), "COMPENDIUM_GUARD_TOKEN": token,
           "COMPENDIUM_BACKEND_PORT_FILE": str(backend.port_file), "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    # its own session: Ctrl+C in the terminal reaches `compendium cms`, which stops decap-server itself (LocalEditing.stop)
    proxy = subprocess.Popen([node, str(BACKEND_SCRIPT)], cwd=root, env=env, start_new_session=True)
    backend.process = proxy
    guard.start()
    threading.Thread(target=admin.serve_forever, daemon=True).start()
    return LocalEditing(proxy, admin, f"http://127.0.0.1:{bound}/admin/", folder, guard)


class PortInUse(OSError):
    """A port local editing needs is taken; the message says which option changes it."""


def _bind(make: Callable[[], T], port: int, option: str, folder: Path) -> T:
    try:
        return make()
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise PortInUse(f"端口 {port} 无法使用（{error.strerror}），请用 {option} 换一个 / port {port} cannot be used "
                        f"({error.strerror}); choose another with {option}") from None


@dataclass
class DecapBackend:
    """Where decap-server listens, once it has said so (decap_backend.js writes its port to ``port_file``)."""

    port_file: Path
    process: subprocess.Popen[bytes] | None = None

    def address(self) -> tuple[str, int] | None:
        if self.process is None or self.process.poll() is not None or not self.port_file.is_file():
            return None
        return "127.0.0.1", int(self.port_file.read_text(encoding="ascii"))


def cms_command(project: Project, *, port: int, admin_port: int, proxy_port: int, check: Checker, preview: Preview) -> int:
    """Local editing plus the preview (``compendium serve`` on ``port``, run by ``preview``), until Ctrl+C.

    ``check`` is the project's whole check and ``preview`` the site's preview: both are handed in by the command
    line, since the editor uses nothing above generator/content.
    """
    try:
        editing = start_local_editing(project, admin_port, proxy_port, f"http://127.0.0.1:{port}/", check)
    except (FileNotFoundError, PortInUse) as error:
        print(error)
        return 2
    print(f"编辑 / edit: {editing.admin_url}")
    signal.signal(signal.SIGTERM, _stop_on_terminate)  # a terminated `compendium cms` stops decap-server too

    def refresh() -> None:
        """After each build: the form's clause list, quote checks and ids follow the corpus (a reload shows them)."""
        checks = editing.folder / "admin" / "checks.json"
        if checks.parent.is_dir():
            checks.write_text(json.dumps(form_checks(project, check), ensure_ascii=False) + "\n", encoding="utf-8")

    try:
        return preview(refresh)
    finally:
        editing.stop()


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
