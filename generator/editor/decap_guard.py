"""The guard in front of decap-server for ``compendium cms``: only the content folders, only from this machine.

decap-server reads and writes wherever its API is told inside the checkout it serves (``generator/zz.py``,
``.git/hooks/…``, ``.git/config``) and answers any ``Host``. The guard is the only address the form talks to:
it listens on 127.0.0.1, accepts a request only with the ``Host`` of its own address and, from a browser, only
from the admin page's origin, and checks every path of every action against the content folders of the form's
configuration — entry files directly inside a collection folder, pictures directly inside the media folder —
with links followed. What it refuses gets an HTTP error with a message in Chinese then English and never
reaches decap-server, which itself answers only requests carrying the guard's secret (decap_backend.js).
"""

from __future__ import annotations

import http.client
import http.server
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from generator.content.ids import id_problem
from generator.content.safepaths import why_outside
from generator.content.yamlsource import MAX_FILE_BYTES

GUARD_HEADER = "X-Compendium-Guard"
MEDIA_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")  # no SVG: it can carry script
MAX_BODY_BYTES = 16 * 1024 * 1024
_NO_PATHS = frozenset({"info", "getDeployPreview"})


class Refused(Exception):
    """A request the guard does not pass on: HTTP status and the reason in Chinese and English."""

    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.status = status
        self.message = f"{zh} / {en}"


@dataclass(frozen=True)
class ContentFolders:
    """Where the form may read and write: entry files in the collection folders, pictures in the media folder."""

    entries: tuple[str, ...]
    media: str

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ContentFolders:
        """The folders of the admin page's own configuration (decap_config.decap_config)."""
        return cls(tuple(sorted(collection["folder"] for collection in config["collections"])), config["media_folder"])

    def describe(self) -> str:
        return ", ".join(f"{folder}/" for folder in (*self.entries, self.media))


class RequestRules:
    """Checks one decap-server API request (``{"action": …, "params": …}``) against the content folders."""

    def __init__(self, root: Path, folders: ContentFolders) -> None:
        self.root = root.resolve()
        self.folders = folders

    def check(self, body: object) -> None:
        """Raise :class:`Refused` unless every path the action would read or write is allowed."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused(400, "请求格式不对：应为 JSON 对象，含 action", "malformed request: a JSON object with an action is expected")
        action, params = body["action"], body.get("params") or {}
        check = getattr(self, f"_{action}", None) if action not in _NO_PATHS else (lambda _params: None)
        if check is None:
            raise Refused(403, f"本地编辑不支持操作 {action!r}", f"the action {action!r} is not allowed in local editing")
        if not isinstance(params, dict):
            raise Refused(400, "请求格式不对：params 应为对象", "malformed request: params must be an object")
        check(params)

    # ----- one method per action that carries paths (decap-server's localFs middleware) -----
    def _entriesByFolder(self, params: dict[str, Any]) -> None:
        folder = params.get("folder")
        if folder not in self.folders.entries:
            raise self._outside(folder)
        if params.get("extension") not in ("yml", ".yml") or params.get("depth") != 1:
            raise Refused(403, "只能列出条目文件夹里的 .yml 文件（depth 1）",
                          "only the .yml files of an entry folder can be listed (depth 1)")
        self._listing(str(folder), ".yml")

    def _entriesByFiles(self, params: dict[str, Any]) -> None:
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused(400, "files 应为列表", "files must be a list")
        for file in files:
            self._entry(file.get("path") if isinstance(file, dict) else None)

    def _getEntry(self, params: dict[str, Any]) -> None:
        self._entry(params.get("path"))

    def _persistEntry(self, params: dict[str, Any]) -> None:
        files = params.get("dataFiles") if "dataFiles" in params else [params.get("entry")]
        if not isinstance(files, list) or not files:
            raise Refused(400, "没有要保存的条目", "no entry to save")
        for file in files:
            if not isinstance(file, dict):
                raise Refused(400, "条目格式不对", "malformed entry")
            self._entry(file.get("path"))
            if file.get("newPath") not in (None, file.get("path")):
                raise Refused(403, "表单不能给条目改名或移动条目；请用 git mv", "the form does not rename or move entries; use git mv")
            raw = file.get("raw")
            if not isinstance(raw, str) or len(raw.encode("utf-8")) > MAX_FILE_BYTES:
                raise Refused(413, "条目文件不能超过 2 MB", "an entry file cannot be larger than 2 MB")
        assets = params.get("assets") or []
        if not isinstance(assets, list):
            raise Refused(400, "assets 应为列表", "assets must be a list")
        for asset in assets:
            self._media(asset.get("path") if isinstance(asset, dict) else None)

    def _getMedia(self, params: dict[str, Any]) -> None:
        if params.get("mediaFolder") != self.folders.media:
            raise self._outside(params.get("mediaFolder"))
        self._listing(self.folders.media, "")

    def _getMediaFile(self, params: dict[str, Any]) -> None:
        self._media(params.get("path"))

    def _persistMedia(self, params: dict[str, Any]) -> None:
        asset = params.get("asset")
        self._media(asset.get("path") if isinstance(asset, dict) else None)

    def _deleteFile(self, params: dict[str, Any]) -> None:
        self._media(params.get("path"), deleting=True)

    def _deleteFiles(self, params: dict[str, Any]) -> None:
        paths = params.get("paths")
        if not isinstance(paths, list) or not paths:
            raise Refused(400, "paths 应为非空列表", "paths must be a non-empty list")
        for path in paths:
            self._media(path, deleting=True)

    # ----- paths -----
    def _entry(self, value: object) -> None:
        folder, name = self._split(value)
        if folder not in self.folders.entries or not name.endswith(".yml") or id_problem(name[: -len(".yml")]):
            raise self._outside(value)
        self._stays_in(str(value), folder)

    def _media(self, value: object, deleting: bool = False) -> None:
        folder, name = self._split(value)
        if folder in self.folders.entries and deleting:
            raise Refused(403, f"表单不能删除条目文件 {value}；请用 git rm",
                          f"the form does not delete entry files such as {value}; use git rm")
        if folder != self.folders.media or not name.lower().endswith(MEDIA_SUFFIXES):
            raise self._outside(value)
        self._stays_in(str(value), folder)

    def _split(self, value: object) -> tuple[str, str]:
        if not isinstance(value, str) or not value or why_outside(value) is not None:
            raise self._outside(value)
        folder, _, name = value.rpartition("/")
        return folder, name

    def _stays_in(self, relative: str, folder: str) -> None:
        """With every link followed, the file (existing or new) lies directly in ``folder``, which is where it says it is."""
        real_folder = (self.root / folder).resolve()
        real = (self.root / relative).resolve()
        if real_folder != self.root / folder or real.parent != real_folder:
            raise Refused(403, f"{relative} 是（或经过）指向内容文件夹之外的符号链接", f"{relative} is, or passes through, a symbolic "
                          "link out of the content folders")

    def _listing(self, folder: str, suffix: str) -> None:
        """A folder listed with its files' contents: refused whole when any file in it is a link out of it."""
        self._stays_in(f"{folder}/x", folder)
        directory = self.root / folder
        for path in directory.iterdir() if directory.is_dir() else []:
            if path.is_symlink() and path.name.endswith(suffix):
                self._stays_in(f"{folder}/{path.name}", folder)

    def _outside(self, value: object) -> Refused:
        shown = repr(value)[:120]
        return Refused(403, f"不允许的路径 {shown}：网页编辑只能读写条目文件夹中的 .yml 文件和媒体文件夹中的图片"
                            f"（{self.folders.describe()}）",
                       f"path not allowed: {shown}. The web form reads and writes only .yml files directly in the entry folders "
                       f"and pictures in the media folder ({self.folders.describe()})")


class GuardHandler(http.server.BaseHTTPRequestHandler):
    """One request: check Host, Origin and the action's paths, then pass it to decap-server (or refuse it)."""

    server: GuardServer
    server_version = "compendium-guard"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    ALLOWED_HEADERS: ClassVar[str] = "Content-Type"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_OPTIONS(self) -> None:
        try:
            origin = self._caller()
        except Refused as refused:
            self._answer(refused.status, {"error": refused.message}, None)
            return
        self.send_response(204)
        self._cors(origin)
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", self.ALLOWED_HEADERS)
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        origin = None
        try:
            origin = self._caller()
            if self.path != "/api/v1":
                raise Refused(404, f"没有这个地址 {self.path[:80]}", f"no such address {self.path[:80]}")
            body = self._body()
            self.server.rules.check(body)
        except Refused as refused:
            self._answer(refused.status, {"error": refused.message}, origin)
            return
        status, content_type, answer = self.server.forward(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        self.send_response(status)
        self._cors(origin)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def do_GET(self) -> None:
        self._answer(405, {"error": "只接受 POST / only POST is accepted"}, None)

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _caller(self) -> str | None:
        """The allowed origin of a browser request (None for a local program); refuse other hosts and origins."""
        host = (self.headers.get("Host") or "").lower()
        if host not in self.server.hosts:
            raise Refused(403, f"拒绝 Host “{host[:80]}”：只接受 {self.server.hosts[0]}",
                          f"Host '{host[:80]}' refused: only {self.server.hosts[0]} is accepted")
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            raise Refused(403, f"拒绝来自 {origin[:80]} 的网页：只接受本机的编辑页",
                          f"a page from {origin[:80]} is refused: only the local admin page is accepted")
        return origin

    def _body(self) -> object:
        if "json" not in (self.headers.get("Content-Type") or ""):
            raise Refused(415, "请求须为 JSON（Content-Type: application/json）",
                          "the request must be JSON (Content-Type: application/json)")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "缺少 Content-Length", "Content-Length is missing")
        if int(length) > MAX_BODY_BYTES:
            raise Refused(413, "请求太大（上限 16 MB）", "the request is too large (16 MB at most)")
        try:
            return json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Refused(400, "请求不是有效的 JSON", "the request is not valid JSON") from None

    def _cors(self, origin: str | None) -> None:
        if origin is not None:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _answer(self, status: int, payload: dict[str, str], origin: str | None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self._cors(origin)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True


class GuardServer(http.server.ThreadingHTTPServer):
    """The guard on 127.0.0.1: passes allowed requests, with the shared secret, to the address ``backend()`` gives."""

    daemon_threads = True

    def __init__(self, port: int, rules: RequestRules, backend: Callable[[], tuple[str, int] | None], token: str,
                 admin_origins: list[str]) -> None:
        super().__init__(("127.0.0.1", port), GuardHandler)
        bound = self.server_address[1]
        self.hosts = [f"127.0.0.1:{bound}", f"localhost:{bound}"]
        self.origins = admin_origins
        self.rules = rules
        self.backend = backend
        self.token = token

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/v1"

    def forward(self, body: bytes) -> tuple[int, str, bytes]:
        """POST ``body`` to decap-server; its status, content type and answer (503 while it is not there)."""
        address = self.backend()
        if address is None:
            return _error(503, "保存服务正在启动或已经停止，请稍候再试；仍不行时，请重新运行 compendium cms",
                          "the saving service is starting or has stopped; try again shortly, or run compendium cms again")
        connection = http.client.HTTPConnection(*address, timeout=60)
        try:
            connection.request("POST", "/api/v1", body=body, headers={
                "Content-Type": "application/json; charset=utf-8", GUARD_HEADER: self.token})
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type") or "application/json", response.read()
        except OSError:
            return _error(502, "保存服务没有响应，请看运行 compendium cms 的窗口",
                          "the saving service is not answering; see the window running compendium cms")
        finally:
            connection.close()

    def start(self) -> GuardServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


def _error(status: int, zh: str, en: str) -> tuple[int, str, bytes]:
    return status, "application/json; charset=utf-8", json.dumps({"error": f"{zh} / {en}"}, ensure_ascii=False).encode("utf-8")
