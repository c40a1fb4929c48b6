"""The whole app, end to end: the real window the app builds (``ui.app.create_window``) on a fresh
store made through its own create-store screen; then, through real widgets only, a participant,
the plan wizard from the caseload to a plan signed with pen strokes, and finally the encrypted
store file opened afresh to find the plan, its version, its signatures and its audit events.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import (
    Assessment,
    BarrierGroup,
    Goal,
    Objective,
    Participant,
    Plan,
    PlanVersion,
    Service,
    Signature,
    SignerRole,
)
from iep_desktop.domain.sign_state import SignState
from iep_desktop.services import signing
from iep_desktop.store.store import Store
from iep_desktop.store.tables import audit_events
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.ui.shell_helpers import settings, themed, wait_loaded  # noqa: F401 - fixtures
from tests.ui.test_signature_pad import cursive, pen_stroke
from tests.ui.test_wizard import (
    FINISH,
    NEXT,
    choose_in_list,
    click,
    next_page,
    shot,
    type_text,
)
from ui.app import create_window, parse_args
from ui.settings import Settings
from ui.wizard import PageId, PlanWizard

COACH = "Coach Kim"


def stylus() -> QPointingDevice:
    return QPointingDevice("Test stylus", 2001, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)


def open_wizard(qtbot: QtBot) -> PlanWizard:
    def shown() -> list[PlanWizard]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, PlanWizard) and w.isVisible()]
    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def test_fresh_store_to_a_signed_plan_through_the_real_app(
    qtbot: QtBot, tmp_path: Path, settings: Settings, themed: QApplication, clock: FixedClock,
) -> None:
    path = tmp_path / "coach" / "coach.iep"
    args, _qt_args = parse_args(["--db", str(path)])
    window = create_window(args, settings, kdf=cheap_kdf(), clock=clock, actor=COACH)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    # A fresh store: the create screen, passphrase twice.
    view = window.gate.create_view
    assert window.gate.currentWidget() is view
    qtbot.keyClicks(view.passphrase, PASSPHRASE)
    qtbot.keyClicks(view.repeat, PASSPHRASE)
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    wait_loaded(qtbot, window)
    assert path.exists() and "No participants yet" in window.caseload.empty.text()

    # A participant through the New participant dialog.
    qtbot.mouseClick(window.caseload.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload._dialog is not None and window.caseload._dialog.isVisible())
    dialog = window.caseload._dialog
    assert dialog is not None
    type_text(qtbot, dialog.first_name, "Ana-Sofía")
    type_text(qtbot, dialog.last_name, "Núñez")
    dialog.date_of_birth.setFocus()
    qtbot.keyClicks(dialog.date_of_birth, "07041990")
    dialog.eligibility.setFocus()
    qtbot.keyClicks(dialog.eligibility, "11162026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload._dialog is None)
    wait_loaded(qtbot, window, rows=1)
    assert window.caseload.model.index(0, 0).data() == "Núñez, Ana-Sofía"
    assert window.caseload.model.index(0, 4).data() == "No plan"

    # The plan wizard, from the caseload's Open plan button.
    qtbot.mouseClick(window.caseload.open_button, Qt.MouseButton.LeftButton)
    wizard = open_wizard(qtbot)
    assert wizard.currentId() == PageId.PARTICIPANT

    # Prerequisites: what is missing is recorded on the page, then the IEP starts.
    next_page(qtbot, wizard, PageId.PREREQUISITES)
    prereq = wizard.page_of(PageId.PREREQUISITES)
    assert not wizard.button(NEXT).isEnabled()
    click(qtbot, prereq.start_button)  # type: ignore[attr-defined]
    assert "(R-P2)" in prereq.message.text() and wizard.ctx.plan is None  # type: ignore[attr-defined]
    for wanted in ("Objective assessment done", "Career exploration done", "Service 207"):
        box = prereq.record_what  # type: ignore[attr-defined]
        box.setCurrentIndex(next(i for i in range(box.count()) if box.itemText(i).startswith(wanted)))
        click(qtbot, prereq.record_button)  # type: ignore[attr-defined]
        assert f"Recorded: {wanted}" in prereq.record_message.text()  # type: ignore[attr-defined]
    assert all(r.startswith("Done: ") for r in prereq.checklist_rows())  # type: ignore[attr-defined]
    assert not prereq.record_row.isVisible()  # type: ignore[attr-defined]
    click(qtbot, prereq.start_button)  # type: ignore[attr-defined]
    assert wizard.ctx.plan is not None and wizard.button(NEXT).isEnabled()

    # Assessment: a TABE reading result.
    next_page(qtbot, wizard, PageId.ASSESSMENT)
    assessment = wizard.page_of(PageId.ASSESSMENT)
    assessment.instrument.setCurrentIndex(assessment.instrument.findText("TABE reading"))  # type: ignore[attr-defined]
    assessment.grade.setValue(9.6)  # type: ignore[attr-defined]
    type_text(qtbot, assessment.score, "Scale 560")  # type: ignore[attr-defined]
    click(qtbot, assessment.add_button)  # type: ignore[attr-defined]

    # Barriers.
    next_page(qtbot, wizard, PageId.BARRIERS)
    barriers = wizard.page_of(PageId.BARRIERS)
    click(qtbot, barriers.group_radios[BarrierGroup.PERSONAL])  # type: ignore[attr-defined]
    type_text(qtbot, barriers.description, "No car")  # type: ignore[attr-defined]
    type_text(qtbot, barriers.step, "Bus pass (supportive service)")  # type: ignore[attr-defined]
    click(qtbot, barriers.add_button)  # type: ignore[attr-defined]

    # Goals: an Employment goal with the defaulted dates.
    next_page(qtbot, wizard, PageId.GOALS)
    goals = wizard.page_of(PageId.GOALS)
    type_text(qtbot, goals.description, "Full-time welding job — soldadura")  # type: ignore[attr-defined]
    click(qtbot, goals.add_button)  # type: ignore[attr-defined]

    # Objectives: searched in the board's list, with a justification.
    next_page(qtbot, wizard, PageId.OBJECTIVES)
    objectives = wizard.page_of(PageId.OBJECTIVES)
    type_text(qtbot, objectives.search, "resu")  # type: ignore[attr-defined]
    choose_in_list(qtbot, objectives.choices, "Develop / Revise Resume")  # type: ignore[attr-defined]
    type_text(qtbot, objectives.justification, "No resume yet")  # type: ignore[attr-defined]
    click(qtbot, objectives.add_button)  # type: ignore[attr-defined]

    # Services: training that serves the objective.
    next_page(qtbot, wizard, PageId.SERVICES)
    services = wizard.page_of(PageId.SERVICES)
    services.code.setCurrentIndex(services.code.findData("300"))  # type: ignore[attr-defined]
    type_text(qtbot, services.provider, "City Colleges")  # type: ignore[attr-defined]
    [objective] = objectives.model.rows()  # type: ignore[attr-defined]
    services.set_objective_checked(objective.id, True)  # type: ignore[attr-defined]
    click(qtbot, services.add_button)  # type: ignore[attr-defined]

    # Check the plan: no error is left, so Next is open; the missing signatures are a warning.
    next_page(qtbot, wizard, PageId.REVIEW)
    review = wizard.page_of(PageId.REVIEW)
    assert review.errors() == [], [f.message for f in review.errors()]  # type: ignore[attr-defined]
    assert any(f.rule_id == "R-X1" for f in review.findings())  # type: ignore[attr-defined]

    # Signatures: participant and coach sign with a pen (synthetic tablet events).
    next_page(qtbot, wizard, PageId.SIGNATURES)
    signatures = wizard.page_of(PageId.SIGNATURES)
    pen = stylus()
    for role in (SignerRole.PARTICIPANT, SignerRole.COACH):
        signer = signatures.signers[role]  # type: ignore[attr-defined]
        signatures.scroll_area.ensureWidgetVisible(signer.frame)
        pen_stroke(signer.panel.pad, pen, cursive())
        click(qtbot, signer.button)
    assert "Status: signed" in signatures.status_lines.text()  # type: ignore[attr-defined]

    # Done; Finish closes the wizard and the caseload shows the plan signed.
    next_page(qtbot, wizard, PageId.DONE)
    assert "is signed (version 1)" in wizard.page_of(PageId.DONE).summary.text()  # type: ignore[attr-defined]
    shot(wizard, "end_to_end_done")
    click(qtbot, wizard.button(FINISH))
    qtbot.waitUntil(lambda: window.caseload.model.index(0, 4).data() == "Signed", timeout=10_000)
    window.close()  # closes the store
    assert window.store is None
    pen.deleteLater()

    # The encrypted file, opened afresh.
    with Store.open(path, PASSPHRASE, clock=clock) as store, store.unit_of_work(COACH) as uow:
        [person] = uow.list(Participant)
        [plan] = uow.list(Plan, participant_id=person.id)
        [version] = uow.list(PlanVersion, plan_id=plan.id)
        saved_signatures = uow.list(Signature, plan_id=plan.id)
        status = signing.sign_status(uow, plan.id)
        goals_saved = uow.list(Goal, plan_id=plan.id)
        objectives_saved = uow.list(Objective, plan_id=plan.id)
        services_saved = uow.list(Service, participant_id=person.id)
        assessments = uow.list(Assessment, participant_id=person.id)
        events = list(uow.c.execute(select(audit_events.c.action, audit_events.c.record_id)
                                    .order_by(audit_events.c.seq)))
        report = store.verify()
    assert (person.first_name, person.last_name, person.date_of_birth) == ("Ana-Sofía", "Núñez", date(1990, 7, 4))
    assert person.eligibility_determined_on == date(2026, 11, 16)
    assert plan.start_date == clock.today() and plan.coach_name == COACH
    assert [g.description for g in goals_saved] == ["Full-time welding job — soldadura"]
    assert [o.title for o in objectives_saved] == ["Develop / Revise Resume"]
    assert sorted(s.code for s in services_saved) == ["207", "300"]
    assert len(assessments) == 3
    assert version.number == 1 and len(version.digest) == 64
    assert {s.role for s in saved_signatures} == {SignerRole.PARTICIPANT, SignerRole.COACH}
    for signature in saved_signatures:
        assert signature.plan_version_id == version.id and signature.version_digest == version.digest
        assert signature.device == "pen" and "pen" in signature.strokes
    assert status.state is SignState.SIGNED and status.current_digest == version.digest
    actions = [action for action, _record in events]
    for action in ("participant.add", "assessment.add", "service.add", "plan.start", "barrier.add", "goal.add",
                   "objective.add", "plan.freeze_version", "signature.participant", "signature.coach"):
        assert action in actions, (action, actions)
    assert actions.index("participant.add") < actions.index("plan.start") < actions.index("signature.coach")
    assert (("plan.start", plan.id) in events) and (("plan.freeze_version", version.id) in events)
    signed = {record for action, record in events if action.startswith("signature.")}
    assert signed == {s.id for s in saved_signatures}
    assert report.ok, report.lines()
