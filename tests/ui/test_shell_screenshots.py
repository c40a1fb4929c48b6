"""Screenshots of the app shell, to look at as a person would (screenshots/ is git-ignored).

``test_shell_screenshots`` saves PNGs at the current scale (``QT_SCALE_FACTOR``, default 1) under
screenshots/shell/<scale>x/; the 200% test runs it again in a fresh interpreter at scale 2
(run it by hand with QT_SCALE_FACTOR=1.5 for 150%).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from ui.caseload import CaseloadModel, CaseloadTable
from tests.ui.shell_helpers import (  # noqa: F401 - fixtures
    SCREENSHOTS,
    MakeWindow,
    make_window,
    settings,
    themed,
    type_text,
    unlock,
    wait_loaded,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def scale_folder() -> Path:
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    folder = SCREENSHOTS / "shell" / f"{scale}x"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(widget: QWidget, name: str) -> Path:
    path = scale_folder() / f"{name}.png"
    QApplication.processEvents()  # let layouts settle after a resize
    assert widget.grab().save(str(path))
    assert path.read_bytes()[:8] == PNG_MAGIC
    return path


def assert_statuses_whole(table: CaseloadTable) -> None:
    """The plan status is what a coach scans for: never cut to "Review over…", at any scale."""
    shown = {table.model().index(r, CaseloadModel.STATUS).data() for r in range(table.model().rowCount())}
    assert {"Review overdue", "Signed"} <= shown, shown  # the demo has both, and a bold one
    need = table.sizeHintForColumn(CaseloadModel.STATUS)  # the rows on screen, bold ones bold
    assert table.horizontalHeader().sectionSize(CaseloadModel.STATUS) >= need
    assert table.horizontalHeader().sectionSize(CaseloadModel.STATUS) >= table.status_width()
    for column in (CaseloadModel.BIRTH, CaseloadModel.PROGRAM, CaseloadModel.REVIEW):  # sized from font metrics
        assert table.horizontalHeader().sectionSize(column) >= table.sizeHintForColumn(column), column
    # Names come before the board when room is short: the board is cut first, down to its minimum.
    header = table.horizontalHeader()
    if header.sectionSize(CaseloadModel.NAME) < table.sizeHintForColumn(CaseloadModel.NAME):
        assert header.sectionSize(CaseloadModel.BOARD) == header.minimumSectionSize()


def test_shell_screenshots(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    # Create-store screen, half filled in.
    window = make_window(tmp_path / "new" / "coach.iep")
    window.resize(1180, 760)
    create = window.gate.create_view
    qtbot.keyClicks(create.passphrase, "river lamp")
    save(window, "create_store")
    window.resize(960, 540)  # a 1920x1080 laptop at 200%
    save(window, "create_store_small_screen")

    # Demo: the unlock screen with its passphrase, then the caseload with 60 synthetic people.
    demo = make_window(tmp_path / "demo" / "demo.iep", demo=True)
    demo.resize(1180, 760)
    save(demo, "unlock_demo")
    qtbot.mouseClick(demo.gate.unlock_view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: demo.store is not None, timeout=60_000)
    wait_loaded(qtbot, demo)  # the first page of the 60 (the rest comes as the list scrolls)
    assert demo.caseload.model.rowCount() > 2
    demo.caseload.table.selectRow(2)
    save(demo, "caseload_demo")
    assert_statuses_whole(demo.caseload.table)
    demo.resize(960, 540)
    save(demo, "caseload_small_screen")
    assert_statuses_whole(demo.caseload.table)
    demo.resize(1180, 760)

    # The case notes of the selected person (the demo wrote some), with a note half typed.
    qtbot.mouseClick(demo.caseload.notes_button, Qt.MouseButton.LeftButton)
    selected = demo.caseload.selected_id()
    assert selected is not None
    notes = demo.notes_windows[selected]
    qtbot.waitUntil(notes.isVisible)
    notes.resize(1180, 760)
    if notes.model.rowCount():
        notes.select(notes.model.row_at(0).id)
    type_text(notes.title, "Job fair follow-up")
    type_text(notes.story, "Met at the Riverside job fair; brought her résumé.")
    save(notes, "case_notes")
    notes.resize(960, 540)
    save(notes, "case_notes_small_screen")
    notes.discard_and_close()
    qtbot.keyClicks(demo.caseload.search, "ma")
    wait_loaded(qtbot, demo)
    save(demo, "caseload_search")

    # New participant, partly typed.
    dialog = demo.caseload.new_participant()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.first_name, "Thi Lan")
    type_text(dialog.last_name, "Nguyễn")
    dialog.date_of_birth.setFocus()
    qtbot.keyClicks(dialog.date_of_birth, "03181990")
    save(dialog, "new_participant")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no-op check: saves, closes
    qtbot.waitUntil(lambda: demo.caseload._dialog is None)
    wait_loaded(qtbot, demo)

    # Locked after idling; then a wrong passphrase on the real unlock screen.
    demo.lock(idle=True)
    save(demo, "locked")
    view = demo.gate.unlock_view
    view.passphrase.clear()
    qtbot.keyClicks(view.passphrase, "not it at all")
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.message.isVisible, timeout=10_000)
    save(demo, "locked_wrong_passphrase")

    # A real coach store (not the demo) at the unlock screen.
    coach = tmp_path / "coach" / "coach.iep"
    coach.parent.mkdir()
    from iep_desktop.store.store import Store
    from tests.conftest import cheap_kdf
    Store.create(coach, PASSPHRASE, kdf=cheap_kdf()).close()
    plain = make_window(coach)
    plain.resize(1180, 760)
    save(plain, "unlock")
    unlock(qtbot, plain, PASSPHRASE)
    save(plain, "caseload_empty")


@pytest.mark.slow
def test_shell_screenshots_at_200_percent(tmp_path: Path) -> None:
    if os.environ.get("QT_SCALE_FACTOR"):
        return  # already the scaled run
    root = Path(__file__).resolve().parents[2]
    for scale in ("2",):
        env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / scale),
             f"{Path(__file__).relative_to(root)}::test_shell_screenshots"],
            cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert (SCREENSHOTS / "shell" / f"{scale}x" / "caseload_demo.png").exists()
