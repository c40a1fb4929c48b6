"""What must exist before a plan (R-P2), and starting the plan; then the plan's header (R-P3).

The checklist is the board profile's list of prerequisites; whether each one is met is what
rule R-P2 says about the participant's records. This page loads and saves the Plan: once it
exists its region, office and coach are edited here and saved as the coach types.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QListView, QWidget, QWizard

from iep_desktop.domain import rules
from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.domain.models import Assessment, AssessmentKind, Plan, Program, Service
from iep_desktop.errors import IepError, RuleViolation
from iep_desktop.profiles.schema import BoardProfile
from iep_desktop.services import coach, participants, plan_items, plans
from iep_desktop.app_session import UnitOfWork
from ui.i18n import word, in_language
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import (
    AUTOSAVE_MS,
    MessageLabel,
    add_row,
    combo,
    date_edit,
    fmt,
    from_qdate,
    heading,
    make_primary,
    plain_label,
    live,
    severity_icon,
    to_qdate,
    touch_button,
    tr,
)

@dataclass(frozen=True)
class Prerequisite:
    label: str
    severity: Severity
    # Words that the R-P2 finding about this prerequisite contains (findings carry no sub-id).
    marker: str


def prerequisites_of(profile: BoardProfile, program: Program) -> list[Prerequisite]:
    """The board's prerequisites for this program, in the order domain.md lists them.

    A step the board's document does not ask for (severity null in the profile) is not listed.
    """
    p = profile.prerequisites
    items = [Prerequisite(tr("Eligibility determined (WIOA application), on or before the plan's start"),
                          p.eligibility, "Eligibility")]
    if p.objective_assessment is not None:
        items.append(Prerequisite(tr("Objective assessment done (Objective Assessment Summary)"),
                                  p.objective_assessment, "Objective Assessment Summary"))
    if p.career_exploration is not None:
        items.append(Prerequisite(tr("Career exploration done"), p.career_exploration, "career exploration"))
    if p.first_service_checked(program):
        first = p.first_service_codes.get(program, [])
        label = (tr("First participation service entered (one of {codes})").format(codes=", ".join(first)) if first
                 else tr("First participation service entered (the first service provided, any code)"))
        items.append(Prerequisite(label, p.first_service, "first participation service"))
    ordered = p.ordered_services.get(program, [])
    if ordered:
        codes = ", ".join(ordered)
        label = (tr("Services {codes} delivered, in that order, before the plan, for participants entered "
                    "after {day}").format(codes=codes, day=fmt(p.ordered_services_entered_after))
                 if p.ordered_services_entered_after
                 else tr("Services {codes} delivered, in that order, before the plan").format(codes=codes))
        items.append(Prerequisite(label, p.ordered_services_severity, "in that order"))
    after = p.after_ordered_services.get(program, [])
    if ordered and after:
        items.append(Prerequisite(tr("Services {later} only after {first}").format(
            later=", ".join(after), first=", ".join(ordered)), p.ordered_services_severity, "may only start after"))
    if p.required_assessments:
        names = ", ".join(word(k.label) for k in p.required_assessments)
        label = (tr("Assessments this board requires: {names}") if profile.is_board_policy(
            "prerequisites.required_assessments") else tr("Assessments this app's default profile requires: {names}"))
        items.append(Prerequisite(label.format(names=names),
                                  p.required_assessments_severity, "requires these assessments"))
    if p.after_required_assessments:
        items.append(Prerequisite(tr("Results reviewed with the participant, then {codes} entered").format(
            codes=", ".join(p.after_required_assessments)), p.ordered_services_severity, "review the results"))
    if p.basic_skills_tests or p.background_assessed:
        items.append(Prerequisite(tr("Current skills assessed (basic-skills test, credentials, work history)"),
                                  p.skills_assessed_severity, "current skills"))
    return items


class PrerequisitesPage(PlanPage):
    page_id = PageId.PREREQUISITES

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Before the plan"), tr("What must be done before the {kind} is created (R-P2), "
                                                        "then start it.").format(kind=ctx.kind))
        self._loading = False
        self._dirty = False
        self._filled_for: str | None = None  # the participant the fields were filled for
        self._record_calls: list[Callable[[UnitOfWork, date], object]] = []
        self._blocked = False  # "the plan cannot start" is on screen
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        self.checklist_model = QStandardItemModel(self)
        self.checklist = QListView()
        self.checklist.setModel(self.checklist_model)
        self.checklist.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        live(self.checklist, "setAccessibleName", tr("Prerequisites checklist"))
        self.checklist.setWordWrap(True)
        self.checklist.setSpacing(4)
        self.checklist.setMinimumHeight(120)
        self.checklist.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.body.addWidget(heading(tr("Prerequisites (R-P2)")))
        self.body.addWidget(self.checklist, 1)  # takes the room the page has left
        self.other_problems = MessageLabel()
        self.body.addWidget(self.other_problems)

        # What is missing can be recorded here, so a participant added at a job fair can get a plan
        # without leaving the wizard (each choice is one service call).
        self.record_row = QWidget()
        record = QHBoxLayout(self.record_row)
        record.setContentsMargins(0, 0, 0, 0)
        self.record_what = combo(tr("Prerequisite to record"))
        self.record_on = date_edit(tr("Done on"), maximum=ctx.today)
        self.record_on.setDate(to_qdate(ctx.today))
        self.record_button = touch_button(tr("Record as done"), tr("Record the chosen prerequisite as done"),
                                          self.record_prerequisite)
        record_label = QLabel()
        live(record_label, "setText", tr("Record what was &done:"))
        record_label.setBuddy(self.record_what)
        on_label = QLabel()
        live(on_label, "setText", tr("on"))
        on_label.setBuddy(self.record_on)
        record.addWidget(record_label)
        record.addWidget(self.record_what, 1)
        record.addWidget(on_label)
        record.addWidget(self.record_on)
        record.addWidget(self.record_button)
        self.body.addWidget(self.record_row)
        self.record_message = MessageLabel()
        self.body.addWidget(self.record_message)

        self.body.addWidget(heading(tr("Plan details (R-P3)")))
        form = QFormLayout()
        self.start_date = date_edit(tr("Plan start date"), maximum=ctx.today)
        self.region = combo(tr("Region (LWIA)"), editable=True)
        self.office = combo(tr("Office"), editable=True)
        self.coach = combo(tr("Career coach"), editable=True)
        edit = self.coach.lineEdit()
        if edit is not None:
            live(edit, "setPlaceholderText", tr("Your name: asked once, remembered in this store"))
        add_row(form, tr("Plan start date (MM/DD/YYYY)"), self.start_date)
        add_row(form, tr("Region (LWIA)"), self.region)
        add_row(form, tr("Office"), self.office)
        add_row(form, tr("Career coach"), self.coach)
        details = QWidget()
        details.setLayout(form)
        details.setMaximumWidth(720)
        self.body.addWidget(details)
        for box in (self.region, self.office, self.coach):
            box.currentTextChanged.connect(self._edited)
        self.start_date.dateChanged.connect(self._start_moved)

        self.start_button = make_primary(touch_button(tr("&Start the {kind}").format(kind=ctx.kind),
                                                      tr("Start the {kind}").format(kind=ctx.kind), self.start_plan))
        self.message = MessageLabel()
        self.started = plain_label()
        live(self.started, "setAccessibleName", tr("Plan status"))
        self.body.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.started)
        self.body.addWidget(self.message)

    # -- page life ------------------------------------------------------------------------
    def enter(self) -> None:
        self.ctx.refresh()
        self._show_checklist()
        self._fill()

    def isComplete(self) -> bool:
        return self.ctx.plan is not None

    def first_stop(self) -> QWidget | None:
        """Record what is missing; type your name if this store does not know it yet; else start
        the plan (Alt+S). Once it has started: Next."""
        if self.ctx.plan is not None:
            return None
        if self.record_row.isVisibleTo(self):
            return self.record_what
        return self.start_button if self.coach.currentText().strip() else self.coach

    def _show_checklist(self) -> None:
        ctx = self.ctx
        found = rules.RULES["R-P2"](ctx.snapshot, ctx.profile, self._start_day())
        unmatched = list(found)
        self.checklist_model.clear()
        for item in prerequisites_of(ctx.profile, ctx.participant.program):
            about = [f for f in found if item.marker.casefold() in f.english.casefold()]
            unmatched = [f for f in unmatched if f not in about]
            self.checklist_model.appendRow(self._row(item, about))
        self.other_problems.show_findings(unmatched)
        self._offer_records(found)
        if self._blocked and not any(f.severity is Severity.ERROR for f in found):
            self._blocked = False  # every prerequisite is done now: the old "cannot start" is gone
            self.message.show_ok(tr("Every required prerequisite is done: the {kind} can start.").format(
                kind=ctx.kind))

    def checklist_rows(self) -> list[str]:
        model = self.checklist_model
        return [model.item(r).text() for r in range(model.rowCount())]

    def _row(self, item: Prerequisite, about: list[Finding]) -> QStandardItem:
        need = {Severity.ERROR: tr("Not done (required): {item}"), Severity.WARNING: tr("Not done (recommended): {item}"),
                Severity.SUGGESTION: tr("Not done (suggested): {item}")}[item.severity]
        if about:
            text = "\n".join([need.format(item=word(item.label)), *(f.message for f in about)])
            icon = severity_icon(max((f.severity for f in about), key=_weight))
        else:
            text = tr("Done: {item}").format(item=word(item.label))
            icon = self.style().standardIcon(self.style().StandardPixmap.SP_DialogApplyButton)
        row = QStandardItem(icon, text)
        row.setEditable(False)
        row.setData(text, Qt.ItemDataRole.AccessibleTextRole)
        return row

    def _fill(self) -> None:
        ctx, plan = self.ctx, self.ctx.plan
        profile = ctx.profile
        # Before the plan starts the fields hold what the coach typed: recording a prerequisite,
        # or a start refused (R-P2), fills the page again and must not put back today's date.
        typed = plan is None and self._filled_for == ctx.participant_id
        self._loading = True
        try:
            if not typed:
                _choices(self.region, profile.regions, plan.region if plan else ctx.participant.region)
                _choices(self.office, profile.offices, plan.office if plan else ctx.participant.office)
                _choices(self.coach, [], plan.coach_name if plan else self.remembered_coach())
                self.start_date.setDate(to_qdate(plan.start_date if plan else ctx.today))
        finally:
            self._loading = False
        self._filled_for = ctx.participant_id
        started = plan is not None
        self.start_date.setEnabled(not started)  # the start date is set when the plan starts
        self.start_button.setVisible(not started)
        if plan is not None:
            live(self.started, "setText", tr("Done: the {kind} was started on {day}. Changes to the details above are "
                                    "saved as you type.").format(kind=ctx.kind, day=fmt(plan.start_date)))
            self.message.clear_message()
        else:
            live(self.started, "setText", tr("The {kind} has not been started yet.").format(kind=ctx.kind))
        self.completeChanged.emit()

    def _start_day(self) -> date:
        """The day the prerequisites are checked against (R-P2: done before the plan): the start
        typed, once the page holds what the coach typed; the plan's own start once it started."""
        ctx = self.ctx
        if ctx.plan is None and self._filled_for == ctx.participant_id and not self.start_date.has_error():
            return from_qdate(self.start_date.date())
        return ctx.today

    def _start_moved(self, *_args: object) -> None:
        if not self._loading and self.ctx.plan is None and self._filled_for == self.ctx.participant_id:
            self._show_checklist()  # a prerequisite dated after the start typed is not done

    def remembered_coach(self) -> str:
        """The name this store's coach gave last time; the first time, who the app was started as,
        unless that is only the computer's login ("root"): then the field is empty and asks."""
        try:
            name = self.ctx.session.read(coach.coach_name)
        except IepError:
            name = ""
        if name:
            return name
        actor = self.ctx.actor.strip()
        return "" if not actor or actor == getpass.getuser() else actor

    # -- recording missing prerequisites -------------------------------------------------------
    def _recorders(self) -> list[tuple[str, str, Callable[[UnitOfWork, date], object]]]:
        """(label, marker of the R-P2 finding it answers, the service call) for each thing that
        can be recorded here, in the board profile's order."""
        ctx = self.ctx
        p = ctx.profile.prerequisites
        pid = ctx.participant_id

        def assessment(kind: AssessmentKind) -> Callable[[UnitOfWork, date], object]:
            return lambda uow, day: plan_items.record_assessment(
                uow, Assessment(participant_id=pid, instrument=kind, taken_on=day))

        def service(code: str) -> Callable[[UnitOfWork, date], object]:
            return lambda uow, day: plan_items.add_service(uow, Service(
                participant_id=pid, code=code, provider="Staff", planned_start=day, planned_end=day,
                actual_start=day, actual_end=day))

        def eligibility(uow: UnitOfWork, day: date) -> object:
            person = participants.get_participant(uow, pid)
            return participants.update_participant(
                uow, person.model_copy(update={"eligibility_determined_on": day}))

        found: list[tuple[str, str, Callable[[UnitOfWork, date], object]]] = [
            (tr("Eligibility determined (WIOA application)"), "Eligibility", eligibility),
            (tr("Objective assessment done"), "Objective Assessment Summary",
             assessment(AssessmentKind.OBJECTIVE_ASSESSMENT)),
            (tr("Career exploration done"), "career exploration", assessment(AssessmentKind.CAREER_EXPLORATION)),
        ]
        program = ctx.participant.program
        first = p.first_service_codes.get(program, [])
        if p.first_service_checked(program) and not first:
            # Any service can be the first one (its code is the coach's choice); the
            # plan-creation service opens with the plan and never counts (R-S2).
            creating = ctx.profile.plan_creation_codes(program)
            first = [s.code for s in ctx.profile.service_codes
                     if program in s.programs and s.code not in creating and s.category != "plan"]
        codes = [*first, *p.ordered_services.get(program, [])]
        delivered = {s.code for s in ctx.snapshot.services if s.actual_start is not None}
        for code in dict.fromkeys(codes):
            if code in delivered:
                continue  # recorded already (issue 13: 468 stayed on the list and was recorded 3 times)
            known = ctx.profile.service(code)
            name = f"{code} — {ctx.profile.label(known.name)}" if known else code
            marker = "in that order" if code in p.ordered_services.get(program, []) else "first participation service"
            found.append((tr("Service {name} delivered").format(name=name), marker, service(code)))
        for kind in p.required_assessments:
            found.append((tr("{assessment} done").format(assessment=word(kind.label)), "requires these assessments",
                          assessment(kind)))
        for kind in p.basic_skills_tests:
            found.append((tr("{assessment} done").format(assessment=word(kind.label)), "basic-skills test", assessment(kind)))
        return found

    def _offer_records(self, findings: list[Finding]) -> None:
        missing = " ".join(f.english.casefold() for f in findings)
        self.record_what.clear()
        self._record_calls = []
        for label, marker, call in self._recorders():
            if marker.casefold() in missing:
                self.record_what.addItem(label)
                self._record_calls.append(call)
        self.record_row.setVisible(self.ctx.plan is None and bool(self._record_calls))

    def record_prerequisite(self) -> None:
        index = self.record_what.currentIndex()
        if index < 0:
            return
        label, call = self.record_what.currentText(), self._record_calls[index]
        if self.record_on.has_error():  # a date that is not a date is never stored (issue 13)
            self.record_message.show_error(self.record_on.problem())
            self.record_on.setFocus()
            return
        day = from_qdate(self.record_on.date())
        try:
            self.ctx.run(lambda uow: call(uow, day))
        except IepError as exc:
            self.record_message.show_error(in_language(exc))
            return
        self.enter()
        self.record_message.show_ok(tr("Recorded: {what} on {day}.").format(what=label, day=fmt(day)))
        # The next thing to do: the next missing prerequisite, or starting the plan.
        nxt = self.record_what if self.record_row.isVisible() else self.start_button
        nxt.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions ----------------------------------------------------------------------------
    def start_plan(self) -> None:
        ctx = self.ctx
        if self.start_date.has_error():  # a date that is not a date is never stored (issue 13)
            self.message.show_error(self.start_date.problem())
            self.start_date.setFocus()
            return
        if not self.coach.currentText().strip():  # asked once per store, then remembered
            self.message.show_error(tr("Type your name under Career coach: it goes on the plan, and this "
                                       "store remembers it for the next plan."))
            self.coach.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            ctx.run(lambda uow: plans.start_plan(
                uow, ctx.participant_id, start_date=from_qdate(self.start_date.date()),
                region=self.region.currentText().strip(), office=self.office.currentText().strip(),
                coach_name=self.coach.currentText().strip()))
        except RuleViolation as exc:
            self.enter()  # the checklist shows what is missing now
            # As of the start typed: a prerequisite dated after it does not count (R-P2).
            blocking = [f for f in rules.RULES["R-P2"](ctx.snapshot, ctx.profile, self._start_day())
                        if f.severity is Severity.ERROR]
            if blocking:  # one line for each thing still to do, not one run-on paragraph
                self.message.show_error(lambda: "\n".join([  # built again after a language switch
                    tr("The plan cannot start yet (R-P2). Still to do:"),
                    *(f"\u2022 {f.message.removesuffix(f'({f.rule_id})').strip()}" for f in blocking)]))
            else:
                self.message.show_error(in_language(exc))  # it ends with the rule id, e.g. (R-P2)
            self._blocked = True
            # Once the layout has made room for the message: before, it stayed below the fold.
            QTimer.singleShot(0, self, self._reveal_message)  # not after the page is gone
            return
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        self._dirty = False
        self._blocked = False
        self.enter()  # "Done: the IEP was started on ..." says it once (it was said twice)
        self.message.clear_message()
        wizard = self.wizard()
        if wizard is not None:  # the next thing to do is Next, never "< Back"
            wizard.button(QWizard.WizardButton.NextButton).setFocus(Qt.FocusReason.OtherFocusReason)

    def _reveal_message(self) -> None:
        self.scroll_area.ensureWidgetVisible(self.message)

    def _edited(self, *_args: object) -> None:
        if self._loading or self.ctx.plan is None:
            return
        self._dirty = True
        if not self._timer.isActive():  # saved within AUTOSAVE_MS even while typing goes on
            self._timer.start()

    def save_now(self) -> bool:
        self._timer.stop()
        plan = self.ctx.plan
        if not self._dirty or plan is None:
            return True
        changed = Plan.model_validate({**plan.model_dump(), "region": self.region.currentText(),
                                       "office": self.office.currentText(),
                                       "coach_name": self.coach.currentText()})
        saved, _ = self.ctx.attempt(lambda uow: plans.update_plan(uow, changed), self.message)
        if not saved:
            return False
        if changed.coach_name.strip() and changed.coach_name != plan.coach_name:
            self.ctx.attempt(lambda uow: coach.remember_coach_name(uow, changed.coach_name), self.message)
        self._dirty = False
        self.ctx.refresh()
        for finding in self.ctx.check(self.ctx.plan, ["R-P3"]) if self.ctx.plan else []:
            self.message.show_error(finding.message)
            break
        else:
            self.message.show_ok(tr("Plan details saved."))
        return True


def _weight(severity: Severity) -> int:
    return {Severity.ERROR: 2, Severity.WARNING: 1, Severity.SUGGESTION: 0}[severity]


def _choices(box: QComboBox, options: list[str], current: str) -> None:
    box.clear()
    for option in options:
        box.addItem(option)
    if current and box.findText(current) < 0:
        box.addItem(current)
    if current:
        box.setCurrentText(current)
