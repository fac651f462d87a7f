"""The preview's own request handler on a free port, for tests that ask it for paths and headers directly."""

from __future__ import annotations

import functools
import http.client
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

from scorm_export.serve import _PreviewHandler

Request = Callable[..., tuple[int, http.client.HTTPMessage, bytes]]


@contextmanager
def preview_handler(directory: Path, preview: object) -> Iterator[Request]:
    """Serves `directory` as `build.py serve` does, with `preview` standing in for the Preview (what the handler
    reads of it); yields request(path, method="GET", **headers) -> (status, headers, body)."""
    handler = type("Handler", (_PreviewHandler,), {"reloader": SimpleNamespace(preview=preview)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def request(path: str, method: str = "GET", **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
        try:
            # http.client sends the path exactly as given: no '..' is resolved on the way
            connection.request(method, path, headers={name.replace("_", "-"): value for name, value in headers.items()})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    try:
        yield request
    finally:
        server.shutdown()
        server.server_close()
