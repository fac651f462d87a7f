"""The build: load and check, write packages and the site into a staging folder, then swap it in.

A build with content errors writes nothing; a build that fails half-way, or is killed at any
moment, leaves the previous `site/` as it was (see publish.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from .course.loader import load_project
from .course.model import Catalogue, Course, ScoMode
from .markdown_render import MarkdownRenderer
from .package_size import package_size_problems
from .packages.background import PackageWriteError, fill_sizes, planned_packages
from .packages.formats import PackageFile, by_course
from .packages.pages import SiteAddress
from .packages.self_assessment import licence_id as self_assessment_licence
from .packages.writer import write_packages
from .problems import Problems
from .project import Project
from .publish import STAGING_PREFIX, build_lock, remove_leftovers, stop_point, swap_in
from .published import CATALOGUE
from .second_process import InBackground
from .site.docs_tree import write_docs_tree
from .site.feed import FEED, releases_feed
from .site.harvest import catalogue_json, unchanged_versions
from .site.mkdocs_build import render_site
from .site.settings import SiteSettings, read_site_settings
from .templates import environment

DOWNLOADS = "downloads"


@dataclass(frozen=True)
class BuildOptions:
    sco_mode: ScoMode | None = None  # overrides each course's own choice
    site: bool = True  # False: packages only
    formats: tuple[str, ...] | None = None  # None: every package format
    prerendered: bool = True  # False: MkDocs renders the lesson Markdown itself (same pages, slower)
    link_media: bool = False  # every course's packages link to the site's video and sound instead of holding them


@dataclass
class BuildReport:
    problems: Problems
    written: bool = False
    pages: int = 0
    packages: list[PackageFile] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    """Everything `check` read and found: what a build writes from, when there are no errors."""

    catalogue: Catalogue
    problems: Problems
    settings: SiteSettings


def check(project: Project, reuse: dict[str, Course] | None = None, in_parallel: bool = False) -> Checked:
    """Load and check everything; `reuse` holds courses known to be unchanged, `in_parallel` uses two cores (see load_project)."""
    problems = Problems(project.root)
    settings = read_site_settings(project, problems)
    renderer = MarkdownRenderer(list(settings.markdown_extensions), settings.extension_configs)
    result = load_project(project, renderer, reuse, in_parallel, settings.media_hosts)
    result.problems.extend(problems)
    for course in result.catalogue.courses:
        package_size_problems(project, course, settings, result.problems)
    unchanged_versions(project.site, result.catalogue, result.problems, lambda course: project.root / course.source)
    needed = self_assessment_licence(settings.digcomp_version)
    if not any(licence.id == needed for licence in result.catalogue.licences):
        result.problems.error(
            project.licences / f"{needed}.yml",
            1,
            f"licensen {needed} saknas i licenses/: självskattningens paket (DigComp {settings.digcomp_version}) publiceras under den, "
            f"eftersom DigComp-texterna den bygger på har den licensen; lägg tillbaka filen (licence missing)",
        )
    return Checked(result.catalogue, result.problems, settings)


def build(
    project: Project,
    options: BuildOptions = BuildOptions(),
    on_wait: Callable[[], None] | None = None,
) -> BuildReport:
    """`on_wait` is called once if another build of this project runs and this one has to wait."""
    started = time.perf_counter()
    # content is read under the lock too, so that a build that waited never publishes what it read before
    with build_lock(project.root, on_wait):
        stop_point("locked")
        result = check(project, in_parallel=True)
        if options.link_media:
            result = _linking_media(project, result)
        report = BuildReport(result.problems, seconds={"check": time.perf_counter() - started})
        if result.problems.has_errors:
            return report
        remove_leftovers(project.root)
        staging_root = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=project.root))
        staging = staging_root / "site"
        try:
            _write_outputs(project, result, options, staging, staging_root / "docs", report)
            stop_point("before-swap")
            swap_in(staging, project.site)
            report.written = True
            stop_point("after-swap")
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # after the swap, the previous site
            stop_point("cleanup")
            shutil.rmtree(staging_root, ignore_errors=True)
    report.seconds["total"] = time.perf_counter() - started
    return report


def _linking_media(project: Project, checked: Checked) -> Checked:
    """`--link-media`: every course as if its course.yml said `packaging: {media: link}`, checked as such."""
    courses = tuple(replace(course, link_media=True) for course in checked.catalogue.courses)
    for course in courses:
        package_size_problems(project, course, checked.settings, checked.problems)
    return replace(checked, catalogue=replace(checked.catalogue, courses=courses))


def _write_outputs(
    project: Project,
    checked: Checked,
    options: BuildOptions,
    staging: Path,
    docs: Path,
    report: BuildReport,
) -> None:
    catalogue = checked.catalogue
    env = environment(project.theme)
    mark = time.perf_counter()

    def packages() -> list[PackageFile]:
        site = SiteAddress(checked.settings.site_url, checked.settings.config.get("use_directory_urls", True))
        return write_packages(
            catalogue,
            env,
            project.theme,
            staging.parent / DOWNLOADS,
            sco_mode=options.sco_mode,
            formats=options.formats,
            site=site,
            # the self-assessment's packages belong to its page on the site: a packages-only build leaves them out
            self_assessment=checked.settings.digcomp_version if options.site else None,
        )

    if not options.site:
        report.packages = packages()
        report.seconds["packages"] = time.perf_counter() - mark
        stop_point("packages-written")
    else:
        # the packages are written by a second process while this one renders the site
        planned = planned_packages(catalogue, options.formats, checked.settings.digcomp_version)
        job = InBackground(packages, PackageWriteError, "Paketen kunde inte skrivas (writing the packages failed)")
        try:
            tree = write_docs_tree(
                catalogue,
                by_course(planned, (course.id for course in catalogue.courses)),
                docs,
                env,
                checked.settings.accessibility,
                prerendered=options.prerendered,
                use_directory_urls=checked.settings.config.get("use_directory_urls", True),
                digcomp_version=checked.settings.digcomp_version,
                site_url=checked.settings.site_url,
            )
            render_site(project, checked.settings, docs, staging, tree.nav, tree.bodies)
            stop_point("site-rendered")
            report.packages = cast(list[PackageFile], job.result())
        finally:
            job.cancel()
        stop_point("packages-written")
        fill_sizes(staging, catalogue, planned, report.packages)
        report.pages = tree.pages
        report.seconds["site and packages"] = time.perf_counter() - mark
    staging.mkdir(parents=True, exist_ok=True)
    # MkDocs empties its site_dir, so the packages join the site only after it has rendered
    if (staging.parent / DOWNLOADS).exists():
        os.replace(staging.parent / DOWNLOADS, staging / DOWNLOADS)
    if options.site:
        (staging / CATALOGUE).write_bytes(catalogue_json(catalogue, report.packages, staging / DOWNLOADS, checked.settings.config))
        (staging / FEED).write_bytes(releases_feed(catalogue, report.packages, staging / DOWNLOADS, checked.settings.config))
