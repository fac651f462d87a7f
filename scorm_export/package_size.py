"""How large a course's packages will be, told before anything is written: an LMS refuses an upload over its limit.

Recordings are most of it and compress hardly at all, so the files' own sizes are a close estimate.
"""

from __future__ import annotations

from .course.model import Course
from .problems import Problems
from .project import Project
from .site.settings import SiteSettings
from .ui_strings import format_size

LARGEST_SHOWN = 3


def package_size_problems(project: Project, course: Course, settings: SiteSettings, problems: Problems) -> None:
    """A warning for a course whose packages would pass mkdocs.yml's limit; an error if it links media to no site."""
    where = project.root / course.source
    recordings = [media for lesson in course.lessons for media in lesson.media if media.path]
    if course.link_media and recordings and not settings.site_url:
        problems.error(
            where,
            1,
            "packaging: {media: link} (eller build.py --link-media) länkar paketens video och ljud till webbplatsen, men "
            "mkdocs.yml saknar site_url: ange webbplatsens adress (media linked to a site without site_url)",
        )
    if course.link_media:
        return
    limit = settings.package_limit_mb * 1_000_000
    size = sum(len(asset.data) for asset in course.assets)
    if size <= limit:
        return
    largest = sorted(course.assets, key=lambda asset: (-len(asset.data), asset.path))[:LARGEST_SHOWN]
    shown = ", ".join(f"{asset.source} ({format_size(len(asset.data))})" for asset in largest)
    problems.warning(
        where,
        1,
        f"kurspaketen blir omkring {format_size(size)}, mer än gränsen {settings.package_limit_mb} MB (extra.media.package_limit_mb "
        f"i mkdocs.yml) som många lärplattformar har för uppladdningar. Störst: {shown}. Krymp filerna, eller låt paketen länka "
        f"till webbplatsens video och ljud med packaging: {{media: link}} i course.yml eller python build.py --link-media "
        f"(packages larger than the limit)",
    )
