"""Assessment results (R-A1), the participant's background (R-A1) and the confidential
counseling statement (R-A2).

The background (education, work and employment history, credentials, job skills) belongs to the
participant, not to one assessment: it is saved with its button, when the coach leaves the page
and when the wizard closes, like the counseling statement.

Counseling statements are append-only records, so they are not saved on every pause in typing
(each save would be a new statement): the box is saved by its button, when the coach leaves
the page, and when the wizard closes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from iep_desktop.domain.models import Assessment, AssessmentKind, CounselingStatement
from iep_desktop.services import participants, plan_items
from iep_desktop.app_session import UnitOfWork
from ui.i18n import word
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage, RecordTexts
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
    live,
    text_box,
    to_qdate,
    touch_button,
    tr,
)

CONFIDENTIAL_TITLE = tr("Confidential — never printed (R-A2)")
# The participant's background fields, with what the coach sees (R-A1: SCPa I.D, Rivers East
# prerequisite 4, NJ's Employment and Education tabs).
BACKGROUND_FIELDS = (
    ("education", tr("Education"), tr("Schools, diplomas or equivalency, years completed")),
    ("work_history", tr("Work and employment history"), tr("Jobs held, how long, why they ended")),
    ("credentials", tr("Credentials"), tr("Licences and certificates held")),
    ("job_skills", tr("Job skills"), tr("Skills the participant brings to a job")),
)


class AssessmentPage(RecordEditorPage[Assessment]):
    page_id = PageId.ASSESSMENT
    record_type = Assessment
    texts = RecordTexts(
        new=tr("New assessment"), add=tr("Add assessment"), save=tr("Save assessment"), start_new=tr("Start a new assessment"),
        saved_list=tr("Saved assessments"),
        hint=tr("Choose a saved assessment above to change it. A new assessment is saved once its required fields are "
                "filled in (it then shows above); \u201cAdd assessment\u201d starts the next one. Changes are saved "
                "as you type."))
    inline_rules = ("R-A1",)

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Assessment"), tr("Record assessment activities and test results "
                                                   "(TABE, CASAS, CareerScope, ...) (R-A1)."))

    def columns(self) -> list[Column[Assessment]]:
        return [
            Column(tr("Assessment"), lambda a: word(a.instrument.label)),
            Column(tr("Date"), lambda a: fmt(a.taken_on)),
            Column(tr("Score"), lambda a: a.score),
            Column(tr("Grade level"), lambda a: "" if a.grade_level is None else str(a.grade_level)),
            Column(tr("Comments"), lambda a: a.comments),
        ]

    def build_form(self, form: QFormLayout) -> None:
        self.instrument = combo(tr("Assessment instrument"), ((word(k.label), k) for k in AssessmentKind))
        self.taken_on = date_edit(tr("Date taken"), maximum=self.ctx.today)
        self.score = line_edit(tr("Score"), tr("e.g. Scale 512, or Realistic/Investigative"))
        self.grade = grade_spin(tr("TABE grade level"))
        self.comments = text_box(tr("Comments"), tr("What the result means"), 2)
        self.occupational_needs = text_box(tr("Occupational needs"),
                                           tr("Occupational needs the assessment showed"), 2)
        self.service_needs = text_box(tr("Service needs"), tr("Services the participant needs"), 2)
        add_row(form, tr("Assessment"), pair(self.instrument, tr("Date taken (MM/DD/YYYY)"), self.taken_on),
                self.instrument)
        add_row(form, tr("Score"), pair(self.score, tr("TABE grade level (0.0-12.9)"), self.grade), self.score)
        add_row(form, tr("Needs"), pair(self.occupational_needs, tr("Service needs"), self.service_needs),
                self.occupational_needs)
        add_row(form, tr("Comments"), self.comments)
        self.instrument.currentIndexChanged.connect(self.edited)
        self.taken_on.dateChanged.connect(self.edited)
        self.score.textChanged.connect(self.edited)
        self.grade.valueChanged.connect(self.edited)
        self.comments.textChanged.connect(self.edited)
        self.occupational_needs.textChanged.connect(self.edited)
        self.service_needs.textChanged.connect(self.edited)

    def extra_widgets(self) -> list[QWidget]:
        return [self._background_box(), self._confidential_box()]

    def _background_box(self) -> QWidget:
        title = tr("Participant background (R-A1)")
        box = QGroupBox()
        live(box, "setTitle", title)
        live(box, "setAccessibleName", title)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.background: dict[str, QPlainTextEdit] = {}
        for field, label, placeholder in BACKGROUND_FIELDS:
            edit = text_box(label.again(), placeholder.again(), 2)
            self.background[field] = edit
            add_row(form, label.again(), edit)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.background_button = touch_button(tr("Save background"), on_click=self.save_background)
        row.addWidget(self.background_button)
        self.background_status = MessageLabel()
        row.addWidget(self.background_status, 1)
        layout.addLayout(row)
        return box

    def _confidential_box(self) -> QWidget:
        box = QGroupBox()
        live(box, "setTitle", CONFIDENTIAL_TITLE.again())
        live(box, "setAccessibleName", CONFIDENTIAL_TITLE.again())
        box.setStyleSheet("QGroupBox { font-weight: bold; color: #6a1b9a; }")
        layout = QVBoxLayout(box)
        layout.addWidget(plain_label(
            tr("Kept in the encrypted store; never on the printed plan or the participant's copy.")))
        self.statement = text_box(tr("Counseling statement. {confidential}").format(confidential=CONFIDENTIAL_TITLE),
                                  tr("Confidential notes from the counseling session"), lines=2)
        layout.addWidget(self.statement)
        row = QHBoxLayout()
        self.statement_button = touch_button(tr("Save confidential statement"),
                                             on_click=self.save_statement)
        row.addWidget(self.statement_button)
        self.statement_status = MessageLabel()
        row.addWidget(self.statement_status, 1)
        self.statements_saved = plain_label()
        live(self.statements_saved, "setAccessibleName", tr("Saved counseling statements"))
        row.addWidget(self.statements_saved, 1)
        layout.addLayout(row)
        return box

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
        self.occupational_needs.setPlainText(record.occupational_needs if record else "")
        self.service_needs.setPlainText(record.service_needs if record else "")

    def form_values(self) -> dict[str, Any] | None:
        grade = self.grade.value()
        values = {
            "instrument": self.instrument.currentData(),
            "taken_on": from_qdate(self.taken_on.date()),
            "score": self.score.text(),
            "grade_level": Decimal(f"{grade:.1f}") if grade > 0 else None,
            "comments": self.comments.toPlainText(),
            "occupational_needs": self.occupational_needs.toPlainText(),
            "service_needs": self.service_needs.toPlainText(),
        }
        typed = [values[k] for k in ("score", "comments", "occupational_needs", "service_needs")]
        if not (any(t.strip() for t in typed) or values["grade_level"]):
            return None
        return values

    def incomplete_hint(self) -> str:
        return tr("Type a score, a grade level, the needs or a comment to save this assessment.")

    def add_record(self, uow: UnitOfWork, record: Assessment) -> Assessment:
        return plan_items.record_assessment(uow, record)

    def update_record(self, uow: UnitOfWork, record: Assessment) -> Assessment:
        return plan_items.update_assessment(uow, record)

    def describe(self, record: Assessment) -> str:
        return tr("{assessment} of {day}").format(assessment=word(record.instrument.label), day=fmt(record.taken_on))

    def saved_message(self, record: Assessment, added: bool) -> str:
        text = tr("{assessment} of {day} added.") if added else tr("{assessment} of {day} saved.")
        return text.format(assessment=word(record.instrument.label), day=fmt(record.taken_on))

    # -- confidential statement -----------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self._show_statements()
        self._fill_background()

    def flush(self) -> bool:
        return self.save_now() and self.save_statement() and self.save_background()

    # -- the participant's background -------------------------------------------------------------
    def _fill_background(self) -> None:
        # Leaving the page saved whatever was typed (flush), so the store has the latest text.
        person = self.ctx.participant
        for field, edit in self.background.items():
            edit.setPlainText(str(getattr(person, field)))

    def background_values(self) -> dict[str, str]:
        return {field: edit.toPlainText().strip() for field, edit in self.background.items()}

    def save_background(self) -> bool:
        """Save what the coach typed in the background boxes (nothing to do when unchanged)."""
        person = self.ctx.participant
        typed = self.background_values()
        if all(typed[field] == getattr(person, field) for field in typed):
            return True
        updated = person.model_copy(update=typed)
        saved, _ = self.ctx.attempt(lambda uow: participants.update_participant(uow, updated),
                                    self.background_status)
        if not saved:
            return False
        self.ctx.refresh()
        self.background_status.show_ok(tr("Background saved. It is printed on the plan."))
        return True

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
        self.statement_status.show_ok(tr("Confidential statement saved. It will not be printed."))
        return True

    def _show_statements(self) -> None:
        saved = self.ctx.snapshot.counseling_statements
        if not saved:
            live(self.statements_saved, "setText", tr("No confidential statements saved yet."))
            return
        dates = ", ".join(fmt(s.written_on) for s in saved)
        self.statements_saved.setText(
            tr("1 confidential statement saved ({dates}).").format(dates=dates) if len(saved) == 1
            else tr("{count} confidential statements saved ({dates}).").format(count=len(saved), dates=dates))
