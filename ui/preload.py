"""Start-up (issue 17): what the unlock screen does not need loads while the passphrase is typed.

The unlock window shows with little more than Qt loaded. The first key typed into a passphrase
field (or Unlock, if the field was filled otherwise) starts one background thread that imports
the store (SQLAlchemy, Alembic, the pydantic models), the services behind the caseload and the
caseload's own modules, so they are ready when Argon2id has derived the key. Nothing is built
or opened here, only imported: the thread touches no widget and no file the app writes.

Until the coach types, none of it is loaded, so an unlock screen left waiting holds little
memory. An import the unlock needs before the thread got to it simply happens on the unlock's
own thread (Python's import lock keeps one module from loading twice).

Python's cyclic garbage collector is paused while the modules load: the burst makes some 80,000
objects that all live as long as the app (modules, classes, functions), and the full collections
it would trigger meanwhile only walk them, about a seventh of the loading time. It runs again
(if it ran before) as soon as the modules are in, with them already in its oldest generation
(``promote``, iep_desktop/gc_pause.py): its young collections do not walk them twice more on the
way, some 30 ms that otherwise fell between Argon2id and the caseload when Unlock was pressed
with the passphrase pasted in.

Last, Qt's event classes get their Python types: the first event Python is handed (the idle
watcher's filter from unlocking on, the caseload's handlers) builds every one of them, ~2.5 ms.
Nothing on the unlock window's own path hands Python an event (issue 17), so it would otherwise
be the first thing unlocking does on the GUI thread.
"""

from __future__ import annotations

import contextlib
import importlib
import threading

from iep_desktop.gc_pause import cycle_collector_paused

# In the order the unlock and the first caseload page need them.
MODULES = (
    "iep_desktop.store.store",
    # SQLAlchemy's SQLite dialect, which create_engine imports by name when the store opens: half
    # of opening the store once Argon2id is done (issue 17), so loaded here beforehand.
    "sqlalchemy.dialects.sqlite",
    "iep_desktop.services.caseload",
    "iep_desktop.services.participants",
    "iep_desktop.services.work_in_progress",
    "iep_desktop.profiles",
    "ui.caseload",
)

# Where Qt's event classes are (QtGui: key, mouse, paint...; QtCore: timers, children; QtWidgets).
EVENT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")

_started = threading.Event()
_done = threading.Event()


def start() -> None:
    """Start loading in the background (once per process; later calls do nothing)."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_load, name="iep-preload", daemon=True).start()


def wait(timeout: float | None = None) -> bool:
    """Block until the background loading is done (tests); False on timeout or when never started."""
    return _started.is_set() and _done.wait(timeout)


def _event_classes() -> None:
    for name in EVENT_MODULES:
        module = importlib.import_module(name)
        for attribute in dir(module):
            if attribute.startswith("Q") and attribute.endswith("Event"):
                getattr(module, attribute)  # builds the class's Python type (and its enum types)


def _load() -> None:
    try:
        with cycle_collector_paused(promote=True):
            for name in MODULES:
                with contextlib.suppress(Exception):  # the same import on the unlock's thread reports it
                    importlib.import_module(name)
            with contextlib.suppress(Exception):  # only time saved: the first event builds them anyway
                _event_classes()
    finally:
        _done.set()
