"""The README's screenshots from the current code: ``python tools/size_screenshots.py``.

Run ``tests/ui/test_screens.py`` first: it saves every window of the app at 1366x768 (100 %),
1280x800 (125 %) and 1920x1080 (200 %) to ``screenshots/screens/`` (git-ignored), in device
pixels. This copies a chosen few to ``docs/screenshots/sizes/``, each scaled to its logical size
(what the layout has to fit: 1366x768, 1024x640, 960x540) so the table compares like with like,
in 256 colours, so each stays well under 150 KB. The main gallery (``GALLERY``) is refreshed the
same way from what the other UI tests save under ``screenshots/`` (``pytest tests/ui``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image  # Pillow comes with fpdf2, the PDF library

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "screenshots"
SOURCE = SHOTS / "screens"
TARGET = ROOT / "docs" / "screenshots" / "sizes"
SCALES = {"1366x768@100": 1.0, "1280x800@125": 1.25, "1920x1080@200": 2.0}  # device px per logical px
WINDOWS = ("caseload", "new_participant", "wizard_objectives", "wizard_signatures", "record_service")
LIMIT = 150_000  # bytes a picture may take in the repository
# The README's main gallery, docs/screenshots/NAME: the screenshot of the current code each one is
# (under screenshots/, made by the UI test named; missing ones are left as they are).
GALLERY = {
    "caseload.png": "shell/1x/caseload_demo.png",  # test_shell_screenshots: 60 synthetic people
    "wizard_objectives.png": "screens/1366x768@100-wizard_objectives.png",  # test_screens
    "wizard_review_blocked.png": "wizard_review_blocked.png",  # test_wizard
    "wizard_signatures.png": "screens/1366x768@100-wizard_signatures.png",  # test_screens
    "case_notes.png": "case_notes.png",  # test_case_notes
    "wizard_recovered_after_crash.png": "wizard_recovered_after_crash.png",  # test_crash_recovery
    "plan_life_record_service.png": "plan_life_record_service.png",  # test_plan_life_ui
    "wizard_services_delivered.png": "wizard_services_delivered.png",  # test_plan_life_ui
    "plan_life_goals_and_objectives.png": "plan_life_goals_and_objectives.png",
    "plan_life_exit.png": "plan_life_exit.png",
    "plan_life_this_week.png": "plan_life_this_week.png",
}


def target_name(size: str, window: str) -> str:
    """``caseload-1366x768-100.png``: no "@" in a README link."""
    screen, percent = size.split("@")
    return f"{window}-{screen}-{percent}.png"


def copy_one(size: str, window: str) -> Path:
    source = SOURCE / f"{size}-{window}.png"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run tests/ui/test_screens.py first")
    return shrink(source, TARGET / target_name(size, window), SCALES[size])


def shrink(source: Path, target: Path, scale: float = 1.0) -> Path:
    with Image.open(source) as shot:
        image = shot.convert("RGB")
    if scale != 1.0:
        image = image.resize((round(image.width / scale), round(image.height / scale)), Image.Resampling.LANCZOS)
    # 256 colours suit a screen of flat greys and one blue; text edges keep their smoothing.
    small = image.quantize(256, dither=Image.Dither.NONE)
    small.save(target, optimize=True)
    if target.stat().st_size > LIMIT:
        raise SystemExit(f"{target} is {target.stat().st_size} bytes, over {LIMIT}")
    return target


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for size in SCALES:
        for window in WINDOWS:
            written = copy_one(size, window)
            print(f"{written.relative_to(ROOT)}  {written.stat().st_size // 1000} KB")
    for name, made in GALLERY.items():
        if not (SHOTS / made).exists():
            print(f"docs/screenshots/{name} left as it is: run tests/ui to make screenshots/{made}")
            continue
        written = shrink(SHOTS / made, TARGET.parent / name)
        print(f"{written.relative_to(ROOT)}  {written.stat().st_size // 1000} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
