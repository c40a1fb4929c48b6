"""What every UI test module shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True, scope="module")
def _windows_gone_after_each_module(qapp: QApplication) -> Iterator[None]:
    """Each test module starts with no windows left by the one before.

    Windows a module leaves open (a dialog a failing test never closed, a window kept by a
    module fixture) otherwise stay alive for the rest of the run; restyling the application
    (ui.theme.apply_theme) then visits all of them, and a leftover from an earlier module made
    that segfault in the wizard tests when the whole UI suite ran in one process."""
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
