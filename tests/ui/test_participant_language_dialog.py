"""Issue 18 item 2: the participant dialog records the preferred language (English by default)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import Language, Participant
from tests.ui.shell_helpers import themed  # noqa: F401 - fixture
from ui.theme import TOUCH_PX


def test_the_dialog_records_the_preferred_language_chosen_by_keyboard(qtbot: QtBot, themed: object) -> None:
    from ui.participant_dialog import ParticipantDialog

    saved: list[Participant] = []
    dialog = ParticipantDialog(lambda p: saved.append(p) or p, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.language.currentData() == Language.ENGLISH  # the default
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == ["English", "Español"]
    # As tall as the dialog's other fields (the theme's touch height for line edits and combos).
    assert dialog.language.height() == dialog.program.height() >= TOUCH_PX - 4
    qtbot.keyClicks(dialog.first_name, "Ana")
    qtbot.keyClicks(dialog.last_name, "Smith")
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)
    assert dialog.language.currentData() == Language.SPANISH
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1 and saved[0].preferred_language is Language.SPANISH
