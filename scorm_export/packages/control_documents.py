"""The XML control documents (XSDs and the DTDs they name) a SCORM package carries at its root.

SCORM 1.2 and SCORM 2004 4th edition ask for every control document the manifest's xsi:schemaLocation
names to be in the package interchange file, at its root (ADL's conformance test suite fails a
package whose schemaLocation names a file it does not contain, then validates the manifest against
the package's own copies). LMSs such as Moodle never read them, but a conformance checker does.

The files ship unmodified in `control/`: the product must carry them, so they are the one copy of the shared
schema set the project keeps, made by `python -m scorm_export.packages.control_documents ../shared/schemas`
and limited to what the packages carry (see `control/SOURCES.md` for where each comes from and its licence). A package takes the file named in its schemaLocation and everything those files include,
import or name in a DOCTYPE, so the set is exactly what a validating reader will open.
"""

from __future__ import annotations

import argparse
import functools
import posixpath
import re
import shutil
import sys
from pathlib import Path

CONTROL = Path(__file__).resolve().parent / "control"
# imscp_v1p1.xsd imports the xml namespace from w3.org; ADL's own packages carry a local copy and the DTDs it
# names all the same, so that a validator working offline with a catalogue finds them
CONVENTIONAL = {"scorm2004": ("xml.xsd", "XMLSchema.dtd", "datatypes.dtd")}
_DOCTYPE_SYSTEM = re.compile(rb'<!DOCTYPE\s+\w+\s+PUBLIC\s+"[^"]*"\s+"([^"]+)"')
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_INCLUDE = re.compile(rb"""<(?:\w+:)?(?:include|import)\b[^>]*?\sschemaLocation\s*=\s*["']([^"']+)["']""")


def schema_files(schema_location: str) -> list[str]:
    """The file names in an xsi:schemaLocation value (namespace / location pairs)."""
    parts = schema_location.split()
    return [location for location in parts[1::2] if "://" not in location]


def _references(data: bytes) -> list[str]:
    """Relative locations of the schemas an XSD includes or imports, and the DTD its DOCTYPE names.

    Read with patterns, not an XML parser: the original ims_xml.xsd declares the xml namespace as its default,
    which libxml2 refuses to parse, and the files must ship unmodified.
    """
    found = [match.decode("ascii") for match in _DOCTYPE_SYSTEM.findall(data[:2048])]
    text = _COMMENT.sub(b"", data)
    found += [match.decode("ascii") for match in _INCLUDE.findall(text)]
    return [location for location in found if "://" not in location]


def _closure(folder: Path, standard: str, schema_location: str) -> dict[str, bytes]:
    """The documents a schemaLocation names in `folder`, and everything they include, import or name as DTD."""
    wanted = [*schema_files(schema_location), *CONVENTIONAL.get(standard, ())]
    files: dict[str, bytes] = {}
    while wanted:
        name = posixpath.normpath(wanted.pop())
        if name in files:
            continue
        files[name] = (folder / name).read_bytes()
        if name.endswith(".xsd"):
            here = posixpath.dirname(name)
            wanted.extend(posixpath.join(here, location) for location in _references(files[name]))
    return files


@functools.lru_cache(maxsize=8)
def control_files(standard: str, schema_location: str) -> tuple[tuple[str, bytes], ...]:
    """Every control document a manifest with this schemaLocation needs, as (path at the package root, bytes)."""
    return tuple(sorted(_closure(CONTROL / standard, standard, schema_location).items()))


def copy_from(schemas: Path, destination: Path = CONTROL) -> list[Path]:
    """Copy from the shared schema set exactly the control documents the packages carry, and nothing else."""
    from . import scorm12, scorm2004  # the flavours name their schemas; they import this module

    copied = []
    for flavour in (scorm12.FLAVOUR, scorm2004.FLAVOUR):
        target = destination / flavour.standard
        if target.exists():
            shutil.rmtree(target)
        for name, data in sorted(_closure(schemas / flavour.standard, flavour.standard, flavour.schema_location).items()):
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            copied.append(path)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schemas", type=Path, help="the shared schema set, e.g. ../shared/schemas")
    args = parser.parse_args(argv)
    copied = copy_from(args.schemas)
    print(f"{len(copied)} control documents copied to {CONTROL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
