"""Files read from inside a package's zip, by their archive name, never extracted to disk.

Each read opens the zip again: a rebuild rewrites the packages in place, and a zip's directory takes well
under a millisecond to read, so there is no copy to keep fresh or clean up. Only a plain relative name that
the zip holds is ever read: there is no file-system path to escape from.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

MANIFEST = "imsmanifest.xml"


def safe_member_name(name: str) -> bool:
    """A relative archive path with no empty, '.' or '..' part, no backslash, drive or NUL."""
    if not name or name.startswith("/") or "\\" in name or "\0" in name or ":" in PurePosixPath(name).parts[0]:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def read_member(archive: Path, name: str) -> bytes | None:
    """The bytes of `name` in the zip; None when the name is unsafe, not a file in it, or the zip unreadable."""
    if not safe_member_name(name):
        return None
    try:
        with zipfile.ZipFile(archive) as package:
            info = package.getinfo(name)
            return None if info.is_dir() else package.read(info)
    except (KeyError, OSError, EOFError, zlib.error, zipfile.BadZipFile, RuntimeError):  # RuntimeError: an encrypted member
        return None
