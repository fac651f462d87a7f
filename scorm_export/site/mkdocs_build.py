"""Hands the written docs tree to MkDocs + Material, with the project's mkdocs.yml settings."""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .. import ui_strings
from ..project import Project
from ..templates import bytecode_cache
from .docs_tree import CATALOGUE_FILTER_SCRIPT, MEDIA_SCRIPT, QUESTIONS_SCRIPT
from .figures import PLUGIN_NAME as FIGURES_PLUGIN
from .figures import CreditedFigures
from .prerendered import PLUGIN_NAME, PrerenderedBodies, PrerenderedBody
from .self_assessment import SELF_ASSESSMENT_CSS, SELF_ASSESSMENT_SCRIPT
from .settings import SiteSettings

SITE_CSS = "assets/stylesheets/courses.css"
# MkDocs' own notice that an incremental build is one, which the preview asks for on purpose
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class SiteRenderError(Exception):
    """MkDocs reported a warning or an error: the generated tree is not what it should be."""


def mkdocs_config(
    project: Project,
    settings: SiteSettings,
    docs: Path,
    out: Path,
    nav: list[Any],
    bodies: dict[str, PrerenderedBody] | None = None,
):
    """MkDocs' configuration for a docs tree: the project's settings with docs, site, nav and plugin filled in."""
    from mkdocs.config import load_config

    config = copy.deepcopy(settings.config)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(out)
    config["nav"] = nav
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project.root / theme["custom_dir"])
    config["theme"] = theme
    config["extra_css"] = [*config.get("extra_css", []), SITE_CSS, SELF_ASSESSMENT_CSS]
    config["extra_javascript"] = [
        *config.get("extra_javascript", []),
        QUESTIONS_SCRIPT,
        MEDIA_SCRIPT,
        CATALOGUE_FILTER_SCRIPT,
        SELF_ASSESSMENT_SCRIPT,
    ]
    # the interface words of the site's own templates come from the one place that knows them (Swedish)
    config["extra"] = {**(config.get("extra") or {}), "ui": ui_strings.strings("sv")}
    config_file = docs.parent / "mkdocs.generated.yml"
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        loaded = load_config(str(config_file))
    except Exception as exc:  # MkDocs raises its own exception types for settings it refuses
        raise SiteRenderError(f"MkDocs kunde inte läsa inställningarna: {exc}") from exc
    if bodies is not None:
        loaded.plugins[PLUGIN_NAME] = PrerenderedBodies(bodies)
    loaded.plugins[FIGURES_PLUGIN] = CreditedFigures()
    _faster_theme(loaded.theme)
    return loaded


def _faster_theme(theme) -> None:
    """Two costs MkDocs pays on every build, which are half of a small site's build: it compiles Material's templates
    afresh (kept compiled between builds here, as templates.py keeps ours), and lists every file of the theme to
    find its static files, Material's 14,000 icons included, only to drop each name with a part that starts with a
    dot, as the icons' .icons/ folder does (ThemeFiles walks past those folders: the same files, found at once)."""
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeFiles(theme.dirs)
        env.bytecode_cache = bytecode_cache("mkdocs")
        return env

    theme.get_env = get_env


class ThemeFiles(jinja2.FileSystemLoader):
    """The theme's templates, listed without hidden files and folders (which MkDocs leaves out of a site anyway)."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, dirs, files in os.walk(root, followlinks=self.followlinks):
                dirs[:] = [name for name in dirs if not name.startswith(".")]
                relative = os.path.relpath(folder, root)
                for name in files:
                    if not name.startswith("."):
                        found.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return sorted(found)


def run_mkdocs(config, dirty: bool = False) -> None:
    """Build the site; any warning MkDocs logs means the generated tree is wrong, and is an error."""
    from mkdocs.commands.build import build

    warnings = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        build(config, dirty=dirty)
    except Exception as exc:  # MkDocs raises its own exception types and plain ones from themes
        raise SiteRenderError(f"MkDocs kunde inte bygga webbplatsen: {exc}") from exc
    finally:
        logger.removeHandler(warnings)
    if warnings.messages:
        raise SiteRenderError("MkDocs varnade:\n" + "\n".join(warnings.messages))


def render_site(
    project: Project,
    settings: SiteSettings,
    docs: Path,
    out: Path,
    nav: list[Any],
    bodies: dict[str, PrerenderedBody] | None = None,
) -> None:
    """Run MkDocs on the docs tree; `bodies` are lesson bodies the loader rendered (see prerendered.py)."""
    run_mkdocs(mkdocs_config(project, settings, docs, out, nav, bodies or None))


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_DIRTY_NOTICE):
            self.messages.append(message)
