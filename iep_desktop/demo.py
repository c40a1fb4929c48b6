"""Synthetic participants and plans for demos, screenshots and benchmarks.

Only invented people: names are drawn from lists of common given and family names in many
languages (accents and non-Latin letters on purpose), paired at random. The same seed gives
the same people; dates are relative to the clock's today, so a demo always looks current.
Every plan is built to satisfy its board's error rules, so a demo plan can be signed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from iep_desktop.clock import Clock, SystemClock
from iep_desktop.domain import rules
from iep_desktop.domain.models import (
    Assessment, AssessmentKind, Barrier, BarrierGroup, CaseNote, CounselingStatement, Goal,
    GoalType, NextSteps, Objective, Participant, Plan, PlanSnapshot, PlanVersion, Program, Record,
    Review, ReviewOutcome, Service, ServiceStatus, Signature, SignerRole, CaseNoteKind,
)
from iep_desktop.domain.plan_content import canonical, content_digest, plan_content
from iep_desktop.domain.sign_state import CONSENT_TEXT
from iep_desktop.domain.strokes import synthetic_ink
from iep_desktop.profiles import BoardProfile, available_profiles, load_profile
from iep_desktop.store.store import Store

R = TypeVar("R", bound=Record)

GIVEN = ["José", "María", "Văn Minh", "Thị Lan", "Zoë", "François", "Siobhán", "Łukasz", "Ólafur",
         "Dmitri", "Дмитрий", "Ελένη", "Aisha", "Chloé", "Björn", "Renée", "Jamal", "Keisha", "Ngozi",
         "Sørina", "Ana-Sofía", "Mihai", "Yusuf", "Ирина", "Γιώργος", "Tomás", "Hüseyin", "Priya",
         "DeShawn", "Maëlle", "Carlos", "Ayşe", "Nikolai", "Žofie", "Ramón", "Ingrid", "Kwame", "Linh"]
FAMILY = ["García", "Nguyễn", "Müller", "Lefèvre", "Ó Briain", "Wiśniewski", "Jónsson", "Иванов",
          "Παπαδοπούλου", "Okonkwo", "Hernández", "Søndergaard", "Brontë", "Washington", "Kowalczyk",
          "Đặng", "Yılmaz", "Петрова", "Οικονόμου", "Fernández-López", "Dvořák", "Patel", "Mensah",
          "Johnson", "Smith-Ramírez", "Traoré", "Łęcka", "Núñez", "Özdemir", "Castañeda", "Phạm"]
OCCUPATIONS = [
    ("Full-time welding job in manufacturing", "Complete AWS welding certification"),
    ("Certified Nursing Assistant at a hospital", "Finish the CNA program at the community college"),
    ("CDL-A truck driver with a regional carrier", "Pass the CDL-A skills test"),
    ("Full-time warehouse logistics associate", "Earn a forklift operator certificate"),
    ("Medical billing and coding specialist", "Complete the medical coding certificate"),
    ("Entry-level IT help desk technician", "Earn the CompTIA A+ certification"),
    ("Full-time retail sales supervisor", "Complete the retail management workshop"),
    ("Electrician apprentice in construction", "Enter a registered apprenticeship"),
]
BARRIERS = [
    (BarrierGroup.TECHNOLOGY, "no_device", "No computer or internet at home", "Loaner laptop and library hotspot"),
    (BarrierGroup.TECHNOLOGY, "digital_literacy", "Needs help with email and online applications", "Attend Computer Workshop"),
    (BarrierGroup.PERSONAL, "child_care", "Two children under five", "Supportive service: child care assistance"),
    (BarrierGroup.PERSONAL, "transportation", "No car; bus route takes 90 minutes", "Bus pass through supportive services"),
    (BarrierGroup.PERSONAL, "housing", "Staying with relatives", "Referral to the housing authority"),
    (BarrierGroup.SKILLS, "academic", "TABE math below ninth grade", "Increase Reading and/or Math Skills"),
    (BarrierGroup.SKILLS, "work_readiness", "Little recent work history", "Attend Job Readiness Workshop"),
]
PROVIDERS = ["City Colleges", "Goodwill Workforce Center", "Community Action Agency", "Regional Transit",
             "Adult Education Center", "Tech Bridge Academy", "Family Services Network"]


@dataclass
class DemoBuilder:
    rng: random.Random
    today: date
    profiles: list[BoardProfile]
    records: list[Record] = field(default_factory=list)
    first_of_person: int = 0  # index in ``records`` of the current participant's first record

    def person_records(self) -> list[Record]:
        """The current participant's records (the only ones plan() and sign() look at)."""
        return self.records[self.first_of_person:]

    def add(self, record: R) -> R:
        self.records.append(record)
        return record

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def participant(self, with_plan: bool) -> None:
        rng = self.rng
        profile = rng.choice(self.profiles)
        program = rng.choice(list(Program))
        age = rng.randint(16, 24) if program is Program.YOUTH else rng.randint(25, 64)
        entry = self.days_ago(30, 400)
        self.first_of_person = len(self.records)
        person = self.add(Participant(
            first_name=rng.choice(GIVEN), last_name=rng.choice(FAMILY),
            date_of_birth=self.today - timedelta(days=age * 365 + rng.randint(0, 364)),
            ssn_last4=f"{rng.randint(0, 9999):04d}", program=program, board=profile.id,
            region=profile.regions[0] if profile.regions else "", office=rng.choice(profile.offices or [""]),
            english_learner=rng.random() < 0.15, eligibility_determined_on=entry, program_entry_on=entry,
        ))
        assert isinstance(person, Participant)
        self.assessments(person, profile, entry)
        self.prerequisite_services(person, profile, entry)
        if with_plan:
            self.plan(person, profile, entry + timedelta(days=rng.randint(1, 10)))

    def assessments(self, person: Participant, profile: BoardProfile, entry: date) -> None:
        kinds = {AssessmentKind.OBJECTIVE_ASSESSMENT, AssessmentKind.CAREER_EXPLORATION,
                 AssessmentKind.TABE_READING, AssessmentKind.TABE_MATH,
                 *profile.prerequisites.required_assessments}
        for kind in sorted(kinds):
            grade = None
            if kind in (AssessmentKind.TABE_READING, AssessmentKind.TABE_MATH):
                grade = Decimal(f"{self.rng.uniform(5.0, 12.9):.1f}")
            self.add(Assessment(participant_id=person.id, instrument=kind, taken_on=entry,
                                score=f"Grade level {grade}" if grade else "Completed", grade_level=grade,
                                comments="Reviewed results with the participant."))

    def prerequisite_services(self, person: Participant, profile: BoardProfile, entry: date) -> None:
        pre = profile.prerequisites
        codes = list(pre.ordered_services.get(person.program, []))
        first = pre.first_service_codes.get(person.program, [])
        if first and not set(codes) & set(first):
            codes.insert(0, first[0])
        for offset, code in enumerate(codes):
            day = entry + timedelta(days=offset)
            self.add(Service(participant_id=person.id, code=code, provider="Career Coach (staff assisted)",
                             planned_start=day, planned_end=day, actual_start=day, actual_end=day,
                             status=ServiceStatus.COMPLETED))

    def plan(self, person: Participant, profile: BoardProfile, start: date) -> None:
        rng = self.rng
        start = max(start, max((r.actual_end for r in self.person_records() if isinstance(r, Service)
                                and r.participant_id == person.id and r.actual_end), default=start))
        plan = self.add(Plan(participant_id=person.id, program=person.program, board=profile.id,
                             region=person.region or "Local Workforce Area", office=person.office or "Main Office",
                             coach_name="Demo Coach", start_date=start))
        goal_types = profile.goal_types[person.program]
        wanted = [GoalType.EMPLOYMENT] if GoalType.EMPLOYMENT in goal_types else goal_types[:1]
        extra = [t for t in goal_types if t not in wanted]
        if extra and rng.random() < 0.5:
            wanted.append(rng.choice(extra))
        titles = self.objective_titles(person, profile)
        objectives: list[Objective] = []
        for goal_type in wanted:
            objectives += self.goal(plan.id, profile, goal_type, start, titles)
        for code, objective in zip(self.service_codes(profile, person.program), objectives):
            self.service(person, plan.id, profile, code, objective, start)
        for group, category, description, step in rng.sample(BARRIERS, rng.randint(0, 3)):
            self.add(Barrier(plan_id=plan.id, group=group, category=category, description=description, step=step))
        if rng.random() < 0.3:
            self.add(CounselingStatement(participant_id=person.id, plan_id=plan.id, written_on=start,
                                         author="Demo Coach", text="Confidential: discussed a personal matter."))
        self.reviews(person, plan.id, start)
        if rng.random() < 0.7:
            self.sign(person, plan, profile)
            if rng.random() < 0.15:  # edited after signing: some boards want it signed again (R-V3)
                first = next(r for r in reversed(self.person_records())
                             if isinstance(r, Objective) and r.plan_id == plan.id)
                first.justification += " Updated with the participant after the last review."

    def sign(self, person: Participant, plan: Plan, profile: BoardProfile) -> None:
        """Freeze the plan's content as version 1, signed by participant and coach (R-X1)."""
        mine = [r for r in self.person_records() if getattr(r, "plan_id", None) == plan.id
                or getattr(r, "participant_id", None) == person.id]
        groups: dict[str, list[Record]] = {}
        for record in mine:
            groups.setdefault(record.kind, []).append(record)
        snapshot = PlanSnapshot(
            participant=person, plan=plan, assessments=groups.get("assessment", []),
            barriers=groups.get("barrier", []), goals=groups.get("goal", []),
            objectives=groups.get("objective", []), services=groups.get("service", []),
        )
        content = plan_content(snapshot)
        signed_at = datetime.combine(plan.start_date, time(15, 30), tzinfo=timezone.utc)
        version = self.add(PlanVersion(plan_id=plan.id, number=1, digest=content_digest(content),
                                       content=canonical(content), created_at=signed_at))
        assert isinstance(version, PlanVersion)
        for role, name in ((SignerRole.PARTICIPANT, person.display_name), (SignerRole.COACH, plan.coach_name)):
            self.add(Signature(plan_id=plan.id, plan_version_id=version.id, version_digest=version.digest,
                               role=role, signer_name=name, signed_at=signed_at, device="pen",
                               consent_text=CONSENT_TEXT, strokes=synthetic_ink(self.rng.randint(0, 10**6)).to_json()))

    def objective_titles(self, person: Participant, profile: BoardProfile) -> list[str]:
        required = list(profile.required_objectives.get(person.program, []))
        required.append(profile.basic_skills.remediation_objective)  # demo TABE may be low (R-O6)
        if person.english_learner:
            required.append(profile.basic_skills.esl_objective)
        pool = [o for o in profile.predefined_objectives if o not in required]
        return [t for t in required if profile.is_predefined(t)] + self.rng.sample(pool, 6)

    def goal(self, plan_id: str, profile: BoardProfile, goal_type: GoalType, start: date,
             titles: list[str]) -> list[Objective]:
        months = self.rng.choice([3, 5, 9, 14])
        completion = start + timedelta(days=months * 30)
        description = self.rng.choice(OCCUPATIONS)[0 if goal_type is GoalType.EMPLOYMENT else 1]
        goal = self.add(Goal(plan_id=plan_id, goal_type=goal_type, description=description,
                             term=rules.derive_term(profile, start, completion),
                             established_on=start, estimated_completion_on=completion))
        count = self.rng.randint(2, 4) if goal_type is GoalType.EMPLOYMENT else 1
        chosen = [titles.pop(0) for _ in range(min(count, len(titles)))]
        if goal_type is GoalType.EMPLOYMENT:  # required objectives sit under the employment goal
            chosen = titles[:0] + chosen
        return [self.add(Objective(
            plan_id=plan_id, goal_id=goal.id, title=title, established_on=start,
            review_on=rules.default_review_date(profile, start),
            justification=f"Needed to reach the goal: {description.lower()}.",
        )) for title in chosen]

    def service_codes(self, profile: BoardProfile, program: Program) -> list[str]:
        offered = [s.code for s in profile.service_codes
                   if program in s.programs and not s.same_day and s.category in ("training", "supportive", "career")]
        return self.rng.sample(offered, min(len(offered), self.rng.randint(1, 3)))

    def service(self, person: Participant, plan_id: str, profile: BoardProfile, code: str,
                objective: Objective, start: date) -> None:
        begin = start + timedelta(days=self.rng.randint(0, 20))
        service_code = profile.service(code)
        assert service_code is not None  # code was drawn from this profile's own list
        supportive = service_code.category == "supportive"
        self.add(Service(
            participant_id=person.id, plan_id=plan_id, code=code, provider=self.rng.choice(PROVIDERS),
            referral=self.rng.random() < 0.5, planned_start=begin, planned_end=begin + timedelta(days=90),
            actual_start=begin if begin <= self.today else None,
            status=ServiceStatus.IN_PROGRESS if begin <= self.today else ServiceStatus.PLANNED,
            funding_source="WIOA" if supportive or self.rng.random() < 0.5 else "",
            amount=Decimal(self.rng.choice(["150.00", "480.00", "2500.00", "4000.00"])) if supportive else None,
            objective_ids=[objective.id],
        ))

    def reviews(self, person: Participant, plan_id: str, start: date) -> None:
        day = start + timedelta(days=85)
        while day <= self.today and self.rng.random() < 0.8:
            note = self.add(CaseNote(
                participant_id=person.id, plan_id=plan_id, title="IEP/ISS Review",
                story="The plan was reviewed with the participant, who is on track; no changes.",
                figures="Attended 3 of 3 workshops", follow_up_on=day + timedelta(days=30),
                next_steps=NextSteps(goal="Finish the next objective", how="Weekly check-in calls",
                                     deadline=day + timedelta(days=30)),
                written_at=SystemClock().now().replace(year=day.year, month=day.month, day=day.day),
                author="Demo Coach", note_kind=CaseNoteKind.REVIEW,
            ))
            self.add(Review(plan_id=plan_id, reviewed_on=day, outcome=ReviewOutcome.NO_CHANGE,
                            case_note_id=note.id, reviewer="Demo Coach"))
            day += timedelta(days=90)


def build_demo_records(participants: int, seed: int, today: date,
                       plan_share: float = 0.85) -> list[Record]:
    builder = DemoBuilder(random.Random(seed), today, [load_profile(p) for p in available_profiles()])
    for _ in range(participants):
        builder.participant(with_plan=builder.rng.random() < plan_share)
    return builder.records


def fill_demo_store(path: Path, passphrase: str, *, participants: int = 60, seed: int = 1,
                    clock: Clock | None = None, batch: int = 2000) -> str:
    """Create the store if it is missing, then add synthetic participants in batches."""
    clock = clock or SystemClock()
    store = Store.open(path, passphrase, clock=clock) if Path(path).exists() else \
        Store.create(path, passphrase, clock=clock)
    with store:
        records = build_demo_records(participants, seed, clock.today())
        for begin in range(0, len(records), batch):
            with store.unit_of_work("demo") as uow:
                uow.add_many(records[begin:begin + batch])
        store.checkpoint()
    return f"Added {participants} synthetic participants ({len(records)} records) to {path}."
