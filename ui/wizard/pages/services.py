"""Services from the board's code list, with provider, dates and the objectives served (R-S1,
R-S2)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QListView, QWidget

from iep_desktop.domain.models import Service, ServiceStatus
from iep_desktop.domain.plan_content import effective_status
from iep_desktop.services import plan_items
from iep_desktop.app_session import UnitOfWork
from ui.i18n import word
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage, RecordTexts
from ui.wizard.table_model import Column
from ui.wizard.widgets import (
    TOUCH_LIST_STYLE,
    above,
    add_row,
    check_box,
    combo,
    date_edit,
    fmt,
    from_qdate,
    line_edit,
    pair,
    plain_label,
    live,
    select_or_add,
    to_qdate,
    tr,
)
from ui.widgets.date_field import DateField

def status_label(status: ServiceStatus) -> str:
    """A service's status in the language in use (the printed plan's words in English)."""
    words = {ServiceStatus.PLANNED: tr("Planned"), ServiceStatus.IN_PROGRESS: tr("In progress"),
             ServiceStatus.COMPLETED: tr("Completed"), ServiceStatus.NOT_COMPLETED: tr("Not completed")}
    return words.get(status) or word(status.label)


DEFAULT_DAYS = 90  # a new service's planned end: 90 days after it starts
OBJECTIVE_ID = Qt.ItemDataRole.UserRole + 1


class ServicesPage(RecordEditorPage[Service]):
    page_id = PageId.SERVICES
    record_type = Service
    texts = RecordTexts(
        new=tr("New service"), add=tr("Add service"), save=tr("Save service"), start_new=tr("Start a new service"),
        saved_list=tr("Saved services"),
        hint=tr("Choose a saved service above to change it. A new service is saved once its required fields are "
                "filled in (it then shows above); \u201cAdd service\u201d starts the next one. Changes are saved "
                "as you type."))
    inline_rules = ("R-S1", "R-S2", "R-S3")

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Services"), tr("Services from the board's list, who provides them, when, "
                                                 "and the objectives they serve (R-S1)."))

    def columns(self) -> list[Column[Service]]:
        return [
            Column(tr("Code"), lambda s: s.code),
            Column(tr("Service"), self._service_name),
            Column(tr("Provider or referral"),
                   lambda s: tr("{provider} (referral)").format(provider=s.provider) if s.referral else s.provider),
            Column(tr("Planned start"), lambda s: fmt(s.planned_start)),
            Column(tr("Planned end"), lambda s: fmt(s.planned_end)),
            Column(tr("Objectives served"), self._served),
            Column(tr("Status"), self._status_text),
        ]

    def _status_text(self, service: Service) -> str:
        """Status and actual dates, as the printed plan gives them (R-S3)."""
        status = effective_status(service)
        dates = " – ".join(fmt(d) for d in (service.actual_start, service.actual_end) if d)
        label = status_label(status)
        return tr("{status} {dates}").format(status=label, dates=dates) if dates else label

    def _service_name(self, service: Service) -> str:
        known = self.ctx.profile.service(service.code)
        return self.ctx.profile.label(known.name) if known else tr("(not on the list of service codes used here)")

    def _served(self, service: Service) -> str:
        titles = {o.id: o.title for o in self.ctx.snapshot.objectives}
        return "; ".join(titles.get(i, "?") for i in service.objective_ids)

    def build_form(self, form: QFormLayout) -> None:
        ctx = self.ctx
        program = ctx.participant.program
        codes = [s for s in ctx.profile.service_codes if program in s.programs]
        self.code = combo(tr("Service code"), ((f"{s.code} — {self.ctx.profile.label(s.name)}", s.code) for s in codes))
        self.code.setMinimumContentsLength(16)
        self.same_day = plain_label()
        self.provider = line_edit(tr("Provider, or who the participant is referred to"),
                                  tr("Who provides it, or to whom you refer"))
        self.referral = check_box(tr("This is a referral to another provider"))
        self.start = date_edit(tr("Planned start"))
        self.end = date_edit(tr("Planned end"))
        # How it went (R-S3): documented as it happens.
        self.delivery_status = combo(tr("Service status"), ((status_label(s), s) for s in ServiceStatus))
        self.delivery_status.setMinimumContentsLength(14)  # "Not completed": the page fits 960 px (200 %)
        self.actual_start = DateField(tr("Actual start, empty until it starts"), optional=True, maximum=ctx.today)
        self.actual_end = DateField(tr("Actual end, empty until it ends"), optional=True, maximum=ctx.today)
        self.outcome = line_edit(tr("Outcome"), tr("e.g. Resume finished"))
        self.not_completed = line_edit(tr("Why it was not completed"), tr("Only when it was not completed"))
        self.funding = line_edit(tr("Funding source"), tr("e.g. WIOA Adult"))
        self.amount = line_edit(tr("Amount in dollars"), tr("e.g. 250.00"), 14)
        self.service_comments = line_edit(tr("Comments on how the service went"), tr("How it went"), 2000)
        self.objectives = QListView()
        live(self.objectives, "setAccessibleName", tr("Objectives this service serves"))
        self.objectives_model = QStandardItemModel(self)
        self.objectives.setModel(self.objectives_model)
        self.objectives.setMinimumHeight(150)
        self.objectives.setStyleSheet(TOUCH_LIST_STYLE)
        # Left: what, who and when. Right: the objectives it serves.
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(left, tr("Service"), self.code)
        left.addRow("", self.same_day)
        add_row(left, tr("Provider"), self.provider)
        left.addRow("", self.referral)
        add_row(left, tr("Planned start (MM/DD/YYYY)"), self.start)
        add_row(left, tr("Planned end (MM/DD/YYYY)"), self.end)
        add_row(left, tr("Status"), self.delivery_status)
        add_row(left, tr("Actual start / end"), pair(self.actual_start, tr("to"), self.actual_end))
        add_row(left, tr("Outcome"), self.outcome)
        add_row(left, tr("Not completed because"), self.not_completed)
        add_row(left, tr("Funding"), pair(self.funding, "$", self.amount))
        add_row(left, tr("Comments"), self.service_comments)
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addSpacing(16)
        row.addWidget(above(tr("Objectives it serves (check all that apply)"), self.objectives), 2)
        form.addRow(columns)
        # Tab: what is planned (service, provider, dates), then the objectives it serves, then
        # what is documented as it happens (R-S3), which a new plan leaves for later (issue 13:
        # the objectives were twelve Tabs away, after every delivery field).
        planned = [self.code, self.provider, self.referral, self.start, self.end, self.objectives]
        later = [self.delivery_status, self.actual_start, self.actual_end, self.outcome, self.not_completed,
                 self.funding, self.amount, self.service_comments]
        for before, after in zip([*planned, *later], [*planned, *later][1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.code.currentIndexChanged.connect(self._code_changed)
        self.provider.textChanged.connect(self.edited)
        self.referral.toggled.connect(self.edited)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self.edited)
        self.objectives_model.itemChanged.connect(self.edited)
        for field in (self.outcome, self.not_completed, self.funding, self.amount, self.service_comments):
            field.textChanged.connect(self.edited)
        self.delivery_status.currentIndexChanged.connect(self.edited)
        self.actual_start.dateChanged.connect(self.edited)
        self.actual_end.dateChanged.connect(self.edited)

    def _code_changed(self, *_args: object) -> None:
        """R-S2: two different things. The plan-creation service is dated the plan's creation
        date; a same-day service starts and ends on one day, its own (any day after the plan)."""
        code = self.code.currentData() or ""
        known = self.ctx.profile.service(code)
        plan = self.ctx.plan
        if plan is not None and code in self.ctx.profile.plan_creation_codes(plan.program):
            live(self.same_day, "setText", tr("The plan-creation service: it starts and ends on the plan's "
                                     "creation date {day} (R-S2).").format(day=fmt(plan.start_date)))
        elif known is not None and known.same_day:
            live(self.same_day, "setText", tr("A same-day service: it starts and ends on one day, so its "
                                     "planned end is its planned start (R-S2)."))
        else:
            self.same_day.setText("")
        self.same_day.setVisible(bool(self.same_day.text()))
        if not self._loading:
            self._apply_date_rule()
        self.edited()

    def _apply_date_rule(self) -> None:
        """Put the planned dates where R-S2 wants them for the chosen code (a new service, or
        the coach picked another code); a stored service's dates are never changed on loading."""
        code = self.code.currentData() or ""
        known = self.ctx.profile.service(code)
        plan = self.ctx.plan
        if plan is not None and code in self.ctx.profile.plan_creation_codes(plan.program):
            self.start.setDate(to_qdate(plan.start_date))
            self.end.setDate(to_qdate(plan.start_date))
        elif known is not None and known.same_day:
            self.end.setDate(self.start.date())

    def _start_changed(self, *_args: object) -> None:
        known = self.ctx.profile.service(self.code.currentData() or "")
        if known is not None and known.same_day and not self._loading:
            self.end.setDate(self.start.date())  # a same-day service ends the day it starts
        self.edited()

    def reload_choices(self) -> None:
        """The plan's objectives as check boxes. Every save re-reads them, often between two
        keys the coach presses in this list (Down, then Space to check the row), so when they
        are the same the list is left alone, and when they change the row the keyboard is on
        stays the current one: a check must never land nowhere."""
        wanted = [(o.id, o.title) for o in self.ctx.snapshot.objectives]
        model = self.objectives_model
        if wanted == [(model.item(row).data(OBJECTIVE_ID), model.item(row).text()) for row in range(model.rowCount())]:
            return
        checked = self.checked_objectives()
        current = self.objectives.currentIndex().data(OBJECTIVE_ID)
        loading, self._loading = self._loading, True
        try:
            self.objectives_model.clear()
            for objective in self.ctx.snapshot.objectives:
                item = QStandardItem(objective.title)
                item.setData(objective.id, OBJECTIVE_ID)
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(Qt.CheckState.Checked if objective.id in checked
                                   else Qt.CheckState.Unchecked)
                self.objectives_model.appendRow(item)
                if objective.id == current:
                    self.objectives.setCurrentIndex(item.index())
        finally:
            self._loading = loading

    def checked_objectives(self) -> list[str]:
        model = self.objectives_model
        return [model.item(row).data(OBJECTIVE_ID) for row in range(model.rowCount())
                if model.item(row).checkState() == Qt.CheckState.Checked]

    def set_objective_checked(self, objective_id: str, on: bool) -> None:
        model = self.objectives_model
        for row in range(model.rowCount()):
            if model.item(row).data(OBJECTIVE_ID) == objective_id:
                model.item(row).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    # -- records ----------------------------------------------------------------------------
    def records(self) -> list[Service]:
        plan = self.ctx.plan
        return [s for s in self.ctx.snapshot.services if plan is not None and s.plan_id == plan.id]

    def new_record_fields(self) -> dict[str, Any]:
        assert self.ctx.plan is not None
        return {"participant_id": self.ctx.participant_id, "plan_id": self.ctx.plan.id}

    def fill_form(self, record: Service | None) -> None:
        wanted = set(record.objective_ids) if record else set()
        for row in range(self.objectives_model.rowCount()):
            item = self.objectives_model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(OBJECTIVE_ID) in wanted
                               else Qt.CheckState.Unchecked)
        self._fill_delivery(record)
        if record is None:
            self.code.setCurrentIndex(0)
            self.provider.clear()
            self.referral.setChecked(False)
            self.start.setDate(to_qdate(self.ctx.today))
            self.end.setDate(to_qdate(self.ctx.today + timedelta(days=DEFAULT_DAYS)))
            self._code_changed()
            self._apply_date_rule()  # a new service: its dates follow its code from the start
            return
        select_or_add(self.code, record.code, tr("{code} — not on the service list for {program}").format(
            code=record.code, program=word(self.ctx.participant.program.label)))
        self.provider.setText(record.provider)
        self.referral.setChecked(record.referral)
        self.start.setDate(to_qdate(record.planned_start))
        self.end.setDate(to_qdate(record.planned_end))
        self._code_changed()

    def _fill_delivery(self, record: Service | None) -> None:
        select_or_add(self.delivery_status, effective_status(record) if record else ServiceStatus.PLANNED, "")
        self.actual_start.set_value(record.actual_start if record else None)
        self.actual_end.set_value(record.actual_end if record else None)
        self.outcome.setText(record.outcome if record else "")
        self.not_completed.setText(record.not_completed_reason if record else "")
        self.funding.setText(record.funding_source if record else "")
        self.amount.setText("" if record is None or record.amount is None else f"{record.amount:.2f}")
        self.service_comments.setText(record.comments if record else "")

    def _amount(self) -> Decimal | None | str:
        typed = self.amount.text().strip().lstrip("$").replace(",", "")
        if not typed:
            return None
        try:
            return Decimal(typed).quantize(Decimal("0.01"))
        except InvalidOperation:
            return typed  # the record will not validate: the page says what to type

    def form_values(self) -> dict[str, Any] | None:
        provider = self.provider.text().strip()
        if not provider:
            return None
        return {"code": self.code.currentData(), "provider": provider,
                "referral": self.referral.isChecked(),
                "planned_start": from_qdate(self.start.date()),
                "planned_end": from_qdate(self.end.date()),
                "objective_ids": self.checked_objectives(),
                "status": self.delivery_status.currentData(),
                "actual_start": self.actual_start.value(), "actual_end": self.actual_end.value(),
                "outcome": self.outcome.text().strip(), "not_completed_reason": self.not_completed.text().strip(),
                "funding_source": self.funding.text().strip(), "amount": self._amount(),
                "comments": self.service_comments.text().strip()}

    def incomplete_hint(self) -> str:
        return tr("Name the provider, or who the participant is referred to, to save this service.")

    def add_record(self, uow: UnitOfWork, record: Service) -> Service:
        return plan_items.add_service(uow, record)

    def update_record(self, uow: UnitOfWork, record: Service) -> Service:
        return plan_items.update_service(uow, record)

    def describe(self, record: Service) -> str:
        return tr("service {code} '{name}'").format(code=record.code, name=self._service_name(record))

    def saved_message(self, record: Service, added: bool) -> str:
        text = tr("Service {code} '{name}' added.") if added else tr("Service {code} '{name}' saved.")
        return text.format(code=record.code, name=self._service_name(record))
