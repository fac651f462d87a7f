"""Publishing a build so that there is always a complete `site/`.

A build writes into a staging folder `.build-XXXX` in the project root and then exchanges it
with `site/` in one system call, so `site/` is at every moment either the complete previous
site or the complete new one. Only one build runs per project at a time (`build_lock`); once a
build holds the lock, any `.build-*` folder is a leftover of a killed build and is removed.

For tests, `SCORM_EXPORT_STOP_AT=<step>` makes the build kill itself with SIGKILL when it
reaches that step, as if the power went or someone pressed kill -9 at exactly that moment.
Steps, in order: `locked`, `packages-written`, `site-rendered`, `before-swap`, `after-swap`,
`cleanup` (the previous site is deleted, the rest of the staging folder is not yet).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".build.lock"
STAGING_PREFIX = ".build-"
STOP_AT = "SCORM_EXPORT_STOP_AT"
STEPS = ("locked", "packages-written", "site-rendered", "before-swap", "after-swap", "cleanup")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def stop_point(step: str) -> None:
    if os.environ.get(STOP_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def build_lock(root: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's build lock; if another build holds it, call `on_wait` once and wait."""
    # The lock file is never deleted: a process that opened it before the deletion would lock
    # the old file while a newer one locks a new file, and both would build at once.
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock; the kernel does the same when the process is killed


def remove_leftovers(root: Path) -> None:
    """Delete staging folders of killed builds; call only while holding the build lock."""
    for path in root.glob(STAGING_PREFIX + "*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def swap_in(new: Path, site: Path) -> None:
    """Make `new` the site; afterwards the previous site, if there was one, is at `new`."""
    try:
        _exchange(new, site)
    except FileNotFoundError:
        if site.exists() or site.is_symlink():
            raise
        os.rename(new, site)  # the first build: nothing to exchange with
    except _ExchangeUnsupported:
        # Two renames leave a moment without `site/`: a kill between them loses it until the
        # next successful build. Only where the kernel or file system cannot exchange.
        if site.exists() or site.is_symlink():
            previous = new.with_name(new.name + "-previous")
            os.rename(site, previous)
            os.rename(new, site)
            os.rename(previous, new)
        else:
            os.rename(new, site)


class _ExchangeUnsupported(Exception):
    pass


def _exchange(a: Path, b: Path) -> None:
    renameat2 = _renameat2()
    if renameat2 is None:
        raise _ExchangeUnsupported
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        raise _ExchangeUnsupported
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _renameat2():
    """glibc's renameat2 (2.28 and later), or None off Linux or with an older C library."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function
