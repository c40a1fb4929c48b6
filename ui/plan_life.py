"""The plan's life after signing, as dialogs the caseload opens (issue 12).

- ``ServiceDeliveryDialog``: record how a service went (R-S3), a planned one or a new one, in a
  few keystrokes: the first open service is chosen, "Completed" and today are filled in, Enter
  saves.
- ``ProgressDialog``: close goals and objectives with their outcome and date (R-G4, R-O4), and
  reopen one closed by mistake (the closing is kept).
- ``ExitDialog``: close the plan at program exit with its date, reason and closing note (R-V4).

Each dialog gathers what the coach types and hands it to a callback that makes the one service
call; a refused save shows the service's message (with its rule id) and keeps the typing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain.models import Goal, ItemStatus, Objective, Outcome, Service, ServiceStatus
from iep_desktop.domain.plan_content import effective_status
from iep_desktop.errors import IepError
from iep_desktop.profiles import BoardProfile
from iep_desktop.services.plan_life import Delivery
from ui.i18n import QT_TRANSLATE_NOOP, in_language, live, translate, word
from ui.theme import mark_primary, touch_rows
from ui.wizard.table_model import Column, RowTableModel
from ui.wizard.widgets import (
    MessageLabel,
    add_row,
    combo,
    date_edit,
    fmt,
    from_qdate,
    line_edit,
    plain_label,
    text_box,
    to_qdate,
    touch_button,
)

NEW_SERVICE = "__new__"
EXIT_REASONS = (QT_TRANSLATE_NOOP("PlanLife", "Entered employment"),
                QT_TRANSLATE_NOOP("PlanLife", "Entered education or training"),
                QT_TRANSLATE_NOOP("PlanLife", "Moved out of the area"),
                QT_TRANSLATE_NOOP("PlanLife", "No longer participating"), QT_TRANSLATE_NOOP("PlanLife", "Other"))
# The core's labels of what happened to a service (ServiceStatus.label), for the translators.
SERVICE_STATUS_LABELS = (QT_TRANSLATE_NOOP("PlanLife", "Planned"), QT_TRANSLATE_NOOP("PlanLife", "In progress"),
                         QT_TRANSLATE_NOOP("PlanLife", "Completed"), QT_TRANSLATE_NOOP("PlanLife", "Not completed"))


def tr(text: str) -> str:
    return translate("PlanLife", text)  # a Tr: widgets given it follow a language switch


def outcome_word(outcome: Outcome, kind: str) -> str:
    """How a goal or objective ended, in the language in use, agreeing with ``kind``'s noun
    (una meta lograda, un objetivo logrado): the core's words, as the printed plan has them."""
    return word({Outcome.SUCCESSFUL: "Successful", Outcome.UNSUCCESSFUL: "Unsuccessful"}[outcome], kind).lower()


def _fit_to_screen(dialog: QDialog, width: int, height: int) -> None:
    """A comfortable size, never larger than the screen."""
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
    dialog.resize(width, height)


# -- services as they happen ----------------------------------------------------------------------

SaveDelivery = Callable[[str | None, str, Delivery], Service]


class ServiceDeliveryDialog(QDialog):
    """Record a service: which one, what happened, when, the outcome, funding and comments."""

    def __init__(self, save: SaveDelivery, *, who: str, services: Sequence[Service], profile: BoardProfile,
                 program_codes: Sequence[str], today: date, parent: QWidget | None = None,
                 chosen: str | None = None) -> None:
        super().__init__(parent)
        self._save, self._today, self._profile = save, today, profile
        self._services = {s.id: s for s in services}
        self.saved: Service | None = None
        live(self, "setWindowTitle", tr("Record a service — {who}").format(who=who))
        self.setModal(True)

        self.service = combo(tr("Service"))
        for s in services:
            self.service.addItem(self._service_text(s), s.id)
        self.service.addItem("", NEW_SERVICE)
        live(self.service, "setItemText", tr("Another service, delivered now…"), self.service.count() - 1)
        self.code = combo(tr("Service code"), ((f"{c} — {self._name(c)}", c) for c in program_codes))
        self.status = combo(tr("What happened"), ((tr(s.label), s) for s in ServiceStatus
                                                  if s is not ServiceStatus.PLANNED))
        self.started = date_edit(tr("Actually started"), maximum=today)
        self.ended = date_edit(tr("Actually ended"), maximum=today)
        self.outcome = line_edit(tr("Outcome"), tr("e.g. Resume finished, certificate earned"))
        self.reason = line_edit(tr("Why it was not completed"), tr("e.g. Moved out of the area"))
        self.funding = line_edit(tr("Funding source"), tr("e.g. WIOA Adult"))
        self.amount = line_edit(tr("Amount in dollars"), tr("e.g. 250.00"), 14)
        self.comments = text_box(tr("Comments on how it went"), tr("How the service went"), lines=2)
        self.message = MessageLabel()
        self.save_button = touch_button(tr("&Save"), tr("Save the service"), self.accept)
        self.save_button.setAutoDefault(True)
        self.save_button.setDefault(True)
        mark_primary(self.save_button)
        cancel = touch_button(tr("Cancel"), on_click=self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, tr("Ser&vice"), self.service)
        self.code_label = add_row(form, tr("Service &code"), self.code)
        add_row(form, tr("What &happened"), self.status)
        add_row(form, tr("Started (MM/DD/YYYY)"), self.started)
        self.ended_label = add_row(form, tr("Ended (MM/DD/YYYY)"), self.ended)
        add_row(form, tr("&Outcome"), self.outcome)
        self.reason_label = add_row(form, tr("Why not &completed"), self.reason)
        add_row(form, tr("&Funding source"), self.funding)
        add_row(form, tr("&Amount ($)"), self.amount)
        add_row(form, tr("Co&mments"), self.comments)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        # The fields scroll; Cancel and Save stay below them (issue 13: at 200 % the form was
        # squeezed under its height, the dates cut and Comments drawn under the buttons).
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(plain_label(tr("Documented as it happens (R-S3). Recording how a planned service "
                                        "went does not change what was signed, unless this board signs "
                                        "every change.")))
        fields.addLayout(form)
        fields.addWidget(self.message)
        fields.addStretch(1)
        self.fields_area = QScrollArea()
        self.fields_area.setObjectName("service_fields")
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addLayout(buttons)

        self.status.setCurrentIndex(self.status.findData(ServiceStatus.COMPLETED))  # the usual case
        for field in (self.outcome, self.reason, self.funding, self.amount):
            field.textChanged.connect(lambda _t: self.message.clear_message())
        self.service.currentIndexChanged.connect(lambda _i: self._service_changed())
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        if chosen is not None and self.service.findData(chosen) >= 0:
            self.service.setCurrentIndex(self.service.findData(chosen))
        self._service_changed()
        _fit_to_screen(self, 700, 700)

    def _name(self, code: str) -> str:
        known = self._profile.service(code)
        return self._profile.label(known.name) if known else code

    def _service_text(self, service: Service) -> str:
        if effective_status(service) is ServiceStatus.IN_PROGRESS and service.actual_start:
            when = tr("since {start}").format(start=fmt(service.actual_start))
        else:
            when = tr("{start}–{end}").format(start=fmt(service.planned_start), end=fmt(service.planned_end))
        return tr("{code} {name}, {when}").format(code=service.code, name=self._name(service.code), when=when)

    def chosen_service(self) -> Service | None:
        return self._services.get(self.service.currentData())

    def _service_changed(self) -> None:
        service = self.chosen_service()
        new = service is None
        self.code.setVisible(new)
        self.code_label.setVisible(new)
        start = (service.actual_start if service else None) or self._today
        self.started.setDate(to_qdate(min(start, self._today)))
        self.ended.setDate(to_qdate(self._today))
        if service is not None:
            self.outcome.setText(service.outcome)
            self.funding.setText(service.funding_source)
            self.amount.setText("" if service.amount is None else f"{service.amount:.2f}")
            self.comments.setPlainText(service.comments)
        self._status_changed()

    def chosen_status(self) -> ServiceStatus:
        """Qt keeps a str enum as its plain text: made an enum again here."""
        return ServiceStatus(self.status.currentData())

    def _status_changed(self) -> None:
        status = self.chosen_status()
        self.ended.setVisible(status is ServiceStatus.COMPLETED)
        self.ended_label.setVisible(status is ServiceStatus.COMPLETED)
        not_done = status is ServiceStatus.NOT_COMPLETED
        self.reason.setVisible(not_done)
        self.reason_label.setVisible(not_done)

    def delivery(self) -> Delivery | None:
        """What was typed, or None (with a message) when a date or the amount cannot be read."""
        status = self.chosen_status()
        for field in (self.started, self.ended):
            if field.isVisible() and field.has_error():
                self.message.show_error(field.problem())
                return None
        amount: Decimal | None = None
        typed = self.amount.text().strip().lstrip("$").replace(",", "")
        if typed:
            try:
                amount = Decimal(typed).quantize(Decimal("0.01"))
            except InvalidOperation:
                self.message.show_error(tr("The amount '{typed}' is not a sum of money; type it like 250.00 "
                                           "(R-S3).").format(typed=self.amount.text()))
                return None
        return Delivery(
            status=status, actual_start=from_qdate(self.started.date()),
            actual_end=from_qdate(self.ended.date()) if status is ServiceStatus.COMPLETED else None,
            outcome=self.outcome.text(), not_completed_reason=self.reason.text() if status is ServiceStatus.NOT_COMPLETED
            else "", funding_source=self.funding.text(), amount=amount, comments=self.comments.toPlainText())

    def accept(self) -> None:
        delivery = self.delivery()
        if delivery is None:
            return
        service = self.chosen_service()
        try:
            self.saved = self._save(service.id if service else None, self.code.currentData() or "", delivery)
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        super().accept()


# -- goals and objectives: close and reopen ---------------------------------------------------------

@dataclass(frozen=True)
class ProgressItem:
    kind: str  # "goal" or "objective"
    record: Goal | Objective

    @property
    def title(self) -> str:
        record = self.record
        return tr("Goal: {text}").format(text=record.description) if isinstance(record, Goal) \
            else f"    • {record.title}"

    @property
    def outcome(self) -> Outcome | None:
        record = self.record
        return record.close_reason if isinstance(record, Goal) else record.outcome


def progress_items(goals: Sequence[Goal], objectives: Sequence[Objective]) -> list[ProgressItem]:
    """Each goal, then its objectives, in the order they were established."""
    items = []
    for goal in sorted(goals, key=lambda g: (g.established_on, g.id)):
        items.append(ProgressItem("goal", goal))
        items += [ProgressItem("objective", o) for o in sorted(objectives, key=lambda o: (o.established_on, o.id))
                  if o.goal_id == goal.id]
    return items


def _status_text(item: ProgressItem) -> str:
    record = item.record
    if record.status is ItemStatus.OPEN:
        return word("Reopened" if record.reopenings else "Open", item.kind)
    outcome = outcome_word(item.outcome, item.kind) if item.outcome else tr("no outcome")
    return tr("{closed} {day}, {outcome}").format(closed=word("Closed", item.kind), day=fmt(record.closed_on),
                                                  outcome=outcome)


CloseItem = Callable[[ProgressItem, date, Outcome], object]
ReopenItem = Callable[[ProgressItem, str], object]
LoadItems = Callable[[], list[ProgressItem]]


class ProgressDialog(QDialog):
    """Goals and objectives with their status; close one with its outcome, or reopen one."""

    def __init__(self, load: LoadItems, close: CloseItem, reopen: ReopenItem, *, who: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load, self._close, self._reopen = load, close, reopen
        self.changed = False
        live(self, "setWindowTitle", tr("Goals and objectives — {who}").format(who=who))
        self.model: RowTableModel[ProgressItem] = RowTableModel([
            Column(tr("Goal / objective"), lambda i: i.title),
            Column(tr("Review or completion by"), lambda i: fmt(
                i.record.estimated_completion_on if isinstance(i.record, Goal) else i.record.review_on)),
            Column(tr("Status"), _status_text),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        live(self.table, "setAccessibleName", tr("Goals and objectives"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        touch_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.closed_on = date_edit(tr("Closed on"), maximum=today)
        self.closed_on.setDate(to_qdate(today))
        self.reason = line_edit(tr("Why it is reopened"), tr("Why reopen it, e.g. closed by mistake"))
        self.successful = touch_button(tr("&Successful"), tr("Close as successful"),
                                       lambda: self._close_chosen(Outcome.SUCCESSFUL))
        self.unsuccessful = touch_button(tr("&Unsuccessful"), tr("Close as unsuccessful"),
                                         lambda: self._close_chosen(Outcome.UNSUCCESSFUL))
        self.reopen_button = touch_button(tr("&Reopen"), tr("Reopen the chosen item"), self._reopen_chosen)
        done = touch_button(tr("&Done"), on_click=self.accept)
        mark_primary(done)
        self.message = MessageLabel()

        closing = QHBoxLayout()
        closing.addWidget(plain_label(tr("Close the chosen one on (MM/DD/YYYY):"), wrap=False))
        closing.addWidget(self.closed_on)
        closing.addStretch(1)
        outcomes = QHBoxLayout()
        outcomes.addWidget(plain_label(tr("as"), wrap=False))
        outcomes.addWidget(self.successful)
        outcomes.addWidget(self.unsuccessful)
        outcomes.addStretch(1)
        reopening = QHBoxLayout()
        reopening.addWidget(self.reason, 1)
        reopening.addWidget(self.reopen_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(tr("Close an objective when it is reached or given up, with its outcome "
                                        "(R-O4), and a goal with its reason (R-G4). An open plan keeps at least "
                                        "one open objective (R-P4). A closing made by mistake can be reopened; "
                                        "the closing stays on the record.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(closing)
        layout.addLayout(outcomes)
        layout.addLayout(reopening)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.reason.textChanged.connect(lambda _t: self._update_buttons())
        self.refresh()
        _fit_to_screen(self, 820, 560)

    def refresh(self, keep: str | None = None) -> None:
        try:
            self.model.set_rows(self._load())
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        row = self.model.find_row(lambda i: i.record.id == keep) if keep else 0
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))
        self._update_buttons()

    def chosen(self) -> ProgressItem | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def choose(self, record_id: str) -> None:
        row = self.model.find_row(lambda i: i.record.id == record_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        item = self.chosen()
        is_open = item is not None and item.record.status is ItemStatus.OPEN
        self.successful.setEnabled(is_open)
        self.unsuccessful.setEnabled(is_open)
        self.reopen_button.setEnabled(item is not None and not is_open and bool(self.reason.text().strip()))

    def _close_chosen(self, outcome: Outcome) -> None:
        item = self.chosen()
        if item is None:
            return
        if self.closed_on.has_error():
            self.message.show_error(self.closed_on.problem())
            return
        day = from_qdate(self.closed_on.date())
        if self._attempt(lambda: self._close(item, day, outcome)):
            closed = (tr("Goal closed as {outcome} on {day}.") if item.kind == "goal"
                      else tr("Objective closed as {outcome} on {day}."))
            self.message.show_ok(closed.format(outcome=outcome_word(outcome, item.kind), day=fmt(day)))
            self.refresh(item.record.id)

    def _reopen_chosen(self) -> None:
        item = self.chosen()
        if item is None:
            return
        if self._attempt(lambda: self._reopen(item, self.reason.text())):
            self.reason.clear()
            self.message.show_ok(tr("Reopened; the closing is kept on the record."))
            self.refresh(item.record.id)

    def _attempt(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return False
        self.changed = True
        return True


# -- exit -----------------------------------------------------------------------------------------------

SaveExit = Callable[[date, str, str], object]


class ExitDialog(QDialog):
    """Close the plan at program exit: the closed date, the reason, and the closing case note."""

    def __init__(self, save: SaveExit, *, who: str, kind: str, today: date, suggested: date | None,
                 start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        live(self, "setWindowTitle", tr("Close the {kind} at exit — {who}").format(kind=kind, who=who))
        self.setModal(True)
        self.closed_on = date_edit(tr("Closed date"), maximum=today)
        self.closed_on.setMinimumDate(to_qdate(start))
        self.closed_on.setDate(to_qdate(today))
        self.reason: QComboBox = combo(tr("Why the plan closes"), ((tr(r), tr(r)) for r in EXIT_REASONS),
                                       editable=True)
        self.story = text_box(tr("Closing case note"), tr("How the participant exited, and what comes next"), 4)
        self.message = MessageLabel()
        self.save_button = save_button = touch_button(tr("Close the &plan"), on_click=self.accept)
        mark_primary(save_button)
        cancel = touch_button(tr("Cancel"), on_click=self.reject)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, tr("Closed &date (MM/DD/YYYY)"), self.closed_on)
        add_row(form, tr("&Reason"), self.reason)
        add_row(form, tr("Closing &note"), self.story)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save_button)
        layout = QVBoxLayout(self)
        hint = tr("The plan closes when the participant exits the program (R-V4). Its signed versions stay "
                  "readable and printable, and a new plan can start (R-P1).")
        if suggested is not None:
            hint += " " + tr("No service since {day} and none planned: under the exit rule the participant "
                             "exited on {day}.").format(day=fmt(suggested))
        layout.addWidget(plain_label(hint))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.story.textChanged.connect(self.message.clear_message)
        self.reason.currentTextChanged.connect(lambda _t: self.message.clear_message())
        _fit_to_screen(self, 600, 460)

    def accept(self) -> None:
        if self.closed_on.has_error():
            self.message.show_error(self.closed_on.problem())
            return
        try:
            self._save(from_qdate(self.closed_on.date()), self.reason.currentText(), self.story.toPlainText())
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        super().accept()


__all__ = ["ExitDialog", "ProgressDialog", "ProgressItem", "ServiceDeliveryDialog", "progress_items"]
