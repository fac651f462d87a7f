"""A course's CHANGELOG.md, in the form of Keep a Changelog (https://keepachangelog.com/sv/1.1.0/).

    # Versionshistorik
    ## [Ej utgiven]
    - what is being worked on (not published)
    ## [1.1.0] - 2026-11-20
    ### Tillagt
    - Lektionen om video och ljud med text.
    ### Rättat
    - Trasig länk i lektion 2.

Each release becomes a section of the course page's "Versionshistorik", a page in every package, an entry in the
site's Atom feed, and the date in the packages' LOM lifeCycle. Group headings may be written in Swedish or in
English (Keep a Changelog's own words), and are shown in the course's language.
"""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

from ..markdown_render import MarkdownRenderer
from ..problems import Problems
from .fields import SEMVER, version_key
from .model import ChangeGroup, Release
from .side_text import render_side_text
from .sources import read_text

CHANGELOG_FILE = "CHANGELOG.md"
# the kinds of change, in Keep a Changelog's order, and the words an author may head a group with
KINDS: dict[str, tuple[str, ...]] = {
    "added": ("tillagt", "nytt", "added"),
    "changed": ("ändrat", "ändringar", "changed"),
    "deprecated": ("föråldrat", "utfasat", "deprecated"),
    "removed": ("borttaget", "removed"),
    "fixed": ("rättat", "åtgärdat", "rättelser", "fixed"),
    "security": ("säkerhet", "security"),
}
_KIND_OF = {word: kind for kind, words in KINDS.items() for word in words}
_UNRELEASED = {"unreleased", "ej utgiven", "ej utgivet", "ej släppt", "opublicerat", "kommande", "på gång"}
_RELEASE = re.compile(r"^##(?!#)\s*(?P<head>.*?)\s*#*\s*$")
_GROUP = re.compile(r"^###(?!#)\s*(?P<name>.*?)\s*#*\s*$")
# "[1.1.0] - 2026-11-20", "1.1.0 – 2026-11-20", "[1.0.0] - 2026-01-05 [YANKED]"
_HEAD = re.compile(r"^\[?(?P<version>[^\]\s]+)\]?(?:\s+[-–—]\s+(?P<date>\S+))?(?P<rest>.*)$")
# "[1.1.0]: https://…": the links Keep a Changelog puts under the releases, for its headings
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*\S+")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_EXAMPLE = "## [1.0.0] - 2026-01-31"


def load_changelog(course_root: Path, course_version: str, renderer: MarkdownRenderer, problems: Problems) -> tuple[Release, ...]:
    """The releases of `course_root`'s CHANGELOG.md, newest first; () when there is none. Problems at their lines."""
    path = course_root / CHANGELOG_FILE
    if not path.is_file():
        return ()
    text = read_text(path, problems)
    if text is None:
        return ()
    releases = _Reader(path, renderer, problems).read(text.splitlines())
    if course_version and releases and releases[0][0].version != course_version:
        newest, line = releases[0]
        if version_key(newest.version) > version_key(course_version):
            problems.error(
                path,
                line,
                f"den senaste versionen här är {newest.version}, men course.yml säger version: {course_version}; höj version i "
                f"course.yml eller flytta ändringarna till ## [Ej utgiven] (changelog is ahead of course.yml)",
            )
        else:
            problems.warning(
                path,
                line,
                f"version {course_version} i course.yml saknas här: lägg överst en rubrik som ## [{course_version}] - "
                f"ÅÅÅÅ-MM-DD med vad som ändrats (the course's version has no entry)",
            )
    return tuple(release for release, _ in releases)


class _Reader:
    def __init__(self, path: Path, renderer: MarkdownRenderer, problems: Problems) -> None:
        self.path = path
        self.renderer = renderer
        self.problems = problems

    def read(self, lines: list[str]) -> list[tuple[Release, int]]:
        definitions = "\n".join(line for line in lines if _LINK_DEFINITION.match(line) and not self._is_heading_link(line))
        releases: list[tuple[Release, int]] = []
        seen: dict[str, int] = {}
        current: _Draft | None = None
        fenced = False
        for number, line in enumerate(lines, 1):
            if _FENCE.match(line):
                fenced = not fenced
            heading = None if fenced else _RELEASE.match(line)
            if heading:
                if current:
                    releases.extend(current.finish(self, definitions))
                current = self._release(heading["head"], number, seen)
                continue
            if current is None or _LINK_DEFINITION.match(line):
                continue  # the title and introduction above the first release, and the heading links below the last
            group = None if fenced else _GROUP.match(line)
            if group:
                current.start_group(self._kind(group["name"], number), number)
            else:
                current.add(line, number)
        if current:
            releases.extend(current.finish(self, definitions))
        for (newer, _), (older, older_line) in itertools.pairwise(releases):
            if version_key(older.version) >= version_key(newer.version) and older.version != newer.version:
                self.problems.warning(
                    self.path,
                    older_line,
                    f"version {older.version} står under {newer.version}: skriv den nyaste versionen överst (newest release first)",
                )
            elif older.date > newer.date:
                self.problems.warning(
                    self.path,
                    older_line,
                    f"{older.version} har ett senare datum än {newer.version} ovanför den; stämmer datumen? (dates out of order)",
                )
        return releases

    @staticmethod
    def _is_heading_link(line: str) -> bool:
        match = _LINK_DEFINITION.match(line)
        label = match["label"].strip() if match else ""
        return bool(SEMVER.match(label)) or label.lower() in _UNRELEASED

    def _release(self, head: str, line: int, seen: dict[str, int]) -> _Draft | None:
        match = _HEAD.match(head)
        version = match["version"] if match else ""
        if version.lower() in _UNRELEASED or head.strip("[] ").lower() in _UNRELEASED:
            return _Draft(version, "", line, published=False)
        if not match or not SEMVER.match(version):
            self.problems.error(
                self.path,
                line,
                f"rubriken ska vara ett versionsnummer och ett datum, t.ex. {_EXAMPLE}, eller ## [Ej utgiven] (fick '## {head}') "
                f"(expected a version and a date)",
            )
            return None
        date = match["date"] or ""
        if not date:
            self.problems.error(
                self.path, line, f"version {version} saknar datum: skriv ## [{version}] - ÅÅÅÅ-MM-DD (release without a date)"
            )
            return None
        if not _is_date(date):
            self.problems.error(
                self.path, line, f"'{date}' är inget datum på formen ÅÅÅÅ-MM-DD, t.ex. 2026-01-31 (date must be YYYY-MM-DD)"
            )
            return None
        if version in seen:
            self.problems.error(self.path, line, f"version {version} finns redan på rad {seen[version]} (version listed twice)")
            return None
        seen[version] = line
        return _Draft(version, date, line, yanked="yanked" in match["rest"].lower())

    def _kind(self, name: str, line: int) -> str:
        kind = _KIND_OF.get(name.strip().lower())
        if kind is None:
            known = ", ".join(words[0].capitalize() for words in KINDS.values())
            self.problems.warning(
                self.path, line, f"okänd rubrik '### {name}': använd en av {known} (unknown kind of change; English names work too)"
            )
            return ""
        return kind


class _Draft:
    """A release as it is read: its groups of lines, rendered when the next release starts."""

    def __init__(self, version: str, date: str, line: int, published: bool = True, yanked: bool = False) -> None:
        self.version, self.date, self.line = version, date, line
        self.published, self.yanked = published, yanked
        self.groups: list[tuple[str, list[str], int]] = [("", [], line + 1)]

    def start_group(self, kind: str, line: int) -> None:
        self.groups.append((kind, [], line + 1))

    def add(self, line: str, number: int) -> None:
        self.groups[-1][1].append(line)

    def finish(self, reader: _Reader, definitions: str) -> list[tuple[Release, int]]:
        if not self.published:
            return []
        groups = []
        for kind, lines, first_line in self.groups:
            if not "".join(lines).strip():
                continue
            html = render_side_text(
                "\n".join(lines) + "\n\n" + definitions,
                reader.path,
                first_line,
                reader.renderer,
                reader.problems,
                ("en versionshistorik", "changelogs"),
            )
            groups.append(ChangeGroup(kind, html))
        return [(Release(self.version, self.date, tuple(groups), self.yanked), self.line)]


def _is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:  # 2026-02-30
        return False
    return True
