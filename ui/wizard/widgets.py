"""Small widget helpers the wizard pages share: touch-sized inputs, MM/DD/YYYY dates, messages.

Everything here is presentation only: sizes, formats, accessible names, colours. No rule
lives here; messages come from the core (findings, IepError) and are shown as they are.

Languages (issue 18): every text goes through :func:`tr`, which returns a :class:`Tr`, a str
that remembers its English source and format values. The helpers below remember each ``Tr``
they set on a widget (:func:`live`), so :func:`retranslate_tree` can set it again in the new
language while the wizard is open; a :class:`MessageLabel` shows its last message (and rule
findings) again by itself. Dates stay MM/DD/YYYY in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import QDate, QEvent, Qt
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
from ui.i18n import Tr, again, live, live_text, retranslate_tree, translate
from ui.widgets.date_field import DateField

# Typing reaches the encrypted store at most this long after a keystroke, even while the coach
# keeps typing (issue 13: a SIGKILL lost every burst younger than the old 800 ms debounce).
# A save of one record takes a few ms (benchmarks/suites/typing.py), so this is no visible pause.
AUTOSAVE_MS = 100
TOUCH_HEIGHT = 44  # px: the smallest comfortable finger target
QT_DATE_FORMAT = "MM/dd/yyyy"
DATE_HINT = "MM/DD/YYYY"
# Where every wizard text is looked up; tools/translations.py files the bare ``tr("...")`` calls of
# the wizard modules (which import this tr) under it.
TR_CONTEXT = "Wizard"
__all__ = ["Tr", "again", "live", "live_text", "retranslate_tree", "tr"]


def tr(text: str) -> Tr:
    return translate("Wizard", text)


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
    button = QPushButton()
    live(button, "setText", text)
    live(button, "setAccessibleName", accessible_name or _plain(text))
    button.setMinimumHeight(TOUCH_HEIGHT)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)  # Enter in a text box must not press a page button (see PlanWizard)
    if on_click is not None:
        button.clicked.connect(lambda _checked=False: on_click())
    return button


def _plain(text: str) -> str:
    """A button's text as an accessible name: no mnemonic ampersand, no ellipsis."""
    if isinstance(text, Tr):
        return _PlainTr(text.source, text.values, text.context)
    return text.replace("&", "").rstrip("…").strip()


class _PlainTr(Tr):
    def __new__(cls, source: str, values: dict[str, object] | None = None, context: str = "") -> _PlainTr:
        made = super().__new__(cls, source, values, context)
        plain = str.__new__(cls, str(made).replace("&", "").rstrip("…").strip())
        plain.source, plain.values, plain.context = made.source, made.values, made.context
        return plain

    def again(self) -> Tr:
        return _PlainTr(self.source, self.values, self.context)


def line_edit(accessible_name: str, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    live(edit, "setAccessibleName", accessible_name)
    live(edit, "setPlaceholderText", placeholder)
    edit.setMaxLength(max_length)
    edit.setMinimumHeight(TOUCH_HEIGHT)
    edit.setClearButtonEnabled(True)
    return edit


def text_box(accessible_name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    live(box, "setAccessibleName", accessible_name)
    live(box, "setPlaceholderText", placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, so the page stays keyboard reachable
    height = box.fontMetrics().lineSpacing() * lines + 16
    box.setMinimumHeight(max(TOUCH_HEIGHT, height))
    box.setMaximumHeight(height + box.fontMetrics().lineSpacing() * 2)
    return box


def combo(accessible_name: str, items: Iterable[tuple[str, object]] = (),
          editable: bool = False) -> QComboBox:
    box = QComboBox()
    live(box, "setAccessibleName", accessible_name)
    box.setMinimumHeight(TOUCH_HEIGHT)
    box.setEditable(editable)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    for text, data in items:
        box.addItem(text, data)
        if isinstance(text, Tr):
            live(box, "setItemText", text, box.count() - 1)
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
    live(spin, "setAccessibleName", accessible_name)
    spin.setRange(0.0, 12.9)
    spin.setDecimals(1)
    spin.setSingleStep(0.1)
    live(spin, "setSpecialValueText", tr("none"))
    spin.setMinimumHeight(TOUCH_HEIGHT)
    return spin


# Bigger check boxes and rows in item views: they are tapped with a finger.
TOUCH_LIST_STYLE = (f"QListView::item {{ min-height: {TOUCH_HEIGHT}px; }}"
                    " QListView::indicator { width: 22px; height: 22px; }")


def check_box(text: str, accessible_name: str | None = None) -> QCheckBox:
    box = QCheckBox()
    live(box, "setText", text)
    live(box, "setAccessibleName", accessible_name or text)
    box.setMinimumHeight(TOUCH_HEIGHT)
    return box


def add_row(form: QFormLayout, text: str, widget: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A form row whose label is the field's buddy, so Alt+letter and screen readers find it.

    Labels stay on one line (a wrapped "MM/\nDD/YYYY" is hard to read): keep them short.
    """
    label = QLabel()
    live(label, "setText", text)
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
    label = QLabel()
    live(label, "setText", text)
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
    label = QLabel()
    live(label, "setText", text)
    label.setWordWrap(True)  # a narrow column: a long (Spanish) label wraps instead of widening the page
    label.setBuddy(widget)
    label.setWordWrap(True)  # a narrow column at 200 % (issue 13): wrap, never widen the page
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
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # participant data is never markup
    live(label, "setText", text)
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
    """A line of feedback in plain words; its accessible name is the message itself.

    After a language switch it shows its last message again in the new language: a ``Tr`` is
    translated again, a message given as a callable is built again, rule findings are rendered again (their text comes from the core in the
    language now in use, the rule id unchanged); a message from the core stays as it was.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        self._shown: Callable[[], None] | None = None  # how to show the last message again

    def show_error(self, text: str | Callable[[], str]) -> None:
        self._remember(lambda: self._show(_current(text), _ERROR_STYLE))

    def show_warning(self, text: str | Callable[[], str]) -> None:
        self._remember(lambda: self._show(_current(text), _WARNING_STYLE))

    def show_ok(self, text: str | Callable[[], str]) -> None:
        self._remember(lambda: self._show(_current(text), _OK_STYLE))

    def show_info(self, text: str | Callable[[], str]) -> None:
        self._remember(lambda: self._show(_current(text), _INFO_STYLE))

    def show_findings(self, findings: list[Finding], intro: str = "") -> None:
        """Rule findings about the record in the form, worst first, each with its rule id."""
        if not findings:
            self.clear_message()
            return
        self._remember(lambda: self._show_findings(list(findings), intro))

    def _show_findings(self, findings: list[Finding], intro: str) -> None:
        worst = min(findings, key=lambda f: _RANK[f.severity]).severity
        lines = [again(intro)] if intro else []
        lines += [tr("{severity}: {message}").format(severity=severity_word(f.severity), message=f.message)
                  for f in findings]
        self._show("\n".join(lines), _ERROR_STYLE if worst is Severity.ERROR else _WARNING_STYLE)

    def clear_message(self) -> None:
        self._shown = None
        self.clear()
        self.setAccessibleName("")
        self.setVisible(False)

    def retranslate(self) -> None:
        shown = self.__dict__.get("_shown")  # absent while (or if) __init__ did not finish
        if shown is not None:
            shown()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _remember(self, show: Callable[[], None]) -> None:
        self._shown = show
        show()

    def _show(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))


def _current(text: str | Callable[[], str]) -> str:
    """A message in the language now in use: a ``Tr`` again, a callable (that builds the message
    from ``tr()`` texts and findings) called again, other text as it is."""
    return text() if callable(text) else again(text)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


def severity_word(severity: Severity) -> str:
    return {Severity.ERROR: tr("Must fix"), Severity.WARNING: tr("Warning"),
            Severity.SUGGESTION: tr("Suggestion")}[severity]


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
    field = " ".join(str(part) for part in first["loc"]).replace("_", " ") or tr("a field")
    return tr("Check the {field}: {problem}.").format(field=field, problem=first["msg"].rstrip(".").lower())
