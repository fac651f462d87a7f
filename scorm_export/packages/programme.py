"""A programme's packages: its courses, in order, in one SCORM 2004 package and one Common Cartridge 1.1.

Each course goes in whole, under `courses/<course id>/`, exactly as in its own package: in SCORM one SCO per
course (its single-SCO shell, menu and runtime), so completion and score are the course's own and the LMS
rolls them up into the programme; in the cartridge one module per course, holding its start page, lessons
and quizzes. SCORM 2004 sequencing offers the courses in programme order (flow), and the learner may still
choose any of them; nothing is locked, as nothing is on the site either.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment

from ..course.model import Course, DigComp, Person, Programme, ScoMode
from . import cc11, scorm2004
from .cc import WEB_RESOURCES, Contents, Item, Resource, lesson_contents, under
from .control_documents import control_files
from .formats import BY_KEY, PackageFormat
from .identifiers import xml_id
from .lom import course_lom
from .manifest import MANIFEST, Manifest
from .pages import LICENCE_FILE, PackagePages

COURSES = "courses"
PROGRAMME_LICENCE = "package/PROGRAMME_LICENSE.txt"


def programme_course(programme: Programme, courses: tuple[Course, ...]) -> Course:
    """The programme as the metadata of a package describes a course: its own title, licence and version, its
    courses' authors, publisher, keywords, time and DigComp alignment."""
    authors: list[Person] = []
    for course in courses:
        authors.extend(person for person in course.authors if person.name not in {known.name for known in authors})
    versions = {course.digcomp.version for course in courses if course.digcomp}
    digcomp = None
    if len(versions) == 1:
        version = versions.pop()
        competences = tuple(sorted({c for course in courses if course.digcomp for c in course.digcomp.competences}))
        areas = {area.id: area for course in courses if course.digcomp for area in course.digcomp.areas}
        digcomp = DigComp(version, competences, tuple(areas[key] for key in sorted(areas)))
    keywords = tuple(dict.fromkeys(keyword for course in courses for keyword in course.keywords))
    return Course(
        id=programme.id,
        title=programme.title,
        summary=programme.summary,
        language=programme.language,
        version=programme.version,
        licence=programme.licence,
        authors=tuple(authors),
        publisher=courses[0].publisher,
        audience=programme.audience,
        level=programme.level,
        duration_minutes=sum(course.duration_minutes for course in courses),
        digcomp=digcomp,
        keywords=keywords,
        objectives=(),
        further_reading=(),
        sco_mode=ScoMode.SINGLE,
        modules=(),
        source=programme.source,
    )


def licence_text(programme: Programme, courses: tuple[Course, ...], env: Environment) -> bytes:
    return env.get_template(PROGRAMME_LICENCE).render(programme=programme, courses=courses).encode("utf-8")


def scorm2004_files(
    programme: Programme, courses: tuple[Course, ...], pages: dict[str, PackagePages], env: Environment
) -> dict[str, bytes]:
    flavour = scorm2004.FLAVOUR
    meta = programme_course(programme, courses)
    m = Manifest(flavour.cp, flavour.nsmap, xml_id("MANIFEST", programme.id), flavour.schema_location, version=programme.version)
    m.metadata("ADL SCORM", flavour.schemaversion, course_lom(meta, flavour.lom, nsmap=flavour.lom_nsmap))
    organization_id = xml_id("ORG", programme.id)
    organization = m.sub(m.sub(m.root, "organizations", default=organization_id), "organization", identifier=organization_id)
    for name, value in flavour.organization_attributes.items():
        organization.set(name, value)
    m.sub(organization, "title").text = programme.title
    resources = m.sub(m.root, "resources")
    sco = {f"{{{flavour.adlcp}}}{flavour.scorm_type}": "sco"}
    asset = {f"{{{flavour.adlcp}}}{flavour.scorm_type}": "asset"}
    files: dict[str, bytes] = {LICENCE_FILE: licence_text(programme, courses, env)}
    for course in courses:
        folder = f"{COURSES}/{course.id}"
        page_set = under(folder, pages[course.id].page_set(flavour.standard))
        files.update(page_set.files)
        resource_id, shared_id = xml_id("RES", programme.id, course.id), xml_id("RES", programme.id, course.id, "shared")
        item = m.item(organization, xml_id("ITEM", programme.id, course.id), course.title, resource_id)
        flavour.sco_item(item)
        if course.assessment and course.graded_questions:
            flavour.test_item(item, course.assessment.passing_score)
        launched = [page_set.launch, *page_set.course_pages.values(), *page_set.lesson_paths.values()]
        m.resource(resources, resource_id, "webcontent", launched, href=page_set.launch, dependencies=[shared_id], attributes=sco)
        m.resource(resources, shared_id, "webcontent", page_set.shared, attributes=asset)
    flavour.container(organization)
    m.resource(resources, xml_id("RES", programme.id, "licence"), "webcontent", [LICENCE_FILE], attributes=asset)
    control = dict(control_files(flavour.standard, flavour.schema_location))
    return {**files, **control, MANIFEST: m.to_bytes()}


def cc11_files(programme: Programme, courses: tuple[Course, ...], pages: dict[str, PackagePages], env: Environment) -> dict[str, bytes]:
    """One module per course, as Moodle shows a cartridge: a section per course holding its pages and quizzes."""
    flavour = cc11.FLAVOUR
    licence = Resource(xml_id("FILES", programme.id, "licence"), "webcontent", (LICENCE_FILE,))
    contents = Contents({LICENCE_FILE: licence_text(programme, courses, env)}, (), (licence,))
    for course in courses:
        folder = f"{WEB_RESOURCES}/{COURSES}/{course.id}"
        page_set = under(folder, pages[course.id].cartridge(cc11.MOODLE))
        course_contents = lesson_contents(course, page_set, {}, flavour.tests(course, pages[course.id], folder))
        # the course's start page, then its lessons: one level, because Moodle makes a section of each item
        # below the root and turns deeper items into indented entries of that section
        children = tuple(child for module in course_contents.items for child in (module.children or (module,)))
        item = Item(xml_id("COURSE", programme.id, course.id), course.title, children=children)
        contents = contents + Contents(course_contents.files, (item,), course_contents.resources)
    return {**contents.files, MANIFEST: flavour.manifest(programme_course(programme, courses), contents)}


# the formats a programme is packaged in, with the course formats' words; the writers take the whole programme
WRITERS: dict[str, Callable[[Programme, tuple[Course, ...], dict[str, PackagePages], Environment], dict[str, bytes]]] = {
    "scorm2004": scorm2004_files,
    "cc11": cc11_files,
}
FORMATS: tuple[PackageFormat, ...] = tuple(BY_KEY[key] for key in WRITERS)
