"""The Jinja2 environment over `theme/`: all markup lives in templates, none in Python."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import ui_strings

# Every character that could start Markdown, HTML or an attribute list, as a character reference:
# Python-Markdown passes references through untouched and the browser shows the character itself.
_MARKDOWN_INERT = {char: f"&#{ord(char)};" for char in "\\`*_[](){}<>&\"'#+-.!|~^=:@"}


def json_for_script(value: object) -> str:
    """JSON that is safe inside <script>: no '<' can end the element or open a comment in it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def markdown_text(value: object) -> Markup:
    """Content text for a Markdown page: shown as written, never turned into markup.

    Line breaks become spaces, so that no text can start a heading, a list or a block of its own.
    """
    return Markup("".join(_MARKDOWN_INERT.get(char, char) for char in " ".join(str(value).split())))


def _finalize_markdown(value: object) -> object:
    # templates mark what is already markup (|e for URLs, macros, |tojson); everything else is text
    if isinstance(value, (Markup, int, float)):
        return value
    return markdown_text(value)


def bytecode_cache(kind: str) -> FileSystemBytecodeCache | None:
    """Jinja's per-user cache in the temporary folder, keyed by template source, one namespace per environment kind:
    the same template compiles differently where every value is finalized as Markdown text."""
    try:
        return FileSystemBytecodeCache(pattern=f"scorm-export-{kind}-%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder to keep it in: compile every time
        return None


def environment(theme: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(theme)),
        # a build is one run over templates that do not change during it: no modification check per include, and
        # compiled templates kept between builds (Jinja's per-user cache in the temporary folder, keyed by source)
        auto_reload=False,
        bytecode_cache=bytecode_cache("html"),
        autoescape=select_autoescape(["html", "xml", "md.j2", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        duration=ui_strings.format_duration,
        iso_duration=ui_strings.iso_duration,
        seconds=ui_strings.format_seconds,
        date=ui_strings.format_date,
        size=ui_strings.format_size,
        level_name=ui_strings.level_name,
        language_name=ui_strings.language_name,
        script_json=json_for_script,
        markdown_text=markdown_text,
    )
    return env


def markdown_environment(env: Environment) -> Environment:
    """The same templates for Markdown pages (`docs/*.md.j2`): every `{{ value }}` is inert text."""
    return env.overlay(finalize=_finalize_markdown, bytecode_cache=bytecode_cache("markdown"))
