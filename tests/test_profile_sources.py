"""Issue 16: every board-profile setting carries its source, a document and section or "default
of this app"; the loader keeps them; `iep profile show` prints them; an office's published
profile keeps the shipped sources of what it did not change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from iep_desktop.cli import main
from iep_desktop.errors import ProfileError
from iep_desktop.profiles import (
    available_profiles,
    load_profile,
    load_profile_file,
)
from iep_desktop.profiles.loader import ProfileCatalogue, with_office_sources
from iep_desktop.profiles.schema import (
    DEFAULT_SOURCE,
    NO_SOURCE,
    OFFICE_SOURCE,
    BoardProfile,
    setting_paths,
)

SEEDS = {"new_jersey": "000_38afc84e6e2becbd.txt", "chicago_cook": "002_e0a009a8cb6b1759.txt",
         "scpa_works": "003_9c1a4137a895e94f.txt", "rivers_east_nc": "004_cc30c12416230e64.txt"}
GENERIC_CODES = ["210", "212", "213", "230", "300", "301", "304", "305", "310", "401", "404", "410",
                 "500", "501", "502", "503"]


@pytest.mark.parametrize("profile_id", sorted(SEEDS) + ["default"])
def test_every_setting_has_a_source_or_is_marked_default(profile_id: str) -> None:
    profile = load_profile(profile_id)
    rows = profile.setting_sources()
    assert [path for path, _, _ in rows] == setting_paths(profile)
    assert len(rows) > 60  # every field, per program, per service code
    for path, _, source in rows:
        assert source != NO_SOURCE, f"{profile_id}: {path} has no source"
        is_default = source.startswith(DEFAULT_SOURCE)
        # A source that is not a default names this board's own document (and only it).
        if not is_default:
            assert profile_id != "default", f"default profile claims a document for {path}"
            # the file name, or its number as the plan-life groups cite it ("002 Chicago ...")
            assert source.startswith((SEEDS[profile_id], SEEDS[profile_id][:3] + " ")), f"{profile_id}: {path}: {source}"
        assert profile.is_board_policy(path) is not is_default


@pytest.mark.parametrize("profile_id", sorted(SEEDS))
def test_each_board_cites_its_document_for_some_settings(profile_id: str) -> None:
    profile = load_profile(profile_id)
    assert sum(profile.is_board_policy(path) for path in setting_paths(profile)) >= 5


@pytest.mark.parametrize("profile_id", sorted(SEEDS))
def test_codes_210_to_503_are_defaults_everywhere(profile_id: str) -> None:
    profile = load_profile(profile_id)
    for code in GENERIC_CODES:
        assert profile.service(code) is not None
        assert not profile.is_board_policy(f"service_codes.{code}"), code


def test_the_values_issue_16_names_as_unsourced_are_marked_default() -> None:
    rivers_east = load_profile("rivers_east_nc")
    for code in ("205", "469"):  # the IEP/ISS Same Day service has no number in the document
        assert not rivers_east.is_board_policy(f"service_codes.{code}")
        assert "gives no code" in rivers_east.source_of(f"service_codes.{code}")
    for board in ("chicago_cook", "new_jersey", "scpa_works"):  # Appendix A is Rivers East's
        assert not load_profile(board).is_board_policy("predefined_objectives")
    assert "page 14" in load_profile("chicago_cook").source_of("predefined_objectives")
    assert rivers_east.is_board_policy("predefined_objectives")
    new_jersey = load_profile("new_jersey")
    assert not new_jersey.is_board_policy("resign_policy")
    for path in setting_paths(new_jersey):  # the NJ document covers Adult and DW only
        if path.endswith(".youth"):
            assert not new_jersey.is_board_policy(path), path


def test_sourced_values_match_the_documents() -> None:
    chicago, rivers_east = load_profile("chicago_cook"), load_profile("rivers_east_nc")
    assert chicago.is_board_policy("service_codes.431") and chicago.service("431").same_day  # type: ignore[union-attr]
    assert chicago.is_board_policy("resign_policy") and chicago.resign_policy == "goal_change"
    assert [(t.min_months, t.max_months) for t in rivers_east.goal_terms] == [(1, 3), (3, 6), (7, None)]
    assert rivers_east.prerequisites.objective_assessment is None
    assert "Requirements step 5" in rivers_east.source_of("plan_creation_service_severity")


def test_a_source_for_a_setting_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    data = json.loads((Path(__file__).parents[1] / "resources/profiles/default.json").read_text("utf-8"))
    data["sources"]["goal_termz"] = "somewhere"
    path = tmp_path / "default.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProfileError, match=r"field 'sources\.goal_termz': names no setting"):
        load_profile_file(path)


def _published(changes: dict[str, object]) -> BoardProfile:
    data = load_profile("chicago_cook").model_dump(mode="json")
    data.update(changes)
    return BoardProfile.model_validate(data)


def test_published_profile_keeps_shipped_sources_and_owns_what_it_changed() -> None:
    shipped = load_profile("chicago_cook")
    own_list = ["Research LMI & Occupations", "Attend a Chicago job fair"]
    merged = with_office_sources(_published({"predefined_objectives": own_list}), shipped)
    assert merged.source_of("predefined_objectives") == OFFICE_SOURCE
    assert merged.is_board_policy("predefined_objectives")  # the board's office published it
    assert merged.source_of("goal_terms") == shipped.source_of("goal_terms")
    assert merged.source_of("service_codes.210") == shipped.source_of("service_codes.210")


def test_published_profile_may_give_its_own_source() -> None:
    sources = {**load_profile("chicago_cook").sources,
               "predefined_objectives": "Chicago IEP/ISS Procedure, page 14"}
    merged = with_office_sources(
        _published({"predefined_objectives": ["Research LMI & Occupations"], "sources": sources}),
        load_profile("chicago_cook"))
    assert merged.source_of("predefined_objectives") == "Chicago IEP/ISS Procedure, page 14"


def test_a_stores_catalogue_applies_the_sources_to_what_the_office_published() -> None:
    catalogue = ProfileCatalogue({"chicago_cook": _published({"review_interval_days": 60})})
    profile = catalogue.get("chicago_cook")
    assert profile.review_interval_days == 60
    assert profile.source_of("review_interval_days") == OFFICE_SOURCE
    assert profile.source_of("resign_policy").startswith(SEEDS["chicago_cook"])
    assert load_profile("chicago_cook").source_of("review_interval_days").startswith(SEEDS["chicago_cook"])


def test_iep_profile_show_prints_each_setting_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "show", "rivers_east_nc"]) == 0
    lines = capsys.readouterr().out.splitlines()
    settings = [line for line in lines if re.match(r"^\S+ = ", line)]
    assert len(settings) == len(setting_paths(load_profile("rivers_east_nc")))
    for line, after in zip(lines, lines[1:]):
        if re.match(r"^\S+ = ", line):
            assert after.startswith("    source: "), line
    text = "\n".join(lines)
    assert ('goal_terms = [{"term": "short", "min_months": 1, "max_months": 3' in text)
    assert "service_codes.210 = " in text and "default of this app: the code appears in no board document" in text


def test_iep_profile_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "show", "chicago_cook", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_setting = {row["setting"]: row for row in rows}
    assert by_setting["service_codes.431"]["source"].startswith(SEEDS["chicago_cook"])
    assert by_setting["predefined_objectives"]["source"].startswith(DEFAULT_SOURCE)


def test_iep_profile_show_unknown_board(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "show", "nowhere"]) != 0
    assert "is not installed" in capsys.readouterr().err


def test_iep_profile_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "list"]) == 0
    out = capsys.readouterr().out
    assert all(profile_id in out for profile_id in available_profiles())
