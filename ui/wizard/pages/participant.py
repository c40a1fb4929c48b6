"""Who the plan is for: the participant, their program, the board, and IEP or ISS."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from iep_desktop.domain.models import PlanKind
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import fmt, heading, plain_label

_KIND_WORDS = {
    PlanKind.IEP: "Individual Employment Plan (IEP), for Adult and Dislocated Worker participants",
    PlanKind.ISS: "Individual Service Strategy (ISS), for Youth participants",
}


class ParticipantPage(PlanPage):
    page_id = PageId.PARTICIPANT

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, "Participant and program",
                         "Check that this is the right person and program before you build the plan.")
        self.name = heading("")
        self.body.addWidget(self.name)
        self._fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("program", "Program"), ("kind", "Plan"), ("board", "Workforce board"),
                           ("born", "Date of birth (MM/DD/YYYY)"),
                           ("eligible", "Eligibility determined (MM/DD/YYYY)"),
                           ("region", "Region (LWIA)"), ("office", "Office"),
                           ("english", "English-language learner"), ("plan", "Current plan")):
            value = plain_label()
            value.setAccessibleName(label)
            self._fields[key] = value
            form.addRow(QLabel(f"{label}:"), value)
        self.body.addLayout(form)
        self.body.addStretch(1)

    def enter(self) -> None:
        ctx = self.ctx
        ctx.refresh()
        person, profile, plan = ctx.participant, ctx.profile, ctx.plan
        self.name.setText(person.display_name)
        self.name.setAccessibleName(f"Participant {person.display_name}")
        kind = person.program.plan_kind
        state = f" ({profile.state_system}, {profile.state})" if profile.state_system else ""
        values = {
            "program": person.program.label,
            "kind": _KIND_WORDS[kind],
            "board": f"{profile.name}{state}",
            "born": fmt(person.date_of_birth) or "not recorded",
            "eligible": fmt(person.eligibility_determined_on) or "not determined yet",
            "region": person.region or "not recorded",
            "office": person.office or "not recorded",
            "english": "Yes" if person.english_learner else "No",
            "plan": (f"Open {kind.value} started {fmt(plan.start_date)}" if plan is not None
                     else f"No open {kind.value} yet: the next page starts one"),
        }
        for key, text in values.items():
            self._fields[key].setText(text)
