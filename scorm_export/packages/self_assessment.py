"""The self-assessment as a SCORM 1.2 or 2004 package: one SCO, the same form as the site's page.

runtime/self-assessment.js records each competence's rating as a likert interaction and the SCO as completed;
the learning plan stays on the site, whose course addresses a package cannot know. The per-standard parts
are the flavours' own: namespaces, schemaLocation, sequencing and control documents.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from .. import ui_strings
from ..course import digcomp
from ..course.digcomp_statements import statements
from ..course.model import Catalogue
from ..site.self_assessment import LEVEL_SPANS, SELF_ASSESSMENT_SOURCE, page_data
from .control_documents import control_files
from .identifiers import xml_id
from .manifest import MANIFEST, Manifest
from .scorm import ScormFlavour

PACKAGE_ID = "sjalvskattning"
PACKAGE_VERSION = "1.0.0"
LAUNCH = "index.html"
FILES = {"assets/self-assessment.js": SELF_ASSESSMENT_SOURCE}


def package_name(flavour: ScormFlavour, version: str) -> str:
    return f"{PACKAGE_ID}-digcomp-{version}-{flavour.standard}.zip"


def self_assessment_package(flavour: ScormFlavour, env: Environment, theme: Path, version: str | None = None) -> dict[str, bytes]:
    """{archive path: bytes}; `env` is the HTML environment over theme/."""
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
    files = {
        LAUNCH: page.encode("utf-8"),
        "assets/package.css": (theme / "package" / "package.css").read_bytes(),
        "assets/self-assessment.css": (theme / "site" / "assets" / "stylesheets" / "self-assessment.css").read_bytes(),
        **{path: source.read_bytes() for path, source in FILES.items()},
    }
    return {**files, **dict(control_files(flavour.standard, flavour.schema_location)), MANIFEST: _manifest(flavour, framework, list(files))}


def _manifest(flavour: ScormFlavour, framework: digcomp.Framework, files: list[str]) -> bytes:
    identifier = f"{PACKAGE_ID}-{framework.version}"
    m = Manifest(flavour.cp, flavour.nsmap, xml_id("MANIFEST", identifier), flavour.schema_location, version=PACKAGE_VERSION)
    metadata = m.sub(m.root, "metadata")
    m.sub(metadata, "schema").text = "ADL SCORM"
    m.sub(metadata, "schemaversion").text = flavour.schemaversion
    organization_id = xml_id("ORG", identifier)
    organizations = m.sub(m.root, "organizations", default=organization_id)
    organization = m.sub(organizations, "organization", identifier=organization_id, **flavour.organization_attributes)
    title = f"{ui_strings.strings('sv')['sa_title']}: {framework.name}"
    m.sub(organization, "title").text = title
    resources = m.sub(m.root, "resources")
    resource_id = xml_id("RES", identifier)
    item = m.item(organization, xml_id("ITEM", identifier), title, resource_id, **flavour.item_attributes)
    flavour.sco_item(item)
    flavour.container(organization)
    m.resource(resources, resource_id, "webcontent", files, href=LAUNCH, attributes={f"{{{flavour.adlcp}}}{flavour.scorm_type}": "sco"})
    return m.to_bytes()
