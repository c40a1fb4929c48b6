"""What every wizard page shares, and the editor page for lists of records.

Never lose typing: an editor page saves the record in its form at most AUTOSAVE_MS (0.1 s) after
an edit, even in the middle of a burst of typing,
when the coach leaves the page (Next, Back, a jump from the review page), when the wizard
closes, and before another record is loaded into the form. A record that does not exist yet
is created as soon as it is valid enough to save (a goal once it has a description, an
objective once it has a title and a justification...), and from then on every edit updates it.
Until then its text is kept, on the same debounce, with where the coach is in the wizard
(services/work_in_progress.py), inside the encrypted store: after a crash the app puts it back.
No draft is ever written outside the encrypted store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import ValidationError
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QLabel,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from iep_desktop.domain.findings import Finding
from iep_desktop.domain.models import Record
from iep_desktop.app_session import UnitOfWork
from ui.i18n import Retranslatable
from ui.widgets.date_field import DateField
from ui.widgets.keyboard import tab_stops
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.table_model import Column, RowTableModel
from ui.theme import touch_rows
from ui.wizard.widgets import (
    AUTOSAVE_MS,
    MessageLabel,
    live,
    live_text,
    make_primary,
    plain_label,
    plain_validation_message,
    retranslate_tree,
    touch_button,
    tr,
)

if TYPE_CHECKING:
    from ui.wizard.wizard import PlanWizard

R = TypeVar("R", bound=Record)
TABLE_MIN_HEIGHT = 72  # header and one row
TABLE_MAX_HEIGHT = 180


class PlanPage(Retranslatable, QWizardPage):
    """A page that reads what it shows from the store each time it becomes current.

    After a language switch (issue 18) every ``tr()`` text set through ``live`` and the
    helpers is set again, and the page that is open saves what was typed and shows itself
    again (``enter``), so texts made from the store and rule findings follow the language too.
    """

    page_id: PageId

    def __init__(self, ctx: WizardContext, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        live(self, "setTitle", title)
        if subtitle:
            live(self, "setSubTitle", subtitle)
        self.setObjectName(f"page_{self.page_id.slug}")
        # A scroll area keeps every field reachable on a 768-px-high laptop at 150 % scaling.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSpacing(10)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._folded: QLabel | None = None

    def plan_wizard(self) -> PlanWizard:
        return cast("PlanWizard", self.wizard())

    def fold_subtitle(self) -> None:
        """On a short screen (issue 13: at 200 % only two form rows showed): the page's
        explanation moves from the fixed header into the page, where it scrolls away and leaves
        the fields the room."""
        text = live_text(self, "setSubTitle") or self.subTitle()
        if not text or self._folded is not None:
            return
        live(self, "setSubTitle", "")  # not set again in the header after a language switch
        self._folded = plain_label(text)  # translated again there instead
        self._folded.setObjectName("page_explanation")
        self.body.insertWidget(0, self._folded)

    def explanation(self) -> str:
        """What the page is for, wherever it is shown (header, or folded into the page)."""
        return self._folded.text() if self._folded is not None else self.subTitle()

    # Languages ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        retranslate_tree(self)
        model = getattr(self, "model", None)
        if model is not None:
            model.retranslate()  # table headers and cells
        self.retranslate_page()

    def retranslate_page(self) -> None:
        """Texts made while the page is shown: on the open page, save and show it again (not
        while the store is locked: the page is hidden then and shows itself again on unlock)."""
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self and not self.ctx.session.locked:
            self.flush()
            self.enter()

    # Called by the wizard ------------------------------------------------------------------
    def enter(self) -> None:
        """The page became current (forward, back or a jump): show what is stored now."""

    def save_now(self) -> bool:
        """Write what was typed; False if it could not be saved (the reason is on the page)."""
        return True

    def flush(self) -> bool:
        """Save everything typed on the page (leaving it, closing the wizard, before a lock)."""
        return self.save_now()

    def focus_record(self, record_id: str | None) -> None:
        """Show this record (the review page jumps here to fix a finding about it)."""

    def first_stop(self) -> QWidget | None:
        """Where the keyboard goes when the page opens: the first thing to do on it."""
        stops = tab_stops(self)
        return stops[0] if stops else None

    # Where the coach is, for recovery after a crash (services/work_in_progress.py) ---------------
    def record_in_form(self) -> str | None:
        return None

    def unsaved_text(self) -> dict[str, str]:
        """What was typed that is not saved as a record yet, by field name."""
        return {}

    def restore_text(self, draft: dict[str, str]) -> None:
        """Put unsaved text back after a crash."""

    def show_recovered(self, text: str) -> None:
        """Say on the page that typing was recovered."""

    def remember_where(self) -> None:
        wizard = self.wizard()
        remember = getattr(wizard, "remember_where", None)
        if remember is not None:
            remember()

    # QWizardPage ---------------------------------------------------------------------------
    def validatePage(self) -> bool:
        return self.flush()

    def cleanupPage(self) -> None:
        # Back keeps what was typed: save it instead of resetting fields as QWizard would.
        self.flush()


@dataclass(frozen=True)
class RecordTexts:
    """What a record page says about its kind of record, each a whole sentence (issue 18).

    A sentence with the noun put in ("Saved {noun}s", "Start a new {noun}") cannot agree with it
    in Spanish: "meta" and "evaluación" are feminine ("Metas guardadas", "Empezar una meta nueva"),
    "objetivo" and "servicio" masculine. So each page gives its own sentences.
    """

    new: str  # the form's title while a new record is typed: "New goal"
    add: str  # the button that saves it and starts the next: "Add goal"
    save: str  # the same button while a saved record is chosen: "Save goal"
    start_new: str  # the New button's accessible name: "Start a new goal"
    saved_list: str  # the table's accessible name: "Saved goals"
    hint: str  # how the page works, above the table


class RecordEditorPage(PlanPage, Generic[R]):
    """A table of one kind of record and a form that adds or edits one of them.

    Subclasses build the form and say how its fields become a record (``form_values``), which
    service adds or updates it, and which rules to run on it while the coach types.
    """

    record_type: type[R]
    texts: RecordTexts
    inline_rules: tuple[str, ...] = ()

    def __init__(self, ctx: WizardContext, title: str, subtitle: str = "") -> None:
        super().__init__(ctx, title, subtitle)
        self._editing: R | None = None  # the saved record shown in the form, None for a new one
        self._dirty = False
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self.model: RowTableModel[R] = RowTableModel(self.columns(), self)
        self.table = self._make_table()
        self.form_box = QGroupBox()
        self.form_box.setStyleSheet("QGroupBox { font-weight: bold; }")  # the title only
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.problems = MessageLabel()
        self.status = MessageLabel()
        self.add_button = make_primary(touch_button(self.texts.add, self.texts.add, self._commit_and_new))
        self.new_button = touch_button(self.texts.new, self.texts.start_new, self.start_new)
        self._lay_out()
        for field in self.form_box.findChildren(DateField):
            # A date turned into text that is not a date: re-check (the Add button goes off).
            field.valueChanged.connect(self._date_changed)

    def _date_changed(self, value: object) -> None:
        if value is None:
            self.edited()

    # Subclass hooks ------------------------------------------------------------------------
    def columns(self) -> list[Column[R]]:
        raise NotImplementedError

    def build_form(self, form: QFormLayout) -> None:
        """Create the form's widgets in tab order and connect their edits to ``edited``."""
        raise NotImplementedError

    def records(self) -> list[R]:
        raise NotImplementedError

    def fill_form(self, record: R | None) -> None:
        """Show ``record``, or the defaults of a new one."""
        raise NotImplementedError

    def form_values(self) -> dict[str, Any] | None:
        """The fields as typed, or None while there is not enough to save (see incomplete_hint)."""
        raise NotImplementedError

    def new_record_fields(self) -> dict[str, Any]:
        """Fields a new record gets from the wizard (its plan, its participant)."""
        raise NotImplementedError

    def incomplete_hint(self) -> str:
        return ""

    def add_record(self, uow: UnitOfWork, record: R) -> R:
        raise NotImplementedError

    def update_record(self, uow: UnitOfWork, record: R) -> R:
        raise NotImplementedError

    def describe(self, record: R) -> str:
        """The record as named in the form's title: "goal 'Full-time welding job'"."""
        raise NotImplementedError

    def saved_message(self, record: R, added: bool) -> str:
        """A whole sentence: the record was added (``added``) or saved ("Goal '...' added.")."""
        raise NotImplementedError

    def extra_widgets(self) -> list[QWidget]:
        """Widgets below the form (the confidential counseling statement box)."""
        return []

    # Layout ---------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        live(table, "setAccessibleName", self.texts.saved_list)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        # One line a row, long text elided; the tooltip has all of it (the form too, once chosen).
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        touch_rows(table)  # a finger-sized row
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(TABLE_MIN_HEIGHT)
        table.setMaximumHeight(TABLE_MIN_HEIGHT)
        table.selectionModel().currentRowChanged.connect(self._row_chosen)
        return table

    def _lay_out(self) -> None:
        # When a record exists (issue 13): as soon as the form is complete, then with every edit.
        hint = plain_label(self.texts.hint)
        self.body.addWidget(hint)
        self.body.addWidget(self.table)
        self.build_form(self.form)
        box = QVBoxLayout(self.form_box)
        box.addLayout(self.form)
        box.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.new_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.status, 3)
        buttons.addStretch(1)  # keeps the buttons their own size while there is no message
        box.addLayout(buttons)
        self.body.addWidget(self.form_box)
        for widget in self.extra_widgets():
            self.body.addWidget(widget)
        self.body.addStretch(1)

    # Page life -----------------------------------------------------------------------------
    def enter(self) -> None:
        self.ctx.refresh()
        self.reload_choices()
        self._show_rows()
        if self._editing is not None:
            fresh = self._find(self._editing.id)
            if fresh is not None and not self._dirty:
                self._load(fresh)
        elif not self._dirty:
            self._load(None)
        self._after_edit()

    def first_stop(self) -> QWidget | None:
        """The form's first field that asks something: the table above it is for changing a
        saved record, and a list with one choice only (the one goal type Chicago has for an
        Adult, the plan's only goal) is already answered."""
        stops = tab_stops(self.form_box) if self.form_box.isEnabled() else []
        asks = [w for w in stops if not (isinstance(w, QComboBox) and not w.isEditable() and w.count() == 1)]
        return (asks or stops)[0] if stops else super().first_stop()

    def reload_choices(self) -> None:
        """Refresh lists the form picks from (goals, objectives, services)."""

    def focus_record(self, record_id: str | None) -> None:
        if record_id is None:
            return
        row = self.model.find_row(lambda r: r.id == record_id)
        if row >= 0:
            self.table.selectRow(row)  # saves the form and loads the record (see _row_chosen)

    # Editing ----------------------------------------------------------------------------------
    def edited(self, *_args: object) -> None:
        """Connected to every field's change signal: remember, re-check, save after a pause."""
        if self._loading:
            return
        self._dirty = True
        if not self._timer.isActive():  # not restarted by each key: a long burst is saved as it goes
            self._timer.start()
        self._after_edit()

    def editing(self) -> R | None:
        return self._editing

    def candidate(self) -> R | None:
        """The record as typed, validated by its model; None if it cannot be saved yet."""
        if self.date_problem():
            return None  # a date that is not a date is never stored (issue 13)
        values = self.form_values()
        if values is None:
            return None
        base = self._editing.model_dump() if self._editing is not None else self.new_record_fields()
        try:
            return self.record_type.model_validate({**base, **values})
        except ValidationError:
            return None

    def date_problem(self) -> str:
        """The first date field of the form whose text is not a usable date, in words."""
        for field in self.form_box.findChildren(DateField):
            if field.isEnabled() and field.has_error():
                return field.problem()
        return ""

    def _after_edit(self) -> None:
        record = self.candidate()
        self.add_button.setEnabled(record is not None)
        if record is None:
            problem = self.date_problem() or self._validation_problem()
            if problem:
                self.problems.show_error(problem)
            elif self._dirty and self.incomplete_hint():
                self.problems.show_info(self.incomplete_hint())
            else:
                self.problems.clear_message()
            return
        self.problems.show_findings(self.check(record))

    def check(self, record: R) -> list[Finding]:
        return self.ctx.check(record, self.inline_rules) if self.inline_rules else []

    def _validation_problem(self) -> str:
        values = self.form_values()
        if values is None:
            return ""
        base = self._editing.model_dump() if self._editing is not None else self.new_record_fields()
        try:
            self.record_type.model_validate({**base, **values})
        except ValidationError as exc:
            return plain_validation_message(exc)
        return ""

    def save_now(self) -> bool:
        self._timer.stop()
        if not self._dirty:
            return True
        record = self.candidate()
        if record is None:
            # Not enough for a record yet: the text is kept with where the coach is (encrypted,
            # in the store), so even a crash does not lose it; see module docstring.
            self.remember_where()
            return True
        adding = self._editing is None
        ok, saved = self.ctx.attempt(lambda uow: (self.add_record if adding else self.update_record)(uow, record),
                                     self.status)
        if not ok or saved is None:  # saved is None only when not ok
            return False
        self._editing = saved
        self._dirty = False
        self.ctx.refresh()
        self.reload_choices()
        self._show_rows()
        self._after_edit()
        self._set_form_title()
        self.status.show_ok(self.saved_message(saved, adding))
        self.remember_where()
        return True

    def start_new(self) -> None:
        """Save what is in the form and empty it for the next record."""
        if not self.save_now():
            return
        self._load(None)
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()
        self._after_edit()

    def _commit_and_new(self) -> None:
        if self.candidate() is None:
            return
        self._dirty = True  # the button always writes, even if the last autosave already did
        if self.save_now():
            saved = self._editing
            self.start_new()
            if saved is not None:
                self.status.show_ok(self.saved_message(saved, False))
            first = self.first_stop()
            if first is not None:  # the next thing to do: the next record's first field
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    # Recovery -----------------------------------------------------------------------------------
    def record_in_form(self) -> str | None:
        return self._editing.id if self._editing is not None else None

    def _draft_fields(self) -> list[QWidget]:
        kinds = (QCheckBox, QComboBox, QLineEdit, QPlainTextEdit)
        return [w for w in self.form_box.findChildren(QWidget)
                if isinstance(w, kinds) and w.accessibleName() and not isinstance(w.parentWidget(), QAbstractSpinBox)
                and not isinstance(w.parentWidget(), QComboBox)]

    def unsaved_text(self) -> dict[str, str]:
        if not self._dirty or self.candidate() is not None:
            return {}  # nothing typed, or it is saved as a record (or will be in a moment)
        draft = {}
        for widget in self._draft_fields():
            if isinstance(widget, QCheckBox):
                draft[widget.accessibleName()] = "checked" if widget.isChecked() else ""
            elif isinstance(widget, QComboBox) and widget.currentIndex() >= 0:
                draft[widget.accessibleName()] = widget.currentText()  # e.g. the goal chosen
            elif isinstance(widget, QLineEdit) and widget.text():
                draft[widget.accessibleName()] = widget.text()
            elif isinstance(widget, QPlainTextEdit) and widget.toPlainText():
                draft[widget.accessibleName()] = widget.toPlainText()
        return draft if any(draft.values()) else {}

    def restore_text(self, draft: dict[str, str]) -> None:
        fields = self._draft_fields()
        for widget in fields:  # check boxes first: they enable the fields under them
            if isinstance(widget, QCheckBox) and widget.accessibleName() in draft:
                widget.setChecked(bool(draft[widget.accessibleName()]))
        for widget in fields:
            text = draft.get(widget.accessibleName())
            if text is None:
                continue
            if isinstance(widget, QComboBox) and widget.findText(text) >= 0:
                widget.setCurrentIndex(widget.findText(text))
            elif isinstance(widget, QLineEdit):
                widget.setText(text)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)

    def show_recovered(self, text: str) -> None:
        self.status.show_warning(text)
        self.scroll_area.ensureWidgetVisible(self.status)

    # Loading ----------------------------------------------------------------------------------
    def _find(self, record_id: str) -> R | None:
        return next((r for r in self.records() if r.id == record_id), None)

    def _fit_table(self) -> None:
        """As tall as its rows, within limits, so the form below stays on screen."""
        table = self.table
        widest = max(160, table.viewport().width() // max(1, self.model.columnCount()) * 2)
        header = table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # the last one stretches
            table.resizeColumnToContents(column)
            # Never narrower than its heading (they were cut: "ep that addresses"), even while
            # the table is empty; long cell text is elided instead (its tooltip has all of it).
            heading = header.sectionSizeHint(column)
            table.setColumnWidth(column, max(heading, min(table.columnWidth(column), widest)))
        # The last one fills the rest; where there is no rest (200 %: the table scrolls sideways)
        # it keeps its heading's width instead of the few pixels left ("Status" was cut).
        last = self.model.columnCount() - 1
        others = sum(table.columnWidth(column) for column in range(last))
        if others + header.sectionSizeHint(last) > table.viewport().width():
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
            table.resizeColumnToContents(last)
            table.setColumnWidth(last, max(header.sectionSizeHint(last), min(table.columnWidth(last), widest)))
        else:
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(self.model.rowCount()))
        height = table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth() + 4
        height = max(TABLE_MIN_HEIGHT, min(TABLE_MAX_HEIGHT, height))
        table.setMinimumHeight(height)
        table.setMaximumHeight(height)

    def _show_rows(self) -> None:
        self._loading = True
        try:
            self.model.set_rows(self.records())
            self._fit_table()
        finally:
            self._loading = False
        self._select_row(self._editing.id if self._editing is not None else None)

    def _select_row(self, record_id: str | None) -> None:
        """Highlight the record shown in the form, without reloading the form."""
        row = self.model.find_row(lambda r: r.id == record_id) if record_id else -1
        if row < 0:
            return
        self._loading = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._loading = False

    def _row_chosen(self, current: Any, _previous: Any) -> None:
        if self._loading:
            return
        record = self.model.row_at(current.row()) if current.isValid() else None
        if record is None or (self._editing is not None and record.id == self._editing.id):
            return
        chosen = record.id
        self.save_now()  # the record in the form first; this re-reads the table
        self._load(self._find(chosen) or record)
        self._select_row(chosen)
        self._after_edit()
        self.remember_where()

    def _load(self, record: R | None) -> None:
        self._loading = True
        try:
            self._editing = record
            self._dirty = False
            self.fill_form(record)
        finally:
            self._loading = False
        self.status.clear_message()
        self._set_form_title()

    def _set_form_title(self) -> None:
        if self._editing is None:
            live(self.form_box, "setTitle", self.texts.new)
            live(self.add_button, "setText", self.texts.add)
            live(self.add_button, "setAccessibleName", self.texts.add)
        else:
            # "&" in a title would be read as a shortcut letter (R&D, LMI & Occupations).
            live(self.form_box, "setTitle", tr("Change {record}").format(record=self.describe(self._editing).replace("&", "&&")))
            live(self.add_button, "setText", self.texts.save)
            live(self.add_button, "setAccessibleName", self.texts.save)
        self.new_button.setEnabled(self._editing is not None)
