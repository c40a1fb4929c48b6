"""Long work shows progress and can be cancelled (issue 4, item 6): printing the caseload's plans
to a folder from the real main window, on a real store, with real PDFs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import Participant, Program
from iep_desktop.services.participants import create_participant
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.ui.shell_helpers import SCREENSHOTS, settings, themed, unlock  # noqa: F401 - fixtures
from tests.ui.test_wizard import COACH, complete_plan, ready_participant
from ui.batch_print import BatchPrint
from ui.main_window import MainWindow
from ui.settings import Settings

PLANS = 8
NAME = re.compile(r"^plan-\d{3}-[0-9a-f]{8}\.pdf$")


@pytest.fixture
def caseload_window(qtbot: QtBot, store: Store, store_path: Path, clock: FixedClock, settings: Settings,
                    themed: QApplication) -> MainWindow:
    for _ in range(PLANS):
        complete_plan(store, ready_participant(store))
    with store.unit_of_work(COACH) as uow:
        create_participant(uow, Participant(first_name="Zoë", last_name="Brontë", program=Program.ADULT,
                                            board="default"))
    store.close()
    window = MainWindow(store_path, settings=settings, kdf=cheap_kdf(), clock=clock, actor=COACH)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window, PASSPHRASE)
    assert window.caseload.model.rowCount() == PLANS + 1
    return window


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def complete_pdfs(folder: Path) -> list[Path]:
    files = sorted(folder.iterdir())
    for path in files:
        assert NAME.match(path.name), path.name  # no temp file, no personal data in the name
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        assert "Núñez" in PdfReader(path).pages[0].extract_text()  # the name is inside, not on the file
    return files


def test_print_every_plan_of_the_caseload(qtbot: QtBot, caseload_window: MainWindow, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = caseload_window
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(window, "ask_print_folder", lambda: folder)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    batch = window.batch
    assert isinstance(batch, BatchPrint) and batch.progress.isVisible()
    qtbot.waitUntil(lambda: batch.progress.maximum() == PLANS + 1, timeout=30_000)  # everyone the list finds
    qtbot.waitUntil(lambda: batch.result is not None, timeout=60_000)
    assert batch.result is not None and not batch.result.cancelled
    assert len(complete_pdfs(folder)) == PLANS
    assert not batch.progress.isVisible()
    notice = window.notice
    assert notice is not None and notice.isVisible() and notice.windowTitle() == "Plans printed"
    assert f"Saved {PLANS} plans" in notice.text() and "1 participant has no plan yet" in notice.text()


def test_cancel_midway_leaves_only_complete_pdfs(qtbot: QtBot, caseload_window: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = caseload_window
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(window, "ask_print_folder", lambda: folder)
    qtbot.mouseClick(window.caseload.print_button, Qt.MouseButton.LeftButton)
    batch = window.batch
    assert batch is not None and batch.cancel_button is not None
    # Zoë (no plan) counts as done too: at 3 of 9, at least two PDFs are saved.
    qtbot.waitUntil(lambda: batch.progress.value() >= 3, timeout=60_000)
    assert "Saved 3 of 9" in batch.progress.labelText() or batch.progress.value() > 3
    QApplication.processEvents()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert batch.progress.grab().save(str(SCREENSHOTS / "print_plans_progress.png"))
    workers = batch.worker_pids
    assert workers and all(alive(pid) for pid in workers)  # the plans render in worker processes
    qtbot.mouseClick(batch.cancel_button, Qt.MouseButton.LeftButton)
    # Cancel stops the workers at once, not after the plan being rendered now.
    assert not any(alive(pid) for pid in workers)
    assert batch.progress.isVisible() and "Cancelling" in batch.progress.labelText()
    qtbot.waitUntil(lambda: batch.result is not None, timeout=60_000)
    result = batch.result
    assert result is not None and result.cancelled
    files = complete_pdfs(folder)
    assert 2 <= len(files) < PLANS and files == sorted(result.written)
    notice = window.notice
    assert notice is not None and notice.windowTitle() == "Printing cancelled"
    assert f"{len(files)} plans of {PLANS + 1} participants were saved" in notice.text()
    assert "each of them is complete" in notice.text()

    # The app is not stuck: printing again makes them all.
    notice.close()
    again = window.print_plans(folder)
    assert again is not None
    qtbot.waitUntil(lambda: again.result is not None, timeout=60_000)
    assert len(complete_pdfs(folder)) == PLANS


def test_nothing_to_print_says_what_to_do(qtbot: QtBot, caseload_window: MainWindow, tmp_path: Path) -> None:
    window = caseload_window
    qtbot.keyClicks(window.caseload.search, "nobody by this name")
    qtbot.waitUntil(lambda: not window.caseload.loading and window.caseload.model.rowCount() == 0, timeout=10_000)
    assert window.print_plans(tmp_path) is None
    assert window.notice is not None and "Clear the search" in window.notice.text()


def test_sync_screen_is_reachable_from_the_store_menu(qtbot: QtBot, caseload_window: MainWindow) -> None:
    window = caseload_window
    assert window.sync_action.isEnabled()
    window.sync_action.trigger()
    dialog = window.sync_dialog
    assert dialog is not None and dialog.isVisible()
    assert "not enrolled" in dialog.enrollment.text()  # type: ignore[attr-defined]
    window.lock()
    assert not dialog.isVisible() and not window.sync_action.isEnabled()
    unlock(qtbot, window, PASSPHRASE)
    assert dialog.isVisible() and "not enrolled" in dialog.enrollment.text()  # type: ignore[attr-defined]
