"""Copies scorm-again, the SCORM runtime of the preview's test LMS, from an npm install into vendor/scorm_again/.

`python -m scorm_export.vendor.refresh_scorm_again [node_modules]` (default: tests/node_modules, which
`npm ci --prefix tests` fills at the version pinned in tests/package.json). A test compares the copy with
that install byte for byte, so a new pin needs this run once.

One file holds both runtimes: scorm-again.min.js (about 600 kB) is smaller than scorm12.min.js and
scorm2004.min.js together (about 720 kB), because the two share most of their code.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "scorm_again"
# {path in the npm package: name in BUNDLED}
FILES = {"dist/scorm-again.min.js": "scorm-again.min.js", "LICENSE": "LICENSE"}
VERSION = "VERSION"  # the npm version the copy came from, shown in the test LMS's credit line
DEFAULT_NODE_MODULES = Path(__file__).resolve().parents[2] / "tests" / "node_modules"


def installed_version(node_modules: Path) -> str:
    return str(json.loads((node_modules / "scorm-again" / "package.json").read_text(encoding="utf-8"))["version"])


def bundled_version(folder: Path = BUNDLED) -> str:
    return (folder / VERSION).read_text(encoding="utf-8").strip()


def refresh(node_modules: Path, destination: Path = BUNDLED) -> list[Path]:
    """Copy the files and record the version; returns what was written."""
    source = node_modules / "scorm-again"
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for relative, name in FILES.items():
        shutil.copyfile(source / relative, destination / name)
        written.append(destination / name)
    (destination / VERSION).write_text(installed_version(node_modules) + "\n", encoding="utf-8")
    written.append(destination / VERSION)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "node_modules", type=Path, nargs="?", default=DEFAULT_NODE_MODULES, help="an npm node_modules folder with scorm-again"
    )
    args = parser.parse_args(argv)
    if not (args.node_modules / "scorm-again" / "package.json").is_file():
        print(f"scorm-again is not installed in {args.node_modules} (run `npm ci --prefix tests`)", file=sys.stderr)
        return 1
    written = refresh(args.node_modules)
    print(f"scorm-again {installed_version(args.node_modules)}: {len(written)} files written to {BUNDLED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
