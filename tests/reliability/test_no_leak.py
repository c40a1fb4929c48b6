"""No plaintext leak: distinctive names typed in never show up in any file the app writes.

Synthetic people with names found nowhere else are entered through the services (a child
process), searched for and printed through the ``iep`` command, exported in a bundle, ingested
at the office hub, answered with a return bundle and imported again. Every child runs with a
private TMPDIR, HOME and XDG folders under the test's root. Afterwards every file under that
root is read byte for byte - the store folder, the unlock-attempt state, the office folder with
its hub database and quarantine, the USB folder with the bundles and the enrollment file, the
temp and home folders - and none may contain any of the names, e-mails, phone numbers, goal or
note texts, or the participant and plan ids: in UTF-8, UTF-16 LE or BE, in any letter case,
composed or decomposed (NFC/NFD). The one file left out is the plan PDF the coach asked for.

Typing the same through the real widgets is covered by the UI tests (tests/ui); see
docs/promises.md.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from iep_desktop.central.hub import Hub
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf
from tests.reliability._support import HELPERS, ROOT, child_env, iep, record

OFFICE_PASS = "office passphrase for leak tests"
PEOPLE = [
    {"first": "Quillonbrook", "last": "Zephyrine-Vantablack", "email": "quillonbrook.zv@example.org",
     "phone": "555-0199-4821", "goal": "Xylophonia bell foundry apprentice",
     "note": "Brought the Kerfluffle welding certificate to the meeting", "counseling": "unused"},
    {"first": "Žofiëlla", "last": "Ðurmanovská-Quenby", "email": "zofiella.dq@example.org",
     "phone": "555-0188-7310", "goal": "unused",
     "note": "Asked about the Brontosaurial night shift schedule",
     "counseling": "Confided the Mirabilis-Oxtongue family matter"},
]


def needles(ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for person in PEOPLE:
        for key, value in person.items():
            if value != "unused":
                found[f"{key} of {person['first']}"] = [value]
    for i, identifier in enumerate(ids):
        found[f"id {i}"] = [identifier, identifier.replace("-", "")]
    return found


def patterns(values: list[str]) -> re.Pattern[bytes]:
    """Every spelling of the values; their ASCII runs of 6+ letters too, so that case-insensitive
    matching of those parts holds whatever the case of the letters around them."""
    variants = set()
    values = values + [run for value in values for run in re.findall(r"[A-Za-z]{6,}", value)]
    for value in values:
        for text in (value, value.lower(), value.upper(), value.casefold(), value.title()):
            for form in ("NFC", "NFD"):
                normal = unicodedata.normalize(form, text)
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    variants.add(normal.encode(encoding))
    return re.compile(b"|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)), re.IGNORECASE)


def scan(root: Path, compiled: dict[str, re.Pattern[bytes]], skip: set[Path]) -> tuple[list[str], int, int]:
    hits, files, size = [], 0, 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path in skip:
            continue
        data = path.read_bytes()
        files, size = files + 1, size + len(data)
        name = str(path.relative_to(root)).encode()
        for label, pattern in compiled.items():
            if pattern.search(data) or pattern.search(name):
                hits.append(f"{path.relative_to(root)}: {label}")
    return hits, files, size


def test_the_scanner_finds_a_name_in_any_encoding_and_case(tmp_path: Path) -> None:
    compiled = {k: patterns(v) for k, v in needles([]).items()}
    for i, (text, encoding) in enumerate([("QUILLONBROOK", "utf-16-be"), ("žofiëlla", "utf-8"),
                                          (unicodedata.normalize("NFD", "ÐURMANOVSKÁ-QUENBY"), "utf-16-le"),
                                          ("žOFIëLLA", "utf-16-le"), ("ðurMANOVSKá", "utf-8")]):
        (tmp_path / f"control-{i}.bin").write_bytes(b"\x00junk" + text.encode(encoding) + b"junk")
    hits, files, _ = scan(tmp_path, compiled, set())
    assert files == 5 and len({h.split(":")[0] for h in hits}) == 5, hits


def test_no_name_or_id_reaches_any_file_outside_the_encrypted_store(tmp_path: Path) -> None:
    root = tmp_path / "leak"
    folders = {name: root / name for name in ("store", "state", "office", "usb", "tmp", "home", "printed")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    db = folders["store"] / "coach.iep"
    Store.create(db, PASSPHRASE, kdf=cheap_kdf()).close()
    with Hub.init(folders["office"], OFFICE_PASS, kdf=cheap_kdf()) as hub:
        fingerprint = hub.office_fingerprint
    env = child_env(IEP_PASSPHRASE=PASSPHRASE, IEP_OFFICE_PASSPHRASE=OFFICE_PASS, IEP_STATE_DIR=folders["state"],
                    IEP_OFFICE_DIR=folders["office"], TMPDIR=folders["tmp"], HOME=folders["home"],
                    XDG_CACHE_HOME=folders["home"] / ".cache", XDG_CONFIG_HOME=folders["home"] / ".config",
                    XDG_DATA_HOME=folders["home"] / ".local/share", XDG_STATE_HOME=folders["home"] / ".local/state")

    typed = subprocess.run([sys.executable, str(HELPERS / "leak_typist.py")], input=json.dumps(
        {"db": str(db), "people": PEOPLE}), capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert typed.returncode == 0, typed.stderr
    made = json.loads(typed.stdout)
    participant = made["participants"][0]

    def ok(*args: object) -> subprocess.CompletedProcess[str]:
        result = iep(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        return result

    found = ok("participants", "--db", db, "--search", "quillonbr", "--json")  # typed in lower case
    assert json.loads(found.stdout)[0]["id"] == participant
    pdf = folders["printed"] / "plan.pdf"
    ok("pdf", "--db", db, "--participant", participant[:8], "--out", pdf)
    ok("central", "enroll", "--device", "laptop-1", "--out", folders["usb"] / "enroll.json")
    ok("enroll", "--db", db, folders["usb"] / "enroll.json", "--office-fingerprint", fingerprint)
    ok("export", "--db", db, "--out", folders["usb"])
    bundles = sorted(folders["usb"].glob("iep-export-*.iepb"))
    ingested = ok("central", "ingest", *bundles)
    assert "applied" in ingested.stdout
    ok("central", "return", "--device", "laptop-1", "--out", folders["usb"])
    ok("import-return", "--db", db, *sorted(folders["usb"].glob("iep-return-*.iepb")))

    ids = made["participants"] + made["plans"]
    compiled = {label: patterns(values) for label, values in needles(ids).items()}
    hits, files, size = scan(root, compiled, {pdf})
    assert pdf.is_file() and len(bundles) == 1
    assert hits == [], hits
    record("leak.scan", {"files_scanned": files, "bytes_scanned": size, "needles": len(compiled),
                         "encodings": "UTF-8, UTF-16LE, UTF-16BE; any case; NFC and NFD", "hits": len(hits),
                         "path": "services -> iep participants/pdf -> enroll -> export -> central ingest -> "
                                 "central return -> import-return"})
