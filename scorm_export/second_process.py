"""Work done in a forked second process, so that a build keeps both cores busy.

Where `fork` is not available (Windows, macOS' default) or only one core is, the work runs at once in
this process instead: same result, one core.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable


class SecondProcessError(RuntimeError):
    """The second process failed; its traceback is the message."""


class InBackground:
    """Runs `work()` in a forked process; `result()` waits for its return value (or raises its error)."""

    def __init__(self, work: Callable[[], object], error: type[SecondProcessError] = SecondProcessError, failed: str = "") -> None:
        self._work = work
        self._error = error
        self._failed = failed or "Arbetet i den andra processen misslyckades (the second process failed)"
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receiver = None
        self._value: object = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, sender), daemon=True)
            self._process.start()
            sender.close()
        else:
            self._value = work()

    def result(self) -> object:
        if self._process is None or self._receiver is None:
            return self._value
        try:
            ok, value = self._receiver.recv()
        except EOFError:
            ok, value = False, "the second process ended without an answer"
        finally:
            self._process.join()
        if not ok:
            raise self._error(f"{self._failed}:\n{value}")
        return value

    def cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _die_with_parent() -> None:
    """On Linux, end with the build: a build killed mid-way must not leave a writer behind (see publish.py)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (AttributeError, OSError):
        pass


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _run(work: Callable[[], object], sender) -> None:
    _die_with_parent()
    try:
        sender.send((True, work()))
    except BaseException:  # the parent reports it; a worker must never die silently
        sender.send((False, traceback.format_exc()))
    finally:
        sender.close()
