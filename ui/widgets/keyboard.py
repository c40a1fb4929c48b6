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
    """The Tab stops under ``root`` in Tab order: those that can take focus now, or (``now``
    False) also those hidden or disabled for the moment, which Tab skips while they are."""
    stops: list[QWidget] = []
    widget = root.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen and widget is not root:
        seen.add(id(widget))
        usable = widget.isVisibleTo(root) and widget.isEnabled()
        if (root.isAncestorOf(widget) and (usable or not now)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops
