"""The preview behind `build.py serve`: rebuilds only what an edit changed, in seconds, beside `site/`.

The preview lives in `.preview/` (docs tree and site) and never touches the published `site/`. The
first rebuild is complete (packages included). After an edit under `content/`, only the changed
courses are loaded again (the others are reused from the previous load), the docs tree is rewritten
where its bytes differ, and MkDocs renders in its incremental ('dirty') mode, which skips every page
whose docs file did not change. One MkDocs configuration is kept for the whole session, as `mkdocs
serve` does, so that Material's search index is updated rather than rebuilt. Any change to the
theme, the licences or mkdocs.yml starts again from scratch.

What can be stale in a preview until the next complete rebuild: other pages' navigation titles after a
title change, and the downloads of the edited course. `build` never publishes a preview.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .build import BuildOptions, Checked, check
from .course.loader import course_folder
from .packages.formats import PackageFile, by_course
from .packages.writer import write_packages
from .problems import Problems
from .project import Project
from .site.docs_tree import write_docs_tree
from .site.mkdocs_build import SiteRenderError, mkdocs_config, run_mkdocs
from .site.prerendered import PrerenderedBody
from .templates import environment

PREVIEW = ".preview"


@dataclass(frozen=True)
class PreviewResult:
    ok: bool
    seconds: float
    rebuilt: str  # "alla kurser" or the course folders that were loaded again
    problems: Problems
    error: str = ""  # MkDocs' message when the site could not be rendered


class Preview:
    def __init__(self, project: Project, options: BuildOptions = BuildOptions()) -> None:
        self.project = project
        self.options = options
        self.root = project.root / PREVIEW
        self.docs = self.root / "docs"
        self.site = self.root / "site"
        self.builds = 0  # the number of successful rebuilds; the browser reloads when it changes
        self._checked: Checked | None = None
        self._downloads: dict[str, list[PackageFile]] = {}
        self._mkdocs: Any = None  # kept across rebuilds: Material's search plugin keeps its index in it
        self._env: Environment | None = None
        self._bodies: dict[str, PrerenderedBody] = {}

    def rebuild(self, changed: Collection[Path] | None = None) -> PreviewResult:
        """Rebuild after `changed` files (None: everything); on errors the previous preview stays."""
        started = time.perf_counter()
        courses = self._changed_courses(changed)
        reuse = {}
        if courses is not None and self._checked is not None:
            reuse = {course_folder(c): c for c in self._checked.catalogue.courses if course_folder(c) not in courses}
        checked = check(self.project, reuse)
        rebuilt = "alla kurser" if courses is None else ", ".join(sorted(courses))
        if checked.problems.has_errors:
            return PreviewResult(False, time.perf_counter() - started, rebuilt, checked.problems)
        complete = courses is None or self._mkdocs is None
        unchanged: frozenset[str] = frozenset()
        if courses is not None and not complete:
            unchanged = frozenset(course.id for course in checked.catalogue.courses if course_folder(course) not in courses)
        try:
            self._render(checked, complete, unchanged)
        except SiteRenderError as exc:
            self._mkdocs = None  # start again from scratch next time
            return PreviewResult(False, time.perf_counter() - started, rebuilt, checked.problems, str(exc))
        self._checked = checked
        self.builds += 1
        return PreviewResult(True, time.perf_counter() - started, rebuilt, checked.problems)

    def _changed_courses(self, changed: Collection[Path] | None) -> set[str] | None:
        """The course folders an edit touched, or None when anything else changed (then everything is rebuilt)."""
        if changed is None or self._checked is None:
            return None
        folders = set()
        for path in changed:
            try:
                parts = path.relative_to(self.project.content).parts
            except ValueError:
                return None
            if len(parts) < 2:
                return None
            folders.add(parts[0])
        return folders

    def _render(self, checked: Checked, complete: bool, unchanged: frozenset[str]) -> None:
        catalogue = checked.catalogue
        if complete or self._env is None:
            shutil.rmtree(self.root, ignore_errors=True)
            self._mkdocs, self._env, self._bodies = None, environment(self.project.theme), {}
            # the self-assessment's packages too, as `build` writes them: its page offers them, the test LMS runs them
            packages = write_packages(
                catalogue,
                self._env,
                self.project.theme,
                self.site / "downloads",
                sco_mode=self.options.sco_mode,
                self_assessment=checked.settings.digcomp_version,
            )
            self._downloads = by_course(packages, (course.id for course in catalogue.courses))
        env = self._env
        use_directory_urls = checked.settings.config.get("use_directory_urls", True)
        tree = write_docs_tree(
            catalogue,
            self._downloads,
            self.docs,
            env,
            checked.settings.accessibility,
            use_directory_urls=use_directory_urls,
            unchanged=unchanged,
            digcomp_version=checked.settings.digcomp_version,
        )
        self._bodies.update(tree.bodies)
        for path in self.docs.rglob("*"):
            if path.is_file() and path.relative_to(self.docs).as_posix() not in tree.files:
                path.unlink()
        if self._mkdocs is None:
            self._mkdocs = mkdocs_config(self.project, checked.settings, self.docs, self.site, tree.nav, self._bodies)
            # as `mkdocs serve --dirty` announces itself: Material's search then keeps its index between rebuilds
            self._mkdocs.plugins.on_startup(command="serve", dirty=True)
        else:
            self._mkdocs["nav"] = tree.nav
        # incremental even the first time: Material's search keeps its index for the next rebuilds only then
        run_mkdocs(self._mkdocs, dirty=True)
