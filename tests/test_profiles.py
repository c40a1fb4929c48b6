"""Board profiles: the shipped files load, say what their seeds say, and broken files are
rejected with a message that names the file, the field and the problem.

Real files only: the shipped JSON under resources/profiles and broken copies written to tmp_path.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from iep_desktop.domain.findings import Severity
from iep_desktop.domain.models import AssessmentKind, GoalTerm, GoalType, Program
from iep_desktop.errors import IepError, ProfileError
from iep_desktop.profiles import BoardProfile, available_profiles, load_profile, load_profile_file
from iep_desktop.profiles.loader import profiles_dir

REPO = Path(__file__).resolve().parent.parent
BOARDS = ["chicago_cook", "new_jersey", "rivers_east_nc", "scpa_works"]
SHIPPED = sorted(["default", *BOARDS])
ALL_PROGRAMS = [Program.ADULT, Program.DISLOCATED_WORKER, Program.YOUTH]
ADULT_DW = [Program.ADULT, Program.DISLOCATED_WORKER]
# default.json's services that no seed names: every board keeps them unchanged.
GENERIC_CODES = ["210", "212", "213", "230", "300", "301", "304", "305", "310",
                 "401", "404", "410", "500", "501", "502", "503"]


def codes(profile: BoardProfile) -> set[str]:
    return {s.code for s in profile.service_codes}


# --- every shipped profile ---------------------------------------------------------------------

def test_available_profiles_lists_exactly_default_and_the_four_boards() -> None:
    assert available_profiles() == SHIPPED


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_shipped_profile_loads_by_id_and_by_file(profile_id: str) -> None:
    by_id = load_profile(profile_id)
    by_file = load_profile_file(profiles_dir() / f"{profile_id}.json")
    assert by_id == by_file
    assert by_id.id == profile_id
    assert by_id.name and by_id.source
    assert by_id.regions and by_id.offices


@pytest.mark.parametrize("profile_id", BOARDS)
def test_board_keeps_the_generic_services_of_the_default_profile(profile_id: str) -> None:
    default, board = load_profile("default"), load_profile(profile_id)
    for code in GENERIC_CODES:
        assert board.service(code) == default.service(code), code


@pytest.mark.parametrize("profile_id", BOARDS)
def test_board_keeps_defaults_where_no_seed_speaks(profile_id: str) -> None:
    default, board = load_profile("default"), load_profile(profile_id)
    # Rivers East's Appendix A is the only list the seeds give; default.json holds it.
    assert board.predefined_objectives == default.predefined_objectives
    assert board.objective_review_offset_days == default.objective_review_offset_days
    assert board.goal_description_max_chars == default.goal_description_max_chars
    assert board.review_interval_days == 90
    assert board.export_counseling_statements is False  # R-A2: no seed allows it
    assert board.parent_signature == "optional"  # R-X1: never required


def test_unknown_profile_id_names_the_installed_ones() -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("no_such_board")
    message = str(caught.value)
    assert "'no_such_board' is not installed" in message
    assert all(profile_id in message for profile_id in SHIPPED)


# --- Chicago Cook Workforce Partnership (seed 002, Career Connect) -----------------------------

@pytest.fixture(scope="module")
def chicago() -> BoardProfile:
    return load_profile("chicago_cook")


def test_chicago_identity(chicago: BoardProfile) -> None:
    assert chicago.state_system == "Career Connect"
    assert chicago.regions == ["Chicago Cook Workforce Partnership"]
    assert "IEP/ISS Procedure" in chicago.source


@pytest.mark.parametrize(("months", "term"), [
    (0, GoalTerm.SHORT), (6, GoalTerm.SHORT),
    (7, GoalTerm.INTERMEDIATE), (12, GoalTerm.INTERMEDIATE),
    (13, GoalTerm.LONG), (40, GoalTerm.LONG),
])
def test_chicago_goal_terms_0_6_7_12_over_12(chicago: BoardProfile, months: int, term: GoalTerm) -> None:
    assert chicago.term_for_months(months) is term


def test_chicago_term_labels(chicago: BoardProfile) -> None:
    assert [t.label for t in chicago.goal_terms] == ["0-6 months", "7-12 months", "Over 12 months"]


def test_chicago_goal_types_educational_is_youth_only_and_no_training(chicago: BoardProfile) -> None:
    assert chicago.goal_types[Program.ADULT] == [GoalType.EMPLOYMENT]
    assert chicago.goal_types[Program.DISLOCATED_WORKER] == [GoalType.EMPLOYMENT]
    assert chicago.goal_types[Program.YOUTH] == [GoalType.EMPLOYMENT, GoalType.EDUCATIONAL]
    assert not any(GoalType.TRAINING in types for types in chicago.goal_types.values())
    assert chicago.employment_goal_required == ADULT_DW


def test_chicago_prerequisites(chicago: BoardProfile) -> None:
    pre = chicago.prerequisites
    # "Before developing an IEP/ISS, the following steps must be completed."
    assert pre.eligibility is Severity.ERROR
    assert pre.objective_assessment is Severity.ERROR
    assert pre.career_exploration is Severity.ERROR
    assert pre.first_service is Severity.ERROR
    for program in ADULT_DW:
        assert pre.first_service_codes[program] == ["207", "224", "202", "205"]
    assert pre.ordered_services == {Program.YOUTH: ["468", "469", "470"]}
    assert pre.ordered_services_severity is Severity.ERROR
    assert pre.after_ordered_services == {Program.YOUTH: ["431"]}


def test_chicago_service_codes(chicago: BoardProfile) -> None:
    assert {"202", "205", "207", "224", "431", "468", "469", "470"} <= codes(chicago)
    assert not {"20A", "41A"} & codes(chicago)  # NCWorks codes
    assert chicago.service("224").same_day
    assert chicago.service("431").same_day
    assert chicago.service("431").programs == [Program.YOUTH]
    assert chicago.service("224").programs == ADULT_DW


def test_chicago_youth_must_research_lmi(chicago: BoardProfile) -> None:
    assert chicago.required_objectives == {Program.YOUTH: ["Research LMI & Occupations"]}
    assert chicago.is_predefined("Research LMI & Occupations")


def test_chicago_resigns_only_when_a_goal_changes(chicago: BoardProfile) -> None:
    assert chicago.resign_policy == "goal_change"


# --- Rivers East WDB (seed 004, NCWorks) --------------------------------------------------------

@pytest.fixture(scope="module")
def rivers_east() -> BoardProfile:
    return load_profile("rivers_east_nc")


def test_rivers_east_identity(rivers_east: BoardProfile) -> None:
    assert rivers_east.state_system == "NCWorks"
    assert rivers_east.state == "NC"


@pytest.mark.parametrize(("months", "term"), [
    (1, GoalTerm.SHORT), (2, GoalTerm.SHORT), (3, GoalTerm.SHORT),
    (4, GoalTerm.INTERMEDIATE), (5, GoalTerm.INTERMEDIATE), (6, GoalTerm.INTERMEDIATE),
    (7, GoalTerm.LONG), (24, GoalTerm.LONG),
])
def test_rivers_east_goal_terms_1_3_3_6_over_6(rivers_east: BoardProfile, months: int,
                                               term: GoalTerm) -> None:
    assert rivers_east.term_for_months(months) is term


def test_rivers_east_term_labels_as_the_board_writes_them(rivers_east: BoardProfile) -> None:
    assert [t.label for t in rivers_east.goal_terms] == ["1-3 months", "3-6 months",
                                                         "more than 6 months"]


def test_rivers_east_every_customer_needs_an_employment_goal(rivers_east: BoardProfile) -> None:
    assert sorted(rivers_east.employment_goal_required) == sorted(ALL_PROGRAMS)
    for program in ALL_PROGRAMS:
        # Employment, Schooling (educational) and Training (post-secondary & GED).
        assert rivers_east.goal_types[program] == [GoalType.EMPLOYMENT, GoalType.EDUCATIONAL,
                                                   GoalType.TRAINING]


def test_rivers_east_tabe_below_9_needs_remediation(rivers_east: BoardProfile) -> None:
    assert rivers_east.basic_skills.tabe_threshold == 9.0
    assert rivers_east.basic_skills.remediation_objective == "Increase Reading and/or Math Skills"
    assert rivers_east.is_predefined(rivers_east.basic_skills.remediation_objective)
    assert rivers_east.is_predefined(rivers_east.basic_skills.esl_objective)


def test_rivers_east_quarterly_review_and_every_change_resigned(rivers_east: BoardProfile) -> None:
    assert rivers_east.review_interval_days == 90
    assert rivers_east.resign_policy == "every_change"


def test_rivers_east_update_codes_and_same_day_plan_service(rivers_east: BoardProfile) -> None:
    assert rivers_east.service("20A").programs == ADULT_DW
    assert rivers_east.service("41A").programs == [Program.YOUTH]
    for program in ALL_PROGRAMS:
        # R-S2: the IEP/ISS Same Day service is the plan-creation service (its dates are the
        # plan's creation date), not a same-day service of its own day.
        [code] = rivers_east.plan_creation_codes(program)
        known = rivers_east.service(code)
        assert known is not None and program in known.programs and "Same Day" in known.name
        # The document gives the service no number: the profile says the number is a default.
        assert not rivers_east.is_board_policy(f"service_codes.{code}")


def test_rivers_east_prerequisites(rivers_east: BoardProfile) -> None:
    # "The WIOA Participation must be completed and the career coach must open the first service."
    assert rivers_east.prerequisites.eligibility is Severity.ERROR
    assert rivers_east.prerequisites.first_service is Severity.ERROR


def test_rivers_east_appendix_a_has_no_duplicates_and_no_blank() -> None:
    raw = json.loads((profiles_dir() / "rivers_east_nc.json").read_text(encoding="utf-8"))
    objectives = raw["predefined_objectives"]
    folded = [o.strip().casefold() for o in objectives]
    assert len(folded) == len(set(folded))
    assert all(folded)
    assert all(o == o.strip() for o in objectives)
    # Appendix A lists 41 named entries (and one blank); three are repeats.
    assert len(objectives) == 39
    assert objectives[0] == "Attend Job Readiness Workshop"
    assert objectives[-1] == "Support Service - Purchase tools"
    assert objectives.count("Develop / Revise Resume") == 1
    assert objectives.count("Attain Unpaid Work Experience") == 1


# --- SCPa Works (seed 003, CWDS) ---------------------------------------------------------------

@pytest.fixture(scope="module")
def scpa() -> BoardProfile:
    return load_profile("scpa_works")


def test_scpa_identity(scpa: BoardProfile) -> None:
    assert scpa.state_system == "CWDS"
    assert scpa.state == "PA"
    assert scpa.source == "SCPa Works Individual Employment Plan Policy #P-4-7.22"


def test_scpa_required_assessments(scpa: BoardProfile) -> None:
    assert set(scpa.prerequisites.required_assessments) == {
        AssessmentKind.CAREERSCOPE, AssessmentKind.TORQ, AssessmentKind.TABE_READING,
        AssessmentKind.TABE_MATH, AssessmentKind.ONET_INTEREST,
    }
    assert scpa.prerequisites.required_assessments_severity is Severity.ERROR


def test_scpa_reviews_results_with_wis02_before_the_plan(scpa: BoardProfile) -> None:
    assert scpa.service("WIS02") is not None
    for program in ALL_PROGRAMS:
        assert scpa.prerequisites.ordered_services[program] == ["WIS02"]


def test_scpa_signs_every_update(scpa: BoardProfile) -> None:
    assert scpa.resign_policy == "every_change"


def test_scpa_case_notes_need_figures_next_steps_and_follow_up(scpa: BoardProfile) -> None:
    assert scpa.case_notes.require_figures
    assert scpa.case_notes.require_next_steps
    assert scpa.case_notes.require_follow_up


# --- New Jersey (seed 000, AOSOS) --------------------------------------------------------------

def test_new_jersey() -> None:
    nj = load_profile("new_jersey")
    assert nj.state_system == "AOSOS"
    assert nj.state == "NJ"
    assert nj.resign_policy == "every_change"  # the paper IEP is uploaded on every update
    assert nj.export_counseling_statements is False  # confidential: counseling statements


@pytest.mark.parametrize("profile_id", ["new_jersey", "scpa_works"])
def test_boards_without_seed_codes_carry_no_other_boards_codes(profile_id: str) -> None:
    board_specific = {"202", "205", "207", "224", "431", "468", "469", "470", "20A", "41A"}
    assert not codes(load_profile(profile_id)) & board_specific


@pytest.mark.parametrize("profile_id", [b for b in BOARDS if b != "chicago_cook"])
def test_other_boards_sign_on_every_change(profile_id: str) -> None:
    assert load_profile(profile_id).resign_policy == "every_change"


# --- broken profiles ---------------------------------------------------------------------------

@pytest.fixture
def good_data() -> dict:
    data = json.loads((profiles_dir() / "default.json").read_text(encoding="utf-8"))
    data["id"] = "broken"
    return data


def write_json(tmp_path: Path, data: object, name: str = "broken.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def rejection(path: Path) -> str:
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path)
    assert isinstance(caught.value, IepError)
    message = str(caught.value)
    assert path.name in message, message
    return message


def test_good_copy_in_tmp_path_loads(tmp_path: Path, good_data: dict) -> None:
    assert load_profile_file(write_json(tmp_path, good_data)).id == "broken"


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "broken",\n  "name": "Broken",\n}\n', encoding="utf-8")
    message = rejection(path)
    assert "is not valid JSON" in message
    assert "line 4, column 1" in message


def test_wrong_type_in_nested_field(tmp_path: Path, good_data: dict) -> None:
    good_data["goal_terms"][0]["max_months"] = "six"
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'goal_terms.0.max_months'" in message
    assert "valid integer" in message


def test_missing_required_field(tmp_path: Path, good_data: dict) -> None:
    del good_data["goal_types"]
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'goal_types'" in message
    assert "Field required" in message


def test_missing_required_field_in_a_list_item(tmp_path: Path, good_data: dict) -> None:
    del good_data["service_codes"][2]["name"]
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'service_codes.2.name'" in message
    assert "Field required" in message


def test_unknown_field_is_rejected(tmp_path: Path, good_data: dict) -> None:
    good_data["prerequisites"]["reqired_assessments"] = ["torq"]  # a typo must not pass silently
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'prerequisites.reqired_assessments'" in message
    assert "Extra inputs are not permitted" in message


def test_bad_choice_is_rejected(tmp_path: Path, good_data: dict) -> None:
    good_data["resign_policy"] = "sometimes"
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'resign_policy'" in message
    assert "'goal_change' or 'every_change'" in message


def test_duplicate_service_code(tmp_path: Path, good_data: dict) -> None:
    good_data["service_codes"].append(dict(good_data["service_codes"][0], name="Again"))
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'service_codes': repeats 202" in message


def test_unknown_code_named_in_prerequisites(tmp_path: Path, good_data: dict) -> None:
    good_data["prerequisites"]["first_service_codes"]["adult"].append("999")
    message = rejection(write_json(tmp_path, good_data))
    assert ("field 'prerequisites.first_service_codes.adult': "
            "names service codes not in service_codes: 999") in message


def test_terms_that_do_not_rise(tmp_path: Path, good_data: dict) -> None:
    good_data["goal_terms"][0]["max_months"] = None
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'goal_terms': must rise" in message


def test_duplicate_predefined_objective(tmp_path: Path, good_data: dict) -> None:
    good_data["predefined_objectives"].append("develop / revise resume")
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'predefined_objectives': has duplicates" in message


def test_id_must_match_file_name(tmp_path: Path, good_data: dict) -> None:
    good_data["id"] = "someone_else"
    message = rejection(write_json(tmp_path, good_data))
    assert "field 'id'" in message
    assert "'someone_else' must match the file name" in message


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"id": "broken", "name": "Caf\xe9 board"}')
    message = rejection(path)
    assert "is not UTF-8 text" in message


def test_json_array_instead_of_object(tmp_path: Path, good_data: dict) -> None:
    message = rejection(write_json(tmp_path, [good_data]))
    assert "must be a JSON object" in message


# --- board differences live in data, not in code -----------------------------------------------

def string_literals(source: str) -> list[str]:
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_board_id_literal_in_core_code() -> None:
    board_ids = set(BOARDS) | (set(available_profiles()) - {"default"})
    found = []
    for path in sorted((REPO / "iep_desktop").rglob("*.py")):
        for literal in string_literals(path.read_text(encoding="utf-8")):
            found += [f"{path.relative_to(REPO)}: {board_id}" for board_id in board_ids
                      if board_id in literal.casefold()]
    assert not found, ("board ids written in code; move the difference into "
                       f"resources/profiles/<id>.json: {found}")


def test_a_field_name_with_control_characters_is_named_on_one_line(tmp_path: Path) -> None:
    """Found by the long fuzz run: a key holding a newline made a two-line message."""
    doc = json.loads((profiles_dir() / "default.json").read_text("utf-8"))
    doc["line\nbreak\x07" + "x" * 200] = 1
    path = tmp_path / "default.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(ProfileError) as refused:
        load_profile_file(path)
    message = refused.value.message
    assert "\n" not in message and "line\\nbreak\\x07" in message and len(message) < 300, message
