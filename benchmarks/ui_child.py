"""Child process for the ui suite: start, show, print one line, exit. No personal data printed.

    python -m benchmarks.ui_child app STORE     # the real app: main window, unlock, caseload
    python -m benchmarks.ui_child typed STORE   # the same, the passphrase typed key by key first
    python -m benchmarks.ui_child unlock STORE  # the real app until its unlock screen is shown
    python -m benchmarks.ui_child bare          # the baseline: a bare PySide6 QWidget window

Prints ``READY <time.time()> <VmRSS kB> <VmHWM kB> <rows> <unlock pressed, time.time()> <heavy>``
once the caseload model has rows (app, typed) or the window is shown and the event loop has
turned (unlock, bare), then exits. ``heavy`` lists which of fpdf, sqlalchemy, alembic, pydantic
were imported by then ("-" for none). The passphrase
comes from IEP_BENCH_PASSPHRASE; settings go to IEP_BENCH_SETTINGS_DIR (never the user's).
The app is built the way ``ui.app.main`` builds it, then unlocked as a coach would (the
passphrase in the field, Unlock pressed): nothing in ui/ knows it is being measured.
"""

from __future__ import annotations

import os
import sys
import time


def memory_kib() -> tuple[int, int]:
    """VmRSS and VmHWM (peak resident set) of this process, in KiB."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, amount = line.split(":", 1)
                values[name] = int(amount.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


HEAVY = ("fpdf", "sqlalchemy", "alembic", "pydantic")
TYPING_GAP_S = 0.12  # between keys: a quick typist (about 8 keys a second)


def ready(rows: int, pressed: float = 0.0) -> None:
    rss, hwm = memory_kib()
    heavy = ",".join(m for m in HEAVY if m in sys.modules) or "-"
    print(f"READY {time.time():.6f} {rss} {hwm} {rows} {pressed:.6f} {heavy}", flush=True)


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(1180, 760)
    window.show()

    def done() -> None:
        ready(0)
        app.quit()

    QTimer.singleShot(0, done)
    return app.exec()


def app(store: str, mode: str = "app") -> int:
    from pathlib import Path

    from PySide6.QtCore import QSettings, QTimer

    from iep_desktop import __version__
    from ui.main_window import MainWindow
    from ui.settings import APPLICATION, ORGANIZATION, Settings
    from ui.theme import new_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["IEP_BENCH_SETTINGS_DIR"])
    qt_app = new_application([sys.argv[0]])
    qt_app.setOrganizationName(ORGANIZATION)
    qt_app.setApplicationName(APPLICATION)
    qt_app.setApplicationVersion(__version__)
    window = MainWindow(Path(store), settings=Settings(), actor="benchmark")
    window.show()
    view = window.gate.unlock_view
    pressed = [0.0]

    if mode == "unlock":  # the unlock screen is up and waiting for the passphrase
        def shown() -> None:
            ready(0)
            window.close()
            qt_app.quit()

        QTimer.singleShot(0, shown)
        return qt_app.exec()

    def loaded() -> None:
        rows = window.caseload.model.rowCount()
        if rows:
            ready(rows, pressed[0])
            window.close()
            qt_app.quit()

    def opened(store: object) -> None:  # the caseload page exists from the first unlock on
        if store is not None and not pressed[1:]:
            pressed.append(1.0)
            window.caseload.loaded.connect(loaded)

    def press() -> None:
        window.store_changed.connect(opened)
        pressed[0] = time.time()
        view.unlock_button.click()

    passphrase = os.environ["IEP_BENCH_PASSPHRASE"]
    if mode == "typed":  # as a coach types: the store's modules load meanwhile (ui/preload.py)
        keys = list(passphrase)

        def type_next() -> None:
            if not keys:
                press()
                return
            _type_key(view.passphrase, keys.pop(0))
            QTimer.singleShot(int(TYPING_GAP_S * 1000), type_next)

        QTimer.singleShot(0, type_next)
    else:
        view.passphrase.setText(passphrase)
        press()
    return qt_app.exec()


def _type_key(widget: object, char: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] in (["app"], ["typed"], ["unlock"]) and len(argv) == 2:
        return app(argv[1], argv[0])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
