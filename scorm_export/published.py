"""What the site a build replaces said about its courses (its catalogue.json): the version and content hash each
course had when it was last published. Read to tell a changed course from an unchanged one, and a course that was
added from the one that was there."""

from __future__ import annotations

import json
from pathlib import Path

CATALOGUE = "catalogue.json"


def published_courses(site: Path) -> dict[str, tuple[str, str]]:
    """Course id -> (version, content hash) in `site`'s catalogue; {} with no site yet, or one another version wrote."""
    try:
        document = json.loads((site / CATALOGUE).read_text(encoding="utf-8"))
        found = {}
        for entry in document.get("hasPart", []):
            identifier = entry.get("identifier") or {}
            found[str(entry["courseCode"])] = (str(entry.get("version") or ""), str(identifier.get("value") or ""))
        return found
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
