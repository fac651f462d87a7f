"""The packages in a downloads/ folder as an LMS sees them: format, title and items, read from each imsmanifest.xml.

The format comes from the one registry (packages/formats.py) by the file name's ending; everything else from
the package itself, not from the course model, because the point is to show what the package says.
Namespaces differ between SCORM 1.2, SCORM 2004 and the Common Cartridge versions, so elements are found by
their local names.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..packages.formats import FORMATS, PackageFormat
from .archive import MANIFEST, read_member

SCORM = ("scorm12", "scorm2004")
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

# The CMI values an LMS gives a SCO from its manifest item: (local name of the item's child, CMI element).
_ITEM_VALUES = {
    "scorm12": (
        ("masteryscore", "cmi.student_data.mastery_score"),
        ("datafromlms", "cmi.launch_data"),
        ("maxtimeallowed", "cmi.student_data.max_time_allowed"),
        ("timelimitaction", "cmi.student_data.time_limit_action"),
    ),
    "scorm2004": (
        ("dataFromLMS", "cmi.launch_data"),
        ("timeLimitAction", "cmi.time_limit_action"),
    ),
}


@dataclass(frozen=True)
class Item:
    """An item of the package's default organization."""

    identifier: str
    title: str
    launch: str = ""  # the address inside the package that the LMS opens; empty for an item that only groups others
    sco: bool = False  # it talks to the LMS through the SCORM API (a resource of type sco, not an asset)
    lms_values: tuple[tuple[str, str], ...] = ()  # (CMI element, value) that the LMS sets from the manifest
    children: tuple[Item, ...] = ()

    def walk(self) -> Iterable[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Package:
    file_name: str
    format: PackageFormat
    size: int
    title: str
    items: tuple[Item, ...] = ()
    problem: str = ""  # why the package could not be read, in Swedish; empty when it could

    @property
    def runnable(self) -> bool:
        """A SCORM package with something to launch: the test LMS can run it."""
        return self.format.key in SCORM and bool(self.launchable)

    @property
    def launchable(self) -> list[Item]:
        return [item for top in self.items for item in top.walk() if item.launch]

    @property
    def scos(self) -> list[Item]:
        return [item for item in self.launchable if item.sco]

    def item(self, identifier: str | None) -> Item | None:
        """The item to launch: the one named, or the first SCO (else the first launchable item)."""
        candidates = self.launchable
        if identifier:
            return next((item for item in candidates if item.identifier == identifier), None)
        return next((item for item in candidates if item.sco), candidates[0] if candidates else None)


@dataclass(frozen=True)
class PackageGroup:
    """The packages of one course (or programme) and version: the file names' common start."""

    key: str  # "<id>-<version>"
    title: str
    packages: tuple[Package, ...]


def package_format(file_name: str) -> PackageFormat | None:
    """The registry's format whose file-name ending this name has (the longest that fits)."""
    fitting = [candidate for candidate in FORMATS if file_name.endswith("-" + candidate.suffix)]
    return max(fitting, key=lambda candidate: len(candidate.suffix), default=None)


def read_downloads(folder: Path) -> list[PackageGroup]:
    """Every package in `folder`, grouped by course and version, in the registry's order of formats."""
    packages = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        found = package_format(path.name)
        if found is not None and path.is_file():
            packages.append(read_package(path, found))
    groups: dict[str, list[Package]] = {}
    for package in packages:
        groups.setdefault(package.file_name[: -len(package.format.suffix) - 1], []).append(package)
    order = {candidate.key: index for index, candidate in enumerate(FORMATS)}
    result = []
    for key, members in groups.items():
        members.sort(key=lambda package: order[package.format.key])
        title = next((package.title for package in members if not package.problem), key)
        result.append(PackageGroup(key, title, tuple(members)))
    return sorted(result, key=lambda group: (group.title.casefold(), group.key))


def find_package(folder: Path, file_name: str) -> Package | None:
    """The package `file_name` in `folder`, if it is one of its packages (never a path elsewhere)."""
    found = package_format(file_name)
    if found is None or "/" in file_name or "\\" in file_name or file_name.startswith("."):
        return None
    path = folder / file_name
    return read_package(path, found) if path.is_file() else None


def read_package(path: Path, found: PackageFormat) -> Package:
    size = path.stat().st_size
    data = read_member(path, MANIFEST)
    if data is None:
        reason = "paketet är ingen läsbar zip-fil" if not zipfile.is_zipfile(path) else f"{MANIFEST} saknas"
        return Package(path.name, found, size, path.name, problem=f"Paketet kunde inte läsas: {reason}.")
    try:
        manifest = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return Package(path.name, found, size, path.name, problem=f"{MANIFEST} är inte välformad XML: {error}.")
    organization = _default_organization(manifest)
    resources = _resources(manifest) if found.key in SCORM else {}
    items = tuple(_item(element, resources, found.key) for element in _children(organization, "item")) if organization is not None else ()
    # a Common Cartridge wraps everything in one untitled root item
    if len(items) == 1 and not items[0].title and not items[0].launch:
        items = items[0].children
    return Package(path.name, found, size, _title(manifest, organization) or path.name, items)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _attribute(element: etree._Element, name: str) -> str:
    """An attribute by its local name in any namespace, case-insensitively (SCORM 1.2 writes scormtype, 2004 scormType)."""
    for key, value in element.attrib.items():
        if etree.QName(key).localname.lower() == name.lower():
            return str(value)
    return ""


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _title(manifest: etree._Element, organization: etree._Element | None) -> str:
    """The LOM title (its first language string), else the organization's title."""
    metadata = _child(manifest, "metadata")
    lom = next((child for child in metadata if _local(child) == "lom"), None) if metadata is not None else None
    general = _child(lom, "general") if lom is not None else None
    title = _child(general, "title") if general is not None else None
    strings = [child for child in title if isinstance(child.tag, str)] if title is not None else []
    if strings and _text(strings[0]):
        return _text(strings[0])
    return _text(_child(organization, "title")) if organization is not None else ""


def _default_organization(manifest: etree._Element) -> etree._Element | None:
    organizations = _child(manifest, "organizations")
    if organizations is None:
        return None
    candidates = _children(organizations, "organization")
    default = organizations.get("default", "")
    return next((element for element in candidates if element.get("identifier") == default), candidates[0] if candidates else None)


def _resources(manifest: etree._Element) -> dict[str, tuple[str, bool]]:
    """{resource identifier: (href with its xml:base, is a SCO)}."""
    resources = _child(manifest, "resources")
    if resources is None:
        return {}
    base = resources.get(_XML_BASE, "")
    found = {}
    for resource in _children(resources, "resource"):
        href = resource.get("href", "")
        # xml:base applies to a relative href only, as in a web page
        if href:
            href = urljoin(base + resource.get(_XML_BASE, ""), href)
        found[resource.get("identifier", "")] = (href, _attribute(resource, "scormtype").lower() == "sco")
    return found


def _item(element: etree._Element, resources: dict[str, tuple[str, bool]], key: str) -> Item:
    href, sco = resources.get(element.get("identifierref", ""), ("", False))
    launch = _with_parameters(href, element.get("parameters", "")) if _inside_package(href) else ""
    values = tuple((cmi, _text(_child(element, name))) for name, cmi in _ITEM_VALUES.get(key, ()) if _text(_child(element, name)))
    if key == "scorm2004":
        values += _sequencing_values(element)
    return Item(
        identifier=element.get("identifier", ""),
        title=_text(_child(element, "title")),
        launch=launch,
        sco=sco and bool(launch),
        lms_values=values,
        children=tuple(_item(child, resources, key) for child in _children(element, "item")),
    )


def _sequencing_values(element: etree._Element) -> tuple[tuple[str, str], ...]:
    """SCORM 2004: the completion threshold, and the passing score when the primary objective is satisfied by measure."""
    values = []
    threshold = _child(element, "completionThreshold")
    if threshold is not None:
        measure = threshold.get("minProgressMeasure") or _text(threshold)
        if measure and threshold.get("completedByMeasure", "true") != "false":
            values.append(("cmi.completion_threshold", measure))
    sequencing = _child(element, "sequencing")
    objectives = _child(sequencing, "objectives") if sequencing is not None else None
    primary = _child(objectives, "primaryObjective") if objectives is not None else None
    if primary is not None and primary.get("satisfiedByMeasure") == "true":
        minimum = _text(_child(primary, "minNormalizedMeasure")) or "1.0"
        values.append(("cmi.scaled_passing_score", minimum))
    return tuple(values)


def _inside_package(href: str) -> bool:
    """A relative address: a launch on another host or from the server's root is not the package's to run here."""
    parts = urlsplit(href)
    return bool(href) and not parts.scheme and not parts.netloc and not href.startswith("/")


def _with_parameters(href: str, parameters: str) -> str:
    """The launch address with the item's parameters, joined as the IMS content packaging rules say."""
    parameters = parameters.strip()
    if not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    return href + ("&" if "?" in href else "?") + parameters.removeprefix("?")
