"""Review mode's first question (R-V1, R-V2): is the participant on track, or does the plan change?"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from iep_desktop.domain import rules
from iep_desktop.domain.models import ItemStatus, MeetingKind, ReviewOutcome
from iep_desktop.errors import IepError
from iep_desktop.services import notes
from ui.i18n import word, in_language
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import MessageLabel, add_row, combo, fmt, live, plain_label, touch_button, tr


class ReviewChoicePage(PlanPage):
    page_id = PageId.REVIEW_CHOICE

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Review the {kind}").format(kind=ctx.kind),
                         tr("Go over the plan with the participant, then say whether anything changes (R-V2)."))
        self.update_chosen = False
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("who", tr("Participant")), ("started", tr("Plan started (MM/DD/YYYY)")),
                           ("goals", tr("Goals and objectives")), ("last", tr("Last review (MM/DD/YYYY)")),
                           ("due", tr("Review due (MM/DD/YYYY)"))):
            value = plain_label()
            live(value, "setAccessibleName", label)
            self.facts[key] = value
            caption = QLabel()
            live(caption, "setText", tr("{label}:").format(label=label))
            form.addRow(caption, value)
        # Rivers East: the quarterly update is a face-to-face, telephone or virtual meeting (R-V3).
        kinds = ctx.profile.updates.meeting_kinds
        self.meeting = combo(tr("How the review meeting was held"),
                             [(tr("Choose how it was held…"), None), *((word(k.label), k) for k in kinds)])
        if kinds:
            add_row(form, tr("&Meeting"), self.meeting)
        self.meeting.setVisible(bool(kinds))
        self.meeting.currentIndexChanged.connect(lambda _i: self._meeting_chosen())
        self.body.addLayout(form)
        self.no_change_button = touch_button(
            tr("No change — the participant is on track"), on_click=self.no_change)
        self.update_button = touch_button(tr("Update the plan"), on_click=self.choose_update)
        self.body.addWidget(plain_label(tr(
            "No change writes the case note 'IEP/ISS Review' and closes. Update lets you change the "
            "plan; it is signed again and the review is recorded as 'IEP/ISS Review/Update'.")))
        self.body.addSpacing(8)
        self.body.addWidget(self.no_change_button)
        self.body.addWidget(self.update_button)
        self.message = MessageLabel()
        self.body.addWidget(self.message)
        self.body.addStretch(1)

    def enter(self) -> None:
        ctx = self.ctx
        snapshot = ctx.refresh()
        plan = snapshot.plan
        self.no_change_button.setEnabled(plan is not None)
        self.update_button.setEnabled(plan is not None)
        if plan is None:
            self.message.show_error(tr("{name} has no open plan to review; start one from the caseload.").format(
                name=ctx.participant.display_name))
            return
        reviews = sorted((r for r in snapshot.reviews if r.plan_id == plan.id), key=lambda r: r.reviewed_on)
        open_objectives = sum(1 for o in snapshot.objectives if o.status is ItemStatus.OPEN)
        due = rules.review_due_on(snapshot, ctx.profile)
        self.facts["who"].setText(f"{ctx.participant.display_name} ({word(ctx.participant.program.label)})")
        self.facts["started"].setText(fmt(plan.start_date))
        live(self.facts["goals"], "setText", tr("{goals} goal(s), {objectives} open objective(s)").format(
            goals=len(snapshot.goals), objectives=open_objectives))
        self.facts["last"].setText(fmt(reviews[-1].reviewed_on) if reviews else tr("never reviewed"))
        state = rules.review_state(snapshot, ctx.profile, ctx.today)
        words = {"overdue": tr("{day} (overdue, R-V1)"), "due": tr("{day} (due soon)")}.get(state)
        self.facts["due"].setText((words.format(day=fmt(due)) if words else fmt(due)) if due else "")

    def isComplete(self) -> bool:
        return self.update_chosen

    def nextId(self) -> int:
        return int(PageId.PARTICIPANT)

    def _meeting_chosen(self) -> None:
        chosen = self.meeting.currentData()
        self.ctx.meeting_kind = MeetingKind(chosen) if chosen else None  # Qt keeps the enum as text
        self.message.clear_message()

    def no_change(self) -> None:
        plan = self.ctx.plan
        if plan is None:
            return
        meeting = self.ctx.meeting_kind
        try:
            self.ctx.run(lambda uow: notes.record_review(uow, plan.id, ReviewOutcome.NO_CHANGE,
                                                         meeting_kind=meeting))
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        self.plan_wizard().finish_with_message(
            tr("Review recorded"),
            tr("The review of {day} is recorded with the case note '{title}': {name} is on track and the "
               "plan does not change.").format(day=fmt(self.ctx.today), title=notes.REVIEW_TITLES[ReviewOutcome.NO_CHANGE],
                                               name=self.ctx.participant.display_name))

    def choose_update(self) -> None:
        if self.ctx.profile.updates.meeting_kinds and self.ctx.meeting_kind is None:
            self.message.show_error(tr("Choose how the review meeting was held before updating the plan: it is "
                                       "recorded with the update (R-V3)."))
            self.meeting.setFocus()
            return
        self.update_chosen = True
        self.completeChanged.emit()
        self.plan_wizard().next()
