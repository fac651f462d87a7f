"""Copies lunr and lunr-languages, the search of the single-SCO shell, from an npm install into vendor/lunr/.

`python -m scorm_export.vendor.refresh_lunr [node_modules]` (default: tests/node_modules, which
`npm ci --prefix tests` fills at the versions pinned in tests/package.json). A test compares the copy with
that install byte for byte, so a new pin needs this run once.

lunr ships minified (MIT: its notice stays in the file's header). lunr-languages ships its source files,
not its minified ones: under the MPL 1.1 a minified copy is an "Executable", which would need a notice of
where its source is; the source files cost about 2 kB more in a compressed package.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "lunr"
# {npm package: {path in the npm package: name in BUNDLED}}
FILES = {
    "lunr": {"lunr.min.js": "lunr.min.js", "LICENSE": "license-lunr.txt"},
    "lunr-languages": {
        "lunr.stemmer.support.js": "lunr.stemmer.support.js",
        "lunr.sv.js": "lunr.sv.js",
        "LICENSE": "license-lunr-languages.txt",
    },
}
VERSIONS = "VERSIONS"  # one line per npm package: "<name> <version>", what the copy came from
DEFAULT_NODE_MODULES = Path(__file__).resolve().parents[2] / "tests" / "node_modules"


def installed_versions(node_modules: Path) -> dict[str, str]:
    return {name: str(json.loads((node_modules / name / "package.json").read_text(encoding="utf-8"))["version"]) for name in FILES}


def bundled_versions(folder: Path = BUNDLED) -> dict[str, str]:
    lines = (folder / VERSIONS).read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if line.strip())


def refresh(node_modules: Path, destination: Path = BUNDLED) -> list[Path]:
    """Copy the files and record the versions; returns what was written."""
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for package, files in FILES.items():
        for relative, name in files.items():
            shutil.copyfile(node_modules / package / relative, destination / name)
            written.append(destination / name)
    versions = installed_versions(node_modules)
    (destination / VERSIONS).write_text("".join(f"{name} {version}\n" for name, version in versions.items()), encoding="utf-8")
    written.append(destination / VERSIONS)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("node_modules", type=Path, nargs="?", default=DEFAULT_NODE_MODULES, help="an npm node_modules folder with lunr")
    args = parser.parse_args(argv)
    missing = [name for name in FILES if not (args.node_modules / name / "package.json").is_file()]
    if missing:
        print(f"{', '.join(missing)} not installed in {args.node_modules} (run `npm ci --prefix tests`)", file=sys.stderr)
        return 1
    written = refresh(args.node_modules)
    versions = ", ".join(f"{name} {version}" for name, version in installed_versions(args.node_modules).items())
    print(f"{versions}: {len(written)} files written to {BUNDLED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
