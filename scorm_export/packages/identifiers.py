"""Manifest identifiers derived from course id and slugs: stable across builds and course versions,
so that an LMS re-import updates a course instead of duplicating it."""

from __future__ import annotations

import re


def xml_id(prefix: str, *parts: str) -> str:
    """An XML NCName such as 'ITEM-oppna-licenser_upphovsratt_vad-ar-upphovsratt' ('/' in keys becomes '_' too).

    Parts are joined with '_', which no course id or slug contains, so an identifier names one thing; and the
    result keeps to [A-Za-z0-9_-], which is what SCORM runtimes such as scorm-again accept as a navigation
    target in `adl.nav.request_valid.choice.{target=…}` (a '.' there makes the answer "unknown").
    """
    text = "_".join(part.replace("/", "_") for part in parts)
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '-', text)}"


def lesson_resource(course_id: str, lesson_key: str) -> str:
    return xml_id("RES", course_id, lesson_key)


def page_resource(course_id: str, key: str) -> str:
    """The resource of a lesson (key 'module/slug') or of one of the course's own pages ('about', 'credits')."""
    return xml_id("RES", course_id, key)


def page_item(course_id: str, key: str) -> str:
    """The organization item of a lesson or of a course page: in SCORM, the target of a navigation request to it."""
    return xml_id("ITEM", course_id, key) if "/" in key else xml_id(key.upper(), course_id)
