"""The look: Fusion, readable type, touch-sized controls (44 logical px, so 88 device px at 200%).

Sizes are in logical pixels; Qt scales them with the display, so the same numbers hold at
100%, 150% and 200%.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:  # importing it builds its Python type and ~10 enum types, before the unlock window
    from PySide6.QtWidgets import QTableView

STYLE_NAME = "Fusion"
TOUCH_PX = 44
MIN_POINT_SIZE = 11

STYLE = f"""
QPushButton {{ min-height: {TOUCH_PX}px; min-width: 88px; padding: 0 18px; }}
QPushButton[primary="true"] {{
    background: #1d5fa6; color: white; font-weight: 600;
    border: 1px solid #174d87; border-radius: 5px;
}}
QPushButton[primary="true"]:hover {{ background: #2369b5; }}
QPushButton[primary="true"]:pressed {{ background: #174d87; }}
QPushButton[primary="true"]:disabled {{ background: #dde5ee; border-color: #b8c5d4; color: #4a5a70; }}
QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox {{ min-height: {TOUCH_PX - 2}px; padding: 0 8px; }}
QComboBox {{ combobox-popup: 0; }}
QComboBox QAbstractItemView::item, QListView::item {{ min-height: {TOUCH_PX}px; }}
QMenu::item {{ min-height: {TOUCH_PX}px; padding: 0 24px 0 28px; }}
QMenuBar::item {{ padding: 13px 12px; background: transparent; }}
QMenuBar::item:selected {{ background: #cfe2f7; }}
QCheckBox, QRadioButton {{ min-height: {TOUCH_PX}px; spacing: 10px; }}
QCheckBox::indicator {{ width: 22px; height: 22px; }}
QLabel[role="title"] {{ font-size: 20pt; font-weight: 600; }}
QLabel[role="hint"] {{ color: #4a5563; }}
QLabel[role="error"] {{
    color: #8a1111; background: #fdecea; border: 1px solid #f1b5b1; border-radius: 5px; padding: 8px 10px;
}}
QLabel[role="note"] {{
    color: #5c4300; background: #fff4d1; border: 1px solid #ecd48a; border-radius: 5px; padding: 8px 10px;
}}
QLabel[role="good"] {{ color: #1d6b2d; }}
QLabel[role="section"] {{ font-weight: 600; }}
QLabel[role="empty"] {{ color: #4a5563; background: white; border: 1px solid #d5dbe3; }}
QStatusBar QLabel {{ padding: 2px 8px; }}
QFrame[role="card"] {{ background: white; border: 1px solid #d5dbe3; border-radius: 8px; }}
QTableView {{ gridline-color: #e3e7ec; selection-background-color: #cfe2f7; selection-color: black; }}
QTableView::item {{ padding: 0 6px; }}
QHeaderView::section {{ padding: 6px 8px; font-weight: 600; }}
"""


def new_application(argv: Sequence[str]) -> QApplication:
    """The app's QApplication, in the app's look. Qt is told the style on its command line
    (``-style``, after any the user gave, so Fusion wins as ``apply_theme`` makes it), so it
    makes Fusion as it starts instead of its platform's style: ``setStyle("Fusion")`` afterwards
    made a second style and handed it to Python, whose wrapper for it built QStyle's ~11 enum
    types, about 5 ms before the unlock window (issue 17)."""
    app = QApplication([*argv, "-style", STYLE_NAME])
    _apply(app, set_style=False)
    return app


def apply_theme(app: QApplication) -> None:
    """The app's look on a QApplication made elsewhere (tests): Fusion, then as ``new_application``."""
    _apply(app, set_style=True)


def _apply(app: QApplication, *, set_style: bool) -> None:
    # Take the style sheet off before the style changes: swapping the base style under a live
    # style sheet, then setting the sheet again, crashed Qt when the theme was applied twice.
    app.setStyleSheet("")
    if set_style:
        app.setStyle(STYLE_NAME)
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#eef1f5"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1d5fa6"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE)


def touch_rows(table: QTableView) -> None:
    """Rows a finger can hit: at least TOUCH_PX high, also while the rows size to their text."""
    header = table.verticalHeader()
    header.setMinimumSectionSize(TOUCH_PX)
    header.setDefaultSectionSize(max(TOUCH_PX, header.defaultSectionSize()))


def set_role(widget: QWidget, role: str) -> None:
    """Style hook for labels and frames (title, hint, error, note, card)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def mark_primary(widget: QWidget) -> None:
    widget.setProperty("primary", True)
