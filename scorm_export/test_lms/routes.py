"""What the preview server answers under /__preview__/lms/: one function from a request to an answer.

- `/__preview__/lms/`: the list of packages
- `/__preview__/lms/<package>/[?sco=<item>]`: the test LMS running one SCO of a SCORM package
- `/__preview__/lms/<package>/pkg/<file>`: a file from inside the package's zip
- `/__preview__/lms/assets/<file>`: the page's script and stylesheet, scorm-again and its licence
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, quote

from ..course.media import PUBLISHED_TYPES
from ..templates import environment
from ..vendor.refresh_scorm_again import BUNDLED, bundled_version
from .archive import read_member
from .packages import SCORM, find_package, package_format, read_downloads
from .pages import listing_page, player_page

PREFIX = "/__preview__/lms/"
ASSETS = PREFIX + "assets/"
_RUNTIME = Path(__file__).resolve().parents[1] / "runtime"
_JS = "text/javascript; charset=utf-8"
_HTML = "text/html; charset=utf-8"
_TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@dataclass(frozen=True)
class Answer:
    status: HTTPStatus
    body: bytes = b""
    content_type: str = ""
    location: str = ""  # where a redirect leads
    ranged: bool = False  # a file from a package: a Range header may ask for part of it (a <video> seeking)


NOT_FOUND = Answer(HTTPStatus.NOT_FOUND)


def handles(path: str) -> bool:
    return path.startswith(PREFIX) or path == PREFIX.rstrip("/")


def answer(path: str, query: str, downloads: Path, theme: Path) -> Answer:
    """The answer to a GET of `path` (percent-decoded) with `query`; `downloads` holds the packages."""
    if not path.startswith(PREFIX):
        return _redirect(PREFIX)
    rest = path.removeprefix(PREFIX)
    if not rest:
        return _page(listing_page(environment(theme), read_downloads(downloads), ASSETS, bundled_version()))
    if rest.startswith("assets/"):
        return _asset(rest.removeprefix("assets/"), theme)
    name, slash, inside = rest.partition("/")
    found = package_format(name)
    if found is None or found.key not in SCORM or not (downloads / name).is_file():
        return NOT_FOUND
    if not slash:
        return _redirect(PREFIX + quote(name) + "/")
    if inside.startswith("pkg/"):
        data = read_member(downloads / name, inside.removeprefix("pkg/"))
        return NOT_FOUND if data is None else Answer(HTTPStatus.OK, data, content_type(inside), ranged=True)
    if inside:
        return NOT_FOUND
    package = find_package(downloads, name)
    chosen = (parse_qs(query).get("sco") or [""])[0]
    item = package.item(chosen) if package is not None and package.runnable else None
    if package is None or item is None:
        return NOT_FOUND
    return _page(player_page(environment(theme), package, item, ASSETS, bundled_version()))


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    known = PUBLISHED_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    # the packages are written in UTF-8 throughout
    return known + "; charset=utf-8" if known.startswith(_TEXT) and "charset" not in known else known


def _asset(name: str, theme: Path) -> Answer:
    assets = {
        "test-lms.js": (_RUNTIME / "test-lms.js", _JS),
        "test-lms.css": (theme / "preview" / "test-lms.css", "text/css; charset=utf-8"),
        "scorm-again.min.js": (BUNDLED / "scorm-again.min.js", _JS),
        "scorm-again-LICENSE.txt": (BUNDLED / "LICENSE", "text/plain; charset=utf-8"),
    }
    if name not in assets:
        return NOT_FOUND
    path, kind = assets[name]
    return Answer(HTTPStatus.OK, path.read_bytes(), kind)


def _page(html: str) -> Answer:
    return Answer(HTTPStatus.OK, html.encode("utf-8"), _HTML)


def _redirect(location: str) -> Answer:
    return Answer(HTTPStatus.FOUND, location=location)
