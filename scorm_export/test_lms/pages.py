"""The test LMS's two pages, from the templates in theme/preview/: the list of packages and the LMS for one SCO."""

from __future__ import annotations

from urllib.parse import quote

from jinja2 import Environment

from .packages import SCORM, Item, Package, PackageGroup

# What the test LMS tells every SCO it launches about the learner and the attempt (CMI element: value).
LEARNER = {
    "scorm12": {
        "cmi.core.student_id": "testare",
        "cmi.core.student_name": "Testsson, Testa",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
    },
    "scorm2004": {
        "cmi.learner_id": "testare",
        "cmi.learner_name": "Testa Testsson",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
    },
}
# the longest cmi.suspend_data each standard promises to keep: CMIString4096 and characterstring SPM 64000
SUSPEND_DATA_LIMIT = {"scorm12": 4096, "scorm2004": 64000}


def listing_page(env: Environment, groups: list[PackageGroup], assets: str, runtime_version: str) -> str:
    return env.get_template("preview/lms-index.html").render(groups=groups, assets=assets, scorm=SCORM, runtime_version=runtime_version)


def player_page(env: Environment, package: Package, item: Item, assets: str, runtime_version: str) -> str:
    standard = package.format.key
    start = {**LEARNER[standard], **dict(item.lms_values)}
    config = {
        "standard": standard,
        "package": package.file_name,
        "item": item.identifier,
        "launch": "pkg/" + item.launch,
        "start": start,
        "limit": SUSPEND_DATA_LIMIT[standard],
        # the SCOs a SCORM 2004 navigation request may name, in the organization's order, with their pages
        "items": [[sco.identifier, _item_url(sco)] for sco in package.scos],
    }
    return env.get_template("preview/lms.html").render(
        package=package,
        item=item,
        item_url=_item_url,
        standard=standard,
        start=start,
        limit=SUSPEND_DATA_LIMIT[standard],
        config=config,
        assets=assets,
        runtime_version=runtime_version,
    )


def _item_url(item: Item) -> str:
    return "?sco=" + quote(item.identifier, safe="")
