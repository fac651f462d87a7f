"""Hands the written docs tree to MkDocs + Material, with the project's mkdocs.yml settings."""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import yaml

from ..project import Project
from .prerendered import PLUGIN_NAME, PrerenderedBodies, PrerenderedBody
from .settings import SiteSettings

SITE_CSS = "assets/stylesheets/courses.css"


class SiteRenderError(Exception):
    """MkDocs reported a warning or an error: the generated tree is not what it should be."""


def render_site(
    project: Project, settings: SiteSettings, docs: Path, out: Path, nav: list[Any],
    bodies: dict[str, PrerenderedBody] | None = None,
) -> None:
    """Run MkDocs on the docs tree; `bodies` are lesson bodies the loader rendered (see prerendered.py)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = copy.deepcopy(settings.config)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(out)
    config["nav"] = nav
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project.root / theme["custom_dir"])
    config["theme"] = theme
    config["extra_css"] = [*config.get("extra_css", []), SITE_CSS]
    config_file = docs.parent / "mkdocs.generated.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")

    warnings = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        loaded = load_config(str(config_file))
        if bodies:
            loaded.plugins[PLUGIN_NAME] = PrerenderedBodies(bodies)
        build(loaded)
    except Exception as exc:  # MkDocs raises its own exception types and plain ones from themes
        raise SiteRenderError(f"MkDocs kunde inte bygga webbplatsen: {exc}") from exc
    finally:
        logger.removeHandler(warnings)
    if warnings.messages:
        raise SiteRenderError("MkDocs varnade:\n" + "\n".join(warnings.messages))


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
