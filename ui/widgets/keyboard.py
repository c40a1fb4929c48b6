"""Keyboard behaviour the windows share (issue 13, findings 4 and 6).

* A table or list is one Tab stop; the arrow keys move inside it (Tab no longer walks cell by
  cell through every record, as it does in Windows and macOS list views).
* Tabbing into a table does not choose its first row: choosing a row loads that record into
  the form ("Change ..."), and that must be the coach's act (arrows, a click), never a side
  effect of passing through.
* Scroll areas are not Tab stops (they were an invisible stop on every wizard page).
* ``tab_chain`` helpers find a page's first and last Tab stops so a window can put its own
  buttons after the content (reading order).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QScrollArea, QWidget


class _NoChoiceOnFocus(QObject):
    """Swallows an item view's focus-in handling, which would make its first row current."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractItemView)
                and isinstance(event, QFocusEvent) and not watched.currentIndex().isValid()):
            QWidget.focusInEvent(watched, event)  # what a plain widget does; not "choose row 1"
            watched.viewport().update()  # draw the focus frame
            return True
        return False


_FILTER: _NoChoiceOnFocus | None = None


def one_tab_stop(view: QAbstractItemView) -> None:
    """Tab passes the table as one stop, and entering it chooses nothing."""
    global _FILTER
    if _FILTER is None:
        _FILTER = _NoChoiceOnFocus()
    view.setTabKeyNavigation(False)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.installEventFilter(_FILTER)


def tidy_tab_stops(root: QWidget) -> None:
    """Every table and list under ``root`` one Tab stop; no scroll area a stop of its own."""
    for view in root.findChildren(QAbstractItemView):
        if view.window() is not root.window():
            continue  # a combo box's drop-down list lives in a popup window of its own
        if isinstance(view, QHeaderView):
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # part of its table, not a stop
            continue
        one_tab_stop(view)
    for area in root.findChildren(QScrollArea):
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def tab_stops(root: QWidget, *, now: bool = True) -> list[QWidget]:
    """The Tab stops under ``root`` in the order they were made (a form is built top to
    bottom): those that can take focus now, or (``now`` False) also those hidden or disabled.

    It does not walk ``nextInFocusChain``: doing so from Python over a wizard's internal widgets
    crashed PySide6 6.12 later, when the style was changed (a dangling wrapper)."""
    return [w for w in root.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
            and ((w.isVisibleTo(root) and w.isEnabled()) or not now)]


def buttons_last(window: QWidget, buttons: list[QWidget]) -> None:
    """Move ``buttons`` to the end of the window's Tab chain, in this order: the content of the
    window (whatever was made after the buttons, a wizard's pages) comes first."""
    last = window.previousInFocusChain()  # the end of the window's chain
    if last is None or last in buttons:
        last = buttons[0].previousInFocusChain()
    if last is None:
        return
    QWidget.setTabOrder(last, buttons[0])
    for before, after in zip(buttons, buttons[1:], strict=False):
        QWidget.setTabOrder(before, after)
