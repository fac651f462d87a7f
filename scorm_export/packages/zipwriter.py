"""The one zip writer: sorted entries, fixed timestamps and permissions, so the same files give the same bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .manifest import MANIFEST

# 1980-01-01 is the earliest time a zip entry can carry; any fixed time would do.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_ALREADY_COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".mp4", ".mp3", ".woff2", ".pdf")


def write_zip(path: Path, files: dict[str, bytes]) -> int:
    """Write `files` (archive path -> bytes) to `path`; returns the file size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files, key=lambda n: (n != MANIFEST, n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o100644 << 16
            info.create_system = 3  # Unix, so the permissions above are read as such everywhere
            stored = name.lower().endswith(_ALREADY_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=None if stored else 9)
    return path.stat().st_size
