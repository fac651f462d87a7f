"""IMS Common Cartridge 1.1: the newest version Moodle imports (it validates the manifest against the 1.1 XSDs).

How Moodle's importer (backup/cc/, read in its source) treats a page decides how ours are written:
- each page becomes a Moodle Page holding only the document's <body>, cleaned by HTMLPurifier: the stylesheet
  is dropped, so a page must read well without it;
- images are found by their path relative to the page, on disk, and copied into the Page's files if a
  webcontent resource lists them; `$IMS-CC-FILEBASE$` is left as it is and breaks;
- a link to another page of the cartridge becomes a link to a file that is never copied (HTML files are left
  out), so every such link breaks: the lesson is named instead, for the course page to find;
- the Page shows the item's title as its heading, so the page has no <h1> of its own.
"""

from __future__ import annotations

from .cc import CartridgeFlavour
from .lom import CC11_LOM
from .pages import LessonLinks, PageStyle

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
WEBLINK = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1"

FLAVOUR = CartridgeFlavour(
    schemaversion="1.1.0",
    cp=CP,
    lom=CC11_LOM,
    lom_resource=LOM_RESOURCE,
    weblink=WEBLINK,
    resource_types={
        "webcontent": "webcontent",
        "weblink": "imswl_xmlv1p1",
        "assessment": "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
        "question-bank": "imsqti_xmlv1p2/imscc_xmlv1p1/question-bank",
        "discussion": "imsdt_xmlv1p1",
        "associated-content": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
        "lti": "imsbasiclti_xmlv1p0",
    },
    schema_location=" ".join(
        [
            f"{CP} {PROFILE}/ccv1p1_imscp_v1p2_v1p0.xsd",
            f"{CC11_LOM.namespace} {PROFILE}/LOM/ccv1p1_lommanifest_v1p0.xsd",
            f"{LOM_RESOURCE} {PROFILE}/LOM/ccv1p1_lomresource_v1p0.xsd",
        ]
    ),
    weblink_schema_location=f"{WEBLINK} {PROFILE}/ccv1p1_imswl_v1p1.xsd",
)

MOODLE = PageStyle(LessonLinks.REFERENCE, heading=False, cartridge=True)
