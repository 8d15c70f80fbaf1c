"""What opens a built site in a browser, for the tests and the site benchmark: Debian's Chromium and
the flags it runs with, and a server for the site's folder on 127.0.0.1."""

from __future__ import annotations

import functools
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


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # a failing test says what went wrong, not every request
        pass


@contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """The folder's URL ("http://127.0.0.1:<port>/") while the server runs."""
    server = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
