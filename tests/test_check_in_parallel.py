"""`build` and `check` load every other course in a second process: the same courses and problems as one process."""

from __future__ import annotations

import pytest

from scorm_export import second_process
from scorm_export.build import check

from .helpers import COURSE_YML, copy_repository_project, lesson, write_project


def _courses(count: int, broken: set[int]) -> dict[str, str]:
    files: dict[str, str] = {}
    for number in range(1, count + 1):
        folder = f"{number:02d}-kurs{number}"
        files[f"{folder}/course.yml"] = COURSE_YML.replace("id: testkurs", f"id: kurs{number}")
        files[f"{folder}/01-del/module.yml"] = "title: Del\n"
        body = "[saknas](finns-inte.md)\n" if number in broken else f"Text för kurs {number}.\n"
        files[f"{folder}/01-del/01-lektion.md"] = lesson(f"Lektion {number}", body)
    return files


@pytest.mark.parametrize("broken", [set(), {1}, {2}, {1, 2, 3, 4, 5}])
def test_a_check_in_two_processes_gives_the_courses_and_problems_of_one(tmp_path, broken):
    assert second_process.can_fork(), "this machine should have fork and two cores"
    project = write_project(tmp_path / "p", _courses(5, broken))
    one = check(project)
    two = check(project, in_parallel=True)
    assert [course.id for course in two.catalogue.courses] == [f"kurs{n}" for n in range(1, 6)]
    assert two.catalogue == one.catalogue
    assert [str(p) for p in two.problems.items] == [str(p) for p in one.problems.items]
    assert len(two.problems.errors) == len(broken)


def test_the_sample_courses_load_the_same_in_two_processes(tmp_path):
    project = copy_repository_project(tmp_path / "p")
    assert check(project, in_parallel=True).catalogue == check(project).catalogue


def test_a_crash_in_the_second_process_is_reported_not_swallowed(tmp_path, monkeypatch):
    project = write_project(tmp_path / "p", _courses(2, set()))
    calls = []
    original = second_process.InBackground.__init__

    def crashing(self, work, *args, **kwargs):
        calls.append(work)

        def boom():
            raise MemoryError("the second loader ran out of memory")

        original(self, boom, *args, **kwargs)

    monkeypatch.setattr(second_process.InBackground, "__init__", crashing)
    with pytest.raises(second_process.SecondProcessError, match="ran out of memory"):
        check(project, in_parallel=True)
    assert calls, "the second course should have been loaded in the second process"
