"""Hands the written docs tree to MkDocs + Material, with the project's mkdocs.yml settings."""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import BasePlugin

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
    loaded.plugins[COMPILED_TEMPLATES] = CompiledTemplates()
    return loaded


COMPILED_TEMPLATES = "scorm-export-compiled-templates"


class CompiledTemplates(BasePlugin):
    """Material's templates, compiled once and kept between builds (as templates.py keeps ours): MkDocs compiles
    them afresh on every build, a third of a small site's build time."""

    def on_env(self, env, config, files):
        env.bytecode_cache = bytecode_cache("mkdocs")
        return env


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
