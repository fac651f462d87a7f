"""Checks the site settings in mkdocs.yml that generated pages need, as problems with lines."""

from __future__ import annotations

import datetime

from ..course.fields import FieldReader
from ..course.sources import YamlMap, parse_yaml, read_text
from ..problems import Problems
from ..project import Project

ACCESSIBILITY_REQUIRED = [
    "organisation", "service", "compliance", "assessment", "assessed", "updated", "contact_email", "response_time",
]
ACCESSIBILITY_OPTIONAL = ["contact_phone", "published", "shortcomings", "out_of_scope"]
COMPLIANCE = ["helt", "delvis", "inte"]
DATES = ["assessed", "updated", "published"]


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
    for key in ACCESSIBILITY_REQUIRED + ["contact_phone"]:
        if key == "compliance":
            fields.choice(key, COMPLIANCE, required=True)
        elif key in DATES:
            _date(fields, key, required=True)
        else:
            fields.text(key, required=key in ACCESSIBILITY_REQUIRED)
    _date(fields, "published", required=False)
    for item, line in fields.items("shortcomings"):
        if not isinstance(item, YamlMap):
            problems.error(path, line, "extra.accessibility.shortcomings: varje brist behöver description (och gärna criterion, alternative)")
            continue
        shortcoming = FieldReader(item, path, problems, "shortcomings")
        shortcoming.text("description", required=True, example="Vad som inte fungerar")
        shortcoming.text("criterion", required=False)
        shortcoming.text("alternative", required=False)
        shortcoming.report_unknown(["description", "criterion", "alternative"])
    fields.text_list("out_of_scope")
    fields.report_unknown(ACCESSIBILITY_REQUIRED + ACCESSIBILITY_OPTIONAL)


def _date(fields: FieldReader, key: str, *, required: bool) -> None:
    """A date the statement shows in words: YAML reads 2026-11-21 as a date; text is shown as written."""
    if isinstance(fields.raw(key), datetime.date):
        return
    fields.text(key, required=required, example="2026-11-21")
