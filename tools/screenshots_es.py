"""Spanish screenshots for docs/screenshots/es/ (issue 18): ``python tools/screenshots_es.py``.

1. Runs tests/ui/screen_child.py in Spanish on an offscreen 1366x768 screen (100 %): the real app
   on a throwaway store of synthetic people, every window grabbed with QWidget.grab(). It prints
   what is cut off on each (buttons outside the window, one-line labels, buttons and table headers
   narrower than their text); this script stops if anything is.
2. Keeps the caseload, two wizard pages (goals, services), the signature page and the Done page.
3. Prints a signed participant copy for a synthetic Spanish-speaking participant and renders its
   first page with pdftoppm.

Look at every picture afterwards: the check finds cut text, not wrong words.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "es"
KEPT = ("caseload", "wizard_goals", "wizard_services", "wizard_signatures", "wizard_done")
SCREEN = {"name": "es", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
          "dpr": 1}


def grab_windows(scratch: Path) -> list[dict[str, object]]:
    config = scratch / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT),
               IEP_SCREEN_LANGUAGE="es")
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "screen_child.py"), "es", str(scratch)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def participant_copy(scratch: Path) -> bytes:
    """A signed plan of a synthetic participant who reads Spanish, printed as their copy."""
    sys.path.insert(0, str(ROOT))
    from iep_desktop.services import printing
    from iep_desktop.store.store import Store
    from tests.conftest import PASSPHRASE, cheap_kdf
    from tests.test_pdf_spanish import _signed_plan

    with Store.create(scratch / "copy.iep", PASSPHRASE, kdf=cheap_kdf()) as store:
        person_id = _signed_plan(store)
        with store.unit_of_work("coach") as uow:
            return printing.plan_pdf(uow, person_id, copy="participant")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="iep-es-") as folder:
        scratch = Path(folder)
        rows = grab_windows(scratch)
        problems = [f"{r['window']}: {item}" for r in rows for item in [*r["cut_buttons"], *r["clipped"]]]
        for row in rows:
            print(f"{row['window']}: {row['width']}x{row['height']}, cut: {row['cut_buttons'] or 'none'}, "
                  f"clipped: {row['clipped'] or 'none'}")
        if problems:
            raise SystemExit("cut off in Spanish:\n" + "\n".join(problems))
        for name in KEPT:
            shutil.copyfile(scratch / f"es-{name}.png", OUT / f"{name}.png")
        pdf = scratch / "participant_copy.pdf"
        pdf.write_bytes(participant_copy(scratch))
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT / "participant_copy_page1")], check=True)
    print(f"saved in {OUT.relative_to(ROOT)}: {', '.join(sorted(p.name for p in OUT.glob('*.png')))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
