"""Where a project's parts live: the fixed top-level layout of the design card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MARKERS = ("mkdocs.yml", "content")


class ProjectNotFound(Exception):
    """No folder looked like a project root; the message says where we looked."""


def find_root(start: Path, fallback: Path | None = None) -> Path:
    """The nearest folder from `start` upwards (as git does) that holds mkdocs.yml and content/.

    `fallback` (the folder of build.py) is tried last, so that `python path/to/build.py` works from anywhere.
    """
    start = start.resolve()
    candidates = [start, *start.parents] + ([fallback.resolve()] if fallback else [])
    for folder in candidates:
        if (folder / MARKERS[0]).is_file() and (folder / MARKERS[1]).is_dir():
            return folder
    where = f"{start} och mapparna ovanför" + (f", och {fallback.resolve()}" if fallback else "")
    raise ProjectNotFound(
        f"Hittar inget kursprojekt: letade efter mkdocs.yml och content/ i {where}; ange mappen med --root (no project found)"
    )


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def licences(self) -> Path:
        return self.root / "licenses"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def watched(self) -> tuple[Path, ...]:
        """What `serve` watches for changes."""
        return (self.content, self.theme, self.licences, self.mkdocs_config)
