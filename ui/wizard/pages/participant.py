"""Who the plan is for: the participant, their program, the board, and IEP or ISS."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from iep_desktop.domain.models import PlanKind
from ui.i18n import word
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import fmt, heading, live, plain_label, tr

_KIND_WORDS = {
    PlanKind.IEP: tr("Individual Employment Plan (IEP), for Adult and Dislocated Worker participants"),
    PlanKind.ISS: tr("Individual Service Strategy (ISS), for Youth participants"),
}


class ParticipantPage(PlanPage):
    page_id = PageId.PARTICIPANT

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Participant and program"),
                         tr("Check that this is the right person and program before you build the plan."))
        self.name = heading("")
        self.body.addWidget(self.name)
        self._fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("program", tr("Program")), ("kind", tr("Plan")), ("board", tr("Workforce board")),
                           ("born", tr("Date of birth (MM/DD/YYYY)")),
                           ("eligible", tr("Eligibility determined (MM/DD/YYYY)")),
                           ("region", tr("Region (LWIA)")), ("office", tr("Office")),
                           ("english", tr("English-language learner")), ("plan", tr("Current plan"))):
            value = plain_label()
            live(value, "setAccessibleName", label)
            self._fields[key] = value
            caption = QLabel()
            live(caption, "setText", tr("{label}:").format(label=label))
            form.addRow(caption, value)
        self.body.addLayout(form)
        self.body.addStretch(1)

    def enter(self) -> None:
        ctx = self.ctx
        ctx.refresh()
        person, profile, plan = ctx.participant, ctx.profile, ctx.plan
        self.name.setText(person.display_name)
        live(self.name, "setAccessibleName", tr("Participant {name}").format(name=person.display_name))
        kind = person.program.plan_kind
        state = f" ({profile.state_system}, {profile.state})" if profile.state_system else ""
        values = {
            "program": word(person.program.label),
            "kind": _KIND_WORDS[kind],
            "board": f"{profile.label(profile.name)}{state}",
            "born": fmt(person.date_of_birth) or tr("not recorded"),
            "eligible": fmt(person.eligibility_determined_on) or tr("not determined yet"),
            "region": (profile.label(person.region) if person.region in profile.regions else person.region)
            or tr("not recorded"),
            "office": person.office or tr("not recorded"),
            "english": tr("Yes") if person.english_learner else tr("No"),
            "plan": (tr("Open {kind} started {day}").format(kind=kind.value, day=fmt(plan.start_date))
                     if plan is not None else tr("No open {kind} yet: the next page starts one").format(kind=kind.value)),
        }
        for key, text in values.items():
            live(self._fields[key], "setText", text)  # a Tr follows a language switch; a name stays
