"""The plan wizard, clicked through with real widgets on a real encrypted store (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPointingDevice
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iep_desktop.clock import FixedClock
from iep_desktop.domain.findings import Severity
from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    Barrier,
    BarrierGroup,
    CaseNote,
    CounselingStatement,
    Goal,
    GoalTerm,
    GoalType,
    Objective,
    Participant,
    Plan,
    PlanVersion,
    Program,
    Review,
    ReviewOutcome,
    Service,
    Signature,
    SignerRole,
)
from iep_desktop.domain.sign_state import SignState
from iep_desktop.domain.strokes import SignatureInk, Stroke, StrokePoint
from iep_desktop.services import participants, plan_items, plans, signing
from iep_desktop.store.store import Store
from iep_desktop.store.tables import audit_events
from tests.conftest import PASSPHRASE, TODAY
from ui.wizard import PageId, PlanWizard, open_plan_wizard
from ui.wizard.pages.assessment import CONFIDENTIAL_TITLE, AssessmentPage
from ui.wizard.pages.barriers import BarriersPage
from ui.wizard.pages.done import DonePage
from ui.wizard.pages.goals import GoalsPage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.prerequisites import PrerequisitesPage
from ui.wizard.pages.review import ReviewPage
from ui.wizard.pages.review_choice import ReviewChoicePage
from ui.wizard.pages.services import ServicesPage
from ui.wizard.pages.signatures import SignaturesPage
from ui.wizard.widgets import AUTOSAVE_MS, TOUCH_HEIGHT

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
COACH = "Coach Kim"
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
FINISH = QWizard.WizardButton.FinishButton


# -- Building participants and plans through the core ----------------------------------------


def ready_participant(store: Store, program: Program = Program.ADULT, *, eligible: bool = True,
                      english_learner: bool = False) -> Participant:
    """A participant who meets the default board's prerequisites (R-P2)."""
    with store.unit_of_work(COACH) as uow:
        person = participants.create_participant(uow, Participant(
            first_name="Ana-Sofía", last_name="Núñez", program=program, board="default",
            english_learner=english_learner,
            # Before complete_plan's start (100 days ago): a plan never starts before eligibility (R-P2).
            eligibility_determined_on=TODAY - timedelta(days=120) if eligible else None))
        for kind in (AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION):
            plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind,
                                                         taken_on=TODAY - timedelta(days=110)))
        # Both assessments and the first service come before the plan, complete_plan's too (R-P2).
        first = "207" if program is not Program.YOUTH else "468"
        day = TODAY - timedelta(days=105)
        plan_items.add_service(uow, Service(participant_id=person.id, code=first, provider="Staff",
                                            planned_start=day, planned_end=day, actual_start=day,
                                            actual_end=day))
    return person


def complete_plan(store: Store, person: Participant) -> Plan:
    with store.unit_of_work(COACH) as uow:
        plan = plans.start_plan(uow, person.id, start_date=TODAY - timedelta(days=100))
        goal = plan_items.add_goal(uow, Goal(
            plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
            description="Full-time welding job", established_on=plan.start_date,
            estimated_completion_on=plan.start_date + timedelta(days=150)))
        objective = plan_items.add_objective(uow, Objective(
            plan_id=plan.id, goal_id=goal.id, title="Attend Occupational Training",
            justification="Needs AWS certification", established_on=plan.start_date))
        plan_items.add_service(uow, Service(
            participant_id=person.id, plan_id=plan.id, code="300", provider="City Colleges",
            planned_start=plan.start_date, planned_end=plan.start_date + timedelta(days=90),
            objective_ids=[objective.id]))
        plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.PERSONAL,
                                            category="transportation", step="Bus pass (service 500)"))
    return plan


def sign_through_core(store: Store, plan: Plan) -> None:
    points = [StrokePoint(x=20 + 12 * i, y=60 + (20 if i % 2 else -20), pressure=1.0, t_ms=10 * i)
              for i in range(20)]
    ink = SignatureInk(width=640, height=220, strokes=[Stroke(points=points, device="mouse")])
    with store.unit_of_work(COACH) as uow:
        signing.sign_plan(uow, plan.id, role=SignerRole.PARTICIPANT, signer_name="Ana-Sofía Núñez", ink=ink)
        signing.sign_plan(uow, plan.id, role=SignerRole.COACH, signer_name=COACH, ink=ink)


# -- Driving the widgets ----------------------------------------------------------------------


@pytest.fixture
def make_wizard(qtbot: QtBot) -> Callable[..., PlanWizard]:
    def make(store: Store, person: Participant, *, review: bool = False) -> PlanWizard:
        wizard = PlanWizard(store, person.id, COACH, review=review)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot: QtBot, wizard: PlanWizard, expected: PageId) -> None:
    click(qtbot, wizard.button(NEXT))
    assert wizard.currentId() == expected


def tab_stops(qtbot: QtBot, presses: int) -> list[QWidget | None]:
    """Press Tab ``presses`` times as a keyboard does, from the focused widget: where focus went each time."""
    seen: list[QWidget | None] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None, seen
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard; characters keyClicks cannot send go as key events with text."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def choose_in_list(qtbot: QtBot, view: QListView, text: str) -> None:
    model = view.model()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    index = next(i for i in rows if i.data() == text)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def wait_saved(qtbot: QtBot, page: object) -> None:
    """Let the debounce timer fire: nothing is left unsaved on the page."""
    qtbot.waitUntil(lambda: not page._dirty, timeout=AUTOSAVE_MS * 4)  # type: ignore[attr-defined]


def send_mouse(pad: QWidget, kind: QEvent.Type, x: float, y: float, button: Qt.MouseButton,
               buttons: Qt.MouseButton) -> None:
    pos = QPointF(x, y)
    event = QMouseEvent(kind, pos, pos, pad.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier, Qt.MouseEventSource.MouseEventNotSynthesized,
                        QPointingDevice.primaryPointingDevice())
    QApplication.sendEvent(pad, event)


def draw_signature(pad: QWidget, y: float = 110) -> None:
    """A zig-zag mouse stroke long enough to count as a signature."""
    left = Qt.MouseButton.LeftButton
    send_mouse(pad, QEvent.Type.MouseButtonPress, 40, y, left, left)
    for i in range(1, 25):
        send_mouse(pad, QEvent.Type.MouseMove, 40 + 16 * i, y + (18 if i % 2 else -18),
                   Qt.MouseButton.NoButton, left)
    send_mouse(pad, QEvent.Type.MouseButtonRelease, 440, y, left, Qt.MouseButton.NoButton)


def shot(wizard: PlanWizard, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    assert wizard.grab().save(str(SCREENSHOTS / f"wizard_{name}.png"))


def assert_usable(page: QWidget) -> None:
    """Buttons are touch-sized; every input has an accessible name and takes keyboard focus."""
    for button in page.findChildren(QAbstractButton):
        if button.isVisible() and button.metaObject().className() == "QPushButton":
            assert button.minimumHeight() >= TOUCH_HEIGHT, button.text()
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.text()
    inputs = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView)
    for kind in inputs:
        for widget in page.findChildren(kind):
            if not widget.isVisible() or isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
                continue
            if type(widget).__name__ in ("QCalendarView", "QComboBoxListView", "QHeaderView"):
                continue
            assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"
            assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.accessibleName()


def audit_actions(store: Store) -> list[str]:
    with store.unit_of_work(COACH) as uow:
        return list(uow.c.execute(select(audit_events.c.action).order_by(audit_events.c.seq)).scalars())


# -- The whole plan, start to finish ----------------------------------------------------------


def test_coach_builds_signs_and_prints_a_plan(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person)

    # Participant and program.
    assert wizard.currentId() == PageId.PARTICIPANT
    page = wizard.page_of(PageId.PARTICIPANT)
    assert page.name.text() == "Ana-Sofía Núñez"  # type: ignore[attr-defined]
    assert "Individual Employment Plan (IEP)" in page._fields["kind"].text()  # type: ignore[attr-defined]
    assert_usable(page)
    shot(wizard, "participant")

    # Prerequisites: all met; the plan does not exist yet, so Next waits for "Start the IEP".
    next_page(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    rows = prereq.checklist_rows()
    assert rows and all(r.startswith("Done: ") for r in rows), rows
    assert not wizard.button(NEXT).isEnabled()
    assert_usable(prereq)
    shot(wizard, "prerequisites_before")
    click(qtbot, prereq.start_button)
    assert wizard.ctx.plan is not None and wizard.button(NEXT).isEnabled()
    assert "was started on 11/23/2026" in prereq.started.text()
    shot(wizard, "prerequisites")

    # Assessment: a TABE reading result below 9.0, and a confidential statement.
    next_page(qtbot, wizard, PageId.ASSESSMENT)
    assessment = wizard.page_of(PageId.ASSESSMENT)
    assert isinstance(assessment, AssessmentPage)
    assert assessment.model.rowCount() == 2  # the prerequisites recorded before
    assessment.instrument.setCurrentIndex(assessment.instrument.findText("TABE reading"))
    assessment.grade.setValue(8.4)
    type_text(qtbot, assessment.score, "Scale 512")
    click(qtbot, assessment.add_button)
    assert assessment.model.rowCount() == 3
    type_text(qtbot, assessment.statement, "Talked about court date — private")
    titles = [box.title() for box in assessment.findChildren(type(assessment.form_box))]
    assert CONFIDENTIAL_TITLE in titles
    assert_usable(assessment)
    shot(wizard, "assessment")

    # Barriers: Next saved the confidential statement on the way out.
    next_page(qtbot, wizard, PageId.BARRIERS)
    barriers = wizard.page_of(PageId.BARRIERS)
    assert isinstance(barriers, BarriersPage)
    click(qtbot, barriers.group_radios[BarrierGroup.TECHNOLOGY])
    assert barriers.category.currentText() == "No device"
    type_text(qtbot, barriers.description, "No laptop at home")
    type_text(qtbot, barriers.step, "Loaner laptop from the library")
    click(qtbot, barriers.add_button)
    assert [b.category for b in barriers.model.rows()] == ["no_device"]
    assert_usable(barriers)
    shot(wizard, "barriers")

    # Goals: the term follows the dates; a term that contradicts them shows R-G2.
    next_page(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    assert goals.established.date().toString("MM/dd/yyyy") == "11/23/2026"
    assert goals.completion.date().toString("MM/dd/yyyy") == "05/23/2027"
    assert goals.term.currentData() == GoalTerm.SHORT
    assert not goals.add_button.isEnabled()  # a goal needs its description
    type_text(qtbot, goals.description, "Full-time welding job — soldadura")
    goals.completion.setDate(goals.completion.date().addMonths(12))
    assert goals.term.currentData() == GoalTerm.LONG  # 18 months: re-derived
    goals.term.setCurrentIndex(goals.term.findData(GoalTerm.SHORT))
    assert "(R-G2)" in goals.problems.text() and goals.problems.isVisible()
    shot(wizard, "goals_term_warning")
    goals.completion.setDate(goals.completion.date().addMonths(-12))
    goals.term.setCurrentIndex(goals.term.findData(GoalTerm.SHORT))
    assert "(R-G2)" not in goals.problems.text()
    click(qtbot, goals.add_button)
    assert [g.description for g in goals.model.rows()] == ["Full-time welding job — soldadura"]
    assert_usable(goals)
    shot(wizard, "goals")

    # Objectives: search the board's list as you type; justification first (R-O3).
    next_page(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    total = objectives.filtered.rowCount()
    type_text(qtbot, objectives.search, "resu")
    assert objectives.filtered.rowCount() < total
    assert [objectives.filtered.index(r, 0).data() for r in range(objectives.filtered.rowCount())] == [
        "Develop / Revise Resume"]
    choose_in_list(qtbot, objectives.choices, "Develop / Revise Resume")
    assert "Develop / Revise Resume" in objectives.chosen.text()
    assert not objectives.add_button.isEnabled()
    assert objectives.review.date().toString("MM/dd/yyyy") == "02/21/2027"  # +90 days (R-O2)
    type_text(qtbot, objectives.justification, "No resume yet")
    assert objectives.add_button.isEnabled()
    click(qtbot, objectives.add_button)
    assert [o.title for o in objectives.model.rows()] == ["Develop / Revise Resume"]
    # TABE reading 8.4 < 9.0: R-O6 suggests the remediation objective as a chip.
    [chip] = objectives.chips
    assert "Increase Reading and/or Math Skills" in chip.text()
    assert "(R-O6)" in chip.toolTip()
    shot(wizard, "objectives_suggestion")
    click(qtbot, chip)
    assert objectives.search.text() == "Increase Reading and/or Math Skills"
    assert objectives.title() == "Increase Reading and/or Math Skills"
    type_text(qtbot, objectives.justification, "TABE reading 8.4")
    click(qtbot, objectives.add_button)
    assert len(objectives.model.rows()) == 2 and objectives.chips == []
    assert_usable(objectives)
    shot(wizard, "objectives")

    # Services: codes for this program, "code — name"; objectives served are checkable.
    next_page(qtbot, wizard, PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    assert isinstance(services, ServicesPage)
    codes = [services.code.itemData(i) for i in range(services.code.count())]
    assert "300" in codes and "468" not in codes  # 468 is a Youth service
    services.code.setCurrentIndex(services.code.findData("300"))
    assert services.code.currentText() == "300 — Occupational Skills Training (ITA)"
    type_text(qtbot, services.provider, "City Colleges")
    objective_ids = [o.id for o in objectives.model.rows()]
    services.set_objective_checked(objective_ids[0], True)
    click(qtbot, services.add_button)
    [service] = services.model.rows()
    assert service.objective_ids == [objective_ids[0]]
    assert_usable(services)
    shot(wizard, "services")

    # An error made outside the wizard: a goal that ends before it starts (R-G3).
    with store.unit_of_work(COACH) as uow:
        bad = plan_items.add_goal(uow, Goal(
            plan_id=wizard.ctx.plan.id, goal_type=GoalType.TRAINING, term=GoalTerm.SHORT,
            description="Welding certificate", established_on=TODAY,
            estimated_completion_on=TODAY - timedelta(days=30)))

    # Check the plan: every finding listed with its rule id; the error blocks Next.
    next_page(qtbot, wizard, PageId.REVIEW)
    review = wizard.page_of(PageId.REVIEW)
    assert isinstance(review, ReviewPage)
    with store.unit_of_work(COACH) as uow:
        expected = plans.plan_findings(uow, person.id, today=TODAY)
    assert [f.message for f in review.findings()] == [f.message for f in expected]
    assert review.model.rowCount() == len(expected)
    [error] = review.errors()
    assert error.rule_id == "R-G3" and error.record_id == bad.id
    assert not wizard.button(NEXT).isEnabled() and not review.isComplete()
    assert "must be fixed" in review.summary.text()
    assert_usable(review)
    shot(wizard, "review_blocked")

    # Double-click the error: the goals page opens with that goal in the form; fix the date.
    row = review.model.find_row(lambda f: f.severity is Severity.ERROR)
    index = review.model.index(row, 2)
    review.table.scrollTo(index)
    where = review.table.visualRect(index).center()
    qtbot.mouseClick(review.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a real
    qtbot.mouseDClick(review.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # double-click
    assert wizard.currentId() == PageId.GOALS
    assert goals.editing() is not None and goals.editing().id == bad.id
    assert goals.description.text() == "Welding certificate"
    assert "(R-G3)" in goals.problems.text()
    shot(wizard, "goals_fixing_error")
    goals.completion.setDate(goals.established.date().addMonths(4))
    assert "(R-G3)" not in goals.problems.text()
    wait_saved(qtbot, goals)
    for page_id in (PageId.OBJECTIVES, PageId.SERVICES, PageId.REVIEW):
        next_page(qtbot, wizard, page_id)
    assert review.errors() == [] and wizard.button(NEXT).isEnabled()
    assert any(f.rule_id == "R-X1" for f in review.findings())  # not signed yet: a warning
    shot(wizard, "review")

    # Signatures: participant and coach sign with the mouse.
    next_page(qtbot, wizard, PageId.SIGNATURES)
    signatures = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(signatures, SignaturesPage)
    assert not wizard.button(NEXT).isEnabled()
    shown = [label.text() for label in signatures.signers[SignerRole.PARTICIPANT].panel.findChildren(QLabel)]
    assert signing.CONSENT_TEXT in shown and "Date: 11/23/2026" in shown
    assert "Participant: Ana-Sofía Núñez" in shown
    assert set(signatures.signers) == {SignerRole.PARTICIPANT, SignerRole.COACH}  # no parent: Adult
    participant = signatures.signers[SignerRole.PARTICIPANT]
    click(qtbot, participant.button)  # nothing drawn yet: refused
    assert "Please sign your full name" in participant.panel.error_label.text()
    assert participant.button.isEnabled() and audit_actions(store)[-1] != "signature.participant"
    shot(wizard, "signatures_empty")
    draw_signature(participant.panel.pad)
    click(qtbot, participant.button)
    assert not participant.button.isEnabled()
    assert "awaiting signature" in signatures.status_lines.text()
    coach = signatures.signers[SignerRole.COACH]
    draw_signature(coach.panel.pad)
    click(qtbot, coach.button)
    assert "Status: signed" in signatures.status_lines.text()
    assert wizard.button(NEXT).isEnabled()
    assert_usable(signatures)
    shot(wizard, "signatures")

    # Done: print both copies; back to the caseload closes the wizard.
    next_page(qtbot, wizard, PageId.DONE)
    done = wizard.page_of(PageId.DONE)
    assert isinstance(done, DonePage)
    assert "is signed (version 1)" in done.summary.text()
    assert wizard.button(FINISH).isVisible()
    assert_usable(done)
    shot(wizard, "done")
    assert done.pdf_button.isEnabled() and done.copy_button.isEnabled()
    monkeypatch.setattr(done, "ask_path", lambda copy: str(tmp_path / f"{copy}.pdf"))
    click(qtbot, done.pdf_button)
    click(qtbot, done.copy_button)
    for copy in ("office", "participant"):
        assert (tmp_path / f"{copy}.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved participant.pdf" in done.message.text()
    click(qtbot, done.close_button)
    assert not wizard.isVisible()

    # What the encrypted store now holds.
    with store.unit_of_work(COACH) as uow:
        [plan] = uow.list(Plan, participant_id=person.id)
        saved_goals = uow.list(Goal, plan_id=plan.id)
        saved_objectives = uow.list(Objective, plan_id=plan.id)
        saved_services = uow.list(Service, plan_id=plan.id)
        [version] = uow.list(PlanVersion, plan_id=plan.id)
        saved_signatures = uow.list(Signature, plan_id=plan.id)
        status = signing.sign_status(uow, plan.id)
        statements = uow.list(CounselingStatement, participant_id=person.id)
        barriers_saved = uow.list(Barrier, plan_id=plan.id)
        remaining = plans.blocking_findings(plans.plan_findings(uow, person.id, today=TODAY))
    assert sorted(g.description for g in saved_goals) == ["Full-time welding job — soldadura",
                                                          "Welding certificate"]
    assert next(g for g in saved_goals if g.id == bad.id).estimated_completion_on == date(2027, 3, 23)
    assert {o.title for o in saved_objectives} == {"Develop / Revise Resume",
                                                   "Increase Reading and/or Math Skills"}
    assert all(o.justification for o in saved_objectives)
    assert [(s.code, s.provider) for s in saved_services] == [("300", "City Colleges")]
    assert [(b.group, b.step) for b in barriers_saved] == [(BarrierGroup.TECHNOLOGY,
                                                            "Loaner laptop from the library")]
    assert [s.text for s in statements] == ["Talked about court date — private"]
    assert {s.role for s in saved_signatures} == {SignerRole.PARTICIPANT, SignerRole.COACH}
    assert all(s.version_digest == version.digest and s.plan_version_id == version.id
               and s.device == "mouse" for s in saved_signatures)
    assert status.state is SignState.SIGNED and status.current_digest == version.digest
    assert remaining == []
    actions = audit_actions(store)
    for action in ("plan.start", "assessment.add", "counseling_statement.add", "barrier.add",
                   "goal.add", "goal.update", "objective.add", "service.add",
                   "plan.freeze_version", "signature.participant", "signature.coach"):
        assert action in actions, action
    assert actions.index("plan.start") < actions.index("goal.add") < actions.index("signature.coach")
    assert store.verify().ok


# -- Never lose typing --------------------------------------------------------------------------


def walk_to(qtbot: QtBot, wizard: PlanWizard, target: PageId) -> None:
    while wizard.currentId() != target:
        click(qtbot, wizard.button(NEXT))


def test_typing_survives_a_crash(qtbot: QtBot, store: Store, store_path: Path, clock: FixedClock) -> None:
    person = ready_participant(store)
    wizard = PlanWizard(store, person.id, COACH)
    wizard.show()
    qtbot.waitExposed(wizard)
    walk_to(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    click(qtbot, prereq.start_button)  # type: ignore[attr-defined]
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    type_text(qtbot, goals.description, "Certified Nursing Assistant — año 1")
    goals.completion.setDate(goals.completion.date().addMonths(9))
    wait_saved(qtbot, goals)  # the debounce fired: no button pressed, no page left
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(objectives, ObjectivesPage)
    objectives.custom.setChecked(True)
    type_text(qtbot, objectives.custom_title, "Pass the CNA state exam")
    type_text(qtbot, objectives.justification, "Required for hire at St. Mary's")
    wait_saved(qtbot, objectives)
    with store.unit_of_work(COACH) as uow:  # the pause in typing saved it, nothing else did
        assert [g.description for g in uow.list(Goal)] == ["Certified Nursing Assistant — año 1"]
        assert [o.title for o in uow.list(Objective)] == ["Pass the CNA state exam"]

    # The app dies: no close, no Finish, no flush.
    wizard.hide()
    wizard.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()

    with Store.open(store_path, PASSPHRASE, clock=clock) as reopened:
        again = PlanWizard(reopened, person.id, COACH)
        qtbot.addWidget(again)
        again.show()
        qtbot.waitExposed(again)
        walk_to(qtbot, again, PageId.GOALS)
        goals = again.page_of(PageId.GOALS)
        assert isinstance(goals, GoalsPage)
        [goal] = goals.model.rows()
        goals.table.selectRow(0)
        assert goals.description.text() == "Certified Nursing Assistant — año 1"
        assert goals.completion.date().toString("MM/dd/yyyy") == "02/23/2028"
        assert goals.term.currentData() == GoalTerm.LONG  # 15 months on the default board
        walk_to(qtbot, again, PageId.OBJECTIVES)
        objectives = again.page_of(PageId.OBJECTIVES)
        assert isinstance(objectives, ObjectivesPage)
        objectives.table.selectRow(0)
        assert objectives.custom.isChecked()
        assert objectives.custom_title.text() == "Pass the CNA state exam"
        assert objectives.justification.toPlainText() == "Required for hire at St. Mary's"
        assert objectives.goal.currentData() == goal.id
        again.close()


def test_closing_saves_what_the_debounce_has_not_yet(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    goals.table.selectRow(0)
    goals.description.selectAll()
    type_text(qtbot, goals.description, "Full-time welding job at Acme")
    assert goals._dirty  # typed a moment ago; the timer has not fired
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))  # "Save and close"
    assert not wizard.isVisible()
    with store.unit_of_work(COACH) as uow:
        [goal] = uow.list(Goal)
    assert goal.description == "Full-time welding job at Acme"


def test_choosing_another_row_saves_the_one_being_edited(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    with store.unit_of_work(COACH) as uow:
        plan_items.add_barrier(uow, Barrier(plan_id=plan.id, group=BarrierGroup.SKILLS,
                                            category="work_readiness", step="Job club"))
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.BARRIERS)
    page = wizard.page_of(PageId.BARRIERS)
    assert isinstance(page, BarriersPage)
    first, second = page.model.rows()
    page.table.selectRow(0)
    type_text(qtbot, page.description, "Late buses")
    assert page._dirty
    page.table.selectRow(1)  # before the debounce fires
    assert page.editing() is not None and page.editing().id == second.id
    assert page.table.currentIndex().row() == page.model.find_row(lambda b: b.id == second.id)
    assert page.step.text() == second.step and page.description.toPlainText() == ""
    with store.unit_of_work(COACH) as uow:
        assert uow.get(Barrier, first.id).description == "Late buses"


def test_a_save_between_two_keys_in_the_objectives_list_keeps_the_row_the_keyboard_is_on(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    """CI at stop 30: Down in the list, the autosave of the provider fired, then Space checked
    nothing (the save had rebuilt the list), and the service was stored serving no objective."""
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    assert isinstance(services, ServicesPage)
    [objective] = wizard.ctx.snapshot.objectives
    type_text(qtbot, services.provider, "Harold Washington College")  # a new service
    services.objectives.setFocus()
    qtbot.keyClick(services.objectives, Qt.Key.Key_Down)
    assert services.objectives.currentIndex().row() == 0
    wait_saved(qtbot, services)  # the pause after the provider: saved, serving nothing yet
    assert services.editing() is not None and services.editing().objective_ids == []
    qtbot.keyClick(services.objectives, Qt.Key.Key_Space)
    assert services.checked_objectives() == [objective.id]
    wait_saved(qtbot, services)
    with store.unit_of_work(COACH) as uow:
        saved = uow.get(Service, services.editing().id)
    assert saved.provider == "Harold Washington College" and saved.objective_ids == [objective.id]


def test_a_new_store_after_unlock_receives_the_waiting_typing(
    qtbot: QtBot, store: Store, store_path: Path, clock: FixedClock,
    make_wizard: Callable[..., PlanWizard],
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.BARRIERS)
    barriers = wizard.page_of(PageId.BARRIERS)
    assert isinstance(barriers, BarriersPage)
    wizard.set_store(None)  # auto-lock
    store.close()
    barriers.table.selectRow(0)
    type_text(qtbot, barriers.description, "Bus route ends at 6 pm")
    qtbot.wait(AUTOSAVE_MS + 300)
    assert barriers._dirty and "locked" in barriers.status.text()
    with Store.open(store_path, PASSPHRASE, clock=clock) as reopened:
        wizard.set_store(reopened)  # unlock: a different Store object
        assert not barriers._dirty
        with reopened.unit_of_work(COACH) as uow:
            [barrier] = uow.list(Barrier)
        assert barrier.description == "Bus route ends at 6 pm"
        wizard.close()


# -- Pages on their own -----------------------------------------------------------------------


def test_prerequisites_not_met_block_the_plan_with_the_rule_id(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store, eligible=False)
    wizard = make_wizard(store, person)
    next_page(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert isinstance(prereq, PrerequisitesPage)
    first = prereq.checklist_rows()[0]
    assert first.startswith("Not done (required): Eligibility determined")
    assert "(R-P2)" in first
    click(qtbot, prereq.start_button)
    assert prereq.message.isVisible()
    # One line for each thing still to do (issue 13: it was one run-on paragraph), with the rule id.
    assert prereq.message.text().startswith("The plan cannot start yet (R-P2). Still to do:\n\u2022 Eligibility has not been")
    assert wizard.ctx.plan is None and not wizard.button(NEXT).isEnabled()
    shot(wizard, "prerequisites_blocked")


def test_objective_needs_a_justification_before_it_can_be_added(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.OBJECTIVES)
    page = wizard.page_of(PageId.OBJECTIVES)
    assert isinstance(page, ObjectivesPage)
    type_text(qtbot, page.search, "LINKEDIN")  # the filter ignores case
    choose_in_list(qtbot, page.choices, "Attend LinkedIn Workshop")
    assert not page.add_button.isEnabled()
    assert "justification" in page.problems.text().lower()
    qtbot.wait(AUTOSAVE_MS + 300)
    assert len(page.model.rows()) == 1  # nothing half-made was saved
    type_text(qtbot, page.justification, " ")
    assert not page.add_button.isEnabled()  # blank is not a justification
    type_text(qtbot, page.justification, "Builds a network")
    assert page.add_button.isEnabled()
    page.established.setDate(page.established.date().addDays(10))
    assert page.review.date() == page.established.date().addDays(90)  # default follows (R-O2)


def complete_youth_plan(store: Store, person: Participant) -> Plan:
    with store.unit_of_work(COACH) as uow:
        plan = plans.start_plan(uow, person.id)
        goal = plan_items.add_goal(uow, Goal(
            plan_id=plan.id, goal_type=GoalType.EDUCATIONAL, term=GoalTerm.SHORT,
            description="High school equivalency", established_on=TODAY,
            estimated_completion_on=TODAY + timedelta(days=150)))
        objective = plan_items.add_objective(uow, Objective(
            plan_id=plan.id, goal_id=goal.id, title="Attend Tutoring",
            justification="Math is the last HiSET part left", established_on=TODAY))
        plan_items.add_service(uow, Service(
            participant_id=person.id, plan_id=plan.id, code="401", provider="Youth Center",
            planned_start=TODAY, planned_end=TODAY + timedelta(days=90), objective_ids=[objective.id]))
    return plan


def test_youth_iss_has_youth_services_and_an_optional_parent_signature(
    qtbot: QtBot, qtlog: QtLoggingPlugin, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store, Program.YOUTH)
    complete_youth_plan(store, person)
    wizard = make_wizard(store, person)
    assert "Individual Service Strategy (ISS)" in wizard.page_of(PageId.PARTICIPANT)._fields["kind"].text()  # type: ignore[attr-defined]
    assert wizard.windowTitle() == "ISS — Ana-Sofía Núñez"
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    assert [goals.goal_type.itemData(i) for i in range(goals.goal_type.count())] == [
        GoalType.EMPLOYMENT, GoalType.EDUCATIONAL, GoalType.TRAINING]
    walk_to(qtbot, wizard, PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    assert isinstance(services, ServicesPage)
    codes = {services.code.itemData(i) for i in range(services.code.count())}
    assert {"431", "468", "469"} <= codes and "300" not in codes
    services.code.setCurrentIndex(services.code.findData("469"))  # same day (R-S2)
    assert "same-day" in services.same_day.text()
    assert services.start.date() == services.end.date()
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    signatures = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(signatures, SignaturesPage)
    assert signatures.parent_row is not None
    # The parent's row took its place in the tab order (Qt ignores, with a warning, an order set
    # between two windows), and Tab goes from the coach's pad on to its name and button.
    assert not [r.message for r in qtlog.records if "setTabOrder" in r.message]
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    signatures.signers[SignerRole.COACH].panel.pad.setFocus()
    seen = tab_stops(qtbot, 8)
    assert signatures.parent_name in seen and signatures.parent_button in seen, seen
    assert seen.index(signatures.parent_name) + 1 == seen.index(signatures.parent_button), seen
    navigation = [seen.index(b) for b in (wizard.button(NEXT), wizard.button(BACK)) if b in seen]
    assert all(place > seen.index(signatures.parent_button) for place in navigation), seen
    type_text(qtbot, signatures.parent_name, "María Núñez")
    click(qtbot, signatures.parent_button)
    parent = signatures.signers[SignerRole.PARENT_GUARDIAN]
    assert parent.name == "María Núñez"
    for role in (SignerRole.PARTICIPANT, SignerRole.COACH, SignerRole.PARENT_GUARDIAN):
        draw_signature(signatures.signers[role].panel.pad)
        click(qtbot, signatures.signers[role].button)
    assert wizard.button(NEXT).isEnabled()
    QApplication.processEvents()  # lay the new parent panel out before scrolling to it
    signatures.scroll_area.ensureWidgetVisible(parent.frame, 0, 0)
    shot(wizard, "signatures_youth")
    with store.unit_of_work(COACH) as uow:
        saved = uow.list(Signature)
    assert sorted(s.role.value for s in saved) == ["coach", "parent_guardian", "participant"]
    assert len({s.version_digest for s in saved}) == 1


def test_the_goal_form_is_reachable_by_keyboard_in_reading_order(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    type_text(qtbot, goals.description, "Warehouse lead")  # the add button is now enabled
    goals.goal_type.setFocus()
    # One Tab a field: a date is one field (issue 13), not three sections.
    seen = [goals.goal_type, *tab_stops(qtbot, 6)]
    # "Serves goal" (R-G7, issue 16) comes after the term, in reading order.
    assert seen[:7] == [goals.goal_type, goals.description, goals.established.edit, goals.completion.edit,
                        goals.term, goals.serves, goals.add_button]
    goals.add_button.setFocus()
    qtbot.keyClick(goals.add_button, Qt.Key.Key_Space)
    assert [g.description for g in goals.model.rows()] == ["Full-time welding job", "Warehouse lead"]


def test_a_change_after_one_signature_asks_for_it_again(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    signatures = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(signatures, SignaturesPage)
    participant = signatures.signers[SignerRole.PARTICIPANT]
    draw_signature(participant.panel.pad)
    click(qtbot, participant.button)
    assert not participant.button.isEnabled()
    assert wizard.go_to_page(PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    goals.table.selectRow(0)
    goals.description.selectAll()
    type_text(qtbot, goals.description, "Part-time welding job")
    walk_to(qtbot, wizard, PageId.SIGNATURES)  # Next saved the goal on the way
    assert participant.button.isEnabled() and participant.panel.pad.is_empty()
    assert "sign again" in participant.message.text()
    assert not wizard.button(NEXT).isEnabled()
    with store.unit_of_work(COACH) as uow:
        [signature] = uow.list(Signature)
        [version] = uow.list(PlanVersion)
        assert signature.version_digest == version.digest  # the old signature stays on version 1
        assert signing.sign_status(uow, signature.plan_id).current_digest != version.digest


def test_open_plan_wizard_shows_a_non_modal_wizard(qtbot: QtBot, store: Store) -> None:
    person = ready_participant(store)
    host = QWidget()
    qtbot.addWidget(host)
    wizard = open_plan_wizard(host, store, person.id, COACH)
    assert isinstance(wizard, PlanWizard)
    assert wizard.isVisible() and not wizard.isModal()
    assert wizard.currentId() == PageId.PARTICIPANT
    assert wizard.ctx.today == TODAY
    wizard.close()


# -- Review mode --------------------------------------------------------------------------------


def test_review_with_no_change_writes_the_review_note_and_closes(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    wizard = make_wizard(store, person, review=True)
    page = wizard.page_of(PageId.REVIEW_CHOICE)
    assert isinstance(page, ReviewChoicePage) and wizard.currentId() == PageId.REVIEW_CHOICE
    assert page.facts["due"].text() == "11/13/2026 (overdue, R-V1)"  # started 100 days ago; every 90
    assert not wizard.button(NEXT).isEnabled()
    assert_usable(page)
    shot(wizard, "review_choice")
    click(qtbot, page.no_change_button)
    assert not wizard.isVisible()
    box = wizard.confirmation
    assert box is not None and box.isVisible() and "IEP/ISS Review" in box.text()
    box.close()
    with store.unit_of_work(COACH) as uow:
        [review] = uow.list(Review, plan_id=plan.id)
        [note] = uow.list(CaseNote, participant_id=person.id)
    assert review.outcome is ReviewOutcome.NO_CHANGE and review.case_note_id == note.id
    assert note.title == "IEP/ISS Review" and "on track" in note.story
    assert "review.add" in audit_actions(store) and "case_note.add" in audit_actions(store)


def test_review_with_changes_is_signed_again_and_recorded_as_an_update(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    plan = complete_plan(store, person)
    sign_through_core(store, plan)
    wizard = make_wizard(store, person, review=True)
    click(qtbot, wizard.page_of(PageId.REVIEW_CHOICE).update_button)  # type: ignore[attr-defined]
    assert wizard.currentId() == PageId.PARTICIPANT
    next_page(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert not prereq.start_button.isVisible() and "Done: the IEP was started" in prereq.started.text()  # type: ignore[attr-defined]
    walk_to(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    assert isinstance(goals, GoalsPage)
    goals.table.selectRow(0)
    goals.description.selectAll()
    type_text(qtbot, goals.description, "Full-time pipe welding job")
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    signatures = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(signatures, SignaturesPage)
    assert "awaiting signature" in signatures.status_lines.text()  # every change is re-signed (R-V3)
    assert not wizard.button(NEXT).isEnabled()
    for role in (SignerRole.PARTICIPANT, SignerRole.COACH):
        draw_signature(signatures.signers[role].panel.pad)
        click(qtbot, signatures.signers[role].button)
    next_page(qtbot, wizard, PageId.DONE)
    assert "is signed (version 2)" in wizard.page_of(PageId.DONE).summary.text()  # type: ignore[attr-defined]
    click(qtbot, wizard.button(FINISH))
    with store.unit_of_work(COACH) as uow:
        [review] = uow.list(Review, plan_id=plan.id)
        [note] = uow.list(CaseNote, participant_id=person.id)
        versions = uow.list(PlanVersion, plan_id=plan.id, order_by="number")
        signatures_saved = uow.list(Signature, plan_id=plan.id)
    assert review.outcome is ReviewOutcome.UPDATED and note.title == "IEP/ISS Review/Update"
    assert [v.number for v in versions] == [1, 2]
    assert sorted((s.role.value, s.plan_version_id == versions[1].id) for s in signatures_saved) == [
        ("coach", False), ("coach", True), ("participant", False), ("participant", True)]


def test_review_mode_without_an_open_plan_says_so(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    wizard = make_wizard(store, person, review=True)
    page = wizard.page_of(PageId.REVIEW_CHOICE)
    assert isinstance(page, ReviewChoicePage)
    assert not page.no_change_button.isEnabled() and not page.update_button.isEnabled()
    assert "no open plan" in page.message.text()


@pytest.fixture(autouse=True)
def _app_theme(qapp: QApplication) -> Iterator[None]:
    """The app's own look (ui/theme.py) when it exists, so screenshots show what coaches see;
    put back afterwards for the other UI tests."""
    try:
        from ui.theme import apply_theme
    except ImportError:
        yield
        return
    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet("")  # never swap the style under a live style sheet (see ui.theme)
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture(autouse=True)
def _no_leftover_dialogs(qapp: QApplication) -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.metaObject().className() == "QMessageBox":
            widget.close()

