"""Checks the site settings in mkdocs.yml that generated pages need, as problems with lines."""

from __future__ import annotations

from ..course.fields import FieldReader
from ..course.sources import YamlMap, parse_yaml, read_text
from ..problems import Problems
from ..project import Project

ACCESSIBILITY_REQUIRED = ["organisation", "service", "compliance", "assessment", "assessed", "contact_email", "response_time"]
COMPLIANCE = ["helt", "delvis", "inte"]


def check_site_settings(project: Project, problems: Problems) -> None:
    path = project.mkdocs_config
    text = read_text(path, problems)
    settings = parse_yaml(text, path, problems) if text is not None else None
    if not isinstance(settings, YamlMap):
        return
    extra = settings.get("extra")
    accessibility = extra.get("accessibility") if isinstance(extra, YamlMap) else None
    if not isinstance(accessibility, YamlMap):
        problems.error(path, settings.line_of("extra"), "extra.accessibility saknas: tillgänglighetsredogörelsen byggs från den (accessibility statement settings missing)")
        return
    fields = FieldReader(accessibility, path, problems, "extra.accessibility")
    for key in ACCESSIBILITY_REQUIRED:
        if key == "compliance":
            fields.choice(key, COMPLIANCE, required=True)
        elif not fields.has(key):
            fields.text(key, required=True)
