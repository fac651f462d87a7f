"""`build.py serve`: a local preview that rebuilds what changed and reloads the browser by itself.

The preview (preview.py) is served from 127.0.0.1. Every HTML page it serves gets one small script
of ours, from the same server, that waits for the next rebuild and reloads the page: the built files
never contain it, and nothing is fetched from anywhere else. Other files are served with byte ranges,
so a <video> or <audio> can seek. Under /__preview__/lms/ the server is also a test LMS that runs the
preview's SCORM packages (test_lms/).
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, unquote, urlsplit

from .build import DOWNLOADS, BuildOptions
from .course.media import PUBLISHED_TYPES
from .preview import Preview, PreviewResult
from .project import Project
from .test_lms import routes as test_lms

Snapshot = dict[str, tuple[int, int]]
RELOAD_SCRIPT = Path(__file__).resolve().parent / "runtime" / "preview-reload.js"
RELOAD_PATH = "/__preview__/reload.js"
WAIT_PATH = "/__preview__/wait"
WAIT_SECONDS = 25  # a long poll: the browser asks again after this, so a closed tab costs nothing
CHUNK = 64 * 1024
# one range only: browsers ask for one when they seek, and a multipart answer is not worth its code
_BYTE_RANGE = re.compile(r"bytes=(\d*)-(\d*)", re.IGNORECASE)


def snapshot(paths: tuple[Path, ...]) -> Snapshot:
    """Modification time and size of every file under `paths` (polling works on every file system)."""
    state: Snapshot = {}
    for root in paths:
        candidates = [root] if root.is_file() else (Path(folder) / name for folder, _, names in os.walk(root) for name in names)
        for path in candidates:
            try:
                stat = path.stat()
            except OSError:
                continue
            state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def changed_paths(before: Snapshot, now: Snapshot) -> set[Path]:
    """Files added, removed or modified between two snapshots."""
    return {Path(path) for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


class Reloader:
    """Tells waiting browsers that a rebuild finished."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self._changed = threading.Condition()

    def rebuild(self, changed: set[Path] | None = None) -> PreviewResult:
        result = self.preview.rebuild(changed)
        _report(result)
        with self._changed:
            self._changed.notify_all()
        return result

    def wait(self, seen: int, timeout: float = WAIT_SECONDS) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.preview.builds != seen, timeout=timeout)
            return self.preview.builds


def byte_range(header: str, size: int) -> range | None:
    """The bytes of a `size`-byte file that a Range header asks for; empty if none of them exist.

    None means the header is to be ignored and the whole file sent, as RFC 9110 allows for anything
    malformed, reversed or asking for several ranges.
    """
    match = _BYTE_RANGE.fullmatch(header.strip())
    # an empty file has no byte a range could name: sending all of it, nothing, is the honest answer
    if match is None or size == 0:
        return None
    try:
        first, last = (int(digits) if digits else None for digits in match.groups())
    except ValueError:  # more digits than int() will read
        return None
    if first is None:
        return None if last is None else range(max(0, size - last), size)
    if last is None:
        return range(first, size)
    return None if last < first else range(first, min(last + 1, size))


def _report(result: PreviewResult) -> None:
    for problem in result.problems.items:
        print(problem, file=sys.stderr)
    if result.ok:
        print(f"Förhandsvisningen är uppdaterad ({result.rebuilt}) på {result.seconds:.1f} s.", flush=True)
        return
    if result.error:
        print(result.error, file=sys.stderr)
    print("Innehållet har fel; förhandsvisningen visar det senaste fungerande bygget.", file=sys.stderr, flush=True)


def watch(
    project: Project,
    rebuild: Callable[[set[Path]], object],
    stop: threading.Event,
    interval: float = 0.5,
) -> None:
    """Call `rebuild(changed files)` whenever watched files change, until `stop` is set."""
    before = snapshot(project.watched)
    while not stop.wait(interval):
        now = snapshot(project.watched)
        if now != before:
            changed = changed_paths(before, now)
            before = now
            print("Ändring upptäckt, bygger om …", flush=True)
            rebuild(changed)


class _PreviewHandler(SimpleHTTPRequestHandler):
    reloader: Reloader
    _span: range | None = None  # the part of the file that send_head opened for copyfile to send
    _whole_file = False  # while the base class answers for a whole file, so that its answer offers ranges too

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == WAIT_PATH:
            seen = int((parse_qs(url.query).get("build") or ["0"])[0] or 0)
            self._send(str(self.reloader.wait(seen)).encode(), "text/plain; charset=utf-8")
            return
        if url.path == RELOAD_PATH:
            self._send(RELOAD_SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
            return
        if test_lms.handles(url.path):
            preview = self.reloader.preview
            self._send_answer(test_lms.answer(unquote(url.path), url.query, preview.site / DOWNLOADS, preview.project.theme))
            return
        super().do_GET()

    def send_head(self) -> BinaryIO | None:
        # GET and HEAD both come here, so a HEAD gives the length of the page with its script
        self._span = None
        page = self._html_page(urlsplit(self.path).path)
        if page is not None:
            # the script changes the page's length, so a Range header is ignored and the whole page sent
            tag = f'<script src="{RELOAD_PATH}" data-build="{self.reloader.preview.builds}"></script>'
            body = page.read_text(encoding="utf-8").replace("</body>", tag + "</body>", 1).encode("utf-8")
            self._send_headers(body, "text/html; charset=utf-8")
            return io.BytesIO(body)
        path = self.translate_path(self.path)
        try:
            file = open(path, "rb")  # noqa: SIM115 -- returned open: do_GET closes it once copied
        except OSError:  # a folder or nothing: the usual redirect, listing or 404
            return super().send_head()
        try:
            stat = os.fstat(file.fileno())
            span = self._requested_span(stat)
            if span is not None:
                return self._send_span(file, path, stat, span)
        except BaseException:
            file.close()
            raise
        file.close()
        self._whole_file = True
        try:
            return super().send_head()  # 200, or 304 to a browser that has the file already
        finally:
            self._whole_file = False

    def _requested_span(self, stat: os.stat_result) -> range | None:
        header = self.headers.get("Range")
        # RFC 9110 defines ranges for GET only, so a HEAD answers as for the whole file
        if header is None or self.command != "GET":
            return None
        # a browser resuming a file that has changed since (or naming an ETag, which we never send) needs all of it
        validator = self.headers.get("If-Range")
        if validator is not None and validator != self.date_time_string(stat.st_mtime):
            return None
        return byte_range(header, stat.st_size)

    def _send_span(self, file: BinaryIO, path: str, stat: os.stat_result, span: range) -> BinaryIO | None:
        if not self._send_range_headers(span, stat.st_size, self.guess_type(path), {"Last-Modified": self.date_time_string(stat.st_mtime)}):
            file.close()
            return None
        file.seek(span.start)
        self._span = span
        return file

    def _send_range_headers(self, span: range, size: int, content_type: str, extra: dict[str, str]) -> bool:
        """416 for a range outside the `size` bytes, else 206 with the span's headers; True when its bytes follow."""
        if not span:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Range", f"bytes {span.start}-{span.stop - 1}/{size}")
        self.send_header("Content-Length", str(len(span)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return True

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        # a browser drops captions that are not text/vtt, and reads a transcript's å, ä and ö only as UTF-8
        return PUBLISHED_TYPES.get(Path(path).suffix.lower()) or super().guess_type(path)

    def end_headers(self) -> None:
        if self._whole_file:
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        if self._span is None:
            super().copyfile(source, outputfile)
            return
        left = len(self._span)
        while left > 0 and (chunk := source.read(min(left, CHUNK))):
            outputfile.write(chunk)
            left -= len(chunk)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # a missing page gets the site's own Swedish 404 page, as a static host serves it, not Python's English one
        page = Path(self.translate_path("/404.html"))
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        # its links are relative to the site's root, wherever the missing page was asked for
        body = page.read_text(encoding="utf-8").replace("<head>", '<head><base href="/">', 1).encode("utf-8")
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html_page(self, url_path: str) -> Path | None:
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send_answer(self, answer: test_lms.Answer) -> None:
        if answer.status == HTTPStatus.NOT_FOUND:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if answer.location:
            self.send_response(answer.status)
            self.send_header("Location", answer.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        header = self.headers.get("Range")
        span = byte_range(header, len(answer.body)) if answer.ranged and header is not None else None
        if span is None:
            self._send(answer.body, answer.content_type, ranged=answer.ranged)
        elif self._send_range_headers(span, len(answer.body), answer.content_type, {"Cache-Control": "no-store"}):
            self.wfile.write(answer.body[span.start : span.stop])

    def _send(self, body: bytes, content_type: str, ranged: bool = False) -> None:
        self._send_headers(body, content_type, ranged)
        self.wfile.write(body)

    def _send_headers(self, body: bytes, content_type: str, ranged: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if ranged:
            self.send_header("Accept-Ranges", "bytes")
        self.end_headers()


def serve(project: Project, options: BuildOptions, port: int = 8000) -> int:
    reloader = Reloader(Preview(project, options))
    print("Bygger förhandsvisningen …", flush=True)
    reloader.rebuild()
    reloader.preview.site.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_PreviewHandler,), {"reloader": reloader})
    # the handler is given the path, not an open folder, so it serves each rebuild's files
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(reloader.preview.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Förhandsvisning på http://127.0.0.1:{port}/ – sidan laddas om av sig själv efter en ändring. Avsluta med Ctrl+C.", flush=True)
    print(f"Paketen i ett test-LMS: http://127.0.0.1:{port}{test_lms.PREFIX}", flush=True)
    stop = threading.Event()
    try:
        watch(project, reloader.rebuild, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
