"""`check` for people and for tools: errors then warnings as text, GitHub Actions annotations, JSON; exit codes
with and without --strict."""

from __future__ import annotations

import json

import pytest

from scorm_export.cli import main
from scorm_export.problems import Problem, Severity

from .helpers import lesson, minimal_course, write_project

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
# a CC0 image marked as a separate work: a warning (separate_work is not needed), never an error
WARNED = {
    "testkurs/01-forsta/01-intro.md": lesson("Intro", "\n![En ruta](ruta.svg)\n"),
    "testkurs/01-forsta/ruta.svg": SVG,
    "testkurs/01-forsta/ruta.svg.yml": 'licence: CC0-1.0\nseparate_work: "Av misstag, med kommatecken: och procent %"\n',
}
BROKEN = {"testkurs/01-forsta/02-mer.md": lesson("Mer", "\n[x](finns-inte.md)\n")}


def run(tmp_path, capsys, files, *args) -> tuple[int, str, str]:
    project = write_project(tmp_path / "p", minimal_course(**files))
    code = main(["--root", str(project.root), "check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_warnings_alone_pass_and_are_printed_after_the_errors_under_their_own_heading(tmp_path, capsys):
    code, out, err = run(tmp_path, capsys, WARNED)
    assert code == 0
    assert "Varningar (1)" in err
    assert "content/testkurs/01-forsta/ruta.svg.yml:2: varning: CC0 1.0 passar kursens licens" in err
    assert "Allt innehåll är korrekt" in out


def test_strict_fails_on_warnings(tmp_path, capsys):
    code, _, err = run(tmp_path, capsys, WARNED, "--strict")
    assert code == 1 and "--strict" in err


def test_errors_come_before_warnings(tmp_path, capsys):
    code, _, err = run(tmp_path, capsys, {**WARNED, **BROKEN})
    lines = err.splitlines()
    assert code == 1
    error = next(i for i, line in enumerate(lines) if "finns-inte.md" in line)
    heading = next(i for i, line in enumerate(lines) if line.startswith("Varningar"))
    assert error < heading


def test_json_lists_every_problem_with_its_severity(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, {**WARNED, **BROKEN}, "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert (document["errors"], document["warnings"]) == (1, 1)
    severities = {(p["path"], p["line"], p["severity"]) for p in document["problems"]}
    assert ("content/testkurs/01-forsta/02-mer.md", 8, "error") in severities
    assert ("content/testkurs/01-forsta/ruta.svg.yml", 2, "warning") in severities


def test_github_annotations_name_each_problems_file_and_line(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, {**WARNED, **BROKEN}, "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert any(line.startswith("::error file=content/testkurs/01-forsta/02-mer.md,line=8::") for line in lines), lines
    (warning,) = [line for line in lines if line.startswith("::warning ")]
    assert warning.startswith("::warning file=content/testkurs/01-forsta/ruta.svg.yml,line=2::")


def test_an_annotation_escapes_percent_line_breaks_and_the_property_separators():
    problem = Problem("content/a,b:c.md", 3, Severity.WARNING, "50 % klart\nny rad")

    assert problem.github() == "::warning file=content/a%2Cb%3Ac.md,line=3::50 %25 klart%0Any rad"


def test_help_and_argument_errors_are_in_swedish(capsys):
    with pytest.raises(SystemExit) as exit_help:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_help.value.code == 0
    assert out.startswith("användning: build.py") and "flaggor:" in out and "visa den här hjälpen" in out
    assert not any(english in out for english in ("usage:", "options:", "show this help", "positional arguments"))

    with pytest.raises(SystemExit) as exit_error:
        main(["check", "--format", "xml"])
    err = capsys.readouterr().err
    assert exit_error.value.code == 2
    assert "användning: build.py check" in err and "fel: argumentet --format: ogiltigt val: 'xml' (välj bland" in err
    assert "invalid choice" not in err and "användning: användning" not in err
