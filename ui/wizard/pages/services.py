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
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage
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
    select_or_add,
    to_qdate,
)
from ui.participant_dialog import OptionalDateEdit

DEFAULT_DAYS = 90  # a new service's planned end: 90 days after it starts
OBJECTIVE_ID = Qt.ItemDataRole.UserRole + 1


class ServicesPage(RecordEditorPage[Service]):
    page_id = PageId.SERVICES
    record_type = Service
    noun = "service"
    inline_rules = ("R-S1", "R-S2", "R-S3")

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, "Services", "Services from the board's list, who provides them, when, "
                         "and the objectives they serve (R-S1).")

    def columns(self) -> list[Column[Service]]:
        return [
            Column("Code", lambda s: s.code),
            Column("Service", self._service_name),
            Column("Provider or referral", lambda s: f"{s.provider}{' (referral)' if s.referral else ''}"),
            Column("Planned start", lambda s: fmt(s.planned_start)),
            Column("Planned end", lambda s: fmt(s.planned_end)),
            Column("Objectives served", self._served),
            Column("Status", self._status_text),
        ]

    def _status_text(self, service: Service) -> str:
        """Status and actual dates, as the printed plan gives them (R-S3)."""
        status = effective_status(service)
        dates = " – ".join(fmt(d) for d in (service.actual_start, service.actual_end) if d)
        return f"{status.label}{f' {dates}' if dates else ''}"

    def _service_name(self, service: Service) -> str:
        known = self.ctx.profile.service(service.code)
        return known.name if known else "(not on this board's list)"

    def _served(self, service: Service) -> str:
        titles = {o.id: o.title for o in self.ctx.snapshot.objectives}
        return "; ".join(titles.get(i, "?") for i in service.objective_ids)

    def build_form(self, form: QFormLayout) -> None:
        ctx = self.ctx
        program = ctx.participant.program
        codes = [s for s in ctx.profile.service_codes if program in s.programs]
        self.code = combo("Service code", ((f"{s.code} — {s.name}", s.code) for s in codes))
        self.code.setMinimumContentsLength(16)
        self.same_day = plain_label()
        self.provider = line_edit("Provider, or who the participant is referred to",
                                  "Who provides it, or to whom you refer")
        self.referral = check_box("This is a referral to another provider")
        self.start = date_edit("Planned start")
        self.end = date_edit("Planned end")
        # How it went (R-S3): documented as it happens.
        self.delivery_status = combo("Service status", ((s.label, s) for s in ServiceStatus))
        self.actual_start = OptionalDateEdit(ctx.today, latest=ctx.today)
        self.actual_start.setAccessibleName("Actual start, MM/DD/YYYY (empty until it starts)")
        self.actual_end = OptionalDateEdit(ctx.today, latest=ctx.today)
        self.actual_end.setAccessibleName("Actual end, MM/DD/YYYY (empty until it ends)")
        self.outcome = line_edit("Outcome", "e.g. Resume finished")
        self.not_completed = line_edit("Why it was not completed", "Only when it was not completed")
        self.funding = line_edit("Funding source", "e.g. WIOA Adult")
        self.amount = line_edit("Amount in dollars", "e.g. 250.00", 14)
        self.service_comments = line_edit("Comments on how the service went", "How it went", 2000)
        self.objectives = QListView()
        self.objectives.setAccessibleName("Objectives this service serves")
        self.objectives_model = QStandardItemModel(self)
        self.objectives.setModel(self.objectives_model)
        self.objectives.setMinimumHeight(150)
        self.objectives.setStyleSheet(TOUCH_LIST_STYLE)
        # Left: what, who and when. Right: the objectives it serves.
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(left, "Service", self.code)
        left.addRow("", self.same_day)
        add_row(left, "Provider", self.provider)
        left.addRow("", self.referral)
        add_row(left, "Planned start (MM/DD/YYYY)", self.start)
        add_row(left, "Planned end (MM/DD/YYYY)", self.end)
        add_row(left, "Status", self.delivery_status)
        add_row(left, "Actual start / end", pair(self.actual_start, "to", self.actual_end))
        add_row(left, "Outcome", self.outcome)
        add_row(left, "Not completed because", self.not_completed)
        add_row(left, "Funding", pair(self.funding, "$", self.amount))
        add_row(left, "Comments", self.service_comments)
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addSpacing(16)
        row.addWidget(above("Objectives it serves (check all that apply)", self.objectives), 2)
        form.addRow(columns)
        self.code.currentIndexChanged.connect(self._code_changed)
        self.provider.textChanged.connect(self.edited)
        self.referral.toggled.connect(self.edited)
        self.start.dateChanged.connect(self.edited)
        self.end.dateChanged.connect(self.edited)
        self.objectives_model.itemChanged.connect(self.edited)
        for field in (self.outcome, self.not_completed, self.funding, self.amount, self.service_comments):
            field.textChanged.connect(self.edited)
        self.delivery_status.currentIndexChanged.connect(self.edited)
        self.actual_start.dateChanged.connect(self.edited)
        self.actual_end.dateChanged.connect(self.edited)

    def _code_changed(self, *_args: object) -> None:
        known = self.ctx.profile.service(self.code.currentData() or "")
        plan = self.ctx.plan
        if known is not None and known.same_day and plan is not None:
            self.same_day.setText(f"A same-day service: it starts and ends on the plan date "
                                  f"{fmt(plan.start_date)} (R-S2).")
            if not self._loading:
                self.start.setDate(to_qdate(plan.start_date))
                self.end.setDate(to_qdate(plan.start_date))
        else:
            self.same_day.setText("")
        self.same_day.setVisible(bool(self.same_day.text()))
        self.edited()

    def reload_choices(self) -> None:
        checked = self.checked_objectives()
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
            return
        select_or_add(self.code, record.code, f"{record.code} — not on this board's list for "
                                              f"{self.ctx.participant.program.label}")
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
        return "Name the provider, or who the participant is referred to, to save this service."

    def add_record(self, uow: UnitOfWork, record: Service) -> Service:
        return plan_items.add_service(uow, record)

    def update_record(self, uow: UnitOfWork, record: Service) -> Service:
        return plan_items.update_service(uow, record)

    def describe(self, record: Service) -> str:
        return f"service {record.code} '{self._service_name(record)}'"
