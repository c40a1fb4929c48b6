"""Child process of the leak test: enters distinctive synthetic people through the services.

Reads one JSON document on stdin (never argv): {"db": store path, "people": [{first, last,
email, phone, goal, note, counseling}, ...]}; the passphrase comes from IEP_PASSPHRASE. The first
person gets a complete demo plan signed by participant and coach (so a signed PDF travels in
the export bundle), with the goal retyped; the others are created with create_participant and
get a case note and a confidential counseling statement. Prints {"participants": [...],
"plans": [...]} as JSON. Runs with the test's private TMPDIR and HOME, so anything it writes
on the side is scanned too.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from iep_desktop import demo
from iep_desktop.domain.models import CaseNote, CounselingStatement, Goal, Participant, Plan, Program, Signature
from iep_desktop.services import notes, plan_items
from iep_desktop.services.participants import create_participant
from iep_desktop.store.store import Store

TODAY = date(2026, 11, 23)


def signed_demo_records(first: str, last: str) -> list:
    """A demo participant whose plan is signed, under the given name."""
    demo.GIVEN[:] = [first]
    demo.FAMILY[:] = [last]
    for seed in range(1, 200):
        records = demo.build_demo_records(1, seed, TODAY, plan_share=1.0)
        if any(isinstance(r, Signature) for r in records):
            return records
    raise RuntimeError("no demo seed gave a signed plan")


def main() -> None:
    job = json.loads(sys.stdin.read())
    people = job["people"]
    store = Store.open(Path(job["db"]), os.environ["IEP_PASSPHRASE"])
    participants, plans = [], []
    with store:
        head = people[0]
        records = signed_demo_records(head["first"], head["last"])
        records = [r.model_copy(update={"email": head["email"], "phone": head["phone"]})
                   if isinstance(r, Participant) else r for r in records]
        with store.unit_of_work("coach") as uow:
            uow.add_many(records)
        person = next(r for r in records if isinstance(r, Participant))
        plan = next(r for r in records if isinstance(r, Plan))
        participants.append(person.id)
        plans.append(plan.id)
        with store.unit_of_work("coach") as uow:
            goal = uow.list(Goal, plan_id=plan.id)[0]
            plan_items.update_goal(uow, goal.model_copy(update={"description": head["goal"]}))
            notes.add_case_note(uow, CaseNote(participant_id=person.id, plan_id=plan.id, title="Visit",
                                              story=head["note"], written_at=datetime.now(timezone.utc)))
        for other in people[1:]:
            with store.unit_of_work("coach") as uow:
                created = create_participant(uow, Participant(
                    first_name=other["first"], last_name=other["last"], email=other["email"], phone=other["phone"],
                    date_of_birth=date(1991, 7, 19), ssn_last4="7319", program=Program.DISLOCATED_WORKER,
                    board="default"))
                notes.add_case_note(uow, CaseNote(participant_id=created.id, title="First meeting", story=other["note"],
                                                  written_at=datetime.now(timezone.utc)))
                plan_items.add_counseling_statement(uow, CounselingStatement(
                    participant_id=created.id, written_on=TODAY, author="coach", text=other["counseling"]))
            participants.append(created.id)
    print(json.dumps({"participants": participants, "plans": plans}))


if __name__ == "__main__":
    main()
