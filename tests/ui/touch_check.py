"""Issue 13, finding 10: what in a window is smaller than a finger (44 logical px).

``too_small(window)`` walks every visible control of a window (buttons, check boxes, radio
buttons, combo boxes, line edits, date fields, spin boxes), every visible row of its lists and
tables, the rows of each combo box's open drop-down and the items of the menu bar's menus, and
names each one under ``TOUCH_PX`` with its height. Used by tests/ui/screen_child.py (every window
at every screen size) and tests/ui/test_field_touch.py.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QTableView,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QWidget,
)

from ui.theme import TOUCH_PX

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
# Parts of a bigger control: the clear and calendar buttons inside a line edit, a spin box's or
# an editable combo box's own line edit, a table's corner button.
PARTS_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView)
MAX_ROWS = 12


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    return widget.accessibleName() or text or widget.objectName() or type(widget).__name__


def _part(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, PARTS_OF):
            return True
        parent = parent.parentWidget()
    return False


def _rows(view: QAbstractItemView, limit: int = MAX_ROWS) -> list[int]:
    model = view.model()
    heights: list[int] = []
    if model is None:
        return heights
    if isinstance(view, QTableView):  # a row's height includes its grid line
        return [view.rowHeight(row) for row in range(min(model.rowCount(), limit))]
    for row in range(min(model.rowCount(view.rootIndex()), limit)):
        rect = view.visualRect(model.index(row, view.modelColumn() if hasattr(view, "modelColumn") else 0,
                                           view.rootIndex()))
        if rect.isValid():
            heights.append(rect.height())
    return heights


def drop_down_rows(box: QComboBox) -> list[int]:
    """The heights of the rows of ``box``'s open drop-down (opened and closed again)."""
    box.showPopup()
    QApplication.processEvents()
    try:
        view = box.view()
        return [view.visualRect(box.model().index(row, box.modelColumn())).height()
                for row in range(min(box.count(), MAX_ROWS))]
    finally:
        box.hidePopup()
        QApplication.processEvents()


def too_small(window: QWidget, *, drop_downs: bool = True, menus: bool = True) -> list[str]:
    small: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, CONTROLS) and not _part(widget, window):
            if widget.height() < TOUCH_PX:
                small.append(f"{type(widget).__name__} '{_name(widget)}': {widget.height()} px")
            if drop_downs and isinstance(widget, QComboBox) and widget.count() and widget.isEnabled():
                rows = drop_down_rows(widget)
                if rows and min(rows) < TOUCH_PX:
                    small.append(f"drop-down rows of '{_name(widget)}': {min(rows)} px")
        if isinstance(widget, QAbstractItemView) and not _part(widget, window):
            rows = _rows(widget)
            if rows and min(rows) < TOUCH_PX:
                small.append(f"rows of {type(widget).__name__} '{_name(widget)}': {min(rows)} px")
    if menus:
        for bar in window.findChildren(QMenuBar):
            if not bar.isVisibleTo(window):
                continue
            for action in bar.actions():
                if bar.actionGeometry(action).height() < TOUCH_PX:
                    small.append(f"menu bar item '{action.text()}': {bar.actionGeometry(action).height()} px")
                menu = action.menu()
                if menu is None:
                    continue
                menu.popup(QPoint(0, 0))
                QApplication.processEvents()
                for item in menu.actions():
                    if item.isSeparator() or not item.isVisible():
                        continue
                    height = menu.actionGeometry(item).height()
                    if height < TOUCH_PX:
                        small.append(f"menu item '{item.text()}': {height} px")
                menu.hide()
    return small
