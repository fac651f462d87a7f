"""Manifest identifiers derived from course id and slugs: stable across builds and course versions,
so that an LMS re-import updates a course instead of duplicating it."""

from __future__ import annotations

import re


def xml_id(prefix: str, *parts: str) -> str:
    """An XML NCName such as 'ITEM-oppna-licenser.upphovsratt.vad-ar-upphovsratt' ('/' in keys becomes '.')."""
    text = ".".join(part.replace("/", ".") for part in parts)
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]', '-', text)}"
