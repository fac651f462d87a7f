"""The software inside a package is credited like its content: LICENSE.txt names every script with its licence,
and each licence text it points to is in the package and listed in the manifest."""

from __future__ import annotations

import re

from lxml import etree

from scorm_export.packages.pages import OWN_LICENCE_SOURCE
from scorm_export.packages.search_index import INDEX as SEARCH_INDEX  # the course's words: content, under its licence

from .helpers import REPO


def test_our_scripts_carry_the_repositorys_own_licence():
    assert OWN_LICENCE_SOURCE.read_bytes() == (REPO / "LICENSE").read_bytes()


def test_every_script_in_a_package_is_named_in_its_licence_file_with_a_licence_text_it_carries(sample):
    checked = 0
    for package in sample.packages:
        listed = {f.get("href") for f in etree.parse(str(package.folder / "imsmanifest.xml")).iter("{*}file")}
        # a programme keeps each course in a folder of its own, with the course's LICENSE.txt
        for notice_file in package.folder.rglob("LICENSE.txt"):
            folder = notice_file.parent
            inner = {p.parent for p in folder.rglob("LICENSE.txt")} - {folder}
            scripts = sorted(
                p.relative_to(folder).as_posix()
                for p in folder.rglob("*.js")
                if not any(p.is_relative_to(other) for other in inner) and p.relative_to(folder).as_posix() != SEARCH_INDEX
            )
            notice = notice_file.read_text(encoding="utf-8")
            if not scripts:
                assert "Programvara / Software" not in notice, (package.file_name, notice_file)
                continue
            assert "Programvara / Software" in notice, (package.file_name, notice_file)
            software = notice.split("Programvara / Software", 1)[1]
            named = set(re.findall(r"assets/[\w./-]+\.js", software))
            assert named == set(scripts), (package.file_name, named, scripts)
            texts = re.findall(r"Licens / Licence: [^,\n]+, (assets/\S+\.txt)", software)
            assert texts, package.file_name
            for text in texts:
                member = (folder / text).relative_to(package.folder).as_posix()
                assert (folder / text).is_file() and member in listed, (package.file_name, member)
            checked += 1
    assert checked, "some package has scripts"
