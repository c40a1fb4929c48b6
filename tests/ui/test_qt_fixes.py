"""PySide6 6.12.0 reference-count bugs, worked around in ui/qt_fixes.py.

Without the work-around each of these loops takes 20,000 references from True or None, and
Python aborts the whole test process ("bool_dealloc"): a coach's app would die the same way
after a few thousand signals.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import qt_fixes

CALLS = 20_000
ROOT = Path(__file__).resolve().parents[2]


class Sender(QObject):
    plain = Signal()
    text = Signal(str)


def refcounts() -> list[int]:
    return [sys.getrefcount(value) for value in (None, True, False)]


def test_the_work_arounds_this_pyside_needs_are_applied() -> None:
    assert set(qt_fixes.APPLIED) <= {"SignalInstance.emit", "QCoreApplication.processEvents",
                                     "immortal None", "immortal True", "immortal False",
                                     "no __feature__ source scan"}
    assert qt_fixes.apply() == []  # applying again changes nothing


def test_emitting_from_python_keeps_every_reference(qtbot: QtBot) -> None:
    sender = Sender()
    received: list[str] = []
    sender.plain.connect(lambda: None)
    sender.text.connect(received.append)
    before = refcounts()
    for _ in range(CALLS):
        sender.plain.emit()
        sender.text.emit("a")
    after = refcounts()
    assert len(received) == CALLS
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)


def test_processing_events_keeps_every_reference(qtbot: QtBot) -> None:
    before = refcounts()
    for _ in range(CALLS):
        QApplication.processEvents()
    after = refcounts()
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)


def test_calls_that_return_nothing_never_use_up_none(qtbot: QtBot) -> None:
    """Issue 13: every PySide6 6.12.0 method that returns nothing takes a reference from None
    (a keyboard walk aborted with "deallocating None"). 200,000 such calls, more references
    than None has in this process without the fix, leave the process alive."""
    from PySide6.QtWidgets import QLineEdit, QWidget

    box = QLineEdit()
    other = QLineEdit()
    qtbot.addWidget(box)
    qtbot.addWidget(other)
    calls = CALLS * 10
    start = sys.getrefcount(None)
    for _ in range(calls // 2):
        box.setText("a")
        QWidget.setTabOrder(box, other)
    # With the bug each call takes one reference (and the process's own work moves the count by
    # a few thousand more either way), so what matters is what is left: more than the calls took.
    assert sys.getrefcount(None) > calls, (start, sys.getrefcount(None))


def test_modules_imported_after_the_ui_are_not_read_as_source(tmp_path: Path) -> None:
    """Issue 17: shiboken no longer reads (and keeps in linecache) the source of every module
    imported after PySide6; a fresh interpreter imports a new module after ``ui``."""
    (tmp_path / "freshly_imported.py").write_text("VALUE = 1\n", encoding="utf-8")
    child = ("import linecache, sys\nimport ui\nimport freshly_imported\n"
             "print(sorted(name for name in linecache.cache if 'freshly_imported' in name))\n"
             "print(sys.modules['shibokensupport.feature'].pyside_feature_dict.get('freshly_imported'))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    cached, flag = done.stdout.split("\n")[:2]
    assert cached == "[]"  # before the fix: the module's source, read and kept
    assert flag == "-1"  # shiboken still registered the module: "does not use __feature__"


def test_the_app_never_opts_in_to_pyside_features() -> None:
    """The source-scan fix answers "no __feature__" for every module: true only while no module
    of ours asks for one (``from __feature__ import snake_case, true_property``)."""
    users = [str(path.relative_to(ROOT)) for folder in ("ui", "iep_desktop", "benchmarks", "tools")
             for path in (ROOT / folder).rglob("*.py") if "from __feature__ import" in path.read_text("utf-8")
             and path.name != "qt_fixes.py"]
    assert users == []
