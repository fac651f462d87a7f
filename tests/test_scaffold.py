"""`python build.py new`: a course, module or lesson that passes `check` as it is, numbered after what is there."""

from __future__ import annotations

import shutil

from scorm_export.build import check
from scorm_export.cli import main
from scorm_export.project import Project

from .helpers import REPO, messages


def empty_project(tmp_path) -> Project:
    for folder in ("licenses", "theme"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    return Project(tmp_path)


def new(project: Project, *words: str) -> int:
    return main(["--root", str(project.root), "new", *words])


def test_a_new_course_passes_check_as_it_is(tmp_path, capsys):
    project = empty_project(tmp_path)

    assert new(project, "Söka i arkiv: grunder") == 0

    checked = check(project)
    assert not checked.problems.items, messages(checked)
    (course,) = checked.catalogue.courses
    assert (course.id, course.title) == ("soka-i-arkiv-grunder", "Söka i arkiv: grunder")
    assert "skapade content/soka-i-arkiv-grunder/01-introduktion/01-valkommen.md" in capsys.readouterr().out
    assert "# Kursens id" in (project.content / "soka-i-arkiv-grunder" / "course.yml").read_text(encoding="utf-8")


def test_lessons_and_modules_take_the_next_number(tmp_path, capsys):
    project = empty_project(tmp_path)
    new(project, "Kurs")
    (project.content / "kurs" / "01-introduktion" / "05-mapp").mkdir()
    (project.content / "kurs" / "01-introduktion" / "05-mapp" / "index.md").write_text("---\ntitle: Mapp\n---\n\nText.\n")

    assert new(project, "lesson", "kurs", "Söka fritt") == 0
    assert new(project, "module", "kurs", "Fördjupning") == 0
    assert new(project, "lesson", "kurs", "Mer", "--module", "introduktion") == 0

    checked = check(project)
    assert not checked.problems.items, messages(checked)
    keys = [lesson.key for lesson in checked.catalogue.courses[0].lessons]
    assert keys == [
        "introduktion/valkommen",
        "introduktion/mapp",
        "introduktion/soka-fritt",
        "introduktion/mer",
        "fordjupning/forsta-lektionen",
    ]
    assert (project.content / "kurs" / "01-introduktion" / "06-soka-fritt.md").is_file()
    assert (project.content / "kurs" / "02-fordjupning" / "module.yml").is_file()


def test_nothing_is_overwritten_and_an_unknown_course_is_named(tmp_path, capsys):
    project = empty_project(tmp_path)
    new(project, "Kurs")
    before = (project.content / "kurs" / "course.yml").read_text(encoding="utf-8")

    assert new(project, "Kurs") == 1
    assert new(project, "lesson", "saknas", "Titel") == 1
    err = capsys.readouterr().err
    assert "mappen content/kurs/ finns redan" in err and "hittar ingen kurs 'saknas'" in err
    assert (project.content / "kurs" / "course.yml").read_text(encoding="utf-8") == before
