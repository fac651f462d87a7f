"""What IMS Common Cartridge 1.1 and 1.3 share: the cartridge's contents and its imsmanifest.xml.

The organization is a single root item over a first module "Om kursen" (the course start page), the
course's modules, each holding its lessons, and a last module "Vidare läsning" with the course's web links.
Every page is a `webcontent` resource that depends on one shared `webcontent` resource (stylesheet and
media). How a page refers to other pages and files depends on the importer that reads it (PageStyle). The two versions differ only in
namespaces and resource type names; each lives in its own thin module (cc11.py, cc13.py) as a
CartridgeFlavour.

Organization and resources are plain data (Item, Resource) so that other resource types (QTI
assessments) join the same tree without touching the manifest writer.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from lxml import etree

from .. import ui_strings
from ..course.model import Asset, Course, WebLink
from ..course.slugs import slugify
from . import qti
from .identifiers import lesson_resource, page_item, page_resource, xml_id
from .lom import LomBinding, asset_lom, course_lom
from .manifest import MANIFEST, SCHEMA_LOCATION, Manifest, namespaces, serialise
from .pages import ABOUT_KEY, LICENCE_FILE, PackagePages, PageSet, PageStyle, course_pages, page_title

# Canvas files everything under web_resources/ into the course's Files without the prefix, and cc2olx copies it
# to Open edX's static files; keeping every page and its media under it keeps their relative links intact.
WEB_RESOURCES = "web_resources"
WEB_LINKS = "weblinks"


@dataclass(frozen=True)
class Resource:
    identifier: str
    role: str  # a key of the flavour's resource_types: webcontent, weblink, assessment…
    files: tuple[str, ...]
    href: str | None = None  # the file an item launches (webcontent); other roles have none
    dependencies: tuple[str, ...] = ()
    own_terms: dict[str, Asset] = field(default_factory=dict)  # files under another licence than the course's


@dataclass(frozen=True)
class Item:
    identifier: str
    title: str
    resource: str | None = None  # identifierref: an item either launches a resource or holds items
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Contents:
    """A cartridge before its manifest: files, the organization's top-level items and the resources."""

    files: dict[str, bytes]
    items: tuple[Item, ...]
    resources: tuple[Resource, ...]

    def __add__(self, other: Contents) -> Contents:
        return Contents({**self.files, **other.files}, self.items + other.items, self.resources + other.resources)


@dataclass(frozen=True)
class CartridgeFlavour:
    schemaversion: str
    cp: str  # content-packaging namespace: the manifest's default namespace
    lom: LomBinding  # manifest metadata
    lom_resource: str  # resource-level metadata namespace: declared for later use (QTI, roles), as real cartridges do
    weblink: str
    resource_types: dict[str, str]  # role -> the profile's type name, so that new roles (QTI) are data
    schema_location: str  # the manifest's xsi:schemaLocation
    weblink_schema_location: str
    # multiple response's per-option feedback before its scoring (Canvas) or after it (Moodle): see qti.py
    qti_canvas_order: bool = False

    def writer(self, style: PageStyle) -> Callable[[Course, PackagePages, bool], dict[str, bytes]]:
        """The package writer for one LMS's way of reading pages (a partial, so that a package list can be pickled)."""
        return functools.partial(self.package_files, style)

    def package_files(self, style: PageStyle, course: Course, pages: PackagePages, per_lesson: bool) -> dict[str, bytes]:
        """per_lesson is a SCORM choice; a cartridge always has one resource per lesson."""
        contents = self.contents(course, pages.cartridge(style), pages)
        return {**contents.files, MANIFEST: self.manifest(course, contents)}

    def contents(self, course: Course, pages: PageSet, package_pages: PackagePages | None = None) -> Contents:
        # the licence file stays at the cartridge's root, where a reuser unpacking it looks first
        root_files = {LICENCE_FILE: pages.files[LICENCE_FILE]}
        moved = under(WEB_RESOURCES, replace(pages, files={k: v for k, v in pages.files.items() if k != LICENCE_FILE}))
        tests = self.tests(course, package_pages) if package_pages else {}
        lessons = lesson_contents(course, moved, root_files, tests)
        return lessons + self.further_reading(course) if course.further_reading else lessons

    def tests(
        self, course: Course, pages: PackagePages, web_folder: str = WEB_RESOURCES
    ) -> dict[str, tuple[Item, Resource, dict[str, bytes]]]:
        """Each test lesson as a QTI assessment: lesson key -> (its item, its resource, its file); `web_folder` holds
        the course's media in the cartridge."""
        found = {}
        strings = ui_strings.strings(course.language)
        attempts = course.assessment.attempts if course.assessment else 0
        for lesson in course.lessons:
            if not (lesson.is_test and lesson.questions):
                continue
            resource_id = xml_id("TESTRES", course.id, lesson.key)
            path = f"{resource_id}/assessment.xml"
            title = strings["test_item"].format(title=lesson.title)
            data = qti.assessment(resource_id, title, lesson.questions, attempts, pages.qti_html(lesson, web_folder), self.qti_canvas_order)
            resource = Resource(resource_id, "assessment", (path,), dependencies=(xml_id("FILES", course.id),))
            found[lesson.key] = (Item(xml_id("TEST", course.id, lesson.key), title, resource_id), resource, {path: data})
        return found

    def further_reading(self, course: Course) -> Contents:
        """One web-link resource (an XML file) per link, gathered in a last module."""
        files, items, resources = {}, [], []
        for name, link in zip(_unique_names(course.further_reading), course.further_reading, strict=True):
            path = f"{WEB_LINKS}/{name}.xml"
            files[path] = self.weblink_xml(link)
            resource_id = xml_id("LINKRES", course.id, name)
            resources.append(Resource(resource_id, "weblink", (path,)))
            items.append(Item(xml_id("LINK", course.id, name), link.title, resource_id))
        title = ui_strings.strings(course.language)["further_reading"]
        return Contents(files, (Item(xml_id("LINKS", course.id), title, children=tuple(items)),), tuple(resources))

    def weblink_xml(self, link: WebLink) -> bytes:
        root = etree.Element(f"{{{self.weblink}}}webLink", nsmap=namespaces(self.weblink))
        root.set(SCHEMA_LOCATION, self.weblink_schema_location)
        etree.SubElement(root, f"{{{self.weblink}}}title").text = link.title
        etree.SubElement(root, f"{{{self.weblink}}}url", href=link.url, target="_blank")
        return serialise(root)

    def manifest(self, course: Course, contents: Contents) -> bytes:
        nsmap = namespaces(self.cp, lomimscc=self.lom.namespace, lom=self.lom_resource)
        m = Manifest(self.cp, nsmap, xml_id("MANIFEST", course.id), self.schema_location)
        m.metadata("IMS Common Cartridge", self.schemaversion, course_lom(course, self.lom))

        organization = m.sub(
            m.sub(m.root, "organizations"),
            "organization",
            identifier=xml_id("ORG", course.id),
            structure="rooted-hierarchy",
        )
        # One untitled root item over the modules: the profile requires it, and Canvas and Moodle
        # make a module (section) of each item one level below it.
        top = m.sub(organization, "item", identifier=xml_id("ROOT", course.id))
        for item in contents.items:
            _item(m, top, item)

        resources = m.sub(m.root, "resources")
        for resource in contents.resources:
            m.resource(
                resources,
                resource.identifier,
                self.resource_types[resource.role],
                resource.files,
                href=resource.href,
                dependencies=resource.dependencies,
                file_metadata={path: asset_lom(course, asset, self.lom) for path, asset in resource.own_terms.items()},
            )
        return m.to_bytes()


def _item(m: Manifest, parent: etree._Element, item: Item) -> None:
    element = m.item(parent, item.identifier, item.title, item.resource)
    for child in item.children:
        _item(m, element, child)


def lesson_contents(
    course: Course, pages: PageSet, root_files: dict[str, bytes], tests: dict[str, tuple[Item, Resource, dict[str, bytes]]] | None = None
) -> Contents:
    """The course's own pages, then modules of lessons; each page a webcontent resource depending on the shared files.

    "Om kursen" comes first, as a module holding the start page and the licences and sources: Moodle makes each
    item below the root a section and numbers them from 0, its general section, where a course introduction
    belongs; the modules then become sections 1, 2, … (tests/test_cc_packages.py re-implements the mapping from
    Moodle's importer). `root_files` (the licence file) stay at the cartridge's root. A test lesson's quiz (`tests`)
    follows its page in the module.
    """
    tests = tests or {}
    files = {**pages.files, **root_files}
    shared_id = xml_id("FILES", course.id)
    resources, course_items = [], []
    for key in course_pages(course):
        resource_id, path = page_resource(course.id, key), pages.course_pages[key]
        resources.append(Resource(resource_id, "webcontent", (path,), href=path, dependencies=(shared_id,)))
        course_items.append(Item(page_item(course.id, key), page_title(course, key), resource_id))
    modules = [Item(xml_id("ABOUTMODULE", course.id), page_title(course, ABOUT_KEY), children=tuple(course_items))]
    for module in course.modules:
        lessons = []
        for lesson in module.lessons:
            path = pages.lesson_paths[lesson.key]
            resource_id = lesson_resource(course.id, lesson.key)
            resources.append(Resource(resource_id, "webcontent", (path,), href=path, dependencies=(shared_id,)))
            lessons.append(Item(page_item(course.id, lesson.key), lesson.title, resource_id))
            if lesson.key in tests:
                item, resource, test_files = tests[lesson.key]
                lessons.append(item)
                resources.append(resource)
                files.update(test_files)
        modules.append(Item(xml_id("MODULE", course.id, module.slug), module.title, children=tuple(lessons)))
    shared = tuple(path for path in pages.shared if path not in root_files) + tuple(sorted(root_files))
    resources.append(Resource(shared_id, "webcontent", shared, own_terms=pages.licensed))
    return Contents(files, tuple(modules), tuple(resources))


def under(folder: str, pages: PageSet) -> PageSet:
    """The same pages one folder down; their links to each other are relative (or to $IMS-CC-FILEBASE$, which is this folder)."""

    def moved(path: str) -> str:
        return posixpath.join(folder, path)

    return replace(
        pages,
        files={moved(path): data for path, data in pages.files.items()},
        lesson_paths={key: moved(path) for key, path in pages.lesson_paths.items()},
        launch=moved(pages.launch),
        shared=tuple(path if path not in pages.files else moved(path) for path in pages.shared),
        course_pages={key: moved(path) for key, path in pages.course_pages.items()},
        licensed={moved(path): asset for path, asset in pages.licensed.items()},
    )


def _unique_names(links: tuple[WebLink, ...]) -> list[str]:
    """ASCII names from each link's address (stable when a title is reworded), numbered only on a clash."""
    names: list[str] = []
    for link in links:
        address = re.sub(r"^[a-z]+://(www\.)?", "", unquote(link.url), flags=re.IGNORECASE)
        base = slugify(address)[:60].rstrip("-") or "lank"
        name, number = base, 2
        while name in names:
            name, number = f"{base}-{number}", number + 1
        names.append(name)
    return names
