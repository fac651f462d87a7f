"""The self-assessment as a SCORM 1.2 or 2004 package: one SCO, the same form as the site's page.

runtime/self-assessment.js records each competence's rating as a likert interaction and the SCO as completed;
the learning plan stays on the site, whose course addresses a package cannot know. The manifest is a course
package's (scorm.py), for a course made of the self-assessment: LOM with its title, licence and DigComp
competences, the page as the SCO and its files, LICENSE.txt among them, as a shared asset.
"""

from __future__ import annotations

import math
from pathlib import Path

from jinja2 import Environment

from .. import ui_strings
from ..course import digcomp
from ..course.digcomp_statements import statements
from ..course.model import Catalogue, Course, DigComp, DigCompArea, Level, Licence, Person, ScoMode
from ..site.self_assessment import LEVEL_SPANS, SELF_ASSESSMENT_ID, SELF_ASSESSMENT_SOURCE, page_data
from .pages import LICENCE_FILE, OWN_LICENCE, OWN_LICENCE_SOURCE, PageSet
from .scorm import ScormFlavour

PACKAGE_ID = SELF_ASSESSMENT_ID
PACKAGE_VERSION = "1.0.0"
LAUNCH = "index.html"
FILES = {"assets/self-assessment.js": SELF_ASSESSMENT_SOURCE}
SECONDS_PER_STATEMENT = 10  # reading a short "Jag kan …" and choosing an answer: what the LOM learning time assumes
# who wrote what the package holds: the statements and form are this project's, the competences the JRC's
AUTHORS = (Person("scorm-export"), Person("Europeiska kommissionen, JRC (DigComp)"))


def package_name(flavour: ScormFlavour, version: str) -> str:
    return f"{PACKAGE_ID}-digcomp-{version}-{flavour.standard}.zip"


def licence_id(version: str | None = None) -> str:
    """The licence the self-assessment of a DigComp version is published under: its data's strictest."""
    return digcomp.framework(version or digcomp.DEFAULT_VERSION).licence


def self_assessment_package(
    flavour: ScormFlavour, env: Environment, theme: Path, licence: Licence, version: str | None = None
) -> dict[str, bytes]:
    """{archive path: bytes}; `env` is the HTML environment over theme/, `licence` the one licence_id() names."""
    version = version or digcomp.DEFAULT_VERSION
    framework = digcomp.framework(version)
    strings = ui_strings.strings("sv")
    form = env.get_template("self-assessment.html").render(
        framework=framework,
        statements=statements(version),
        groups=[(sv, span) for (sv, _), span in zip(framework.level_groups, LEVEL_SPANS, strict=True)],
        data=page_data(Catalogue((), ()), version, lambda course: ""),
        t=strings,
        lms=flavour.standard,
    )
    page = env.get_template("package/self-assessment.html").render(framework=framework, form=form, t=strings)
    course = _as_course(framework, licence)
    shared = {
        "assets/package.css": (theme / "package" / "package.css").read_bytes(),
        "assets/self-assessment.css": (theme / "site" / "assets" / "stylesheets" / "self-assessment.css").read_bytes(),
        **{path: source.read_bytes() for path, source in FILES.items()},
        OWN_LICENCE: OWN_LICENCE_SOURCE.read_bytes(),
    }
    shared[LICENCE_FILE] = (
        env.get_template("package/SELF_ASSESSMENT_LICENSE.txt")
        .render(course=course, framework=framework, scripts=sorted(FILES), own_licence=OWN_LICENCE)
        .encode("utf-8")
    )
    page_set = PageSet({LAUNCH: page.encode("utf-8"), **shared}, {}, LAUNCH, tuple(shared), {}, {})
    return flavour.files(course, page_set)


def _as_course(framework: digcomp.Framework, licence: Licence) -> Course:
    """The self-assessment as the metadata of a package describes a course: title, licence, version, DigComp."""
    strings = ui_strings.strings("sv")
    areas = tuple(DigCompArea(area.id, area.sv, area.en) for area in framework.areas)
    count = sum(len(area.competences) for area in framework.areas) * len(LEVEL_SPANS)
    return Course(
        id=f"{PACKAGE_ID}-{framework.version}",
        title=f"{strings['sa_title']}: {framework.name}",
        summary=strings["sa_intro_package"].format(framework=framework.name),
        language="sv",
        version=PACKAGE_VERSION,
        licence=licence,
        authors=AUTHORS,
        publisher=Person(""),
        audience="",
        level=Level.FOUNDATION,
        duration_minutes=math.ceil(count * SECONDS_PER_STATEMENT / 60),
        digcomp=DigComp(framework.version, tuple(framework.competences), areas),
        keywords=("DigComp", strings["self_assessment"].lower(), "digital kompetens"),
        objectives=(),
        further_reading=(),
        sco_mode=ScoMode.SINGLE,
        modules=(),
    )
