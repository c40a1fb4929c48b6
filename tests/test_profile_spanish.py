"""Issue 18 item 5: every board profile gives a Spanish label for every list item (objectives,
service names, goal types, terms, note titles), or the gap is reported; the loader falls back to
English; `iep profile show` says what is missing; the labels' source says they are a translation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iep_desktop.cli import main
from iep_desktop.profiles import available_profiles, load_profile, load_profile_file
from iep_desktop.profiles.schema import DEFAULT_SOURCE


@pytest.mark.parametrize("profile_id", available_profiles())
def test_every_list_item_has_a_spanish_label(profile_id: str) -> None:
    profile = load_profile(profile_id)
    assert len(profile.list_labels()) > 50
    missing = profile.missing_labels("es")
    assert not missing, f"{profile_id}: no Spanish label for\n" + "\n".join(f"  {w}: {t}" for w, t in missing)
    # No stale labels: every Spanish label translates a label the profile lists.
    listed = {text for _, text in profile.list_labels()}
    assert set(profile.translations["es"]) <= listed
    source = profile.source_of("translations")
    assert source.startswith(DEFAULT_SOURCE) and "translation" in source


def test_a_missing_label_falls_back_to_english_and_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = load_profile("rivers_east_nc").model_dump(mode="json")
    del data["translations"]["es"]["Attend Tutoring"]
    path = tmp_path / "rivers_east_nc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    profile = load_profile_file(path)
    assert profile.label("Attend Tutoring", "es") == "Attend Tutoring"
    assert profile.label("Attend Interviews", "es") == "Asistir a entrevistas"
    assert profile.label("Attend Interviews", "en") == "Attend Interviews"
    assert profile.missing_labels("es") == [("predefined_objectives", "Attend Tutoring")]
    assert main(["profile", "show", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Spanish labels: 1 of" in out and "predefined_objectives: Attend Tutoring" in out
    assert main(["profile", "show", "rivers_east_nc"]) == 0
    assert "Spanish labels: all" in capsys.readouterr().out


def test_the_boards_name_and_regions_are_labels_reported_when_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The board's name and regions are printed on the participant's copy: they are list labels
    like the others, so a missing Spanish one falls back to English and is reported."""
    data = load_profile("new_jersey").model_dump(mode="json")
    del data["translations"]["es"]["New Jersey (NJDOL)"]
    path = tmp_path / "new_jersey.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    profile = load_profile_file(path)
    assert profile.label(profile.name, "es") == "New Jersey (NJDOL)"
    assert profile.label("Local Workforce Area", "es") == "Área local de desarrollo laboral"
    assert ("regions", "Local Workforce Area") in profile.list_labels()
    assert profile.missing_labels("es") == [("name", "New Jersey (NJDOL)")]
    assert main(["profile", "show", "--file", str(path)]) == 0
    assert "name: New Jersey (NJDOL)" in capsys.readouterr().out
