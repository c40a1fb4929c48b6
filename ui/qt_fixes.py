"""Work-arounds for reference-count bugs in PySide6 6.12.0 that would abort the app.

Measured here (tests/ui/test_qt_fixes.py): ``SignalInstance.emit()`` called from Python returns
``True`` without owning a reference to it, so every emit takes one reference from ``True``; and
the static ``QCoreApplication.processEvents()`` does the same to ``None``. After a few thousand
calls Python aborts the whole process ("bool_dealloc: deallocating True or False"). A coach's
session emits far more than that (search as you type, autosave, models), so the app would die
mid-plan.

Each fix is applied only when a probe at import shows the bug, so a PySide6 without it is left
alone: the wrapper gives back the reference the call took.

Issue 13 found the same bug in every method that returns nothing (``setText``, ``setFocus``,
``QWidget.setTabOrder``, ``QTest.keyClick``...): each call takes one reference from ``None``, so a
long keyboard walk, or many wizard tests in one process, ended in "none_dealloc: deallocating
None". Those calls are too many to wrap, so on a CPython that does not make None, True and False
immortal itself (before 3.12) the probe's answer is to do what 3.12 does: give each of them so
many references (2**40) that no session can take them all.

Start-up and memory (issue 17): after ``import PySide6`` shiboken asks of every module imported
later whether its source text mentions "PySide6" (``shibokensupport.feature._mod_uses_pyside``,
for the opt-in ``from __feature__ import snake_case``): it reads each module's whole source with
``inspect.getsource``, and ``linecache`` then keeps all of it in memory. For the store's and
caseload's modules (SQLAlchemy, pydantic...) that is a tenth of a second and about 20 MiB. The
app never uses ``__feature__`` (tests/ui/test_qt_fixes.py checks the source tree), and the frozen
app has no source files to read, so it already answers "no" for every module; the fix gives the
same answer everywhere without reading anything.
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
    if not _IMMORTAL and _takes_a_reference(lambda: probe.setObjectName("probe"), None):
        for value in (None, True, False):
            if _immortalize(value):
                applied.append(f"immortal {value}")
        _IMMORTAL.append(True)
    probe.deleteLater()
    if _skip_source_scan():
        applied.append("no __feature__ source scan")
    return applied


def _never_uses_feature(module: object) -> bool:
    return False  # what shiboken concludes, too, for a module without a source file (the frozen app)


def _skip_source_scan() -> bool:
    """Stop shiboken reading the source of every module imported from now on (see above)."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or scan is None or scan is _never_uses_feature:
        return False
    feature._mod_uses_pyside = _never_uses_feature  # type: ignore[attr-defined]  # the patch itself
    return True


_IMMORTAL: list[bool] = []
_LOTS = 1 << 40


def _immortalize(value: object) -> bool:
    """Add _LOTS references to ``value`` in one step (CPython < 3.12 only, where the count is the
    object's first field); False where that cannot be done safely."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    count = ctypes.c_ssize_t.from_address(id(value))
    before = sys.getrefcount(value)
    if abs(count.value - before) > 2:  # not the layout expected (a debug build): leave it alone
        return False
    count.value += _LOTS
    return sys.getrefcount(value) - before >= _LOTS - 2


APPLIED = apply()
