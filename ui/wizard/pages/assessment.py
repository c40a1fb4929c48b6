"""Assessment results (R-A1) and the confidential counseling statement (R-A2).

Counseling statements are append-only records, so they are not saved on every pause in typing
(each save would be a new statement): the box is saved by its button, when the coach leaves
the page, and when the wizard closes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from iep_desktop.domain.models import Assessment, AssessmentKind, CounselingStatement
from iep_desktop.services import plan_items
from iep_desktop.app_session import UnitOfWork
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage
from ui.wizard.table_model import Column
from ui.wizard.widgets import (
    MessageLabel,
    add_row,
    combo,
    date_edit,
    fmt,
    from_qdate,
    grade_spin,
    line_edit,
    pair,
    plain_label,
    select_data,
    text_box,
    to_qdate,
    touch_button,
)

CONFIDENTIAL_TITLE = "Confidential — never printed (R-A2)"


class AssessmentPage(RecordEditorPage[Assessment]):
    page_id = PageId.ASSESSMENT
    record_type = Assessment
    noun = "assessment"
    inline_rules = ("R-A1",)

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, "Assessment", "Record assessment activities and test results "
                         "(TABE, CASAS, CareerScope, ...) (R-A1).")

    def columns(self) -> list[Column[Assessment]]:
        return [
            Column("Assessment", lambda a: a.instrument.label),
            Column("Date", lambda a: fmt(a.taken_on)),
            Column("Score", lambda a: a.score),
            Column("Grade level", lambda a: "" if a.grade_level is None else str(a.grade_level)),
            Column("Comments", lambda a: a.comments),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.instrument = combo("Assessment instrument", ((k.label, k) for k in AssessmentKind))
        self.taken_on = date_edit("Date taken", maximum=self.ctx.today)
        self.score = line_edit("Score", "e.g. Scale 512, or Realistic/Investigative")
        self.grade = grade_spin("TABE grade level")
        self.comments = text_box("Comments", "Occupational and service needs, what the result means", 2)
        add_row(form, "Assessment", pair(self.instrument, "Date taken (MM/DD/YYYY)", self.taken_on),
                self.instrument)
        add_row(form, "Score", pair(self.score, "TABE grade level (0.0-12.9)", self.grade), self.score)
        add_row(form, "Comments", self.comments)
        self.instrument.currentIndexChanged.connect(self.edited)
        self.taken_on.dateChanged.connect(self.edited)
        self.score.textChanged.connect(self.edited)
        self.grade.valueChanged.connect(self.edited)
        self.comments.textChanged.connect(self.edited)

    def extra_widgets(self) -> list[QWidget]:
        box = QGroupBox(CONFIDENTIAL_TITLE)
        box.setAccessibleName(CONFIDENTIAL_TITLE)
        box.setStyleSheet("QGroupBox { font-weight: bold; color: #6a1b9a; }")
        layout = QVBoxLayout(box)
        layout.addWidget(plain_label(
            "Kept in the encrypted store; never on the printed plan or the participant's copy."))
        self.statement = text_box(f"Counseling statement. {CONFIDENTIAL_TITLE}",
                                  "Confidential notes from the counseling session", lines=2)
        layout.addWidget(self.statement)
        row = QHBoxLayout()
        self.statement_button = touch_button("Save confidential statement",
                                             on_click=self.save_statement)
        row.addWidget(self.statement_button)
        self.statement_status = MessageLabel()
        row.addWidget(self.statement_status, 1)
        self.statements_saved = plain_label()
        self.statements_saved.setAccessibleName("Saved counseling statements")
        row.addWidget(self.statements_saved, 1)
        layout.addLayout(row)
        return [box]

    # -- records ----------------------------------------------------------------------------
    def records(self) -> list[Assessment]:
        return list(self.ctx.snapshot.assessments)

    def new_record_fields(self) -> dict[str, Any]:
        plan = self.ctx.plan
        return {"participant_id": self.ctx.participant_id, "plan_id": plan.id if plan else None}

    def fill_form(self, record: Assessment | None) -> None:
        select_data(self.instrument, record.instrument if record else AssessmentKind.TABE_READING)
        self.taken_on.setDate(to_qdate(record.taken_on if record else self.ctx.today))
        self.score.setText(record.score if record else "")
        grade = record.grade_level if record else None
        self.grade.setValue(float(grade) if grade is not None else 0.0)
        self.comments.setPlainText(record.comments if record else "")

    def form_values(self) -> dict[str, Any] | None:
        grade = self.grade.value()
        values = {
            "instrument": self.instrument.currentData(),
            "taken_on": from_qdate(self.taken_on.date()),
            "score": self.score.text(),
            "grade_level": Decimal(f"{grade:.1f}") if grade > 0 else None,
            "comments": self.comments.toPlainText(),
        }
        if not (values["score"].strip() or values["grade_level"] or values["comments"].strip()):
            return None
        return values

    def incomplete_hint(self) -> str:
        return "Type a score, a grade level or a comment to save this assessment."

    def add_record(self, uow: UnitOfWork, record: Assessment) -> Assessment:
        return plan_items.record_assessment(uow, record)

    def update_record(self, uow: UnitOfWork, record: Assessment) -> Assessment:
        return plan_items.update_assessment(uow, record)

    def describe(self, record: Assessment) -> str:
        return f"{record.instrument.label} of {fmt(record.taken_on)}"

    # -- confidential statement -----------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self._show_statements()

    def flush(self) -> bool:
        return self.save_now() and self.save_statement()

    def save_statement(self) -> bool:
        text = self.statement.toPlainText().strip()
        if not text:
            return True
        statement = CounselingStatement(
            participant_id=self.ctx.participant_id, plan_id=self.ctx.plan.id if self.ctx.plan else None,
            written_on=self.ctx.today, author=self.ctx.actor, text=text)
        saved, _ = self.ctx.attempt(lambda uow: plan_items.add_counseling_statement(uow, statement),
                                    self.statement_status)
        if not saved:
            return False
        self.statement.clear()
        self.ctx.refresh()
        self._show_statements()
        self.statement_status.show_ok("Confidential statement saved. It will not be printed.")
        return True

    def _show_statements(self) -> None:
        saved = self.ctx.snapshot.counseling_statements
        if not saved:
            self.statements_saved.setText("No confidential statements saved yet.")
            return
        dates = ", ".join(fmt(s.written_on) for s in saved)
        count = "1 confidential statement" if len(saved) == 1 else f"{len(saved)} confidential statements"
        self.statements_saved.setText(f"{count} saved ({dates}).")
