"""The site settings the generated pages read (mkdocs.yml `extra.accessibility`) are checked like content."""

from __future__ import annotations

import re

import pytest

from scorm_export.build import build, check

from .helpers import REPO, minimal_course, write_project

SETTINGS = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
BLOCK = SETTINGS[SETTINGS.index("  accessibility:") : SETTINGS.index("\nmarkdown_extensions")]
KEYS = re.findall(r"^    ([a-z_]+):", BLOCK, flags=re.M)


def _without(key: str) -> str:
    """mkdocs.yml without one key of extra.accessibility (and the lines that belong to it)."""
    lines = SETTINGS.split("\n")
    start = lines.index(next(line for line in lines if line.startswith(f"    {key}:")))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()) and lines[end].strip() != "":
        end += 1
    return "\n".join(lines[:start] + lines[end:])


def test_the_statement_keys_are_found_in_mkdocs_yml():
    assert {"organisation", "updated", "assessed", "shortcomings", "contact_email"} <= set(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_removing_any_statement_setting_is_a_check_error_or_the_build_still_succeeds(tmp_path, key):
    project = write_project(tmp_path / "p", minimal_course())
    project.mkdocs_config.write_text(_without(key), encoding="utf-8")
    problems = check(project).problems
    if problems.has_errors:
        assert all(p.path == "mkdocs.yml" and p.line >= 1 for p in problems.errors), [str(p) for p in problems.items]
        assert any(key in p.message for p in problems.errors)
        return
    assert build(project).written


def test_a_missing_updated_date_is_reported_at_the_statement(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    project.mkdocs_config.write_text(_without("updated"), encoding="utf-8")
    [problem] = [str(p) for p in check(project).problems.items]
    line = SETTINGS.split("\n").index("  accessibility:") + 2  # where the mapping starts, as for course.yml
    assert problem.startswith(f"mkdocs.yml:{line}: obligatoriskt fält 'updated' saknas")


def test_a_shortcoming_without_a_description_is_reported_at_its_line(tmp_path):
    project = write_project(tmp_path / "p", minimal_course())
    settings = SETTINGS.replace("      - description: >-\n          Några titlar", "      - descripton: >-\n          Några titlar")
    project.mkdocs_config.write_text(settings, encoding="utf-8")
    messages = [str(p) for p in check(project).problems.items]
    line = settings.split("\n").index("      - descripton: >-") + 1
    assert any(m.startswith(f"mkdocs.yml:{line}: ") and "description" in m for m in messages), messages
