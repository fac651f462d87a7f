"""`build.py serve`: an edit rebuilds only its course, in the preview beside site/, and the browser reloads."""

from __future__ import annotations

import json
import os
import threading
import urllib.request

import pytest

from scorm_export.build import BuildOptions
from scorm_export.preview import Preview
from scorm_export.serve import RELOAD_PATH, Reloader, _PreviewHandler, changed_paths, snapshot, watch

from .helpers import lesson, minimal_course, write_project

# every test rebuilds a preview with MkDocs, several times: the full run has them, the fast lane does not
pytestmark = pytest.mark.slow

OTHER = "annan/course.yml"


def _project(tmp_path):
    other = minimal_course()["testkurs/course.yml"].replace("id: testkurs", "id: annan").replace("title: Testkurs", "title: Annan kurs")
    files = minimal_course(
        **{
            OTHER: other,
            "annan/01-forsta/module.yml": "title: Modul\n",
            "annan/01-forsta/01-intro.md": lesson("Annan intro"),
        }
    )
    return write_project(tmp_path / "p", files)


def _edit(project, text: str):
    source = project.content / "testkurs" / "01-forsta" / "01-intro.md"
    before = source.stat()
    source.write_text(lesson("Intro", f"\n{text}\n"), encoding="utf-8")
    # a modification time that differs whatever the file system's clock resolution
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    return source


def test_an_edited_lesson_rebuilds_only_its_course_and_keeps_the_search_index(tmp_path):
    project = _project(tmp_path)
    preview = Preview(project, BuildOptions())
    assert preview.rebuild().ok
    other_page = preview.site / "annan" / "forsta" / "intro" / "index.html"
    other_written = other_page.stat().st_mtime_ns
    result = preview.rebuild({_edit(project, "En helt ny mening.")})
    assert result.ok and result.rebuilt == "testkurs"
    assert "En helt ny mening." in (preview.site / "testkurs" / "forsta" / "intro" / "index.html").read_text(encoding="utf-8")
    assert other_page.stat().st_mtime_ns == other_written, "a page of another course was rendered again"
    index = json.loads((preview.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("En helt ny mening." in entry["text"] for entry in index["docs"])
    assert any("Annan intro" in entry["title"] for entry in index["docs"]), "the other course's pages left the index"
    assert not project.site.exists(), "the preview must not publish site/"


def test_a_change_outside_content_rebuilds_everything(tmp_path):
    project = _project(tmp_path)
    preview = Preview(project, BuildOptions())
    assert preview.rebuild().ok
    result = preview.rebuild({project.mkdocs_config})
    assert result.ok and result.rebuilt == "alla kurser"


def test_a_broken_edit_keeps_the_previous_preview_and_says_why(tmp_path):
    project = _project(tmp_path)
    preview = Preview(project, BuildOptions())
    assert preview.rebuild().ok
    page = preview.site / "testkurs" / "forsta" / "intro" / "index.html"
    before = page.read_bytes()
    result = preview.rebuild({_edit(project, "![](saknas.png)")})
    assert not result.ok and any("saknas.png" in str(p) for p in result.problems.items)
    assert page.read_bytes() == before and preview.builds == 1


def test_the_watcher_passes_the_changed_files(tmp_path, monkeypatch):
    project = _project(tmp_path)
    seen: list[set] = []
    called, watching = threading.Condition(), threading.Event()
    stop = threading.Event()

    def rebuild(changed):
        with called:
            seen.append(changed)
            called.notify_all()

    import scorm_export.serve as serve_module

    real_snapshot = serve_module.snapshot

    def signalled(paths):
        taken = real_snapshot(paths)
        watching.set()
        return taken

    monkeypatch.setattr(serve_module, "snapshot", signalled)
    thread = threading.Thread(target=watch, args=(project, rebuild, stop, 0.05), daemon=True)
    thread.start()
    try:
        assert watching.wait(timeout=30)
        source = _edit(project, "Ändrad.")
        with called:
            assert called.wait_for(lambda: seen, timeout=30)
        assert seen[0] == {source}
    finally:
        stop.set()
        thread.join(timeout=30)


def test_changed_paths_lists_added_removed_and_modified_files():
    before = {"a": (1, 1), "b": (1, 1), "c": (1, 1)}
    now = {"a": (1, 1), "b": (2, 1), "d": (1, 1)}
    assert {p.name for p in changed_paths(before, now)} == {"b", "c", "d"}
    assert snapshot(()) == {}


def _serve(reloader: Reloader):
    import functools
    from http.server import ThreadingHTTPServer

    handler = type("Handler", (_PreviewHandler,), {"reloader": reloader})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(reloader.preview.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_served_pages_get_the_reload_script_and_the_built_files_never_do(tmp_path):
    project = _project(tmp_path)
    reloader = Reloader(Preview(project, BuildOptions()))
    reloader.rebuild()
    server, base = _serve(reloader)
    try:
        html = urllib.request.urlopen(base + "testkurs/forsta/intro/").read().decode()
        assert f'<script src="{RELOAD_PATH}" data-build="1"></script></body>' in html
        script = urllib.request.urlopen(base + RELOAD_PATH.lstrip("/")).read().decode()
        assert "location.reload" in script
    finally:
        server.shutdown()
    for page in reloader.preview.site.rglob("*.html"):
        assert RELOAD_PATH not in page.read_text(encoding="utf-8")


def test_a_waiting_browser_hears_of_the_next_rebuild(tmp_path):
    project = _project(tmp_path)
    reloader = Reloader(Preview(project, BuildOptions()))
    reloader.rebuild()
    server, base = _serve(reloader)
    answer: list[str] = []
    try:
        waiting = threading.Thread(
            target=lambda: answer.append(urllib.request.urlopen(base + "__preview__/wait?build=1", timeout=60).read().decode())
        )
        waiting.start()
        reloader.rebuild({_edit(project, "Ny text.")})
        waiting.join(timeout=60)
        assert answer == ["2"]
    finally:
        server.shutdown()


@pytest.mark.browser
def test_an_open_page_reloads_by_itself_after_an_edit(tmp_path, browser):
    project = _project(tmp_path)
    reloader = Reloader(Preview(project, BuildOptions()))
    reloader.rebuild()
    server, base = _serve(reloader)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "testkurs/forsta/intro/")
        # the page's script is waiting once its request to the server is open
        with page.expect_request(lambda request: "__preview__/wait" in request.url):
            page.reload()
        reloader.rebuild({_edit(project, "Syns utan att ladda om.")})
        # while the page reloads there is a moment without a body: the check waits through it
        page.wait_for_function("() => document.body?.innerText.includes('Syns utan att ladda om.')", timeout=30_000)
    finally:
        context.close()
        server.shutdown()
