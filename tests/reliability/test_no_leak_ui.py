"""No plaintext leak through the real UI: what a coach types into the widgets stays in the store.

The desktop app's own tests type distinctive synthetic names and texts through real widgets -
the create-store screen, the participant dialog, every wizard page, the signature pads, the PDF
buttons. Here they run in a child pytest whose every folder is ours: its temp folder (pytest's
basetemp, where the stores are created, and TMPDIR), HOME, the XDG data/config/cache/state
folders Qt and the app write settings and caches to, and the app's state folder. Afterwards
every file under that root is read byte for byte, and none may contain any of the typed texts in
UTF-8, UTF-16 LE or BE, in any letter case, composed or decomposed. The PDFs the coach asked to
save are the one exception (they are meant to hold the plan); everything else - the encrypted
stores and their -wal files, key files, settings, caches, anything in TMPDIR - is scanned.

The CLI, export, hub and return path is scanned the same way in test_no_leak.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.reliability._support import ROOT, child_env, record
from tests.reliability.test_no_leak import scan

# Typed through real widgets by the tests below (see tests/ui/test_wizard.py, test_app_shell.py):
# long enough that encrypted bytes never match them by chance.
TYPED = {
    "participant name": ["Ana-Sofía", "Núñez", "Nguyễn"],
    "confidential statement": ["Talked about court date"],
    "barrier": ["Loaner laptop from the library", "Bus route ends at 6 pm"],
    "goal": ["Full-time welding job", "soldadura", "Certified Nursing Assistant", "Full-time pipe welding job"],
    "objective": ["Pass the CNA state exam", "Required for hire at St. Mary"],
    "parent or guardian": ["María Núñez"],
}
UI_TESTS = ["tests/ui/test_app_shell.py", "tests/ui/test_wizard.py"]


def test_nothing_typed_in_the_real_ui_reaches_a_file_outside_the_encrypted_store(tmp_path: Path) -> None:
    root = tmp_path / "leak-ui"
    home = root / "home"
    for folder in (root / "pytest", root / "tmp", home):
        folder.mkdir(parents=True)
    env = child_env(TMPDIR=root / "tmp", HOME=home, IEP_STATE_DIR=root / "state",
                    XDG_CACHE_HOME=home / ".cache", XDG_CONFIG_HOME=home / ".config",
                    XDG_DATA_HOME=home / ".local/share", XDG_STATE_HOME=home / ".local/state",
                    XDG_RUNTIME_DIR=root / "runtime", QT_QPA_PLATFORM="offscreen")
    (root / "runtime").mkdir(mode=0o700)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                          f"--basetemp={root / 'pytest'}", *UI_TESTS],
                         capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]

    printed = {p for p in root.rglob("*.pdf") if p.read_bytes().startswith(b"%PDF")}
    compiled = {label: patterns_without_word_runs(values) for label, values in TYPED.items()}
    hits, files, size = scan(root, compiled, printed)
    stores = [p for p in root.rglob("*") if p.is_file() and p.name.endswith((".iep", ".iep-wal"))]
    assert stores, "the UI tests made no store to scan"
    assert hits == [], hits
    record("leak.scan_ui", {"ui_tests": UI_TESTS, "files_scanned": files, "bytes_scanned": size,
                            "stores_scanned": len(stores), "printed_pdfs_left_out": len(printed),
                            "needles": sum(map(len, TYPED.values())), "hits": len(hits)})


def patterns_without_word_runs(values: list[str]):
    """The values in every spelling (as test_no_leak.patterns), but not their separate words: words
    such as "private" or "library" occur in Qt's own caches and mean nothing on their own."""
    import re
    import unicodedata

    variants = set()
    for value in values:
        for text in (value, value.lower(), value.upper(), value.casefold()):
            for form in ("NFC", "NFD"):
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    variants.add(unicodedata.normalize(form, text).encode(encoding))
    return re.compile(b"|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)), re.IGNORECASE)



def test_the_ui_scan_finds_typed_text_in_any_spelling(tmp_path: Path) -> None:
    import unicodedata

    compiled = {label: patterns_without_word_runs(values) for label, values in TYPED.items()}
    for i, (text, encoding) in enumerate([("ANA-SOFÍA", "utf-16-le"), (unicodedata.normalize("NFD", "núñez"), "utf-8"),
                                          ("nguyễn", "utf-16-be"), ("talked ABOUT court date", "utf-8")]):
        (tmp_path / f"control-{i}.bin").write_bytes(b"\x00junk" + text.encode(encoding) + b"junk")
    (tmp_path / "words-only.bin").write_bytes(b"a private library")  # single words are not needles
    hits, files, _ = scan(tmp_path, compiled, set())
    assert files == 5 and sorted({h.split(":")[0] for h in hits}) == [f"control-{i}.bin" for i in range(4)], hits
