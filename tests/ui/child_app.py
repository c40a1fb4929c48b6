"""The real app in a child process, as the crash and keyboard-only tests start it: its own
settings folder, the theme, the store given on the command line and a fixed clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from iep_desktop.clock import FixedClock
from ui.app import create_window, parse_args
from ui.settings import Settings
from ui.theme import new_application


def open_app(argv0: str, store: str, settings_dir: str, at: str) -> tuple[QApplication, Any]:
    """The application and its shown main window on ``store``, at the time ``at`` (ISO)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = new_application([argv0])
    args, _qt = parse_args(["--db", store])
    window = create_window(args, Settings(), clock=FixedClock(datetime.fromisoformat(at)), actor="Coach Kim")
    window.show()
    return app, window
