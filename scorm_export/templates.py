"""The Jinja2 environment over `theme/`: all markup lives in templates, none in Python."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import ui_strings


def json_for_script(value: object) -> str:
    """JSON that is safe inside <script> (no '</' can end the element early)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def environment(theme: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(theme)),
        autoescape=select_autoescape(["html", "xml", "md.j2", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        duration=ui_strings.format_duration,
        iso_duration=ui_strings.iso_duration,
        size=ui_strings.format_size,
        level_name=ui_strings.level_name,
        language_name=ui_strings.language_name,
        script_json=json_for_script,
    )
    return env
