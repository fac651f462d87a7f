"""`build.py serve` answers Range requests, so a <video> or <audio> in the preview can seek."""

from __future__ import annotations

import email.utils
import mimetypes
import os
from types import SimpleNamespace

import pytest

import scorm_export.serve as serve_module
from scorm_export.serve import RELOAD_PATH, byte_range

from .preview_server import preview_handler

DATA = bytes(range(256)) * 40  # 10 240 bytes, every slice of it different from its neighbours
SIZE = len(DATA)
MODIFIED = 1_700_000_000
LAST_MODIFIED = email.utils.formatdate(MODIFIED, usegmt=True)
PAGE = "<!doctype html><html><head><title>Sida</title></head><body><p>Text</p></body></html>"
MEDIA_TYPES = {
    "textning.vtt": "text/vtt",
    "film.webm": "video/webm",
    "film.mp4": "video/mp4",
    "ljud.m4a": "audio/mp4",
    "ljud.mp3": "audio/mpeg",
    "ljud.opus": "audio/ogg",
    "ljud.ogg": "audio/ogg",
    "film-sv.txt": "text/plain; charset=utf-8",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The preview's handler over a folder with a binary file and a page; yields a request function."""
    tmp_path = tmp_path_factory.mktemp("site")
    (tmp_path / "data.bin").write_bytes(DATA)
    os.utime(tmp_path / "data.bin", (MODIFIED, MODIFIED))
    (tmp_path / "sida").mkdir()
    (tmp_path / "sida" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "kapitel").mkdir()
    for name in MEDIA_TYPES:
        (tmp_path / name).write_bytes(DATA[:100])
    with preview_handler(tmp_path, SimpleNamespace(builds=7)) as request:
        yield request


def test_a_whole_file_says_it_can_be_asked_for_in_parts(site):
    status, headers, body = site("/data.bin")
    assert status == 200
    assert body == DATA
    assert headers["Content-Length"] == str(SIZE)
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Last-Modified"] == LAST_MODIFIED
    assert "Content-Range" not in headers


@pytest.mark.parametrize(
    ("requested", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=300-300", 300, 300),
        ("bytes=1000-", 1000, SIZE - 1),
        ("bytes=-4", SIZE - 4, SIZE - 1),
        ("bytes=-99999", 0, SIZE - 1),
        ("bytes=100-99999", 100, SIZE - 1),
        (f"bytes={SIZE - 1}-", SIZE - 1, SIZE - 1),
        ("Bytes=20-29", 20, 29),
    ],
)
def test_one_range_gets_exactly_those_bytes(site, requested, first, last):
    status, headers, body = site("/data.bin", Range=requested)
    assert status == 206
    assert body == DATA[first : last + 1]
    assert headers["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
    assert headers["Content-Length"] == str(last + 1 - first)
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers.get_all("Accept-Ranges") == ["bytes"]


def test_a_range_is_copied_in_chunks(site, monkeypatch):
    monkeypatch.setattr(serve_module, "CHUNK", 7)
    status, _, body = site("/data.bin", Range="bytes=1001-2000")
    assert status == 206
    assert body == DATA[1001:2001]


@pytest.mark.parametrize("requested", [f"bytes={SIZE}-", f"bytes={SIZE + 5}-{SIZE + 10}", "bytes=-0"])
def test_a_range_past_the_end_is_416_with_the_size(site, requested):
    status, headers, body = site("/data.bin", Range=requested)
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{SIZE}"
    assert body == b""


@pytest.mark.parametrize(
    "requested",
    [
        "bytes=5-2",
        "bytes=0-1,5-6",
        "bytes=0-1, 5-6",
        "bytes=-",
        "bytes=abc",
        "items=0-9",
        pytest.param("bytes=0-" + "9" * 5000, id="more-digits-than-int-reads"),
    ],
)
def test_malformed_reversed_or_several_ranges_are_ignored(site, requested):
    status, headers, body = site("/data.bin", Range=requested)
    assert status == 200
    assert body == DATA
    assert headers["Accept-Ranges"] == "bytes"
    assert "Content-Range" not in headers


def test_if_range_with_the_files_date_gets_the_range(site):
    status, headers, body = site("/data.bin", Range="bytes=10-19", If_Range=LAST_MODIFIED)
    assert status == 206
    assert body == DATA[10:20]
    assert headers["Content-Range"] == f"bytes 10-19/{SIZE}"


@pytest.mark.parametrize("validator", [email.utils.formatdate(MODIFIED - 60, usegmt=True), '"an-etag"'])
def test_if_range_for_a_file_that_changed_gets_the_whole_file(site, validator):
    status, headers, body = site("/data.bin", Range="bytes=10-19", If_Range=validator)
    assert status == 200
    assert body == DATA
    assert "Content-Range" not in headers


def test_head_answers_as_get_would_without_a_body(site):
    status, headers, body = site("/data.bin", "HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(SIZE)
    assert headers["Accept-Ranges"] == "bytes"
    # RFC 9110 defines Range for GET only
    status, headers, body = site("/data.bin", "HEAD", Range="bytes=0-9")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(SIZE)
    assert "Content-Range" not in headers


def test_media_and_captions_have_their_types_without_the_systems_table(site, monkeypatch):
    monkeypatch.setattr(mimetypes, "guess_type", lambda *args, **kwargs: (None, None))
    for name, media_type in MEDIA_TYPES.items():
        status, headers, body = site("/" + name)
        assert (status, headers["Content-Type"], body) == (200, media_type, DATA[:100]), name
        status, headers, body = site("/" + name, Range="bytes=10-19")
        assert (status, headers["Content-Type"], body) == (206, media_type, DATA[10:20]), name


def test_pages_still_get_the_reload_script_and_ignore_ranges(site):
    script = f'<script src="{RELOAD_PATH}" data-build="7"></script></body>'
    expected = PAGE.replace("</body>", script).encode("utf-8")
    status, headers, body = site("/sida/")
    assert (status, body) == (200, expected)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept-Ranges" not in headers
    status, headers, body = site("/sida/index.html", Range="bytes=0-9")
    assert (status, body) == (200, expected)
    assert "Content-Range" not in headers
    status, headers, body = site("/sida/", "HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(expected))


def test_missing_files_and_folders_answer_as_before(site):
    assert site("/saknas.mp4", Range="bytes=0-9")[0] == 404
    status, headers, _ = site("/kapitel", Range="bytes=0-9")
    assert (status, headers["Location"]) == (301, "/kapitel/")


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-9", 100, range(0, 10)),
        ("bytes=90-", 100, range(90, 100)),
        ("bytes=-10", 100, range(90, 100)),
        ("bytes=50-500", 100, range(50, 100)),
        (" bytes=1-2 ", 100, range(1, 3)),
        ("bytes=100-", 100, range(100, 100)),
        ("bytes=-0", 100, range(100, 100)),
        ("bytes=3-2", 100, None),
        ("bytes=0-1,3-4", 100, None),
        ("bytes=0-9", 0, None),
    ],
)
def test_byte_range(header, size, expected):
    assert byte_range(header, size) == expected


def test_a_missing_page_gets_the_sites_own_404_page(tmp_path):
    (tmp_path / "404.html").write_text(
        "<!doctype html><html><head><title>Sidan finns inte</title></head><body>Sidan finns inte</body></html>"
    )
    with preview_handler(tmp_path, SimpleNamespace(builds=1)) as request:
        status, _, data = request("/kurs/saknas/")
    body = data.decode("utf-8")
    assert status == 404
    assert "Sidan finns inte" in body and '<base href="/">' in body
