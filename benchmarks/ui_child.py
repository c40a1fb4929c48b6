"""Child process for the ui suite: start, show, print one line, exit. No personal data printed.

    python -m benchmarks.ui_child app STORE     # the real app: main window, unlock, caseload
    python -m benchmarks.ui_child bare          # the baseline: a bare PySide6 QWidget window

Prints ``READY <time.time()> <VmRSS kB> <VmHWM kB> <rows>`` once the caseload model has rows
(app) or the window is shown and the event loop has turned (bare), then exits. The passphrase
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


def ready(rows: int) -> None:
    rss, hwm = memory_kib()
    print(f"READY {time.time():.6f} {rss} {hwm} {rows}", flush=True)


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


def app(store: str) -> int:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from iep_desktop import __version__
    from ui.main_window import MainWindow
    from ui.settings import APPLICATION, ORGANIZATION, Settings
    from ui.theme import apply_theme

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["IEP_BENCH_SETTINGS_DIR"])
    qt_app = QApplication([sys.argv[0]])
    qt_app.setOrganizationName(ORGANIZATION)
    qt_app.setApplicationName(APPLICATION)
    qt_app.setApplicationVersion(__version__)
    apply_theme(qt_app)
    window = MainWindow(Path(store), settings=Settings(), actor="benchmark")
    window.show()

    def loaded() -> None:
        rows = window.caseload.model.rowCount()
        if rows:
            ready(rows)
            window.close()
            qt_app.quit()

    window.caseload.loaded.connect(loaded)
    view = window.gate.unlock_view
    view.passphrase.setText(os.environ["IEP_BENCH_PASSPHRASE"])
    view.unlock_button.click()
    return qt_app.exec()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["app"] and len(argv) == 2:
        return app(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
