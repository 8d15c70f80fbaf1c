"""What opens a built site in a browser, for the tests and the site benchmark: Debian's Chromium and
the flags it runs with, and a server for the site's folder on 127.0.0.1."""

from __future__ import annotations

import functools
import gzip
import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LOOPBACK = "127.0.0.1"
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium reaches for Google's services at start.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A port no one listens on now, for a server whose address must be known before it starts."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # a failing test says what went wrong, not every request
        pass


class CompressingHandler(QuietHandler):
    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wanted and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served_folder(folder: Path, port: int = 0, *, compressed: bool = False) -> Iterator[str]:
    """The folder's URL ("http://127.0.0.1:<port>/") while the server runs; any free port by default.
    `compressed` sends text gzipped to a browser that accepts it, as a site's host does."""
    handler = CompressingHandler if compressed else QuietHandler
    server = ThreadingHTTPServer((LOOPBACK, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
