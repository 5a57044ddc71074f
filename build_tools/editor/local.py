"""The web editor on this machine (``make beheer``): Decap against the working copy.

Two local servers, both bound to 127.0.0.1: decap-server (the npm package's proxy, in its file
mode) reads and writes the records in the guide folder, and a plain file server serves
``/beheer/``. Decap sees that it is opened on localhost and talks to the proxy instead of
GitHub; saving a record writes its file straight into ``lessons/``, ``examples/`` or ``guide/``,
where ``wijkengids check`` and git take over.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .config import EditorSettings
from .site import CHECKOUT, EDITOR_DIR, EditorError, write_editor

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"


@dataclass(frozen=True)
class LocalEditor:
    url: str  # the editor's address
    proxy_url: str  # decap-server's API


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``/beheer/`` without a log line per request; Decap wants YAML served as YAML."""

    extensions_map = {  # noqa: RUF012 - the stdlib declares it as a plain class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".yml": "text/yaml",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def local_editor(root: Path, settings: EditorSettings, *, port: int = 0, proxy_port: int = 0) -> Iterator[LocalEditor]:
    """Run the editor on the guide at ``root`` until the ``with`` block ends."""
    root = root.resolve()
    server_js = next((base / DECAP_SERVER for base in (root, CHECKOUT) if (base / DECAP_SERVER).is_file()), None)
    if server_js is None:
        raise EditorError(f"{DECAP_SERVER} ontbreekt: voer 'npm ci' uit in de map van de gids (of 'make beheer').")
    node = shutil.which("node")
    if node is None:
        raise EditorError("node (Node.js) is niet gevonden; installeer Node.js 20 om de webeditor lokaal te draaien.")
    proxy_port = proxy_port or free_port()
    proxy_url = f"http://127.0.0.1:{proxy_port}/api/v1"
    with tempfile.TemporaryDirectory(prefix="wijkengids-beheer-") as tmp:
        write_editor(Path(tmp), root, replace(settings, proxy_url=proxy_url))
        env = {**os.environ, "PORT": str(proxy_port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root)}
        env.setdefault("LOG_LEVEL", "warn")
        proxy = subprocess.Popen([node, str(server_js)], env=env, cwd=root, stdin=subprocess.DEVNULL)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=tmp))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            _wait_for(proxy_port, proxy)
            yield LocalEditor(url=f"http://127.0.0.1:{httpd.server_address[1]}/{EDITOR_DIR}/", proxy_url=proxy_url)
        finally:
            httpd.shutdown()
            httpd.server_close()
            proxy.terminate()
            try:
                proxy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proxy.kill()
                proxy.wait()


def _wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorError(f"decap-server stopte meteen (code {process.returncode}); zie de melding hierboven.")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise EditorError(f"decap-server antwoordt niet op poort {port}.")
