"""One date field for every date in the app (issue 13, finding 1).

A QDateEdit moved to the next section after two digits *and* on the typed "/", so
"06/10/2008" typed the way the label says was stored as 06/01/1996, silently. This field is a
plain line of text that is read as a date:

* MM/DD/YYYY, M/D/YYYY and MMDDYYYY (digits only) are accepted; "-" and "." work as "/".
* While typing at the end, a third digit in the month or day part starts the next part (so
  digits alone come out as 06/10/2008), and a typed "/" moves to the next part; a "/" that
  would leave a part empty is ignored.
* Text that is not a date (or is outside the field's range) is shown as an error under the
  field, in words that say what to type, and the field has no date: pages never store it.
* Alt+Down or F4 opens a calendar, as date fields do on Windows; the button in the field does
  the same for a mouse or finger.

For code written against QDateEdit it keeps ``date()``, ``setDate()``, ``dateChanged``,
``setMinimumDate()`` and ``setMaximumDate()``; ``value()``/``set_value()`` use ``datetime.date``.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QIcon,
    QKeyEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import live, names_locale, translate

TOUCH_HEIGHT = 44
DATE_HINT = "MM/DD/YYYY"
_EARLIEST = date(1900, 1, 1)
_LATEST = date(2199, 12, 31)
_ERROR_LOOK = "QLineEdit { border: 2px solid #b00020; }"
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


Day = date  # inside DateField, ``date`` is QDateEdit's method name


def tr(text: str) -> str:
    return translate("DateField", text)  # a Tr: widgets given it follow a language switch


def fmt(day: date | None) -> str:
    return "" if day is None else day.strftime("%m/%d/%Y")


def parse_date(text: str) -> date | None:
    """The date ``text`` names (MM/DD/YYYY, M/D/YYYY, MMDDYYYY), or None if it names none."""
    cleaned = re.sub(r"[-.]", "/", text.strip())
    match = _SLASHED.match(cleaned) or _DIGITS.match(cleaned)
    if match is None:
        return None
    month, day, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def typed(text: str, char: str) -> str | None:
    """``text`` after typing ``char`` at its end, or None to ignore the key.

    A third digit in a month or day part starts the next part; "/" ends a non-empty part.
    """
    parts = text.split("/")
    current = parts[-1]
    if char in "/-.":
        if not current or len(parts) >= 3:
            return None  # no empty parts, and a year is the last part
        return text + "/"
    if not char.isdigit():
        return None
    if len(parts) < 3 and len(current) == 2:
        return text + "/" + char
    if len(parts) == 3 and len(current) == 4:
        return None  # the year is complete
    return text + char


class DateField(QWidget):
    """A date typed as MM/DD/YYYY; empty only if ``optional``. Its error shows under it."""

    dateChanged = Signal(QDate)
    valueChanged = Signal(object)

    def __init__(self, accessible_name: str, *, optional: bool = False, minimum: Day | None = None,
                 maximum: Day | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self._minimum = minimum or _EARLIEST
        self._maximum = maximum or _LATEST
        self._value: Day | None = None
        self._shown_error = False
        self.edit = QLineEdit(self)
        self.edit.setObjectName("date_text")
        # live(): each text follows a language switch (a Tr translates itself again)
        # The hint's letters follow the language (MM/DD/AAAA in Spanish); the order never changes.
        hint = tr("MM/DD/YYYY")
        live(self.edit, "setAccessibleName", tr("{name} ({hint})").format(name=accessible_name, hint=hint))
        live(self.edit, "setPlaceholderText", hint)
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(r"[0-9/.\-]{0,10}", self.edit))
        self.edit.setMinimumHeight(TOUCH_HEIGHT)
        self.edit.setMinimumWidth(150)
        self.calendar_action = QAction(self._calendar_icon(), "", self.edit)
        live(self.calendar_action, "setText", tr("Open the calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.edit.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.error = QLabel(self)
        self.error.setObjectName("date_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._text_changed)
        self._popup: QCalendarWidget | None = None
        self._forwarding = False

    @staticmethod
    def _calendar_icon() -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)

    # -- the value ---------------------------------------------------------------------------
    def value(self) -> Day | None:
        """The date in the field; None while it is empty or not a date (see ``problem``)."""
        return self._value

    def set_value(self, day: Day | None) -> None:
        self.edit.setText(fmt(day))
        self._shown_error = False
        self._show_problem()

    def problem(self) -> str:
        """Why the text is not a usable date, in words that say what to type; "" if it is."""
        text = self.edit.text().strip()
        if not text:
            return "" if self.optional else tr("Type a date as MM/DD/YYYY, e.g. 06/10/2008.")
        day = parse_date(text)
        if day is None:
            return tr("'{text}' is not a date. Type it as MM/DD/YYYY, e.g. 06/10/2008.").format(text=text)
        if day < self._minimum:
            return tr("Type a date on or after {day}.").format(day=fmt(self._minimum))
        if day > self._maximum:
            return tr("Type a date on or before {day}.").format(day=fmt(self._maximum))
        return ""

    def has_error(self) -> bool:
        return bool(self.problem())

    def text(self) -> str:
        return self.edit.text()

    # -- QDateEdit compatibility -----------------------------------------------------------------
    def date(self) -> QDate:
        day = self._value or self._fallback()
        return QDate(day.year, day.month, day.day)

    def setDate(self, value: QDate) -> None:
        self.set_value(Day(value.year(), value.month(), value.day()))

    def setMinimumDate(self, value: QDate) -> None:
        self._minimum = Day(value.year(), value.month(), value.day())
        self._text_changed(self.edit.text())

    def setMaximumDate(self, value: QDate) -> None:
        self._maximum = Day(value.year(), value.month(), value.day())
        self._text_changed(self.edit.text())

    def minimum(self) -> Day:
        return self._minimum

    def maximum(self) -> Day:
        return self._maximum

    def _fallback(self) -> Day:
        today = Day.today()
        return min(max(today, self._minimum), self._maximum)

    # -- typing ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys sent to the field itself (its focus proxy is the text) go to the text; a key the
        # text does not take comes back up here and goes on to the parent (Enter, Escape).
        if self._forwarding:
            event.ignore()
            return
        self._forwarding = True
        try:
            copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self.edit, copy)
            event.setAccepted(copy.isAccepted())
        finally:
            self._forwarding = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            self._finished()
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """True when the key was handled here (it then does not reach the line edit)."""
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if event.key() == Qt.Key.Key_F4 or (alt and event.key() == Qt.Key.Key_Down):
            self.open_calendar()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finished()
            return False  # Enter still reaches the dialog's default button
        char = event.text()
        commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        if len(char) != 1 or not char.isprintable() or event.modifiers() & commands:
            return False  # shortcuts (Ctrl+A, Ctrl+V) and editing keys work as in any text
        edit = self.edit
        if edit.hasSelectedText() or edit.cursorPosition() != len(edit.text()):
            return False  # editing inside the text: the validator alone applies
        after = typed(edit.text(), char)
        if after is not None and len(after) <= edit.maxLength():
            edit.setText(after)
        return True

    def _text_changed(self, text: str) -> None:
        problem = self.problem()
        value = None if problem else parse_date(text)
        if self._shown_error or (problem and len(text.strip()) >= 10):
            self._show_problem()  # an error already shown follows the typing; a full date is judged at once
        elif not problem:
            self._show_problem()
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)
            if value is not None:
                self.dateChanged.emit(QDate(value.year, value.month, value.day))

    def _finished(self) -> None:
        """Leaving the field (or Enter): say what is wrong, or write the date in full."""
        self._shown_error = True
        if self._value is not None and self.edit.text() != fmt(self._value):
            self.edit.setText(fmt(self._value))  # 6/1/2008 reads back as 06/01/2008
        self._show_problem()

    def _show_problem(self) -> None:
        problem = self.problem()
        live(self.error, "setText", problem)
        self.error.setVisible(bool(problem))
        self.edit.setStyleSheet(_ERROR_LOOK if problem else "")
        live(self.edit, "setAccessibleDescription", problem)
        if not problem:
            self._shown_error = False

    # -- the calendar ------------------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        popup = QCalendarWidget()
        popup.setLocale(names_locale())  # "junio" in Spanish; the field still writes MM/DD/YYYY
        # Wide enough for the day names: at its own 320 px "Mon"/"lun." were cut to "…" (seen on a
        # screenshot; one-letter names drew an empty grid offscreen).
        popup.setMinimumWidth(460)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setMinimumDate(QDate(self._minimum.year, self._minimum.month, self._minimum.day))
        popup.setMaximumDate(QDate(self._maximum.year, self._maximum.month, self._maximum.day))
        popup.setSelectedDate(self.date())
        popup.setAccessibleName(tr("Calendar"))
        popup.clicked.connect(lambda day: self._picked(popup, day))
        popup.activated.connect(lambda day: self._picked(popup, day))
        spot = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:  # never past the screen's right edge (it is 460 px wide now)
            spot.setX(max(screen.left(), min(spot.x(), screen.right() - popup.minimumWidth())))
        popup.move(spot)
        popup.show()
        popup.setFocus()
        self._popup = popup
        return popup

    def _picked(self, popup: QCalendarWidget, day: QDate) -> None:
        self.setDate(day)
        popup.close()
        self._popup = None
        self.edit.setFocus()


def birth_date_doubt(born: date, today: date) -> str:
    """Why a date of birth looks mistyped, or "" (issue 13: ask before keeping such a date).

    14 and 100 are defaults of this app: WIOA youth start at 14, and a participant over 100 is
    almost certainly a typing slip. They never refuse a date, they only ask.
    """
    if born > today:
        return tr("The date of birth {day} is in the future.").format(day=fmt(born))
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < 14:
        return tr("The date of birth {day} makes the participant {age} years old, younger than 14."
                  ).format(day=fmt(born), age=age)
    if age > 100:
        return tr("The date of birth {day} makes the participant {age} years old, older than 100."
                  ).format(day=fmt(born), age=age)
    return ""
