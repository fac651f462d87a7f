"""IMS Common Cartridge 1.3: for Canvas, Brightspace, Blackboard, Schoology, and Open edX (through cc2olx).

Canvas and cc2olx need the pages written in opposite ways, so 1.3 comes in two page styles (read in their source):
- Canvas imports a page as a course file and shows the whole document in a frame, untouched: relative
  paths to images, the stylesheet and other pages resolve (Canvas keeps the folders), `$IMS-CC-FILEBASE$`
  does not. Above the frame Canvas shows the file name, so the page keeps its own <h1>.
- cc2olx (Open edX) and Canvas's Common Cartridge viewer resolve only `$IMS-CC-FILEBASE$/<path under
  web_resources>` for files, and turn `$WIKI_REFERENCE$/pages/<file name>` into a link to that page's unit;
  relative paths break. Open edX keeps the whole document in the unit and shows the item's title above
  it, so that page has no <h1>; its stylesheet rules apply to the unit's page, hence all scoped (cartridge.css).
"""

from __future__ import annotations

from .cc import CartridgeFlavour
from .lom import CC13_LOM
from .pages import LessonLinks, PageStyle

CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM_RESOURCE = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
WEBLINK = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p3"

FLAVOUR = CartridgeFlavour(
    schemaversion="1.3.0",
    cp=CP,
    lom=CC13_LOM,
    lom_resource=LOM_RESOURCE,
    weblink=WEBLINK,
    # 1.3 also defines imsapip_zipv1p0, imsiwb_iwbv1p0 and idpfepub_epubv3p0, which no course of ours holds
    resource_types={
        "webcontent": "webcontent",
        "weblink": "imswl_xmlv1p3",
        "assessment": "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
        "question-bank": "imsqti_xmlv1p2/imscc_xmlv1p3/question-bank",
        "discussion": "imsdt_xmlv1p3",
        "associated-content": "associatedcontent/imscc_xmlv1p3/learning-application-resource",
        "lti": "imsbasiclti_xmlv1p0",
    },
    schema_location=" ".join(
        [
            f"{CP} {PROFILE}/ccv1p3_imscp_v1p2_v1p0.xsd",
            f"{CC13_LOM.namespace} {PROFILE}/LOM/ccv1p3_lommanifest_v1p0.xsd",
            f"{LOM_RESOURCE} {PROFILE}/LOM/ccv1p3_lomresource_v1p0.xsd",
        ]
    ),
    weblink_schema_location=f"{WEBLINK} {PROFILE}/ccv1p3_imswl_v1p3.xsd",
    qti_canvas_order=True,
)

CANVAS = PageStyle(LessonLinks.RELATIVE, cartridge=True)
OPEN_EDX = PageStyle(LessonLinks.WIKI, file_base=True, heading=False, cartridge=True)
