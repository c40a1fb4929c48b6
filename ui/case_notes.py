"""The case notes of one participant: an append-only list and a form for a new note (R-C1).

Saved notes are never edited or deleted. To fix one, the coach chooses it and writes a
correction: a new note that points at the old one (the list shows "corrects note of
MM/DD/YYYY" on it). Every read and write is one short call to ``services.notes``.

Typing lives only in the widgets until Save: a case note cannot be changed once saved, so a
half-written one is never written to the store. Closing with unsaved typing asks first; a
lock hides this window with the others and brings it back, typing and all, after unlocking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain.models import CaseNote, CaseNoteKind, NextSteps, Participant
from iep_desktop.app_session import AppSession, Store
from iep_desktop.errors import IepError
from iep_desktop.services import notes
from iep_desktop.services.participants import get_participant
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, translate
from ui.operations import report_failure
from ui.theme import set_role, touch_rows
from ui.widgets.date_field import DateField
from ui.widgets.screen_fit import fit_to_screen
from ui.wizard.table_model import HeadedRowsModel
from ui.wizard.widgets import (
    MessageLabel,
    add_row,
    check_box,
    date_edit,
    fmt,
    from_qdate,
    line_edit,
    make_primary,
    plain_label,
    text_box,
    to_qdate,
    touch_button,
)


def tr(text: str) -> str:
    return translate("CaseNotes", text)  # a Tr: widgets given it follow a language switch


def written_on(note: CaseNote) -> date:
    """The day the note was written, on the coach's calendar (notes are stamped in UTC)."""
    return note.written_at.astimezone().date() if note.written_at.tzinfo else note.written_at.date()


class CaseNotesModel(HeadedRowsModel):
    """The notes, newest first; a correction names the day of the note it corrects."""

    COLUMNS = (QT_TRANSLATE_NOOP("CaseNotes", "Date"), QT_TRANSLATE_NOOP("CaseNotes", "Title"),
               QT_TRANSLATE_NOOP("CaseNotes", "Author"), QT_TRANSLATE_NOOP("CaseNotes", "Follow-up"))
    DATE, TITLE, AUTHOR, FOLLOW_UP = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseNote] = []
        self._by_id: dict[str, CaseNote] = {}
        self._corrected_by: dict[str, CaseNote] = {}

    def set_rows(self, rows: Sequence[CaseNote]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._by_id = {n.id: n for n in self._rows}
        self._corrected_by = {}
        for note in reversed(self._rows):  # oldest first: the latest correction wins
            if note.corrects_id:
                self._corrected_by[note.corrects_id] = note
        self.endResetModel()

    def rows(self) -> list[CaseNote]:
        return list(self._rows)

    def row_at(self, row: int) -> CaseNote:
        return self._rows[row]

    def row_of(self, note_id: str) -> int:
        return next((i for i, n in enumerate(self._rows) if n.id == note_id), -1)

    def note(self, note_id: str) -> CaseNote | None:
        return self._by_id.get(note_id)

    def corrected_by(self, note: CaseNote) -> CaseNote | None:
        return self._corrected_by.get(note.id)

    def title_text(self, note: CaseNote) -> str:
        text = note.title
        if note.corrects_id:
            old = self._by_id.get(note.corrects_id)
            text += " " + (tr("(corrects note of {day})").format(day=fmt(written_on(old))) if old else
                           tr("(corrects an earlier note)"))
        if note.id in self._corrected_by:
            text += " — " + tr("corrected {day}").format(day=fmt(written_on(self._corrected_by[note.id])))
        return text

    # -- Qt model API -----------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        note = self._rows[index.row()]
        column = index.column()
        if column == self.DATE:
            return fmt(written_on(note))
        if column == self.TITLE:
            return self.title_text(note)
        if column == self.AUTHOR:
            return note.author
        return fmt(note.follow_up_on)


def note_text(note: CaseNote, model: CaseNotesModel) -> str:
    """The whole note, as plain text, for the reading pane."""
    steps = note.next_steps
    lines = [model.title_text(note), tr("Written {day} by {author}").format(
        day=fmt(written_on(note)), author=note.author or tr("unknown")), ""]
    lines += [tr("Story"), note.story or "—", "", tr("Figures"), note.figures or "—", ""]
    lines += [tr("Next steps"),
              tr("Goal: {goal}").format(goal=steps.goal or "—"),
              tr("How: {how}").format(how=steps.how or "—"),
              tr("Deadline: {day}").format(day=fmt(steps.deadline) or "—"), "",
              tr("Follow-up date: {day}").format(day=fmt(note.follow_up_on) or "—")]
    return "\n".join(lines)


class OptionalDate(QWidget):
    """A date that may be left out: a check box turns the date field on."""

    changed = Signal()

    def __init__(self, label: str, accessible: str, set_accessible: str, today: date) -> None:
        super().__init__()
        self.check = check_box(label, set_accessible)
        self.edit: DateField = date_edit(accessible)
        self.edit.setMinimumDate(to_qdate(date(today.year - 5, 1, 1)))
        self._today = today
        self.edit.setDate(to_qdate(today))
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        self.edit.setDate(to_qdate(day or self._today))


class CaseNotesWindow(Retranslatable, QDialog):
    """One participant's notes. Follows the main window's lock and unlock (``set_store``)."""

    saved = Signal(object)  # the CaseNote just written

    def __init__(self, session: AppSession, participant_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.participant_id = participant_id
        self.correcting: CaseNote | None = None
        self._close_warned = False
        self.person: Participant = session.read(lambda uow: get_participant(uow, participant_id))
        self._today = session.clock.today()
        self.setObjectName("case_notes")
        self.live(self.setWindowTitle, lambda: tr("Case notes — {name}").format(name=self.person.display_name))
        self.setMinimumSize(720, 480)
        self._build()
        fit_to_screen(self, QSize(1120, 760))
        self.refresh()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------------
    def _named(self, widget: QWidget, name: Callable[[], str], placeholder: Callable[[], str] | None = None) -> None:
        """A field's accessible name (and placeholder) in the current language, now and after a switch."""
        self.live(widget.setAccessibleName, name)
        if placeholder is not None:
            self.live(widget.setPlaceholderText, placeholder)  # type: ignore[attr-defined]

    def _build(self) -> None:
        live, named = self.live, self._named
        heading = QLabel()
        live(heading.setText, lambda: tr("Case notes — {name}").format(name=self.person.display_name))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        set_role(heading, "title")
        heading.setWordWrap(True)
        intro = plain_label()
        live(intro.setText, lambda: tr("Saved notes are never changed or deleted. To fix one, choose it and "
                                       "write a correction: a new note that points at it (R-C1)."))
        set_role(intro, "hint")

        # Left: the list and the chosen note.
        self.model = CaseNotesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        named(self.table, lambda: tr("Saved case notes, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        touch_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseNotesModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CaseNotesModel.AUTHOR, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CaseNotesModel.AUTHOR, 120)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.empty = plain_label()
        live(self.empty.setText, lambda: tr("No case notes yet. Write the first one on the right."))
        set_role(self.empty, "hint")
        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        named(self.reader, lambda: tr("The chosen case note"), lambda: tr("Choose a note in the list to read all of it."))
        self.reader.setTabChangesFocus(True)
        self.correct_button = touch_button("", "", self.start_correction)
        live(self.correct_button.setText, lambda: tr("Write a &correction"))
        named(self.correct_button, lambda: tr("Write a correction of the chosen note"))
        self.correct_button.setEnabled(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.empty, 1)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.reader, 2)
        row = QHBoxLayout()
        row.addWidget(self.correct_button)
        row.addStretch(1)
        left_layout.addLayout(row)

        # Right: the new note.
        self.form_box = QGroupBox()
        live(self.form_box.setTitle, lambda: tr("Correction") if self.correcting else tr("New case note"))
        self.form_box.setStyleSheet("QGroupBox { font-weight: bold; }")
        self.correction_banner = MessageLabel()
        self.cancel_correction_button = touch_button("", "", self.cancel_correction)
        live(self.cancel_correction_button.setText, lambda: tr("Not a correction"))
        named(self.cancel_correction_button, lambda: tr("Write a new note instead of a correction"))
        self.cancel_correction_button.hide()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title = line_edit("")
        named(self.title, lambda: tr("Note title"), lambda: tr("e.g. Job fair follow-up"))
        self.story = text_box("", "", 3)
        named(self.story, lambda: tr("Story: what happened"), lambda: tr("What happened, who was there, what was "
                                                                          "agreed"))
        self.figures = text_box("", "", 2)
        named(self.figures, lambda: tr("Figures: dates, amounts, scores"),
              lambda: tr("e.g. TABE reading 8.4; bus pass $50"))
        self.step_goal = line_edit("")
        named(self.step_goal, lambda: tr("Next step goal"), lambda: tr("What should happen next"))
        self.step_how = text_box("", "", 2)
        named(self.step_how, lambda: tr("Next step: how"), lambda: tr("How it will be done, and by whom"))
        self.step_deadline = OptionalDate("", "", "", self._today)
        self.follow_up = OptionalDate("", "", "", self._today)
        for optional, name, set_name in (
                (self.step_deadline, lambda: tr("Next step deadline"), lambda: tr("Set the next step deadline")),
                (self.follow_up, lambda: tr("Follow-up date"), lambda: tr("Set the follow-up date"))):
            live(optional.check.setText, lambda: tr("Set a date"))
            named(optional.check, set_name)
            named(optional.edit, name)
        self.parts_hint = plain_label()
        set_role(self.parts_hint, "hint")
        # A board's note structure may be for one kind of note (R-C1: SCPa IV.A, incentive notes).
        self.incentive = check_box("")
        live(self.incentive.setText, lambda: tr("This is an &incentive case note"))
        named(self.incentive, lambda: tr("Incentive case note"))
        self._structured = self.session.profiles.get(self.person.board).case_notes.structured_kinds
        live(add_row(form, "", self.title).setText, lambda: tr("&Title"))
        live(add_row(form, "", self.story).setText, lambda: tr("St&ory"))
        live(add_row(form, "", self.figures).setText, lambda: tr("&Figures"))
        steps = QLabel()
        live(steps.setText, lambda: tr("Next steps"))
        set_role(steps, "section")
        form.addRow(steps)
        live(add_row(form, "", self.step_goal).setText, lambda: tr("&Goal"))
        live(add_row(form, "", self.step_how).setText, lambda: tr("&How"))
        live(add_row(form, "", self.step_deadline, self.step_deadline.check).setText, lambda: tr("&Deadline"))
        live(add_row(form, "", self.follow_up, self.follow_up.check).setText, lambda: tr("Follow-&up"))
        if CaseNoteKind.INCENTIVE in self._structured:
            form.addRow("", self.incentive)
        else:
            self.incentive.hide()
        self.message = MessageLabel()
        self.save_button = make_primary(touch_button("", "", self.save))
        live(self.save_button.setText, lambda: tr("&Save note"))
        named(self.save_button, lambda: tr("Save the case note"))
        self.clear_button = touch_button("", "", self.clear_form)
        live(self.clear_button.setText, lambda: tr("C&lear"))
        named(self.clear_button, lambda: tr("Clear the form"))
        box = QVBoxLayout(self.form_box)
        box.addWidget(self.correction_banner)
        box.addWidget(self.cancel_correction_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addLayout(form)
        box.addWidget(self.parts_hint)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form_box)
        self.form_scroll = scroll
        # Save stays on screen however small the window: only the form scrolls.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([560, 460])
        self.close_button = touch_button("", "", self.close)
        live(self.close_button.setText, lambda: tr("Close"))
        named(self.close_button, lambda: tr("Close case notes"))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        order = [self.table, self.reader, self.correct_button, self.cancel_correction_button, self.title,
                 self.story, self.figures, self.step_goal, self.step_how, self.step_deadline.check,
                 self.step_deadline.edit, self.follow_up.check, self.follow_up.edit, self.save_button,
                 self.clear_button, self.close_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        for edit in (self.title,):
            edit.textChanged.connect(self._edited)
        for box_ in (self.story, self.figures, self.step_how):
            box_.textChanged.connect(self._edited)
        self.step_goal.textChanged.connect(self._edited)
        self.step_deadline.changed.connect(self._edited)
        self.follow_up.changed.connect(self._edited)
        self.incentive.toggled.connect(self._kind_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self).activated.connect(self.save)
        self._show_required_parts()

    def _kind_changed(self, _on: bool) -> None:
        self._edited()
        self._show_required_parts()

    def _kind(self) -> CaseNoteKind:
        return CaseNoteKind.INCENTIVE if self.incentive.isChecked() else CaseNoteKind.GENERAL

    def _show_required_parts(self) -> None:
        self.live(self.parts_hint.setText, self._required_parts)

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self._chosen()

    def _required_parts(self) -> str:
        rules = self.session.profiles.get(self.person.board).case_notes
        applies = not self._structured or self._kind() in self._structured
        wanted = [part for part, on in ((tr("figures"), rules.require_figures),
                                        (tr("next steps (goal, how and deadline)"), rules.require_next_steps),
                                        (tr("a follow-up date"), rules.require_follow_up)) if on and applies]
        if wanted:
            if self._structured:
                text = tr("This board asks every incentive note for a title, the story, {parts} (R-C1). "
                          "Ctrl+Enter saves.")
            else:
                text = tr("This board asks every note for a title, the story, {parts} (R-C1). Ctrl+Enter saves.")
            return text.format(parts=", ".join(wanted))
        if self._structured:
            return tr("A note needs a title and the story (R-C1). An incentive note also needs figures, next "
                      "steps and a follow-up date here. Ctrl+Enter saves.")
        return tr("A note needs a title and the story (R-C1); the rest helps whoever reads it next. "
                  "Ctrl+Enter saves.")

    # -- the store --------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        """After a lock (None) and an unlock (the reopened store); typing stays in the form."""
        self.save_button.setEnabled(store is not None)
        if store is not None:
            self.refresh()

    def refresh(self) -> None:
        chosen = self.chosen()
        try:
            rows = self.session.read(lambda uow: notes.case_notes(uow, self.participant_id))
        except IepError as exc:
            report_failure(exc, self.message)
            return
        self.model.set_rows(rows)
        for widget in (self.table, self.reader, self.correct_button):
            widget.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if chosen is not None and self.model.row_of(chosen.id) >= 0:
            self.select(chosen.id)
        else:
            self._chosen()

    # -- reading ------------------------------------------------------------------------------------
    def chosen(self) -> CaseNote | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, note_id: str) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _chosen(self) -> None:
        note = self.chosen()
        self.correct_button.setEnabled(note is not None)
        self.reader.setPlainText(note_text(note, self.model) if note is not None else "")

    # -- writing ------------------------------------------------------------------------------------
    def _edited(self, *_args: object) -> None:
        self._close_warned = False
        self.message.clear_message()  # the last message was about what was there before

    def has_typing(self) -> bool:
        return any(w.toPlainText().strip() for w in (self.story, self.figures, self.step_how)) or any(
            w.text().strip() for w in (self.title, self.step_goal))

    def note_as_typed(self) -> CaseNote:
        return CaseNote(
            participant_id=self.participant_id, title=self.title.text().strip() or "-",
            story=self.story.toPlainText(), figures=self.figures.toPlainText(),
            next_steps=NextSteps(goal=self.step_goal.text(), how=self.step_how.toPlainText(),
                                 deadline=self.step_deadline.value()),
            follow_up_on=self.follow_up.value(), written_at=datetime.now().astimezone(),
            corrects_id=self.correcting.id if self.correcting else None, note_kind=self._kind())

    def save(self) -> CaseNote | None:
        if not self.title.text().strip():
            self.message.show_error(tr("Give the note a title, e.g. 'Job fair follow-up' (R-C1)."))
            self.title.setFocus()
            return None
        for optional in (self.step_deadline, self.follow_up):
            if optional.check.isChecked() and optional.edit.has_error():  # never stored (issue 13)
                self.message.show_error(optional.edit.problem())
                optional.edit.setFocus()
                return None
        note = self.note_as_typed()
        try:
            saved = self.session.write(lambda uow: notes.write_case_note(uow, note))
        except IepError as exc:
            report_failure(exc, self.message)
            return None
        corrected = self.correcting
        self.clear_form()
        self.refresh()
        self.select(saved.id)
        what = (tr("Correction of the note of {day} saved.").format(day=fmt(written_on(corrected))) if corrected
                else tr("Note saved."))
        self.message.show_ok(what + " " + tr("It is part of {name}'s record now.").format(
            name=self.person.display_name))
        self.saved.emit(saved)
        return saved

    def clear_form(self) -> None:
        for edit in (self.title, self.step_goal):
            edit.clear()
        for box in (self.story, self.figures, self.step_how):
            box.clear()
        self.step_deadline.set_value(None)
        self.follow_up.set_value(None)
        self.incentive.setChecked(False)
        self.cancel_correction()
        self.message.clear_message()
        self._close_warned = False

    def start_correction(self) -> None:
        """The chosen note's parts go into the form; the coach fixes what was wrong and saves."""
        note = self.chosen()
        if note is None:
            return
        self.correcting = note
        prefix = tr("Correction: {title}").format(title="")
        already = note.title.startswith(("Correction", prefix.strip()))
        self.title.setText(note.title if already else tr("Correction: {title}").format(title=note.title))
        self.story.setPlainText(note.story)
        self.figures.setPlainText(note.figures)
        self.step_goal.setText(note.next_steps.goal)
        self.step_how.setPlainText(note.next_steps.how)
        self.step_deadline.set_value(note.next_steps.deadline)
        self.follow_up.set_value(note.follow_up_on)
        self.incentive.setChecked(note.note_kind is CaseNoteKind.INCENTIVE)
        self.live(self.form_box.setTitle, lambda: tr("Correction") if self.correcting else tr("New case note"))
        self.correction_banner.show_info(
            tr("This corrects the note “{title}” of {day}. That note stays as it is; this one is saved next to "
               "it and points at it.").format(title=note.title, day=fmt(written_on(note))))
        self.cancel_correction_button.show()
        self.title.setFocus()

    def cancel_correction(self) -> None:
        self.correcting = None
        self.live(self.form_box.setTitle, lambda: tr("Correction") if self.correcting else tr("New case note"))
        self.correction_banner.clear_message()
        self.cancel_correction_button.hide()

    # -- closing ------------------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape, Close and the window's close button: unsaved typing is never thrown away silently."""
        if self.has_typing() and not self._close_warned:
            self._close_warned = True
            self.message.show_warning(tr("This note is not saved yet. Save it, or close again to throw away what "
                                         "you typed."))
            return
        super().reject()

    def discard_and_close(self) -> None:
        """Close without asking (the app is quitting)."""
        self._close_warned = True
        self.reject()
