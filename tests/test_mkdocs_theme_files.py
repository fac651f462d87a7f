"""The faster theme listing (site/mkdocs_build.ThemeFiles) leaves out only what MkDocs itself would leave out."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import jinja2
import material

from scorm_export.site.mkdocs_build import ThemeFiles

from .helpers import REPO

DIRS = [str(REPO / "theme" / "site"), str(Path(material.__file__).parent / "templates")]
# the two patterns of MkDocs' Files.add_files_from_theme that drop hidden files and folders
HIDDEN = (".*", "*/.*")


def test_the_listing_is_mkdocs_own_without_exactly_the_hidden_names():
    everything = set(jinja2.FileSystemLoader(DIRS).list_templates())
    listed = set(ThemeFiles(DIRS).list_templates())

    left_out = everything - listed
    assert listed <= everything
    assert left_out, "Material's .icons/ is left out"
    assert all(any(fnmatch.fnmatch(name.lower(), pattern) for pattern in HIDDEN) for name in left_out)
    assert not any(any(fnmatch.fnmatch(name.lower(), pattern) for pattern in HIDDEN) for name in listed)
