"""The self-assessment page: the site's DigComp version with four statements per competence, and the catalogue.

The page is a form that reads and prints without any script. runtime/self-assessment.js works out the profile
and the learning plan in the browser from the catalogue this module puts in the page as JSON; the rules of the
plan are documented there and on the page itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.utils import get_relative_url

from .. import ui_strings
from ..course import digcomp
from ..course.digcomp_statements import GROUPS, statements
from ..course.model import Catalogue, Course
from ..packages.formats import PackageFile
from ..templates import markdown_environment

SELF_ASSESSMENT_ID = "sjalvskattning"  # the page's address, and the name its packages are made and grouped under
SELF_ASSESSMENT_PAGE = f"{SELF_ASSESSMENT_ID}.md"
SELF_ASSESSMENT_SCRIPT = "assets/javascripts/self-assessment.js"
SELF_ASSESSMENT_SOURCE = Path(__file__).resolve().parent.parent / "runtime" / "self-assessment.js"
SELF_ASSESSMENT_CSS = "assets/stylesheets/self-assessment.css"  # in theme/site, copied with the theme
LEVEL_SPANS = ("1–2", "3–4", "5–6", "7–8")  # DigComp's proficiency levels in each group
# what the script shows and writes (CSV headers, buttons it makes, messages): the keys it may ask for
SCRIPT_STRINGS = (
    "sa_dont_know",
    "sa_not_rated",
    "sa_average_value",
    "sa_plan_empty",
    "sa_move_up",
    "sa_move_down",
    "sa_remove",
    "sa_done",
    "sa_total",
    "sa_loaded",
    "sa_load_error",
    "sa_copied",
    "sa_updated",
    "sa_from_link",
    "sa_order",
    "sa_course",
    "sa_competences",
    "sa_csv_minutes",
    "sa_csv_address",
    "sa_yes",
    "sa_no",
    "level",
    "sa_saved",
    "sa_comment",
)


def catalogue_entries(catalogue: Catalogue, course_url: Callable[[Course], str]) -> list[dict[str, Any]]:
    """What the script knows of each course: the learning plan is made from these and nothing else."""
    return [
        {
            "id": course.id,
            "title": course.title,
            "url": course_url(course),
            "minutes": course.duration_minutes,
            "level": course.level.value,
            "competences": list(course.digcomp.competences) if course.digcomp else [],
            "version": course.digcomp.version if course.digcomp else None,
        }
        for course in catalogue.courses
    ]


def page_data(catalogue: Catalogue, version: str, course_url: Callable[[Course], str]) -> dict[str, Any]:
    """The page's JSON for the script: the framework's areas and competences, the courses and the words it shows."""
    framework = digcomp.framework(version)
    strings = ui_strings.strings("sv")
    return {
        "framework": {
            "version": framework.version,
            "name": framework.name,
            "groups": [sv for sv, _ in framework.level_groups],
            "areas": [
                {"id": area.id, "title": area.sv, "competences": [{"id": c.id, "title": c.sv} for c in area.competences]}
                for area in framework.areas
            ],
        },
        "levels": [{"value": level.value, "name": ui_strings.level_name(level.value)} for level in GROUPS],
        "courses": catalogue_entries(catalogue, course_url),
        "strings": {key: strings[key] for key in SCRIPT_STRINGS},
    }


def self_assessment_files(
    catalogue: Catalogue, env: Environment, version: str | None, url: Callable[[str], str], downloads: Sequence[PackageFile] = ()
) -> dict[str, str | bytes]:
    """The page and its script, by docs path. `env` is the HTML environment over theme/; `version` the site's
    DigComp version (None: the default); `url` gives the site URL of a docs path, as MkDocs makes it; `downloads`
    the self-assessment's own SCORM packages, offered on the page."""
    version = version or digcomp.DEFAULT_VERSION
    framework = digcomp.framework(version)
    here = url(SELF_ASSESSMENT_PAGE)

    def course_url(course: Course) -> str:
        return get_relative_url(url(f"{course.id}/index.md"), here)

    strings = ui_strings.strings("sv")
    form = env.get_template("self-assessment.html").render(
        framework=framework,
        statements=statements(version),
        groups=[(sv, span) for (sv, _), span in zip(framework.level_groups, LEVEL_SPANS, strict=True)],
        data=page_data(catalogue, version, course_url),
        t=strings,
    )
    page = (
        markdown_environment(env)
        .get_template("docs/self-assessment.md.j2")
        .render(framework=framework, form=form, t=strings, downloads=downloads, download_base=get_relative_url("downloads/", here))
    )
    return {SELF_ASSESSMENT_PAGE: page, SELF_ASSESSMENT_SCRIPT: SELF_ASSESSMENT_SOURCE.read_bytes()}
