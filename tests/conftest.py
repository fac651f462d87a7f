"""Shared fixtures; the plain helpers they use are in helpers.py."""

from __future__ import annotations

import importlib.util

import pytest

from scorm_export.course.loader import LoadResult, load_project
from scorm_export.markdown_render import MarkdownRenderer
from scorm_export.problems import Problems
from scorm_export.project import Project
from scorm_export.site.settings import read_site_settings

from .helpers import REPO, SHARED, require_shared, write_project
from .sample_build import BuiltSample, built_sample


@pytest.fixture(scope="session")
def renderer() -> MarkdownRenderer:
    settings = read_site_settings(Project(REPO), Problems(REPO))
    return MarkdownRenderer(list(settings.markdown_extensions), settings.extension_configs)


@pytest.fixture
def load(tmp_path, renderer):
    """load(files) -> LoadResult for a tiny project written under tmp_path."""

    projects = iter(range(1000))

    def _load(files: dict[str, str | bytes]) -> LoadResult:
        return load_project(write_project(tmp_path / f"project{next(projects)}", files), renderer)

    return _load


@pytest.fixture(scope="session")
def browser():
    from .browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser):
    """A fresh browser page of its own (cookies, storage) that gives up on a missing element after 10 s."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> BuiltSample:
    """The repository's sample courses built once per session, with every package unpacked."""
    return built_sample(tmp_path_factory)


@pytest.fixture(scope="session")
def sample_site(sample):
    """The built sample site/ folder (the same build as `sample`)."""
    return sample.site


@pytest.fixture(scope="session")
def schema_validate():
    """validate(kind, xml_bytes) -> errors, from ../shared/schemas/validate.py (the official XSDs)."""
    script = require_shared(SHARED / "schemas" / "validate.py")
    spec = importlib.util.spec_from_file_location("shared_schema_validate", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.validate
