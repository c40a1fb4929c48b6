"""Issue 18 item 4: the signature page shows its plain summary and the consent in the
participant's preferred language, and the signature stores exactly the consent shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from iep_desktop.domain.models import Language, Participant, Signature, SignerRole
from iep_desktop.domain.sign_state import CONSENT_TEXT, consent_text
from iep_desktop.services import participants
from iep_desktop.store.store import Store
from tests.ui.test_wizard import (  # noqa: F401 - fixtures
    COACH,
    _app_theme,
    _no_leftover_dialogs,
    click,
    complete_plan,
    draw_signature,
    make_wizard,
    ready_participant,
    walk_to,
)
from ui.wizard.page_ids import PageId
from ui.wizard.pages.signatures import SignaturesPage
from ui.wizard.wizard import PlanWizard


def test_a_spanish_reader_sees_the_summary_and_consent_in_spanish(
    qtbot: QtBot, store: Store, make_wizard: Callable[..., PlanWizard]
) -> None:
    person = ready_participant(store)
    with store.unit_of_work(COACH) as uow:
        participants.update_participant(uow, uow.get(Participant, person.id).model_copy(
            update={"preferred_language": Language.SPANISH}))
    complete_plan(store, person)
    wizard = make_wizard(store, person)
    walk_to(qtbot, wizard, PageId.SIGNATURES)
    page = wizard.page_of(PageId.SIGNATURES)
    assert isinstance(page, SignaturesPage)
    summary = page.summary.text()
    assert summary.startswith("Meta 1: Full-time welding job (a más tardar el ")  # typed text as typed
    assert "Paso: Asistir a la capacitación ocupacional" in summary  # the board's list label, in Spanish
    assert "Servicios:" in summary and "Capacitación en destrezas ocupacionales (ITA) con City Colleges, del " in summary
    shown = [label.text() for label in page.signers[SignerRole.PARTICIPANT].panel.findChildren(QLabel)]
    assert consent_text("es") in shown and CONSENT_TEXT not in shown
    coach_shown = [label.text() for label in page.signers[SignerRole.COACH].panel.findChildren(QLabel)]
    assert CONSENT_TEXT in coach_shown  # the coach reads the app's language (English here)
    for role in (SignerRole.PARTICIPANT, SignerRole.COACH):
        draw_signature(page.signers[role].panel.pad)
        click(qtbot, page.signers[role].button)
    with store.unit_of_work(COACH) as uow:
        stored = {s.role: s.consent_text for s in uow.list(Signature)}
    assert stored == {SignerRole.PARTICIPANT: consent_text("es"), SignerRole.COACH: CONSENT_TEXT}
