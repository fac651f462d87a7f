"""Resolving the links and images of a lesson to lessons, assets or the outside world."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..markdown_render import FoundUrl
from ..problems import Problems
from .model import Reference, ReferenceKind
from .slugs import file_slug, slugify

_EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class LessonTarget:
    key: str
    ids: frozenset[str]  # element ids (heading anchors) in the lesson


@dataclass
class CourseFiles:
    """What a course folder holds, for resolving references against it."""

    content_root: Path  # resolved content/ folder
    course_root: Path  # resolved course folder
    lessons: dict[Path, LessonTarget]  # resolved source path -> lesson
    module_slugs: dict[Path, str]  # resolved module folder -> slug
    asset_paths: dict[Path, str] = field(default_factory=dict)  # resolved file -> output path

    def asset_path(self, real: Path, suffix: str | None = None) -> str:
        """The ASCII output path of a file, relative to the course root: module folders become their slugs.

        `suffix` replaces the file's own (a transcript's .md is published as .txt, which no site takes for a page).
        """
        if real not in self.asset_paths:
            relative = real.relative_to(self.course_root)
            folders, parts = self.course_root, []
            for part in relative.parts[:-1]:
                folders = folders / part
                parts.append(self.module_slugs.get(folders) or slugify(part) or "mapp")
            name = file_slug(relative.name)
            parts.append(name[: -len(Path(name).suffix)] + suffix if suffix and Path(name).suffix else name)
            self.asset_paths[real] = "/".join(parts)
        return self.asset_paths[real]


def line_finder(body: str, first_line: int):
    """Finds each URL's line, searching forward from the previous one (URLs come in document order)."""
    lines = body.split("\n")
    cursor = [0]

    def find(url: str) -> int:
        # then from the top: a reference-style link's URL sits in its definition, often below later links
        order = [*range(cursor[0], len(lines)), *range(cursor[0])]
        for needle in (url, unquote(url)):
            # the whole URL, not a piece of a longer one ('a.md' inside 'data.md')
            pattern = re.compile(r"(?<![^\s(<=\"'])" + re.escape(needle) + r"(?![^\s)>\"'])") if needle else None
            for index in order:
                if pattern and pattern.search(lines[index]):
                    cursor[0] = index
                    return first_line + index
        return first_line + cursor[0]

    return find


def resolve(
    found: FoundUrl,
    line: int,
    source: Path,
    own_ids: frozenset[str],
    files: CourseFiles,
    problems: Problems,
) -> Reference | None:
    """One link or image as a Reference, or None after reporting why it cannot be followed."""
    what = "bilden" if found.is_image else "länken"
    url = found.url.strip()
    if found.is_image and not found.alt:
        problems.error(
            source,
            line,
            f"bilden {url!r} saknar alt-text: skriv en beskrivning inom hakparenteserna, ![Beskrivning]({url}) (image without alt text)",
        )
    if not url:
        problems.error(source, line, f"{what} har ingen adress (empty link)")
        return None
    parts = urlsplit(url)
    if parts.scheme in _EXTERNAL_SCHEMES:
        if found.is_image:
            problems.error(
                source,
                line,
                (
                    f"bilden {url!r} hämtas från en annan webbplats: den får då veta vem som läser (privacy), och paketen "
                    "måste fungera utan internet; spara bilden i kursmappen och ange dess licens (remote image)"
                ),
            )
            return None
        return Reference(url, ReferenceKind.EXTERNAL, url, parts.fragment, line, found.is_image)
    if parts.scheme or parts.netloc or re.match(r"^[A-Za-z]:[\\/]", url):
        problems.error(
            source,
            line,
            f"{what} {url!r} använder ett adressformat som inte stöds; använd en relativ sökväg eller en https-adress (unsupported URL)",
        )
        return None
    if not parts.path:
        if parts.fragment not in own_ids:
            problems.error(source, line, f"{what} {url!r} pekar på en rubrik som inte finns i lektionen (broken anchor)")
        return Reference(url, ReferenceKind.ANCHOR, "", parts.fragment, line, found.is_image)
    if parts.path.startswith("/"):
        problems.error(source, line, f"{what} {url!r} är en absolut sökväg; skriv sökvägen relativt till lektionsfilen (absolute path)")
        return None
    target = Path(os.path.normpath(source.parent / unquote(parts.path)))
    real = Path(os.path.realpath(target))
    if not real.is_relative_to(files.content_root):
        problems.error(source, line, f"{what} {url!r} pekar utanför content/ (path outside content/)")
        return None
    if not real.is_relative_to(files.course_root):
        problems.error(
            source,
            line,
            f"{what} {url!r} pekar på en annan kurs; en kurs måste fungera som ett fristående paket, länka med en https-adress i stället "
            f"(link into another course)",
        )
        return None
    if not real.exists():
        swedish, english = _closest(target)
        problems.error(
            source, line, f"{what} {url!r} pekar på en fil som inte finns: {_shown(target, files)}{swedish} (file not found{english})"
        )
        return None
    if real.is_dir() and real / "index.md" in files.lessons:
        real = real / "index.md"  # a link to a lesson folder is a link to its lesson
    if real in files.lessons:
        lesson = files.lessons[real]
        if found.is_image:
            problems.error(source, line, f"bilden {url!r} pekar på en lektion, inte på en bildfil (image points at a lesson)")
            return None
        if parts.fragment and parts.fragment not in lesson.ids:
            problems.error(
                source,
                line,
                f"länken {url!r} pekar på en rubrik (#{parts.fragment}) som inte finns i {_shown(target, files)} (broken anchor)",
            )
        return Reference(url, ReferenceKind.LESSON, lesson.key, parts.fragment, line)
    if real.is_dir() or real.suffix.lower() in (".md", ".yml", ".yaml"):
        problems.error(
            source,
            line,
            f"{what} {url!r} pekar på {_shown(target, files)}, som inte är en lektion eller en fil att publicera (not a lesson or a file to publish)",
        )
        return None
    return Reference(url, ReferenceKind.ASSET, files.asset_path(real), parts.fragment, line, found.is_image)


def _closest(target: Path) -> tuple[str, str]:
    """('; menade du "01-intro.md"?', '; did you mean "01-intro.md"?') when a file of a similar name is in the
    folder (a typo, a renumbered lesson), else two empty texts: the Swedish question, and the end of the English hint."""
    try:
        names = sorted(child.name for child in target.parent.iterdir() if not child.name.startswith("."))
    except OSError:
        return "", ""
    folded = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(target.name.casefold(), list(folded), n=1, cutoff=0.6)
    if not found:
        return "", ""
    return f'; menade du "{folded[found[0]]}"?', f'; did you mean "{folded[found[0]]}"?'


def _shown(path: Path, files: CourseFiles) -> str:
    try:
        return path.relative_to(files.content_root.parent).as_posix()
    except ValueError:
        return path.as_posix()
