"""New participant: the dialog gathers the fields; the caller's ``save`` does the one service call.

The dialog is opened with ``open()`` (not ``exec()``) so auto-lock can hide it and show it again
with what was typed; it never holds the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from pydantic import ValidationError
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QFrame,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain.models import Language, Participant, Program
from iep_desktop.errors import IepError, ProfileError
from iep_desktop.profiles import SHIPPED, BoardProfile, ProfileCatalogue
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, word, translate
from ui.theme import TOUCH_PX, mark_primary, set_role
from ui.widgets.date_field import DateField, birth_date_doubt
from ui.widgets.screen_fit import fit_to_screen

FIELD_NAMES = {"first_name": QT_TRANSLATE_NOOP("ParticipantDialog", "First name"),
               "last_name": QT_TRANSLATE_NOOP("ParticipantDialog", "Last name"),
               "date_of_birth": QT_TRANSLATE_NOOP("ParticipantDialog", "Date of birth"),
               "ssn_last4": QT_TRANSLATE_NOOP("ParticipantDialog", "SSN last 4"),
               "board": QT_TRANSLATE_NOOP("ParticipantDialog", "Board"),
               "region": QT_TRANSLATE_NOOP("ParticipantDialog", "Region"),
               "office": QT_TRANSLATE_NOOP("ParticipantDialog", "Office")}


class OptionalDateEdit(DateField):
    """A date that may be left empty (the app's one date field, ui/widgets/date_field.py)."""

    def __init__(self, start: date, latest: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tr("Date"), optional=True, maximum=latest, parent=parent)
        self._start = start

    def _fallback(self) -> date:
        return self._start  # where the calendar opens while the field is empty

    def clear_date(self) -> None:
        self.set_value(None)


def tr(text: str) -> str:
    return translate("ParticipantDialog", text)  # a Tr: widgets given it follow a language switch


def profile_choices(profiles: ProfileCatalogue = SHIPPED) -> list[BoardProfile]:
    """The boards of the open store's catalogue (the office's published ones included)."""
    choices = []
    for profile_id in profiles.available():
        try:
            choices.append(profiles.get(profile_id))
        except ProfileError:
            continue  # a broken profile file is reported by the CLI; the dialog offers the rest
    return choices


class ParticipantDialog(Retranslatable, QDialog):
    """First and last name, date of birth, SSN last 4, program, board, region, office, EL, eligibility."""

    def __init__(self, save: Callable[[Participant], Participant], *, today: date,
                 default_board: str = "", profiles: ProfileCatalogue = SHIPPED,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.saved: Participant | None = None
        live = self.live
        live(self.setWindowTitle, lambda: tr("New participant"))
        self.setModal(True)

        self.first_name = self._line("", 200)
        live(self.first_name.setAccessibleName, lambda: tr("First name"))
        self.last_name = self._line("", 200)
        live(self.last_name.setAccessibleName, lambda: tr("Last name"))
        self._today = today
        self.doubt: QMessageBox | None = None  # "is this date of birth right?", while asked
        # No latest date: a date of birth in the future is asked about, not refused (issue 13).
        self.date_of_birth = OptionalDateEdit(date(today.year - 30, 1, 1))
        live(self.date_of_birth.edit.setAccessibleName, lambda: tr("Date of birth (MM/DD/YYYY)"))
        self.ssn_last4 = self._line("", 4)
        live(self.ssn_last4.setAccessibleName, lambda: tr("SSN last 4 digits (optional)"))
        self.ssn_last4.setValidator(QRegularExpressionValidator(r"\d{0,4}", self.ssn_last4))
        live(self.ssn_last4.setPlaceholderText, lambda: tr("Optional"))
        self.ssn_last4.setMaximumWidth(140)
        self.program = QComboBox()
        live(self.program.setAccessibleName, lambda: tr("Program"))
        for program in Program:
            self.program.addItem(word(program.label), program)
        self.board = QComboBox()
        live(self.board.setAccessibleName, lambda: tr("Board"))
        self._profiles = {p.id: p for p in profile_choices(profiles)}
        for profile in self._profiles.values():
            self.board.addItem(profile.name, profile.id)
        self.region = self._combo("")
        live(self.region.setAccessibleName, lambda: tr("Region"))
        self.office = self._combo("")
        live(self.office.setAccessibleName, lambda: tr("Office"))
        self.english_learner = QCheckBox()
        live(self.english_learner.setText, lambda: tr("English &learner"))
        live(self.english_learner.setAccessibleName, lambda: tr("English learner"))
        self.eligibility = OptionalDateEdit(today, latest=today)
        # Issue 18: the participant's copy and the signature consent are printed in this language.
        self.language = QComboBox()
        live(self.language.setAccessibleName, lambda: tr("Preferred language"))
        for language in Language:
            self.language.addItem(language.label, language)  # each name in its own language
        live(self.eligibility.edit.setAccessibleName, lambda: tr("Eligibility determined on (MM/DD/YYYY, optional)"))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        for text, field in ((QT_TRANSLATE_NOOP("ParticipantDialog", "&First name"), self.first_name),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "L&ast name"), self.last_name),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Date of birth"), self.date_of_birth),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&SSN last 4"), self.ssn_last4),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Program"), self.program),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Board"), self.board),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Region"), self.region),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Office"), self.office), ("", self.english_learner),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "Preferred lan&guage"), self.language),
                            (QT_TRANSLATE_NOOP("ParticipantDialog", "&Eligibility date"), self.eligibility)):
            if text:
                label = QLabel()
                live(label.setText, partial(tr, text))
                label.setBuddy(field)
                label.setMinimumHeight(TOUCH_PX)  # centred beside the touch-height field
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                form.addRow(label, field)
            else:
                form.addRow("", field)
        date_hint = QLabel()
        live(date_hint.setText, lambda: tr("Dates are MM/DD/YYYY. Leave the eligibility date empty until it is "
                                           "determined."))
        date_hint.setWordWrap(True)
        set_role(date_hint, "hint")

        self.message = QLabel()
        self.message.setWordWrap(True)
        live(self.message.setAccessibleName, lambda: tr("Problem with the participant"))
        set_role(self.message, "error")
        self.message.hide()

        buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        live(self.save_button.setText, lambda: tr("Save participant"))
        self.save_button.setDefault(True)
        mark_primary(self.save_button)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)

        # The fields scroll; Save and Cancel stay below them, on screen at 200 % (issue 13).
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(24, 20, 24, 8)
        fields.setSpacing(12)
        fields.addLayout(form)
        fields.addWidget(date_hint)
        fields.addWidget(self.message)
        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.addWidget(self.fields_area, 1)
        buttons.setContentsMargins(24, 0, 24, 0)
        layout.addWidget(buttons)
        # Again now that it is in the dialog: a button made default before it had the dialog as
        # an ancestor is not the dialog's own default, so once Tab had passed Save, Enter in a
        # field did nothing (issue 13: "Enter in the New participant dialog sometimes does nothing").
        # (Off first: setting it on when it is on already does nothing.)
        self.save_button.setDefault(False)
        self.save_button.setDefault(True)
        self.setMinimumWidth(520)
        wanted = content.sizeHint()
        fit_to_screen(self, QSize(max(560, wanted.width() + 24), wanted.height() + buttons.sizeHint().height() + 24))
        # Enter saves from every field, the editable lists too (they keep Enter to themselves).
        for box in (self.region, self.office):
            line = box.lineEdit()
            if line is not None:
                line.returnPressed.connect(self._try_save)

        self.board.currentIndexChanged.connect(self._board_changed)
        index = self.board.findData(default_board)
        self.board.setCurrentIndex(max(index, 0))
        self._board_changed()
        self.first_name.setFocus()

    # -- building blocks --------------------------------------------------------------------
    @staticmethod
    def _line(name: str, max_length: int) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(name)
        line.setMaxLength(max_length)
        return line

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)  # a profile may list none; the coach can type one
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setAccessibleName(name)
        return combo

    def _board_changed(self) -> None:
        profile = self._profiles.get(self.board.currentData())
        for combo, values in ((self.region, profile.regions if profile else []),
                              (self.office, profile.offices if profile else [])):
            combo.clear()
            combo.addItems(values)

    # -- reading and saving -----------------------------------------------------------------
    def participant(self) -> Participant:
        """The typed participant; InvalidInput-style messages are raised as IepError."""
        first, last = self.first_name.text().strip(), self.last_name.text().strip()
        ssn = self.ssn_last4.text().strip()
        if not first or not last:
            raise IepError(tr("Enter the participant's first and last name."))
        if ssn and len(ssn) != 4:
            raise IepError(tr("Enter all 4 last digits of the SSN, or leave it empty."))
        for name, day in ((tr("date of birth"), self.date_of_birth), (tr("eligibility date"), self.eligibility)):
            if day.has_error():
                raise IepError(tr("Check the {name}: {problem}").format(name=name, problem=day.problem()))
        if self.board.currentData() is None:
            raise IepError(tr("No board profile is installed; ask office IT to install one."))
        try:
            return Participant(
                first_name=first, last_name=last, date_of_birth=self.date_of_birth.value(),
                ssn_last4=ssn or None, program=self.program.currentData(), board=self.board.currentData(),
                region=self.region.currentText().strip(), office=self.office.currentText().strip(),
                english_learner=self.english_learner.isChecked(),
                preferred_language=Language(self.language.currentData()),
                eligibility_determined_on=self.eligibility.value(),
            )
        except ValidationError as exc:
            first_error = exc.errors()[0]
            field = tr(FIELD_NAMES.get(str(first_error["loc"][0]) if first_error["loc"] else "", QT_TRANSLATE_NOOP("ParticipantDialog", "A field")))
            raise IepError(tr("{field}: {problem}. Correct it and save again.").format(
                field=field, problem=first_error["msg"])) from None

    def _try_save(self) -> None:
        try:
            person = self.participant()
        except IepError as exc:
            self.message.setText(exc.message)
            self.message.show()
            return
        doubt = birth_date_doubt(person.date_of_birth, self._today) if person.date_of_birth else ""
        if doubt:
            self._ask_about_birth_date(doubt)
            return
        self._save_person(person)

    def _ask_about_birth_date(self, doubt: str) -> None:
        """A date of birth that is probably mistyped is kept only when the coach says so."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("Check the date of birth"),
                          tr("{doubt} Is that right?").format(doubt=doubt), parent=self)
        keep = box.addButton(tr("&Keep this date"), QMessageBox.ButtonRole.AcceptRole)
        change = box.addButton(tr("&Change it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(change)
        box.setEscapeButton(change)
        for button in (keep, change):
            button.setMinimumHeight(TOUCH_PX)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(_result: int) -> None:
            self.doubt = None
            if box.clickedButton() is keep:
                try:
                    self._save_person(self.participant())
                except IepError as exc:
                    self.message.setText(exc.message)
                    self.message.show()
            else:  # back in the field, its text selected, ready to be typed over
                self.activateWindow()
                self.date_of_birth.setFocus()
                self.date_of_birth.edit.selectAll()

        box.finished.connect(answered)
        self.doubt = box
        box.open()

    def _save_person(self, person: Participant) -> None:
        try:
            self.saved = self._save(person)
        except IepError as exc:
            self.message.setText(exc.message)
            self.message.show()
            return
        self.accept()
