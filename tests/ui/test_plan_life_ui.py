"""The plan's life through the real window and real widgets, for one participant (issue 12):
a signed plan; a service recorded as delivered from the caseload in a few keystrokes; an
objective closed as successful; the quarterly review; the plan closed at exit; a second plan
started. Then the store read afresh holds all of it, and the first plan still prints signed."""

from __future__ import annotations

import io
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import (
    CaseNote, Goal, ItemStatus, Objective, Outcome, Plan, PlanStatus, Review, ReviewOutcome, Service,
    ServiceStatus,
)
from iep_desktop.services import plan_items, printing
from iep_desktop.services.caseload import CaseStatus
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, TODAY, cheap_kdf
from tests.ui.shell_helpers import SCREENSHOTS, settings, themed, type_text, unlock, wait_loaded  # noqa: F401
from tests.ui.test_wizard import COACH, click, complete_plan, ready_participant, sign_through_core
from ui.main_window import MainWindow
from ui.plan_life import ExitDialog, ProgressDialog, ServiceDeliveryDialog
from ui.settings import Settings
from ui.this_week import ThisWeekDialog
from ui.wizard import PageId, PlanWizard


def shot(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


def signed_store(path: Path, clock: FixedClock) -> tuple[str, Plan]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        person = ready_participant(store)
        plan = complete_plan(store, person)  # started 100 days ago: the quarterly review is overdue
        with store.unit_of_work(COACH) as uow:
            goal = uow.list(Goal, plan_id=plan.id)[0]
            plan_items.add_objective(uow, Objective(plan_id=plan.id, goal_id=goal.id, title="Develop / Revise Resume",
                                                    justification="No resume yet", established_on=plan.start_date))
        sign_through_core(store, plan)
    return person.id, plan


def window_on(qtbot: QtBot, path: Path, settings: Settings, clock: FixedClock) -> MainWindow:
    window = MainWindow(path, settings=settings, kdf=cheap_kdf(), clock=clock, actor=COACH)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window, PASSPHRASE)
    return window


def dialog_of(window: MainWindow, kind: type[QDialog]) -> QDialog:
    found = window.caseload._life_dialog
    assert isinstance(found, kind) and found.isVisible(), found
    return found


def read(path: Path, clock: FixedClock, action):  # type: ignore[no-untyped-def]
    with Store.open(path, PASSPHRASE, clock=clock) as store, store.unit_of_work(COACH) as uow:
        return action(uow)


def test_a_plans_whole_life_through_the_real_window(
    qtbot: QtBot, tmp_path: Path, settings: Settings, themed: QApplication, clock: FixedClock,
) -> None:
    path = tmp_path / "coach" / "coach.iep"
    person_id, plan = signed_store(path, clock)
    window = window_on(qtbot, path, settings, clock)
    caseload = window.caseload
    wait_loaded(qtbot, window, rows=1)
    assert caseload.select_participant(person_id)
    row = caseload.selected_row()
    assert row is not None and row.status is CaseStatus.REVIEW_OVERDUE and row.reviewable
    shot(window, "plan_life_caseload")

    # 1. At the job fair: Ctrl+Shift+S, the planned service is chosen, "Completed" and today are
    #    filled in; type the outcome, Enter saves.
    caseload.table.setFocus()
    qtbot.keyClick(caseload.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(caseload._life_dialog, ServiceDeliveryDialog))
    record = dialog_of(window, ServiceDeliveryDialog)
    assert isinstance(record, ServiceDeliveryDialog)
    assert record.chosen_service() is not None and record.chosen_service().code == "300"  # type: ignore[union-attr]
    assert record.chosen_status() is ServiceStatus.COMPLETED
    record.started.setDate(record.started.date().addDays(-60))
    type_text(record.outcome, "Welding certificate earned")
    shot(record, "plan_life_record_service")
    record.outcome.setFocus()
    qtbot.keyClick(record.outcome, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not record.isVisible())
    wait_loaded(qtbot, window)
    service = read(path, clock, lambda uow: uow.list(Service, plan_id=plan.id)[0])
    assert (service.status, service.actual_end, service.outcome) == (
        ServiceStatus.COMPLETED, TODAY, "Welding certificate earned")

    # 2. The objective the service served is reached: closed as successful.
    assert caseload.select_participant(person_id)
    click(qtbot, caseload.progress_button)
    progress = dialog_of(window, ProgressDialog)
    assert isinstance(progress, ProgressDialog)
    training = read(path, clock, lambda uow: next(o for o in uow.list(Objective, plan_id=plan.id)
                                                  if o.title == "Attend Occupational Training"))
    progress.choose(training.id)
    click(qtbot, progress.successful)
    assert "Objective closed as successful" in progress.message.text()
    shot(progress, "plan_life_goals_and_objectives")
    progress.accept()
    closed = read(path, clock, lambda uow: uow.get(Objective, training.id))
    assert (closed.status, closed.outcome, closed.closed_on) == (ItemStatus.CLOSED, Outcome.SUCCESSFUL, TODAY)

    # 3. The quarterly review: no change, the participant is on track.
    wait_loaded(qtbot, window)
    assert caseload.select_participant(person_id)
    click(qtbot, caseload.review_button)
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PlanWizard) and w.isVisible())
    assert wizard.currentId() == PageId.REVIEW_CHOICE
    click(qtbot, wizard.page_of(PageId.REVIEW_CHOICE).no_change_button)  # type: ignore[attr-defined]
    assert wizard.confirmation is not None
    wizard.confirmation.close()
    wait_loaded(qtbot, window)
    review = read(path, clock, lambda uow: uow.list(Review, plan_id=plan.id))
    assert [r.outcome for r in review] == [ReviewOutcome.NO_CHANGE]

    # 4. What needs the coach this week no longer lists the review.
    click(qtbot, caseload.week_button)
    week = dialog_of(window, ThisWeekDialog)
    assert isinstance(week, ThisWeekDialog)
    assert all(d.what != "review" for d in week.model.rows())
    assert ("objective review", "R-O7") in {(d.what, d.rule_id) for d in week.model.rows()}  # the resume's
    shot(week, "plan_life_this_week")
    week.reject()

    # 5. The participant exits: the plan is closed with its reason and closing note.
    assert caseload.select_participant(person_id)
    click(qtbot, caseload.exit_button)
    exit_dialog = dialog_of(window, ExitDialog)
    assert isinstance(exit_dialog, ExitDialog)
    click(qtbot, exit_dialog.save_button)  # "Close the plan" with no note
    assert "closing case note" in exit_dialog.message.text() and exit_dialog.isVisible()
    type_text(exit_dialog.story, "Hired as a welder at Acme Fabrication, full time.")
    shot(exit_dialog, "plan_life_exit")
    click(qtbot, exit_dialog.save_button)
    qtbot.waitUntil(lambda: not exit_dialog.isVisible())
    wait_loaded(qtbot, window)
    assert caseload.select_participant(person_id)
    assert caseload.selected_row().status is CaseStatus.CLOSED  # type: ignore[union-attr]
    caseload.status_filter.setCurrentIndex(caseload.status_filter.findData(CaseStatus.CLOSED))
    wait_loaded(qtbot, window, rows=1)
    caseload.status_filter.setCurrentIndex(0)
    wait_loaded(qtbot, window, rows=1)

    # 6. A second plan starts from the caseload.
    assert caseload.select_participant(person_id)
    click(qtbot, caseload.open_button)
    second = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, PlanWizard) and w.isVisible() and w is not wizard)
    while second.currentId() != PageId.PREREQUISITES:
        click(qtbot, second.button(second.WizardButton.NextButton))
    click(qtbot, second.page_of(PageId.PREREQUISITES).start_button)  # type: ignore[attr-defined]
    assert second.ctx.plan is not None and second.ctx.plan.id != plan.id
    second.close()

    plans, note, pdf = read(path, clock, lambda uow: (
        uow.list(Plan, order_by="start_date", participant_id=person_id),
        uow.list(CaseNote, participant_id=person_id),
        printing.plan_pdf_for(uow, uow.get(Plan, plan.id), version=1)))
    assert [p.status for p in plans] == [PlanStatus.CLOSED, PlanStatus.OPEN]
    assert plans[0].closed_date == TODAY and plans[0].close_reason == "Entered employment"
    assert {n.title for n in note} >= {"IEP/ISS Review", "IEP/ISS Closed"}
    assert "DRAFT" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()  # the old plan still prints signed
    assert plans[1].start_date == TODAY and TODAY - plans[0].start_date == timedelta(days=100)


def test_the_services_page_records_status_and_actual_dates_and_flags_a_gap(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, themed: QApplication,
) -> None:
    from tests.ui.test_wizard import shot as wizard_shot
    from ui.wizard.pages.services import ServicesPage

    path = tmp_path / "coach" / "coach.iep"
    person_id, plan = signed_store(path, clock)
    with Store.open(path, PASSPHRASE, clock=clock) as store:
        wizard = PlanWizard(store, person_id, COACH)
        qtbot.addWidget(wizard)
        wizard.resize(1180, 860)
        wizard.show()
        while wizard.currentId() != PageId.SERVICES:
            click(qtbot, wizard.button(wizard.WizardButton.NextButton))
        page = wizard.page_of(PageId.SERVICES)
        assert isinstance(page, ServicesPage)
        page.table.selectRow(0)
        page.delivery_status.setCurrentIndex(page.delivery_status.findData(ServiceStatus.COMPLETED))
        page.actual_start.set_value(TODAY - timedelta(days=90))
        QApplication.processEvents()
        # Completed without an actual end: the page says so with the rule id, and keeps the typing.
        qtbot.waitUntil(lambda: "R-S3" in page.problems.text())
        assert "actually ended" in page.problems.text()
        page.actual_end.set_value(TODAY - timedelta(days=1))
        type_text(page.outcome, "Certificate earned")
        type_text(page.funding, "WIOA Adult")
        type_text(page.amount, "2,500")
        assert page.save_now()
        wizard_shot(wizard, "services_delivered")
        with store.unit_of_work(COACH) as uow:
            saved = uow.list(Service, plan_id=plan.id)[0]
        assert (saved.status, saved.actual_start, saved.actual_end, saved.outcome, str(saved.amount)) == (
            ServiceStatus.COMPLETED, TODAY - timedelta(days=90), TODAY - timedelta(days=1), "Certificate earned",
            "2500.00")
        assert "Completed" in page.model.data(page.model.index(0, 6))
        wizard.close()


def test_rivers_east_review_asks_how_the_meeting_was_held(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, themed: QApplication,
) -> None:
    from iep_desktop.domain.models import MeetingKind, Participant
    from tests.ui.test_wizard import shot as wizard_shot

    path = tmp_path / "coach" / "coach.iep"
    path.parent.mkdir(parents=True)
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        person = ready_participant(store)
        with store.unit_of_work(COACH) as uow:
            uow.update(uow.get(Participant, person.id).model_copy(update={"board": "rivers_east_nc"}))
            uow.update(uow.get(Service, uow.list(Service, participant_id=person.id)[0].id).model_copy(
                update={"code": "210"}))
        plan = complete_plan(store, person)
        sign_through_core(store, plan)
        wizard = PlanWizard(store, person.id, COACH, review=True)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.page_of(PageId.REVIEW_CHOICE)
        assert page.meeting.isVisible()  # type: ignore[attr-defined]
        click(qtbot, page.update_button)  # type: ignore[attr-defined]
        assert "how the review meeting was held" in page.message.text()  # type: ignore[attr-defined]
        assert wizard.currentId() == PageId.REVIEW_CHOICE
        page.meeting.setCurrentIndex(page.meeting.findData(MeetingKind.TELEPHONE))  # type: ignore[attr-defined]
        wizard_shot(wizard, "review_choice_meeting")
        click(qtbot, page.no_change_button)  # type: ignore[attr-defined]
        with store.unit_of_work(COACH) as uow:
            [review] = uow.list(Review, plan_id=plan.id)
        assert review.meeting_kind is MeetingKind.TELEPHONE
        if wizard.confirmation is not None:
            wizard.confirmation.close()


def test_needs_me_this_week_lists_every_open_plan_by_date(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, themed: QApplication,
) -> None:
    from iep_desktop.domain.models import NextSteps, Participant
    from iep_desktop.services import notes, plan_life

    path = tmp_path / "coach" / "coach.iep"
    path.parent.mkdir(parents=True)
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        for first, last in (("Ana-Sofía", "Núñez"), ("Kwame", "Mensah"), ("Lan", "Nguyễn")):
            person = ready_participant(store)
            with store.unit_of_work(COACH) as uow:
                uow.update(uow.get(Participant, person.id).model_copy(update={"first_name": first, "last_name": last}))
            complete_plan(store, person)
            with store.unit_of_work(COACH) as uow:
                notes.write_case_note(uow, CaseNote(participant_id=person.id, title="Job fair follow-up",
                                                    story="Met at the fair.", follow_up_on=TODAY + timedelta(days=2),
                                                    next_steps=NextSteps(), written_at=uow.clock.now()))

        def load() -> list[plan_life.Due]:
            with store.reading(COACH) as uow:
                return plan_life.needs_me(uow, today=TODAY)

        dialog = ThisWeekDialog(load, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.resize(960, 520)
        dialog.show()
        rows = dialog.model.rows()
        assert [d.on for d in rows] == sorted(d.on for d in rows)
        assert {d.what for d in rows} == {"review", "objective review", "service end", "follow-up"}
        assert len({d.participant_id for d in rows}) == 3
        shot(dialog, "plan_life_this_week")
        opened: list[str] = []
        dialog.open_requested.connect(opened.append)
        click(qtbot, dialog.open_button)
        assert opened == [rows[0].participant_id]
