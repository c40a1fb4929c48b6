"""Start-up (issue 17): the unlock window shows with little more than Qt loaded, and the rest
loads once the coach starts typing the passphrase. Behaviour, not timing: a fresh interpreter
(each test a child process) shows the real main window and reports which modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("fpdf", "fontTools", "sqlalchemy", "sqlalchemy.dialects.sqlite", "alembic", "pydantic", "iep_desktop.store.store",
         "iep_desktop.domain.models", "ui.caseload", "ui.batch_print", "argon2", "cryptography", "ui.wizard.wizard",
         "html.entities")
UNUSED_QT = ("QStyle", "QFileDialog", "QInputDialog", "QMessageBox", "QTableView", "QIcon", "QTranslator",
             "QLibraryInfo", "QAbstractItemModel", "QEvent", "QCloseEvent", "QPaintEvent", "QMouseEvent")

CHILD = """
import gc, json, os, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import QApplication
import ui.app
from ui import preload
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.theme import new_application

HEAVY = {heavy!r}
UNUSED_QT = {unused_qt!r}
def loaded():
    return sorted(m for m in HEAVY if m in sys.modules)

report = {{"imported": loaded()}}
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["SETTINGS_DIR"])
app = new_application([sys.argv[0]])  # as ui.app.main makes it
window = MainWindow(Path(sys.argv[1]), settings=Settings(), actor="test")
window.show()
app.processEvents()
view = window.gate.unlock_view
report["unlock_shown"] = window.gate.currentWidget() is view and view.isVisible()
report["shown"] = loaded()
def built(names):
    return sorted(n for n in names if any(n in vars(m) for m in (QtCore, QtGui, QtWidgets)))
report["qt_built"] = built(UNUSED_QT)
from PySide6.QtCore import QEvent, Qt  # for typing, below
from PySide6.QtGui import QKeyEvent
for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
    QApplication.sendEvent(view.passphrase, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "c"))
report["preloaded"] = preload.wait(120)
report["gc_enabled"] = gc.isenabled()
report["events_built"] = built(("QMouseEvent", "QWheelEvent", "QPaintEvent", "QChildEvent", "QGestureEvent"))
report["typing"] = loaded()
window.close()
print("REPORT " + json.dumps(report))
"""


def run_child(store_path: Path, tmp_path: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SETTINGS_DIR": str(tmp_path / "qsettings"),
           "IEP_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run([sys.executable, "-c", CHILD.format(heavy=HEAVY, unused_qt=UNUSED_QT), str(store_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("REPORT "))
    report: dict[str, object] = json.loads(line.removeprefix("REPORT "))
    return report


def test_unlock_window_shows_before_the_store_pdf_and_models_load(tmp_path: Path) -> None:
    path = tmp_path / "coach.iep"
    Store.create(path, PASSPHRASE, kdf=cheap_kdf()).close()
    report = run_child(path, tmp_path)
    assert report["imported"] == []  # importing the app and its main window
    assert report["unlock_shown"] is True
    assert report["shown"] == []  # the unlock window on screen, waiting for the passphrase
    # Qt classes the unlock window does not use have no Python type yet (building one builds its
    # enum types too): the style (made by Qt as it started, ui/theme.new_application), dialogs,
    # message boxes, icons, tables, translators (English), and no event (Python is handed none:
    # the first one builds every event class).
    assert report["qt_built"] == []
    # The first key typed starts loading what unlocking and the caseload need ...
    assert report["preloaded"] is True
    assert report["gc_enabled"] is True  # paused while the modules loaded, running again after
    # Qt's event classes are built meanwhile too, not by the first event Python is handed once unlocked.
    assert report["events_built"] == ["QChildEvent", "QGestureEvent", "QMouseEvent", "QPaintEvent", "QWheelEvent"]
    typing = report["typing"]
    assert isinstance(typing, list)
    assert {"sqlalchemy", "pydantic", "iep_desktop.store.store", "ui.caseload"} <= set(typing)
    assert "sqlalchemy.dialects.sqlite" in typing  # imported by name only when the store opens
    # ... but not the PDF code (it loads when a plan is printed), nor Alembic (only a store of
    # an older schema needs it, store/migrate.py).
    assert "fpdf" not in typing and "fontTools" not in typing and "alembic" not in typing
    # The plan wizard loads when a plan is opened, not with the caseload (ui/wizard/__init__.py).
    assert "ui.wizard.wizard" not in typing


STYLE_CHILD = """
import sys
from ui.theme import MIN_POINT_SIZE, STYLE, new_application
app = new_application([sys.argv[0], "-style", "windows"])  # another style asked for on the command line
report = [app.styleSheet() == STYLE, app.palette().window().color().name(), app.font().pointSizeF() >= MIN_POINT_SIZE]
app.setStyleSheet("")  # what is under the app's style sheet
print("REPORT", app.style().metaObject().className(), *report)
"""


def test_new_application_is_in_fusion_and_the_apps_look_whatever_style_was_asked_for() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    done = subprocess.run([sys.executable, "-c", STYLE_CHILD], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("REPORT "))
    assert line.split()[1:] == ["QFusionStyle", "True", "#eef1f5", "True"]
