"""Small widget helpers the wizard pages share: touch-sized inputs, MM/DD/YYYY dates, messages.

Everything here is presentation only: sizes, formats, accessible names, colours. No rule
lives here; messages come from the core (findings, IepError) and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain.findings import Finding, Severity
from ui.widgets.date_field import DateField

# Typing reaches the encrypted store at most this long after a keystroke, even while the coach
# keeps typing (issue 13: a SIGKILL lost every burst younger than the old 800 ms debounce).
# A save of one record takes a few ms (benchmarks/suites/typing.py), so this is no visible pause.
AUTOSAVE_MS = 100
TOUCH_HEIGHT = 44  # px: the smallest comfortable finger target
QT_DATE_FORMAT = "MM/dd/yyyy"
DATE_HINT = "MM/DD/YYYY"

_ERROR_STYLE = "color: #b00020; font-weight: bold;"
_WARNING_STYLE = "color: #8a5300;"
_OK_STYLE = "color: #1b6e20;"
_INFO_STYLE = "color: #3c4555;"


def fmt(day: date | None) -> str:
    """A date the way US coaches write it; empty for no date."""
    return "" if day is None else day.strftime("%m/%d/%Y")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def touch_button(text: str, accessible_name: str | None = None,
                 on_click: Callable[[], object] | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible_name or text.replace("&", "").rstrip("…").strip())
    button.setMinimumHeight(TOUCH_HEIGHT)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)  # Enter in a text box must not press a page button
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def line_edit(accessible_name: str, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    edit.setMinimumHeight(TOUCH_HEIGHT)
    edit.setClearButtonEnabled(True)
    return edit


def text_box(accessible_name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, so the page stays keyboard reachable
    height = box.fontMetrics().lineSpacing() * lines + 16
    box.setMinimumHeight(max(TOUCH_HEIGHT, height))
    box.setMaximumHeight(height + box.fontMetrics().lineSpacing() * 2)
    return box


def combo(accessible_name: str, items: Iterable[tuple[str, object]] = (),
          editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    box.setMinimumHeight(TOUCH_HEIGHT)
    box.setEditable(editable)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    for text, data in items:
        box.addItem(text, data)
    return box


def select_data(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)


def select_or_add(box: QComboBox, data: object, text: str) -> None:
    """Select ``data``; a stored value the list no longer offers is added, never replaced."""
    if box.findData(data) < 0:
        box.addItem(text, data)
    select_data(box, data)


def date_edit(accessible_name: str, *, maximum: date | None = None) -> DateField:
    """The app's one date field (ui/widgets/date_field.py): MM/DD/YYYY typed with or without "/"."""
    return DateField(accessible_name, maximum=maximum)


def grade_spin(accessible_name: str) -> QDoubleSpinBox:
    """TABE grade level 0.0-12.9; 0.0 shows as 'none' because most tests report no grade."""
    spin = QDoubleSpinBox()
    spin.setAccessibleName(accessible_name)
    spin.setRange(0.0, 12.9)
    spin.setDecimals(1)
    spin.setSingleStep(0.1)
    spin.setSpecialValueText("none")
    spin.setMinimumHeight(TOUCH_HEIGHT)
    return spin


# Bigger check boxes and rows in item views: they are tapped with a finger.
TOUCH_LIST_STYLE = (f"QListView::item {{ min-height: {TOUCH_HEIGHT}px; }}"
                    " QListView::indicator { width: 22px; height: 22px; }")


def check_box(text: str, accessible_name: str | None = None) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(accessible_name or text)
    box.setMinimumHeight(TOUCH_HEIGHT)
    return box


def add_row(form: QFormLayout, text: str, widget: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A form row whose label is the field's buddy, so Alt+letter and screen readers find it.

    Labels stay on one line (a wrapped "MM/\nDD/YYYY" is hard to read): keep them short.
    """
    label = QLabel(text)
    label.setBuddy(buddy or widget)
    # As tall as a one-line field and centred on it; a multi-line box gets its label at the top.
    label.setMinimumHeight(TOUCH_HEIGHT)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.addRow(label, widget)
    return label


def pair(first: QWidget, text: str, second: QWidget) -> QWidget:
    """Two fields on one form row (dates, score and grade): shorter pages on a laptop screen."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    layout.addSpacing(16)
    label = QLabel(text)
    label.setBuddy(second)
    layout.addWidget(label)
    layout.addWidget(second, 1)
    return row


def above(text: str, widget: QWidget) -> QWidget:
    """A field with its label above it (for narrow columns)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(text)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


# The app theme's primary-button colours (ui/theme.py), so a page looks the same with or
# without the theme applied (tests, a wizard opened on its own).
PRIMARY_STYLE = (
    "QPushButton { background: #1d5fa6; color: white; font-weight: 600; border: 1px solid #174d87;"
    " border-radius: 5px; padding: 0 18px; }"
    " QPushButton:focus { border: 2px solid #0b2a5c; }"
    " QPushButton:pressed { background: #174d87; }"
    " QPushButton:disabled { background: #dde5ee; color: #4a5a70; border-color: #b8c5d4; }"
)


def make_primary(button: QPushButton) -> QPushButton:
    """The one action a page is about (Start the plan, Add goal, Sign)."""
    button.setProperty("primary", True)
    button.setStyleSheet(PRIMARY_STYLE)
    return button


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # participant data is never markup
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class MessageLabel(QLabel):
    """A line of feedback in plain words; its accessible name is the message itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self._show(text, _ERROR_STYLE)

    def show_warning(self, text: str) -> None:
        self._show(text, _WARNING_STYLE)

    def show_ok(self, text: str) -> None:
        self._show(text, _OK_STYLE)

    def show_info(self, text: str) -> None:
        self._show(text, _INFO_STYLE)

    def show_findings(self, findings: list[Finding]) -> None:
        """Rule findings about the record in the form, worst first, each with its rule id."""
        if not findings:
            self.clear_message()
            return
        worst = min(findings, key=lambda f: _RANK[f.severity]).severity
        text = "\n".join(f"{severity_word(f.severity)}: {f.message}" for f in findings)
        self._show(text, _ERROR_STYLE if worst is Severity.ERROR else _WARNING_STYLE)

    def clear_message(self) -> None:
        self.clear()
        self.setAccessibleName("")
        self.setVisible(False)

    def _show(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


def severity_word(severity: Severity) -> str:
    return {Severity.ERROR: "Must fix", Severity.WARNING: "Warning",
            Severity.SUGGESTION: "Suggestion"}[severity]


def severity_icon(severity: Severity) -> QIcon:
    pixmap = {
        Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        Severity.SUGGESTION: QStyle.StandardPixmap.SP_MessageBoxInformation,
    }[severity]
    return QApplication.style().standardIcon(pixmap)


def plain_validation_message(exc: ValidationError) -> str:
    """Pydantic's first complaint, in words a coach can act on."""
    first = exc.errors()[0]
    field = " ".join(str(part) for part in first["loc"]).replace("_", " ") or "a field"
    return f"Check the {field}: {first['msg'].rstrip('.').lower()}."
