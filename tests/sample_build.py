"""The built sample project the quality gates inspect: the site and every package, unpacked.

The repository's content/, licenses/, theme/ and mkdocs.yml are copied and built once per test
session, so no test ever writes into the repository's own site/.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from scorm_export.build import DOWNLOADS, build
from scorm_export.project import Project

from .helpers import copy_repository_project

PACKAGE_SUFFIXES = (".zip", ".imscc")


@dataclass(frozen=True)
class Package:
    file_name: str
    folder: Path  # where it was unpacked

    @property
    def pages(self) -> list[str]:
        return html_pages(self.folder)


@dataclass(frozen=True)
class BuiltSample:
    project: Project
    site: Path
    packages: tuple[Package, ...]

    @property
    def site_pages(self) -> list[str]:
        return html_pages(self.site)

    def roots(self) -> list[tuple[str, Path, list[str]]]:
        """(label, folder, HTML pages) for the site and for every package."""
        return [("site", self.site, self.site_pages)] + [(package.file_name, package.folder, package.pages) for package in self.packages]


def html_pages(root: Path) -> list[str]:
    """Every HTML page under `root`, as sorted POSIX paths relative to it."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html") if path.is_file())


_built: BuiltSample | None = None


def built_sample(tmp_path_factory: pytest.TempPathFactory) -> BuiltSample:
    """Build the repository's sample project once per session (into a copy) and unpack its packages."""
    global _built
    if _built is None:
        _built = _build_copy(tmp_path_factory.mktemp("sample"))
    return _built


def _build_copy(scratch: Path) -> BuiltSample:
    project = copy_repository_project(scratch / "project")
    report = build(project)
    if not report.written:
        pytest.fail("the sample project does not build:\n" + "\n".join(str(p) for p in report.problems.items))
    packages = []
    for archive in sorted((project.site / DOWNLOADS).iterdir()):
        if archive.suffix not in PACKAGE_SUFFIXES:
            continue
        folder = scratch / "packages" / archive.name
        _unpack(archive, folder)
        packages.append(Package(archive.name, folder))
    return BuiltSample(project, project.site, tuple(packages))


def _unpack(archive: Path, folder: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        for name in opened.namelist():
            # a package must never write outside its own folder when an LMS unpacks it
            if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
                pytest.fail(f"{archive.name}: entry {name!r} points outside the package")
        opened.extractall(folder)
