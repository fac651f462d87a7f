"""`site/catalogue.json`: the site's courses and their packages for harvesters (national OER catalogues, other
institutions), as schema.org JSON-LD with the LRMI properties of a learning resource.

Each course carries its version and the hash of its content, and each package its size and sha256, so that a
harvester sees what changed without downloading anything; the same file lets the next build notice a course
whose content changed while its version did not.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..course.model import Catalogue
from ..packages.formats import PackageFile
from ..problems import Problems
from ..published import published_courses
from ..ui_strings import iso_duration
from .metadata import course_json_ld

MEDIA_TYPES = {".zip": "application/zip", ".imscc": "application/vnd.ims.imscc+zip"}


def catalogue_json(catalogue: Catalogue, packages: list[PackageFile], downloads: Path, settings: dict[str, Any]) -> bytes:
    """The JSON-LD document; `downloads` is where the packages were written, `settings` mkdocs.yml's values."""
    base = (settings.get("site_url") or "").rstrip("/")
    prefix = f"{base}/" if base else ""
    by_course: dict[str, list[PackageFile]] = {}
    for package in packages:
        by_course.setdefault(package.course_id, []).append(package)
    courses = []
    for course in catalogue.courses:
        entry = course_json_ld(course)
        entry.pop("@context", None)
        entry.update(
            url=f"{prefix}{course.id}/",
            learningResourceType="Course",
            timeRequired=iso_duration(course.duration_minutes),
            identifier={"@type": "PropertyValue", "propertyID": "sha256", "value": course.content_hash},
            encoding=[_package(package, downloads, prefix) for package in by_course.get(course.id, [])],
        )
        courses.append(entry)
    document = {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": settings.get("site_name", ""),
        "description": settings.get("site_description", ""),
        "inLanguage": "sv",
        **({"url": f"{base}/"} if base else {}),
        "hasPart": courses,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _package(package: PackageFile, downloads: Path, prefix: str) -> dict[str, Any]:
    data = (downloads / package.file_name).read_bytes()
    return {
        "@type": "MediaObject",
        "name": package.format.label,
        "contentUrl": f"{prefix}downloads/{package.file_name}",
        "encodingFormat": MEDIA_TYPES.get(Path(package.file_name).suffix, "application/octet-stream"),
        "contentSize": str(len(data)),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def unchanged_versions(site: Path, catalogue: Catalogue, problems: Problems, course_file: Any) -> None:
    """A warning for each course whose content differs from the published site's while its version is the same.

    `site` is the site this build replaces; `course_file(course)` the course.yml's path.
    """
    before = published_courses(site)
    for course in catalogue.courses:
        version, content_hash = before.get(course.id, ("", ""))
        if version == course.version and content_hash not in ("", course.content_hash):
            problems.warning(
                course_file(course),
                1,
                f"kursens innehåll har ändrats sedan version {course.version} publicerades, men versionen är densamma: höj "
                f"version i course.yml (t.ex. till {_bumped(course.version)}) så att lärplattformar och kataloger ser "
                f"ändringen (content changed, version did not)",
            )


def _bumped(version: str) -> str:
    parts = version.split("-")[0].split(".")
    return f"{parts[0]}.{int(parts[1]) + 1}.0" if len(parts) == 3 and parts[1].isdigit() else version
