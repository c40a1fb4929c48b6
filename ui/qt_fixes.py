"""Work-arounds for reference-count bugs in PySide6 6.12.0 that would abort the app.

Measured here (tests/ui/test_qt_fixes.py): ``SignalInstance.emit()`` called from Python returns
``True`` without owning a reference to it, so every emit takes one reference from ``True``; and
the static ``QCoreApplication.processEvents()`` does the same to ``None``. After a few thousand
calls Python aborts the whole process ("bool_dealloc: deallocating True or False"). A coach's
session emits far more than that (search as you type, autosave, models), so the app would die
mid-plan.

Each fix is applied only when a probe at import shows the bug, so a PySide6 without it is left
alone: the wrapper gives back the reference the call took.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance

_PROBES = 64
try:
    _py_incref = ctypes.pythonapi.Py_IncRef
    _py_incref.argtypes = [ctypes.py_object]
    _py_incref.restype = None
    _incref: Callable[[object], object] = _py_incref
except (AttributeError, OSError):  # no C API through ctypes (an unusual embedding): keep references instead
    _kept: list[object] = []
    _incref = _kept.append


class _Probe(QObject):
    fired = Signal()


def _takes_a_reference(call: Callable[[], Any], victim: object) -> bool:
    before = sys.getrefcount(victim)
    for _ in range(_PROBES):
        call()
    return before - sys.getrefcount(victim) >= _PROBES // 2


def _keep_reference(function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        _incref(result)  # the reference the call returned without owning
        return result

    call.__name__ = getattr(function, "__name__", "call")
    # No __doc__ copied: reading a PySide6 method's __doc__ loads shiboken's whole signature
    # machinery, a third of a second before the first window (issue 17: start-up).
    return call


def apply() -> list[str]:
    """Apply the fixes this PySide6 needs; returns their names."""
    applied = []
    probe = _Probe()
    if getattr(SignalInstance.emit, "__name__", "") != "call" and \
            _takes_a_reference(lambda: probe.fired.emit(), True):
        SignalInstance.emit = _keep_reference(SignalInstance.emit)  # type: ignore[method-assign]  # the patch itself
        applied.append("SignalInstance.emit")
    process_events = QCoreApplication.processEvents
    if getattr(process_events, "__name__", "") != "call" and _takes_a_reference(process_events, None):
        QCoreApplication.processEvents = staticmethod(_keep_reference(process_events))  # type: ignore[method-assign]  # the patch itself
        applied.append("QCoreApplication.processEvents")
    probe.deleteLater()
    return applied


APPLIED = apply()
