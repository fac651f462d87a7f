"""`build.py serve`: a local preview that rebuilds what changed and reloads the browser by itself.

The preview (preview.py) is served from 127.0.0.1. Every HTML page it serves gets one small script
of ours, from the same server, that waits for the next rebuild and reloads the page: the built files
never contain it, and nothing is fetched from anywhere else.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .build import BuildOptions
from .preview import Preview, PreviewResult
from .project import Project

Snapshot = dict[str, tuple[int, int]]
RELOAD_SCRIPT = Path(__file__).resolve().parent / "runtime" / "preview-reload.js"
RELOAD_PATH = "/__preview__/reload.js"
WAIT_PATH = "/__preview__/wait"
WAIT_SECONDS = 25  # a long poll: the browser asks again after this, so a closed tab costs nothing


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
        page = self._html_page(url.path)
        if page is None:
            super().do_GET()
            return
        tag = f'<script src="{RELOAD_PATH}" data-build="{self.reloader.preview.builds}"></script>'
        html = page.read_text(encoding="utf-8")
        self._send(html.replace("</body>", tag + "</body>", 1).encode("utf-8"), "text/html; charset=utf-8")

    def _html_page(self, url_path: str) -> Path | None:
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


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
    stop = threading.Event()
    try:
        watch(project, reloader.rebuild, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
