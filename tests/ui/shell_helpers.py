"""Helpers shared by the app shell tests: isolated settings, the theme, real windows on real stores."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import Participant, Program
from iep_desktop.services.participants import create_participant
from iep_desktop.store.store import Store
from tests.conftest import cheap_kdf
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.theme import apply_theme

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ACTOR = "test-coach"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    """QSettings in an INI file under tmp_path, never the user's real preferences."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    prefs = Settings()
    assert Path(prefs.qsettings.fileName()).is_relative_to(tmp_path)
    yield prefs
    prefs.qsettings.clear()


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The app's look (touch sizes), put back afterwards for the other UI tests."""
    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp)
    yield qapp
    qapp.setStyleSheet("")  # never swap the style under a live style sheet (see ui.theme)
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, settings: Settings, themed: QApplication) -> MakeWindow:
    def make(path: Path, *, demo: bool = False) -> MainWindow:
        window = MainWindow(path, settings=settings, demo=demo, kdf=cheap_kdf(), actor=ACTOR)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        return window

    return make


def add_people(store: Store, *names: tuple[str, str, date | None]) -> list[Participant]:
    with store.unit_of_work(ACTOR) as uow:
        return [create_participant(uow, Participant(first_name=first, last_name=last, date_of_birth=born,
                                                    program=Program.ADULT, board="default"))
                for first, last, born in names]


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text (qtbot.keyClicks only handles ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def wait_loaded(qtbot: QtBot, window: MainWindow, rows: int | None = None) -> None:
    def done() -> bool:
        return not window.caseload.loading and (rows is None or window.caseload.model.rowCount() == rows)
    qtbot.waitUntil(done, timeout=20_000)  # generous: other work may share the 2 CPUs


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    view = window.gate.unlock_view
    view.passphrase.clear()
    qtbot.keyClicks(view.passphrase, passphrase)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    wait_loaded(qtbot, window)


def names(window: MainWindow) -> list[str]:
    model = window.caseload.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]
