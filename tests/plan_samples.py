"""Synthetic plans and signatures for PDF previews, tests and benchmarks. Invented people only.

Development data, not part of the app: it lives with the tests (the benchmarks and the PDF
preview, ``python -m tests.plan_samples``, use it from here), so the shipped package holds none.

``typical_snapshot`` builds a plan of a chosen size (the benchmark's "typical plan" is three
goals, twelve objectives and eight services) with the demo's name lists, so accents and
non-Latin letters are exercised; ``sample_ink`` draws a handwriting-like signature.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from iep_desktop.demo import BARRIERS, FAMILY, GIVEN, OCCUPATIONS, PROVIDERS
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, Barrier, CounselingStatement, Goal, GoalType, Objective,
    Participant, Plan, PlanSnapshot, Program, Record, Service, Signature, SignerRole,
)
from iep_desktop.domain.plan_content import content_digest, plan_content
from iep_desktop.domain.strokes import SignatureInk, Stroke, StrokePoint
from iep_desktop.profiles.schema import BoardProfile

CONSENT = ("By signing electronically I agree that my signature has the same effect as signing "
           "this plan on paper.")
_GOAL_TYPES = (GoalType.EMPLOYMENT, GoalType.TRAINING, GoalType.EDUCATIONAL)


def _ids(rng: random.Random) -> Iterator[str]:
    """Record ids from the seed, so a sample plan (and its digest) is the same on every run."""
    while True:
        yield str(uuid.UUID(int=rng.getrandbits(128), version=4))


def snapshot_from_records(records: list[Record], participant_id: str | None = None) -> PlanSnapshot:
    """One participant's plan from a flat list of records (demo.build_demo_records output)."""
    plans = [r for r in records if isinstance(r, Plan)
             and (participant_id is None or r.participant_id == participant_id)]
    if not plans:
        raise ValueError("no plan among the records")
    plan = plans[0]
    person = next(r for r in records if isinstance(r, Participant) and r.id == plan.participant_id)

    def mine(kind: type[Record], key: str, value: str) -> list[Any]:
        return [r for r in records if isinstance(r, kind) and getattr(r, key) == value]

    return PlanSnapshot(
        participant=person, plan=plan,
        assessments=mine(Assessment, "participant_id", person.id),
        counseling_statements=mine(CounselingStatement, "participant_id", person.id),
        barriers=mine(Barrier, "plan_id", plan.id), goals=mine(Goal, "plan_id", plan.id),
        objectives=mine(Objective, "plan_id", plan.id),
        services=mine(Service, "participant_id", person.id),
    )


def typical_snapshot(profile: BoardProfile, *, seed: int = 7, goals: int = 3, objectives: int = 12,
                     services: int = 8, start: date = date(2026, 3, 2),
                     program: Program = Program.YOUTH) -> PlanSnapshot:
    """A plan of the given size for ``profile``; objectives are spread over the goals."""
    rng = random.Random(seed)
    ids = _ids(random.Random(seed + 1))
    person = Participant(id=next(ids), first_name=rng.choice(GIVEN), last_name=rng.choice(FAMILY), program=program,
                         board=profile.id, date_of_birth=date(2004, 5, 17),
                         region=(profile.regions or ["Local Workforce Area"])[0],
                         office=(profile.offices or ["Main Office"])[0])
    plan = Plan(id=next(ids), participant_id=person.id, program=program, board=profile.id, region=person.region,
                office=person.office, coach_name="Demo Coach", start_date=start)
    allowed = profile.goal_types.get(program, [GoalType.EMPLOYMENT])
    kinds = [t for t in _GOAL_TYPES if t in allowed] or [GoalType.EMPLOYMENT]
    goal_list = [_goal(next(ids), plan.id, rng, kinds[i % len(kinds)], start, i, profile) for i in range(goals)]
    titles = list(profile.predefined_objectives)
    rng.shuffle(titles)
    objective_list = [
        Objective(id=next(ids), plan_id=plan.id, goal_id=goal_list[i % goals].id, title=titles[i % len(titles)],
                  established_on=start + timedelta(days=i // goals),
                  review_on=start + timedelta(days=profile.objective_review_offset_days),
                  justification=_justification(rng, goal_list[i % goals].description))
        for i in range(objectives)
    ]
    codes = [s.code for s in profile.service_codes if not s.same_day]
    service_list = [_service(next(ids), person.id, plan.id, rng, codes[i % len(codes)], objective_list, start, i, profile)
                    for i in range(services)]
    barrier_list = [Barrier(id=next(ids), plan_id=plan.id, group=g, category=c, description=d, step=s)
                    for g, c, d, s in BARRIERS[:5]]
    assessment_list = [
        Assessment(id=next(ids), participant_id=person.id, plan_id=plan.id, instrument=kind, taken_on=start - timedelta(days=7),
                   score=score, grade_level=grade, comments=comment)
        for kind, score, grade, comment in (
            (AssessmentKind.OBJECTIVE_ASSESSMENT, "Completed", None, "Strengths: reliable, good with people."),
            (AssessmentKind.TABE_READING, "Scale 512", Decimal("8.4"), "Below 9.0: remediation planned (R-O6)."),
            (AssessmentKind.TABE_MATH, "Scale 538", Decimal("9.6"), ""),
            (AssessmentKind.ONET_INTEREST, "Realistic / Investigative", None, "Interest in hands-on technical work."),
        )
    ]
    return PlanSnapshot(participant=person, plan=plan, assessments=assessment_list, barriers=barrier_list,
                        goals=goal_list, objectives=objective_list, services=service_list)


def _goal(goal_id: str, plan_id: str, rng: random.Random, kind: GoalType, start: date, index: int,
          profile: BoardProfile) -> Goal:
    months = (5, 10, 16)[index % 3]
    occupation = rng.choice(OCCUPATIONS)[0 if kind is GoalType.EMPLOYMENT else 1]
    term = profile.term_for_months(months)
    return Goal(id=goal_id, plan_id=plan_id, goal_type=kind, term=term, description=occupation, established_on=start,
                estimated_completion_on=start + timedelta(days=months * 30))


def _justification(rng: random.Random, goal: str) -> str:
    reasons = [
        f"Needed to reach the goal: {goal}.",
        "The participant asked for help with this step and agreed to the plan.",
        "Employers in the target occupation ask for it in most postings reviewed with the participant.",
        "Identified in the objective assessment; addressing it removes a barrier to employment.",
    ]
    return " ".join(rng.sample(reasons, rng.randint(1, 3)))


def _service(service_id: str, person_id: str, plan_id: str, rng: random.Random, code: str, objectives: list[Objective],
             start: date, index: int, profile: BoardProfile) -> Service:
    begin = start + timedelta(days=3 * index)
    supportive = getattr(profile.service(code), "category", "") == "supportive"
    served = [objectives[index % len(objectives)].id] if objectives and index % 5 != 4 else []
    return Service(id=service_id, participant_id=person_id, plan_id=plan_id, code=code, provider=rng.choice(PROVIDERS),
                   referral=index % 2 == 1, planned_start=begin, planned_end=begin + timedelta(days=90),
                   actual_start=begin if index % 3 == 0 else None,
                   funding_source="WIOA" if supportive or index % 2 == 0 else "",
                   amount=Decimal(("150.00", "480.00", "2500.00", "4000.00")[index % 4]) if supportive else None,
                   objective_ids=served)


def sample_ink(seed: int = 1, device: str = "pen") -> SignatureInk:
    """A cursive-looking scribble on a 640 x 220 pad: loops with varying pressure, and a dot."""
    rng = random.Random(seed)
    strokes: list[Stroke] = []
    t = 0
    x0 = 60.0
    for word in range(2):
        points = []
        loops = rng.randint(4, 7)
        for i in range(loops * 12 + 1):
            phase = i / 12 * 2 * math.pi
            x = x0 + i * 3.2 + 9 * math.cos(phase)
            y = 110 + 28 * math.sin(phase) * (0.6 + 0.4 * math.sin(i / 7)) + (word * 6)
            pressure = 0.35 + 0.45 * abs(math.sin(i / 9))
            points.append(StrokePoint(x=round(x, 2), y=round(y, 2), pressure=round(pressure, 3), t_ms=t))
            t += 8
        strokes.append(Stroke(points=points, device=device))
        x0 = points[-1].x + 30
        t += 150
    strokes.append(Stroke(points=[StrokePoint(x=x0 - 60, y=62, pressure=0.6, t_ms=t)], device=device))
    return SignatureInk(width=640, height=220, strokes=strokes)


def sample_signatures(snapshot: PlanSnapshot, digest: str, *, signed_on: date | None = None,
                      roles: tuple[SignerRole, ...] = (SignerRole.PARTICIPANT, SignerRole.COACH)) -> list[Signature]:
    """Signatures on the version with ``digest``, one per role, a minute apart."""
    assert snapshot.plan is not None
    day = signed_on or snapshot.plan.start_date
    at = datetime.combine(day, time(15, 30), tzinfo=timezone.utc)
    names = {SignerRole.PARTICIPANT: snapshot.participant.display_name, SignerRole.COACH: "Demo Coach",
             SignerRole.PARENT_GUARDIAN: "Parent of " + snapshot.participant.first_name}
    return [Signature(id=f"00000000-0000-4000-8000-{i:012d}", plan_id=snapshot.plan.id,
                      plan_version_id="00000000-0000-4000-8000-999999999999", version_digest=digest,
                      role=role, signer_name=names[role], signed_at=at + timedelta(minutes=i),
                      device="pen", consent_text=CONSENT, strokes=sample_ink(i + 1).to_json())
            for i, role in enumerate(roles)]


def content_and_digest(snapshot: PlanSnapshot) -> tuple[dict[str, Any], str]:
    content = plan_content(snapshot)
    return content, content_digest(content)


def main(argv: list[str] | None = None) -> int:
    """Write a sample plan PDF: ``python -m tests.plan_samples out.pdf [--draft] [--office]``."""
    import sys
    from pathlib import Path

    from iep_desktop.pdf.plan_pdf import Copy, render_plan_pdf
    from iep_desktop.profiles import load_profile

    args = list(sys.argv[1:] if argv is None else argv)
    draft = "--draft" in args
    copy: Copy = "office" if "--office" in args else "participant"
    paths = [a for a in args if not a.startswith("--")]
    out = Path(paths[0] if paths else "sample_plan.pdf")
    # Any board id given as an argument, the first shipped board otherwise.
    from iep_desktop.profiles import available_profiles

    boards = [a.split("=", 1)[1] for a in args if a.startswith("--board=")]
    profile = load_profile(boards[0] if boards else available_profiles()[0])
    snapshot = typical_snapshot(profile)
    content, digest = content_and_digest(snapshot)
    signatures = [] if draft else sample_signatures(snapshot, digest)
    out.write_bytes(render_plan_pdf(content, digest=digest, version_number=None if draft else 1,
                                    signatures=signatures, profile=profile, copy=copy, draft=draft))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
