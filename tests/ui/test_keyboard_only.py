"""Issue 13, findings 4-6: from unlock to a signed Adult plan on the Chicago board, by keyboard only.

The app runs in a child process (tests/ui/keyboard_child.py): a fresh process keeps the walk
apart from PySide6 6.12's reference-count abort ("deallocating None") that other wizard tests
in the same process can bring on, and a bounded ``communicate`` means a stuck app fails the
test instead of hanging the run. The child presses real keys only and counts them; the test
checks what reached the encrypted store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    Goal,
    Objective,
    Participant,
    Plan,
    PlanVersion,
    Program,
    Service,
    Signature,
    SignerRole,
)
from iep_desktop.domain.sign_state import SignState
from iep_desktop.domain.strokes import SignatureInk
from iep_desktop.services import participants, plan_items, signing
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, TODAY
from tests.ui import keyboard_child as child
from tests.ui.test_wizard import COACH

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(child.__file__)
AIM = 80  # issue 13: 143 key presses were counted (97 of them Tab or Shift+Tab); the aim is under 80
# The coach dragged the signatures; here both signers type their name and press Enter
# (23 keys). Without them, the keys of the walk the issue counted stay under the aim. With them:
REACHED = 85  # of which 61 characters of text (21 of them the typed signatures), 24 navigation
TIMEOUT_S = child.WATCHDOG_S + 30  # the child's own watchdog ends it first


def chicago_adult(store: Store) -> Participant:
    """A Chicago Adult who meets the board's prerequisites (R-P2): eligible, assessed, and a
    first service (207) delivered."""
    with store.unit_of_work(COACH) as uow:
        person = participants.create_participant(uow, Participant(
            first_name="Jordan", last_name="Reyes", program=Program.ADULT, board="chicago_cook",
            eligibility_determined_on=TODAY - timedelta(days=30)))
        for kind in (AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION):
            plan_items.record_assessment(uow, Assessment(participant_id=person.id, instrument=kind,
                                                         taken_on=TODAY - timedelta(days=7)))
        day = TODAY - timedelta(days=6)
        plan_items.add_service(uow, Service(participant_id=person.id, code="207", provider="Staff",
                                            planned_start=day, planned_end=day, actual_start=day, actual_end=day))
    return person


def test_unlock_to_a_signed_chicago_adult_plan_by_keyboard(tmp_path: Path, store: Store, store_path: Path,
                                                           clock: FixedClock) -> None:
    person = chicago_adult(store)
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IEP_TEST_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run([sys.executable, str(CHILD), str(store_path), str(tmp_path / "child-settings"),
                               clock.now().isoformat()], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the keyboard walk did not end in {TIMEOUT_S} s: {exc.stdout!r}") from None
    lines = done.stdout.splitlines()
    print("\n" + "\n".join(lines))
    assert done.returncode == 0, (lines, done.stderr[-3000:])
    [count] = [line for line in lines if line.startswith("KEYS ")]
    presses, typed, tabs, signature_keys = (int(n) for n in count.split()[1:])
    print(f"KEYS: {presses} presses, {typed} of them characters of text (the goal, the search, the "
          f"justification, the service code, the provider, two typed signatures), {presses - typed} "
          f"navigation, {tabs} of them Tab; {signature_keys} for the two typed signatures; {presses - signature_keys} "
          f"without them (the issue dragged the signatures); the passphrase not counted")

    with Store.open(store_path, PASSPHRASE, clock=clock) as reopened, reopened.unit_of_work(COACH) as uow:
        [plan] = uow.list(Plan, participant_id=person.id)
        assert [g.description for g in uow.list(Goal)] == [child.GOAL]
        assert [(o.title, o.justification) for o in uow.list(Objective)] == [
            ("Develop / Revise Resume", child.JUSTIFICATION)]
        [objective] = uow.list(Objective)
        assert [(s.code, s.provider, s.objective_ids) for s in uow.list(Service) if s.plan_id == plan.id] == [
            (child.SERVICE, child.PROVIDER, [objective.id])]
        status = signing.sign_status(uow, plan.id)
        assert status.state is SignState.SIGNED
        # Each signature is bound to the exact plan version it was made on (R-X2): the one whose
        # digest is the plan's content now.
        assert status.latest_version is not None and status.latest_version.digest == status.current_digest
        signatures = uow.list(Signature)
        assert {s.role for s in signatures} == {SignerRole.PARTICIPANT, SignerRole.COACH}
        versions = {v.id: v for v in uow.list(PlanVersion)}
        assert {versions[s.plan_version_id].digest for s in signatures} == {status.current_digest}
        assert {s.version_digest for s in signatures} == {status.current_digest}
        assert {s.device for s in signatures} == {"keyboard"}  # said so on the PDF: a typed name
        assert {s.signer_name for s in signatures} == {"Jordan Reyes", COACH}
        for signature in signatures:
            assert SignatureInk.from_json(signature.strokes).is_substantial()
    assert presses - signature_keys < AIM, (presses, signature_keys)  # the walk the issue counted: under the aim
    assert presses <= REACHED and presses - typed <= 24 and tabs <= 5, (presses, typed, tabs)
