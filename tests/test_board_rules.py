"""Issue 16: each board's rules as its own document says, on the real shipped profiles.

Every item of the issue is tested in both directions (refused and accepted) on each board where
the rule applies. Requirement ids (CH-19, RE-30, ...) are those of shared/seed-requirements.md.
Snapshots are built in Python; each test calls the one rule it is about.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.domain.models import (
    Assessment,
    AssessmentKind,
    CaseNote,
    Goal,
    GoalTerm,
    GoalType,
    Objective,
    Participant,
    Plan,
    PlanSnapshot,
    Program,
    Service,
)
from iep_desktop.domain.rules import RULES
from iep_desktop.profiles import load_profile

ERROR, WARNING, SUGGESTION = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION
ADULT, DW, YOUTH = Program.ADULT, Program.DISLOCATED_WORKER, Program.YOUTH
BOARDS = ["chicago_cook", "new_jersey", "scpa_works", "rivers_east_nc"]
START = date(2026, 3, 2)
TODAY = date(2026, 3, 20)
RESEARCH_LMI = "Research LMI & Occupations"
REMEDIATION = "Increase Reading and/or Math Skills"


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------

def snapshot(board: str, program: Program = ADULT, *, entered: date | None = date(2025, 6, 1),
             **person: Any) -> PlanSnapshot:
    """A plan on ``board`` with one employment goal and one objective, and nothing else."""
    participant = Participant(first_name="Pat", last_name="Sample", program=program, board=board,
                              eligibility_determined_on=START - timedelta(days=5),
                              program_entry_on=entered, **person)
    plan = Plan(participant_id=participant.id, program=program, board=board, region="Region",
                office="Office", start_date=START)
    goal = Goal(plan_id=plan.id, goal_type=GoalType.EMPLOYMENT, term=GoalTerm.SHORT,
                description="Full-time welding job", established_on=START,
                estimated_completion_on=START + timedelta(days=60))
    objective = Objective(plan_id=plan.id, goal_id=goal.id, title=RESEARCH_LMI,
                          justification="Needs to know which welding jobs pay a living wage",
                          established_on=START, review_on=START + timedelta(days=90))
    return PlanSnapshot(participant=participant, plan=plan, goals=[goal], objectives=[objective])


def service(s: PlanSnapshot, code: str, day: date, end: date | None = None, *,
            in_plan: bool = True, delivered: bool = True) -> Service:
    added = Service(participant_id=s.participant.id, plan_id=s.plan.id if in_plan and s.plan else None,
                    code=code, provider="Career Coach", planned_start=day, planned_end=end or day,
                    actual_start=day if delivered else None,
                    actual_end=(end or day) if delivered else None,
                    objective_ids=[s.objectives[0].id] if in_plan else [])
    s.services.append(added)
    return added


def assessed(s: PlanSnapshot, kind: AssessmentKind, day: date = START - timedelta(days=3),
             grade: str | None = None) -> None:
    s.assessments.append(Assessment(participant_id=s.participant.id, instrument=kind, taken_on=day,
                                    grade_level=Decimal(grade) if grade else None))


def note(s: PlanSnapshot, title: str, day: date, story: str = "Talked with the participant.") -> None:
    s.case_notes.append(CaseNote(participant_id=s.participant.id, plan_id=s.plan.id if s.plan else None,
                                 title=title, story=story, written_at=datetime(day.year, day.month, day.day, 14)))


def goal(s: PlanSnapshot, goal_type: GoalType, term: GoalTerm = GoalTerm.SHORT, months: int = 2,
         description: str = "Welding certificate") -> Goal:
    assert s.plan is not None
    added = Goal(plan_id=s.plan.id, goal_type=goal_type, term=term, description=description,
                 established_on=START, estimated_completion_on=START + timedelta(days=30 * months))
    s.goals.append(added)
    return added


def run(rule: str, s: PlanSnapshot, board: str) -> list[Finding]:
    return RULES[rule](s, load_profile(board), TODAY)


def about(findings: list[Finding], *words: str) -> list[Finding]:
    """The findings whose message contains every one of ``words`` (case-insensitive)."""
    return [f for f in findings if all(w.casefold() in f.message.casefold() for w in words)]


def severities(findings: list[Finding]) -> list[Severity]:
    return [f.severity for f in findings]


def chicago_youth(entered: date | None = date(2025, 6, 1)) -> PlanSnapshot:
    """A Chicago youth ISS after 468, 469 and 470, in order, before the ISS started."""
    s = snapshot("chicago_cook", YOUTH, entered=entered)
    for offset, code in ((-9, "468"), (-8, "469"), (-7, "470")):
        service(s, code, START + timedelta(days=offset), in_plan=False)
    return s


# ---------------------------------------------------------------------------------------------
# 1. Chicago, service 431 (CH-18 .. CH-23): R-O5, R-S2, R-P2
# ---------------------------------------------------------------------------------------------

def test_ch19_chicago_youth_without_431_is_told_to_enter_it() -> None:
    s = chicago_youth()
    [finding] = about(run("R-O5", s, "chicago_cook"), "431")
    assert finding.severity is WARNING
    assert "once the ISS is developed" in finding.message and "case note" in finding.message
    assert "this board requires it" in finding.message and finding.message.endswith("(R-O5)")


def test_ch19_chicago_youth_with_431_after_the_iss_and_its_note_passes() -> None:
    s = chicago_youth()
    service(s, "431", START + timedelta(days=10))
    note(s, "431 Vocational Exploration", START + timedelta(days=10))
    assert run("R-O5", s, "chicago_cook") == []


@pytest.mark.parametrize("board", ["new_jersey", "scpa_works", "rivers_east_nc"])
def test_ch19_other_boards_do_not_ask_for_431(board: str) -> None:
    assert about(run("R-O5", snapshot(board, YOUTH), board), "431") == []


def test_ch22_431_dated_before_the_iss_started_is_refused() -> None:
    s = chicago_youth()
    service(s, "431", START - timedelta(days=15))
    note(s, "Vocational Exploration", START - timedelta(days=15))
    [finding] = run("R-O5", s, "chicago_cook")
    assert finding.severity is ERROR
    assert "before the ISS started 03/02/2026" in finding.message
    assert "on or after 03/02/2026" in finding.message


def test_ch22_431_on_the_day_the_iss_started_is_accepted() -> None:
    s = chicago_youth()
    service(s, "431", START)
    note(s, "Vocational exploration (431)", START)
    assert run("R-O5", s, "chicago_cook") == []


def test_ch23_431_ten_days_after_the_iss_is_a_correct_same_day_service() -> None:
    s = chicago_youth()
    service(s, "431", START + timedelta(days=10))
    assert run("R-S2", s, "chicago_cook") == []


def test_ch23_431_that_ends_on_another_day_is_refused() -> None:
    s = chicago_youth()
    service(s, "431", START + timedelta(days=10), START + timedelta(days=12))
    found = run("R-S2", s, "chicago_cook")
    assert severities(found) == [ERROR, ERROR]  # planned and actual
    assert all("starts and ends on one day" in f.message for f in found)
    assert "plan date" not in " ".join(f.message for f in found)


def test_ch22_431_without_its_case_note_is_pointed_out() -> None:
    s = chicago_youth()
    service(s, "431", START + timedelta(days=10))
    note(s, "Vocational exploration", START + timedelta(days=2))  # before the service: not its note
    note(s, "Bus pass", START + timedelta(days=11))                 # after, but about something else
    [finding] = run("R-O5", s, "chicago_cook")
    assert finding.severity is WARNING
    assert "needs its case note" in finding.message and "'431' or 'Vocational Exploration'" in finding.message


def test_ch22_a_note_whose_story_names_431_counts() -> None:
    s = chicago_youth()
    service(s, "431", START + timedelta(days=10))
    note(s, "Youth meeting", START + timedelta(days=10), story="Entered 431 after discussing careers.")
    assert run("R-O5", s, "chicago_cook") == []


def test_ch18_youth_entered_before_3_10_2023_is_not_held_to_468_469_470() -> None:
    s = snapshot("chicago_cook", YOUTH, entered=date(2023, 3, 10))  # on the day: not "after"
    service(s, "431", START + timedelta(days=10))
    assert about(run("R-P2", s, "chicago_cook"), "468") == []


def test_ch18_youth_entered_after_3_10_2023_is_held_to_468_469_470() -> None:
    s = snapshot("chicago_cook", YOUTH, entered=date(2023, 3, 11))
    [finding] = about(run("R-P2", s, "chicago_cook"), "468, 469 and 470")
    assert finding.severity is ERROR


def test_ch18_the_three_come_before_the_iss() -> None:
    s = chicago_youth()
    s.services[-1].actual_start = START + timedelta(days=3)  # 470 after the ISS started
    [finding] = about(run("R-P2", s, "chicago_cook"), "470 started 03/05/2026")
    assert finding.severity is ERROR and "after the ISS started 03/02/2026" in finding.message
    assert about(run("R-P2", chicago_youth(), "chicago_cook"), "468") == []


# ---------------------------------------------------------------------------------------------
# 2. Same-day services and the plan-creation service (R-S2): CH-16, CH-23, RE-17
# ---------------------------------------------------------------------------------------------

def test_ch16_chicago_224_weeks_after_the_plan_on_its_own_day_is_correct() -> None:
    s = snapshot("chicago_cook", ADULT)
    service(s, "224", START + timedelta(days=21))
    assert run("R-S2", s, "chicago_cook") == []


def test_ch16_chicago_224_planned_over_three_months_is_refused() -> None:
    s = snapshot("chicago_cook", ADULT)
    service(s, "224", START, START + timedelta(days=90), delivered=False)
    [finding] = run("R-S2", s, "chicago_cook")
    assert "same-day service: it starts and ends on one day" in finding.message
    assert "set its planned end to its planned start 03/02/2026" in finding.message


def test_ch_205_and_469_are_not_same_day_on_chicago() -> None:
    # The Chicago document never calls them same-day services (C-5).
    chicago = load_profile("chicago_cook")
    assert not chicago.service("205").same_day and not chicago.service("469").same_day  # type: ignore[union-attr]
    assert chicago.plan_creation_services == {}


@pytest.mark.parametrize(("program", "code"), [(ADULT, "205"), (DW, "205"), (YOUTH, "469")])
def test_re17_rivers_east_plan_creation_service_is_required(program: Program, code: str) -> None:
    s = snapshot("rivers_east_nc", program)
    [finding] = run("R-S2", s, "rivers_east_nc")
    assert finding.severity is ERROR and code in finding.message
    assert "open and close it on the plan's creation date 03/02/2026" in finding.message
    service(s, code, START)
    assert run("R-S2", s, "rivers_east_nc") == []


def test_re17_rivers_east_plan_creation_service_on_another_day_is_refused() -> None:
    s = snapshot("rivers_east_nc", ADULT)
    service(s, "205", START + timedelta(days=1))
    [finding] = run("R-S2", s, "rivers_east_nc")
    assert "the plan's creation date 03/02/2026" in finding.message


@pytest.mark.parametrize("board", ["chicago_cook", "new_jersey", "scpa_works"])
def test_re17_other_boards_have_no_plan_creation_service(board: str) -> None:
    assert run("R-S2", snapshot(board, ADULT), board) == []


# ---------------------------------------------------------------------------------------------
# 3. Rivers East: terms (RE-30), prerequisites (RE-14, RE-16, C-4)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("term", [GoalTerm.SHORT, GoalTerm.INTERMEDIATE])
def test_re30_three_months_is_short_or_intermediate(term: GoalTerm) -> None:
    s = snapshot("rivers_east_nc")
    s.goals[0].term, s.goals[0].estimated_completion_on = term, START + timedelta(days=92)
    assert run("R-G2", s, "rivers_east_nc") == []


def test_re30_three_months_marked_long_names_both_terms_that_fit() -> None:
    s = snapshot("rivers_east_nc")
    s.goals[0].term, s.goals[0].estimated_completion_on = GoalTerm.LONG, START + timedelta(days=92)
    [finding] = run("R-G2", s, "rivers_east_nc")
    assert "runs 3 months" in finding.message
    assert "a long-term goal is more than 6 months here" in finding.message
    assert "make it short-term (1-3 months) or intermediate-term (3-6 months)" in finding.message


def test_re30_four_months_marked_short_is_told_intermediate() -> None:
    s = snapshot("rivers_east_nc")
    s.goals[0].estimated_completion_on = START + timedelta(days=120)
    [finding] = run("R-G2", s, "rivers_east_nc")
    assert "make it intermediate-term (3-6 months)" in finding.message


def test_rivers_east_never_asks_for_an_objective_assessment_summary() -> None:
    assert about(run("R-P2", snapshot("rivers_east_nc"), "rivers_east_nc"), "Objective Assessment") == []


def test_chicago_still_asks_for_the_objective_assessment_summary() -> None:
    [finding] = about(run("R-P2", snapshot("chicago_cook"), "chicago_cook"), "Objective Assessment")
    assert finding.severity is ERROR


def test_re14_rivers_east_first_service_must_be_opened() -> None:
    s = snapshot("rivers_east_nc", YOUTH)
    service(s, "469", START)  # the plan-creation service does not count as the first service
    [finding] = about(run("R-P2", s, "rivers_east_nc"), "first participation service")
    assert finding.severity is ERROR
    assert "open the first service provided to the participant" in finding.message


def test_re14_rivers_east_any_first_service_counts() -> None:
    s = snapshot("rivers_east_nc", YOUTH)
    service(s, "212", START - timedelta(days=2), in_plan=False)
    assert about(run("R-P2", s, "rivers_east_nc"), "first participation service") == []


def test_re14_a_service_opened_after_the_plan_started_is_not_the_first_service() -> None:
    """004 l.21-26: the first service is opened before the IEP/ISS is created."""
    s = snapshot("rivers_east_nc", YOUTH)
    service(s, "212", START + timedelta(days=7), in_plan=False)
    [finding] = about(run("R-P2", s, "rivers_east_nc"), "first participation service")
    assert finding.severity is ERROR
    assert finding.message.startswith("Service 212")
    assert "starts 03/09/2026, after the ISS starts on 03/02/2026" in finding.message
    assert finding.message.endswith("(R-P2)")
    service(s, "212", START)  # one opened the day the plan starts counts ("can begin the same day")
    assert about(run("R-P2", s, "rivers_east_nc"), "first participation service") == []


def test_re10_an_english_learner_without_the_esl_objective_is_an_error_on_rivers_east() -> None:
    """004 l.17 names English Language proficiency in the same sentence as TABE under 9.0, whose
    missing remediation is an error there; elsewhere the app only suggests the ESL objective."""
    s = snapshot("rivers_east_nc", english_learner=True)
    [finding] = about(run("R-O6", s, "rivers_east_nc"), "English-language learner")
    assert finding.severity is ERROR
    assert "add the objective 'Attend English as a Second Language Classes'" in finding.message
    [elsewhere] = about(run("R-O6", snapshot("new_jersey", english_learner=True), "new_jersey"), "English")
    assert elsewhere.severity is SUGGESTION and "consider the objective" in elsewhere.message
    s.objectives.append(Objective(plan_id=s.plan.id, goal_id=s.goals[0].id,
                                  title="Attend English as a Second Language Classes",
                                  justification="Speaks Vietnamese at home", established_on=START))
    assert about(run("R-O6", s, "rivers_east_nc"), "English-language learner") == []


def test_re16_rivers_east_current_skills_must_be_assessed() -> None:
    s = snapshot("rivers_east_nc")
    [finding] = about(run("R-P2", s, "rivers_east_nc"), "current skills")
    assert finding.severity is WARNING
    assert "a basic-skills test (TABE reading, TABE math or CASAS)" in finding.message
    assert "credentials" in finding.message and "work history" in finding.message


def test_re16_rivers_east_skills_assessed_passes() -> None:
    s = snapshot("rivers_east_nc", credentials="Forklift certification",
                 work_history="Warehouse associate, 3 years")
    assessed(s, AssessmentKind.CASAS)
    assert about(run("R-P2", s, "rivers_east_nc"), "current skills") == []


def test_re16_credentials_only_still_needs_work_history() -> None:
    s = snapshot("rivers_east_nc", credentials="CPR")
    assessed(s, AssessmentKind.TABE_READING, grade="10.0")
    [finding] = about(run("R-P2", s, "rivers_east_nc"), "current skills")
    assert "work history" in finding.message and "credentials" not in finding.message


# ---------------------------------------------------------------------------------------------
# 3b. Chicago: the OAS, career exploration and first service come before the IEP/ISS
#     (002 l.21, l.46-68: CH-4, CH-13, CH-14, CH-15)
# ---------------------------------------------------------------------------------------------

def chicago_prerequisites(day: date) -> PlanSnapshot:
    s = snapshot("chicago_cook")
    assessed(s, AssessmentKind.OBJECTIVE_ASSESSMENT, day)
    assessed(s, AssessmentKind.CAREER_EXPLORATION, day)
    service(s, "207", day, in_plan=False)
    return s


def test_chicago_prerequisites_done_before_the_iep_are_met() -> None:
    findings = run("R-P2", chicago_prerequisites(START - timedelta(days=2)), "chicago_cook")
    assert about(findings, "Objective Assessment") == []
    assert about(findings, "career exploration") == []
    assert about(findings, "first participation service") == []


def test_chicago_prerequisites_dated_after_the_iep_started_are_refused() -> None:
    findings = run("R-P2", chicago_prerequisites(START + timedelta(days=7)), "chicago_cook")
    late = "dated 03/09/2026, after the IEP starts on 03/02/2026"
    [oas] = about(findings, "Objective Assessment Summary is dated")
    [exploration] = about(findings, "career exploration is dated")
    [first] = about(findings, "Service 207")
    assert late in oas.message and late in exploration.message
    assert "starts 03/09/2026, after the IEP starts on 03/02/2026" in first.message
    assert severities([oas, exploration, first]) == [ERROR, ERROR, ERROR]
    assert all(f.message.endswith("(R-P2)") for f in (oas, exploration, first))


# ---------------------------------------------------------------------------------------------
# 4. Every board: the plan starts on or after eligibility (CH-12, SC-2)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("board", BOARDS)
def test_plan_starting_before_eligibility_is_refused(board: str) -> None:
    s = snapshot(board)
    s.participant.eligibility_determined_on = START + timedelta(days=10)
    [finding] = about(run("R-P2", s, board), "before eligibility")
    assert finding.severity is ERROR
    assert "start the IEP on or after 03/12/2026" in finding.message


@pytest.mark.parametrize("board", BOARDS)
def test_plan_starting_the_day_of_eligibility_is_accepted(board: str) -> None:
    s = snapshot(board)
    s.participant.eligibility_determined_on = START
    assert about(run("R-P2", s, board), "eligibility") == []


# ---------------------------------------------------------------------------------------------
# 5. Goals: links (CH-31), NJ alignment (NJ-10, NJ-11), Rivers East kinds (RE-31)
# ---------------------------------------------------------------------------------------------

def test_ch31_chicago_youth_educational_goal_without_employment_goal() -> None:
    s = snapshot("chicago_cook", YOUTH)
    s.goals[0].goal_type = GoalType.EDUCATIONAL
    [finding] = run("R-G1", s, "chicago_cook")
    assert finding.severity is WARNING
    assert "add the employment goal it leads to and link this goal to it" in finding.message


def test_ch31_chicago_youth_educational_goal_not_linked() -> None:
    s = snapshot("chicago_cook", YOUTH)
    goal(s, GoalType.EDUCATIONAL, description="Enter community college")
    [finding] = run("R-G1", s, "chicago_cook")
    assert "choose the employment goal it serves" in finding.message


def test_ch31_chicago_youth_educational_goal_linked_to_employment_passes() -> None:
    s = snapshot("chicago_cook", YOUTH)
    goal(s, GoalType.EDUCATIONAL, description="Enter community college").serves_goal_id = s.goals[0].id
    assert run("R-G1", s, "chicago_cook") == []


def test_nj10_new_jersey_without_a_long_term_goal() -> None:
    s = snapshot("new_jersey")
    found = run("R-G7", s, "new_jersey")
    assert severities(found) == [WARNING, WARNING]
    assert "long-term career goal" in found[0].message
    assert "add the long-term career goal and link this goal to it" in found[1].message


def test_nj11_new_jersey_short_term_goal_not_aligned() -> None:
    s = snapshot("new_jersey")
    goal(s, GoalType.EMPLOYMENT, GoalTerm.LONG, 24, "Certified welding inspector")
    [finding] = run("R-G7", s, "new_jersey")
    assert "choose the long-term goal it serves" in finding.message


def test_nj11_new_jersey_short_term_goal_aligned_passes() -> None:
    s = snapshot("new_jersey")
    career = goal(s, GoalType.EMPLOYMENT, GoalTerm.LONG, 24, "Certified welding inspector")
    s.goals[0].serves_goal_id = career.id
    assert run("R-G7", s, "new_jersey") == []


@pytest.mark.parametrize("board", ["chicago_cook", "scpa_works", "rivers_east_nc"])
def test_nj11_other_boards_ask_no_long_term_goal(board: str) -> None:
    assert run("R-G7", snapshot(board), board) == []


def test_re31_rivers_east_calls_educational_schooling() -> None:
    rivers_east = load_profile("rivers_east_nc")
    assert rivers_east.goal_type_label(GoalType.EDUCATIONAL) == "Schooling"
    assert load_profile("chicago_cook").goal_type_label(GoalType.EDUCATIONAL) == "Educational"


def test_re31_schooling_in_the_messages() -> None:
    s = snapshot("chicago_cook", ADULT)
    s.goals[0].goal_type = GoalType.TRAINING
    [wrong_type, _] = run("R-G1", s, "chicago_cook")
    assert "training goals are not used for Adult here; use employment" in wrong_type.message


def test_re31_undecided_employment_goal_needs_traitify() -> None:
    s = snapshot("rivers_east_nc")
    s.goals[0].description = "Undecided"
    [finding] = run("R-G1", s, "rivers_east_nc")
    assert finding.severity is WARNING and "Traitify career path" in finding.message
    assessed(s, AssessmentKind.TRAITIFY)
    assert run("R-G1", s, "rivers_east_nc") == []


@pytest.mark.parametrize("board", ["chicago_cook", "new_jersey", "scpa_works"])
def test_re31_other_boards_have_no_undecided_rule(board: str) -> None:
    s = snapshot(board)
    s.goals[0].description = "Undecided career"
    assert about(run("R-G1", s, board), "Traitify") == []


# ---------------------------------------------------------------------------------------------
# 6. SCPa: assessments reviewed, then WIS02, then the IEP (SC-9, SC-10)
# ---------------------------------------------------------------------------------------------

def scpa_assessed() -> PlanSnapshot:
    s = snapshot("scpa_works")
    for kind in load_profile("scpa_works").prerequisites.required_assessments:
        assessed(s, kind, START - timedelta(days=6))
    return s


def test_sc10_wis02_before_the_assessments_is_pointed_out() -> None:
    s = scpa_assessed()
    service(s, "WIS02", START - timedelta(days=11), in_plan=False)
    [finding] = about(run("R-P2", s, "scpa_works"), "WIS02")
    assert finding.severity is WARNING
    assert "before the required assessments were all done (02/24/2026)" in finding.message


def test_sc10_wis02_after_the_assessments_and_before_the_iep_passes() -> None:
    s = scpa_assessed()
    service(s, "WIS02", START - timedelta(days=2), in_plan=False)
    assert run("R-P2", s, "scpa_works") == []


def test_sc10_wis02_after_the_iep_started_is_pointed_out() -> None:
    s = scpa_assessed()
    service(s, "WIS02", START + timedelta(days=4), in_plan=False)
    [finding] = about(run("R-P2", s, "scpa_works"), "WIS02")
    assert "after the IEP started 03/02/2026" in finding.message


def test_sc9_scpa_missing_assessments_block_the_plan() -> None:
    s = snapshot("scpa_works")
    service(s, "WIS02", START - timedelta(days=2), in_plan=False)
    [finding] = about(run("R-P2", s, "scpa_works"), "requires these assessments")
    assert finding.severity is ERROR and finding.message.startswith("This board requires")


# ---------------------------------------------------------------------------------------------
# 7. Participant background recorded (SC-4, NJ-13, RE-16): R-A1
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("board", "asked"), [
    ("scpa_works", ["education", "work history", "job skills"]),
    ("new_jersey", ["education", "work history"]),
])
def test_background_missing_is_pointed_out(board: str, asked: list[str]) -> None:
    s = snapshot(board)
    assessed(s, AssessmentKind.CASAS)
    [finding] = run("R-A1", s, board)
    assert finding.severity is WARNING and all(part in finding.message for part in asked)
    assert "record them on the Assessment page" in finding.message


@pytest.mark.parametrize("board", ["scpa_works", "new_jersey"])
def test_background_recorded_passes(board: str) -> None:
    s = snapshot(board, education="GED, 2019", work_history="Cashier, 2 years", job_skills="Cash handling")
    assessed(s, AssessmentKind.CASAS)
    assert run("R-A1", s, board) == []


# ---------------------------------------------------------------------------------------------
# 8. Too lenient (R-S1, R-O6, R-X1)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("board", BOARDS)
def test_plan_without_services_is_pointed_out(board: str) -> None:
    found = run("R-S1", snapshot(board, YOUTH), board)
    assert severities(found) == [WARNING]
    assert "lists no services" in found[0].message


@pytest.mark.parametrize("board", BOARDS)
def test_objective_no_service_serves_is_pointed_out(board: str) -> None:
    s = snapshot(board, YOUTH)
    service(s, "212", START)
    extra = s.objectives[0].model_copy(update={"id": "second", "title": "Attend Tutoring"})
    s.objectives.append(extra)
    [finding] = run("R-S1", s, board)
    assert finding.severity is SUGGESTION and finding.record_id == "second"
    s.services[0].objective_ids.append("second")
    assert run("R-S1", s, board) == []


@pytest.mark.parametrize("board", BOARDS)
def test_basic_skills_objective_without_a_service(board: str) -> None:
    s = snapshot(board)
    assessed(s, AssessmentKind.TABE_MATH, grade="7.5")
    remedial = s.objectives[0].model_copy(update={"id": "remedial", "title": REMEDIATION})
    s.objectives.append(remedial)
    [finding] = run("R-O6", s, board)
    assert finding.severity is SUGGESTION and "has no service behind it" in finding.message
    service(s, "212", START).objective_ids.append("remedial")
    assert run("R-O6", s, board) == []


@pytest.mark.parametrize("board", BOARDS)
def test_unsigned_plan_advice_matches_on_screen_signing(board: str) -> None:
    [finding] = run("R-X1", snapshot(board), board)
    assert "Signatures page" in finding.message
    assert "upload" not in finding.message and "paper" not in finding.message


# ---------------------------------------------------------------------------------------------
# 9. "The board's" only for sourced values (C-5)
# ---------------------------------------------------------------------------------------------

def test_objective_list_is_the_boards_only_where_the_document_gives_it() -> None:
    def r_o1_message(board: str) -> str:
        s = snapshot(board)
        s.objectives[0].title = "Learn to weld"
        [finding] = run("R-O1", s, board)
        return finding.message

    assert "not on this board's list" in r_o1_message("rivers_east_nc")
    for board in ("chicago_cook", "new_jersey", "scpa_works"):
        assert "not on this app's default list" in r_o1_message(board)


def test_new_jersey_resigning_is_called_a_default() -> None:
    from iep_desktop.domain.rules import _rule_of

    assert _rule_of(load_profile("new_jersey")) == "this app's default re-signing rule"
    assert _rule_of(load_profile("scpa_works")) == "this board"

