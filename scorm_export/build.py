"""The build: load and check, write packages and the site into a staging folder, then swap it in.

A build with content errors writes nothing; a build that fails half-way leaves the previous
`site/` as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .course.loader import LoadResult, load_project
from .course.model import Catalogue, ScoMode
from .markdown_render import MarkdownRenderer
from .packages.formats import PackageFile
from .packages.writer import write_packages
from .problems import Problems
from .project import Project
from .site.docs_tree import write_docs_tree
from .site.mkdocs_build import render_site, site_settings
from .site.settings import check_site_settings
from .templates import environment

DOWNLOADS = "downloads"


@dataclass(frozen=True)
class BuildOptions:
    sco_mode: ScoMode | None = None  # overrides each course's own choice
    site: bool = True  # False: packages only
    formats: tuple[str, ...] | None = None  # None: every package format


@dataclass
class BuildReport:
    problems: Problems
    written: bool = False
    pages: int = 0
    packages: list[PackageFile] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def check(project: Project) -> LoadResult:
    result = load_project(project, MarkdownRenderer.from_mkdocs(project.mkdocs_config))
    check_site_settings(project, result.problems)
    return result


def build(project: Project, options: BuildOptions = BuildOptions()) -> BuildReport:
    started = time.perf_counter()
    renderer = MarkdownRenderer.from_mkdocs(project.mkdocs_config)
    result = load_project(project, renderer)
    check_site_settings(project, result.problems)
    report = BuildReport(result.problems, seconds={"check": time.perf_counter() - started})
    if result.problems.has_errors:
        return report
    staging_root = Path(tempfile.mkdtemp(prefix=".build-", dir=project.root))
    try:
        staging = staging_root / "site"
        _write_outputs(project, result.catalogue, renderer, options, staging, staging_root / "docs", report)
        _swap_in(staging, project.site, staging_root)
        report.written = True
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)
    report.seconds["total"] = time.perf_counter() - started
    return report


def _write_outputs(
    project: Project, catalogue: Catalogue, renderer: MarkdownRenderer, options: BuildOptions,
    staging: Path, docs: Path, report: BuildReport,
) -> None:
    env = environment(project.theme)
    mark = time.perf_counter()
    report.packages = write_packages(
        catalogue, renderer, env, project.theme, staging.parent / DOWNLOADS, sco_mode=options.sco_mode, formats=options.formats,
    )
    report.seconds["packages"] = time.perf_counter() - mark
    downloads: dict[str, list[PackageFile]] = {course.id: [] for course in catalogue.courses}
    for package in report.packages:
        downloads[package.course_id].append(package)
    if options.site:
        mark = time.perf_counter()
        tree = write_docs_tree(catalogue, downloads, docs, env, site_settings(project).get("extra", {}))
        render_site(project, docs, staging, tree.nav)
        report.pages = tree.pages
        report.seconds["site"] = time.perf_counter() - mark
    staging.mkdir(parents=True, exist_ok=True)
    # MkDocs empties its site_dir, so the packages join the site only after it has rendered
    if (staging.parent / DOWNLOADS).exists():
        os.replace(staging.parent / DOWNLOADS, staging / DOWNLOADS)


def _swap_in(staging: Path, site: Path, scratch: Path) -> None:
    """Replace `site` with `staging` by two renames on the same file system."""
    if site.exists():
        old = scratch / "previous-site"
        os.replace(site, old)
    os.replace(staging, site)
