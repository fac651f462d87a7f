"""The site settings: mkdocs.yml read once, checked like content (problems with lines), as one typed value.

The renderer takes its Markdown extensions from it, the docs tree its accessibility statement, and
MkDocs the whole configuration; nothing else opens mkdocs.yml.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, cast

from ..course import digcomp
from ..course.fields import FieldReader
from ..course.sources import YamlList, YamlMap, parse_yaml, read_text
from ..problems import Problems
from ..project import Project

ACCESSIBILITY_REQUIRED = [
    "organisation",
    "service",
    "compliance",
    "assessment",
    "assessed",
    "updated",
    "contact_email",
    "response_time",
]
ACCESSIBILITY_OPTIONAL = ["contact_phone", "published", "shortcomings", "out_of_scope"]
COMPLIANCE = ["helt", "delvis", "inte"]
DATES = ["assessed", "updated", "published"]
MEDIA_FIELDS = ["hosts", "package_limit_mb"]
DEFAULT_PACKAGE_LIMIT_MB = 100  # a common upload limit of an LMS (Moodle's default is lower still, Canvas's per file)
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class SiteSettings:
    config: dict[str, Any] = field(default_factory=dict)  # mkdocs.yml as plain values, for MkDocs
    accessibility: dict[str, Any] = field(default_factory=dict)  # extra.accessibility, checked
    markdown_extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    media_hosts: tuple[str, ...] = ()  # extra.media.hosts: video services a lesson may show, behind a consent button
    package_limit_mb: int = DEFAULT_PACKAGE_LIMIT_MB  # extra.media.package_limit_mb: a larger package gets a warning
    site_url: str = ""  # where the site is published: packages that leave media out link there
    digcomp_version: str = digcomp.DEFAULT_VERSION  # extra.digcomp.version: what the self-assessment rates against


def read_site_settings(project: Project, problems: Problems) -> SiteSettings:
    """mkdocs.yml as a checked value; on errors (reported to `problems`) a value the check can go on with."""
    path = project.mkdocs_config
    text = read_text(path, problems)
    settings = parse_yaml(text, path, problems) if text is not None else None
    if not isinstance(settings, YamlMap):
        if settings is not None:
            problems.error(path, 1, "mkdocs.yml ska bestå av inställningar på formen 'namn: värde' (expected 'name: value' settings)")
        return SiteSettings()
    names, configs = _markdown_extensions(settings, path, problems)
    _check_accessibility(settings, path, problems)
    hosts, limit = _media(settings, path, problems)
    version = _digcomp_version(settings, path, problems)
    config = _plain(settings)
    site_url = config.get("site_url") if isinstance(config.get("site_url"), str) else ""
    accessibility = dict(config.get("extra", {}).get("accessibility") or {})
    return SiteSettings(config, accessibility, names, configs, hosts, limit, site_url or "", version)


def _digcomp_version(settings: YamlMap, path, problems: Problems) -> str:
    extra = settings.get("extra")
    section = extra.get("digcomp") if isinstance(extra, YamlMap) else None
    if section is None:
        return digcomp.DEFAULT_VERSION
    if not isinstance(section, YamlMap):
        problems.error(
            path, cast(YamlMap, extra).line_of("digcomp"), 'extra.digcomp ska vara version: "3.0" eller version: "2.2" (expected a mapping)'
        )
        return digcomp.DEFAULT_VERSION
    fields = FieldReader(section, path, problems, "extra.digcomp")
    version = fields.choice("version", digcomp.VERSIONS, required=False, default=digcomp.DEFAULT_VERSION)
    fields.report_unknown(["version"])
    return version or digcomp.DEFAULT_VERSION


def _media(settings: YamlMap, path, problems: Problems) -> tuple[tuple[str, ...], int]:
    extra = settings.get("extra")
    media = extra.get("media") if isinstance(extra, YamlMap) else None
    if media is None:
        return (), DEFAULT_PACKAGE_LIMIT_MB
    if not isinstance(media, YamlMap):
        problems.error(
            path,
            cast(YamlMap, extra).line_of("media"),
            "extra.media ska ha hosts: [...] och/eller package_limit_mb: 100 (expected a mapping)",
        )
        return (), DEFAULT_PACKAGE_LIMIT_MB
    fields = FieldReader(media, path, problems, "extra.media")
    hosts = []
    for host in fields.text_list("hosts", example="[youtube.com, vimeo.com]"):
        name = host.lower().removeprefix("www.")
        if _HOST.match(name):
            hosts.append(name)
        else:
            problems.error(
                path,
                media.line_of("hosts"),
                f"extra.media.hosts: '{host}' ska vara ett värdnamn som youtube.com, utan https:// och sökväg (a host name)",
            )
    limit = fields.number("package_limit_mb", default=DEFAULT_PACKAGE_LIMIT_MB, low=1)
    fields.report_unknown(MEDIA_FIELDS)
    return tuple(hosts), limit


def _plain(value: Any) -> Any:
    """YAML with line numbers as the plain dicts and lists MkDocs and PyYAML's dumper expect."""
    if isinstance(value, YamlMap):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, YamlList):
        return [_plain(item) for item in value]
    return value


def _markdown_extensions(settings: YamlMap, path, problems: Problems) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    entries = settings.get("markdown_extensions") or []
    if not isinstance(entries, YamlList):
        problems.error(path, settings.line_of("markdown_extensions"), "markdown_extensions ska vara en lista (expected a list)")
        return (), {}
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, YamlMap) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            names.append(str(name))
            configs[str(name)] = _plain(options) if isinstance(options, YamlMap) else {}
        else:
            problems.error(
                path,
                entries.line_of(index),
                "markdown_extensions: varje punkt är ett namn eller 'namn: {inställningar}' (expected a name or a mapping)",
            )
    return tuple(names), configs


def _check_accessibility(settings: YamlMap, path, problems: Problems) -> None:
    extra = settings.get("extra")
    accessibility = extra.get("accessibility") if isinstance(extra, YamlMap) else None
    if not isinstance(accessibility, YamlMap):
        problems.error(
            path,
            settings.line_of("extra"),
            "extra.accessibility saknas: tillgänglighetsredogörelsen byggs från den (accessibility statement settings missing)",
        )
        return
    fields = FieldReader(accessibility, path, problems, "extra.accessibility")
    for key in [*ACCESSIBILITY_REQUIRED, "contact_phone"]:
        if key == "compliance":
            fields.choice(key, COMPLIANCE, required=True)
        elif key in DATES:
            _date(fields, key, required=True)
        else:
            fields.text(key, required=key in ACCESSIBILITY_REQUIRED)
    _date(fields, "published", required=False)
    for item, line in fields.items("shortcomings"):
        if not isinstance(item, YamlMap):
            problems.error(
                path,
                line,
                "extra.accessibility.shortcomings: varje brist behöver description, och gärna criterion och alternative "
                "(expected a mapping with a description)",
            )
            continue
        shortcoming = FieldReader(item, path, problems, "shortcomings")
        shortcoming.text("description", required=True, example="Vad som inte fungerar")
        shortcoming.text("criterion", required=False)
        shortcoming.text("alternative", required=False)
        shortcoming.report_unknown(["description", "criterion", "alternative"])
    fields.text_list("out_of_scope")
    fields.report_unknown([*ACCESSIBILITY_REQUIRED, *ACCESSIBILITY_OPTIONAL])


def _date(fields: FieldReader, key: str, *, required: bool) -> None:
    """A date the statement shows in words: YAML reads 2026-11-21 as a date; text is shown as written."""
    if isinstance(fields.raw(key), datetime.date):
        return
    fields.text(key, required=required, example="2026-11-21")
