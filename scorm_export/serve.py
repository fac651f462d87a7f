"""`build.py serve`: a local preview that rebuilds when content, theme, licences or settings change."""

from __future__ import annotations

import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import BuildOptions, build
from .cli import say_waiting
from .project import Project
from .site.mkdocs_build import SiteRenderError

Snapshot = dict[str, tuple[int, int]]


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


def rebuild(project: Project, options: BuildOptions) -> bool:
    """Build once, printing problems; the previous site stays when the build fails."""
    try:
        report = build(project, options, on_wait=say_waiting)
    except SiteRenderError as exc:
        print(exc, file=sys.stderr)
        return False
    for problem in report.problems.items:
        print(problem, file=sys.stderr)
    if report.written:
        print(f"Byggt: {report.pages} sidor, {len(report.packages)} paket ({report.seconds['total']:.1f} s).", flush=True)
    else:
        print("Innehållet har fel; förhandsvisningen visar det senaste fungerande bygget.", file=sys.stderr, flush=True)
    return report.written


def watch(project: Project, options: BuildOptions, stop: threading.Event, interval: float = 1.0) -> None:
    """Rebuild whenever a watched file changes, until `stop` is set."""
    before = snapshot(project.watched)
    while not stop.wait(interval):
        now = snapshot(project.watched)
        if now != before:
            before = now
            print("Ändring upptäckt, bygger om …", flush=True)
            rebuild(project, options)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def serve(project: Project, options: BuildOptions, port: int = 8000) -> int:
    rebuild(project, options)
    project.site.mkdir(exist_ok=True)
    # the handler is given the path, not an open folder, so it serves each new build after a swap
    handler = functools.partial(_QuietHandler, directory=str(project.site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Förhandsvisning på http://127.0.0.1:{port}/ – avsluta med Ctrl+C. Ladda om sidan efter en ändring.", flush=True)
    stop = threading.Event()
    try:
        watch(project, options, stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
