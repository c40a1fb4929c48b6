"""Coverage-guided fuzzing of the hostile-input readers with atheris (libFuzzer), for long runs.

Not collected by pytest and not needed by the test suite; ``pip install atheris`` first. Then::

    python tests/reliability/fuzz_atheris.py -atheris_runs=100000 -timeout=5
    IEP_FUZZ_TARGETS=hub-signed python tests/reliability/fuzz_atheris.py -max_total_time=3600 corpus/

Targets (IEP_FUZZ_TARGETS, comma-separated; default all):

  bundle       container.open_bundle on the input, or on a real bundle with the input XORed in
  hub          Hub.ingest on the same (each rejected input adds a quarantine file and row)
  hub-signed   the input as the payload of a bundle properly signed by an enrolled laptop
  enrollment   identity.read_enrollment on the input, or on a real enrollment file mutated
  profile      profiles.loader.load_profile_file on the input, or on default.json mutated

A finding is any exception other than the app's own (IepError), a hang (libFuzzer's -timeout),
or, at the hub, a rejected bundle that changed a table other than the quarantine. Everything is
written under a temporary folder that is removed at exit.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="iep-atheris-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
os.environ.setdefault("IEP_STATE_DIR", str(WORK / "state"))

with atheris.instrument_imports(include=["iep_desktop"]):
    from iep_desktop.central.hub import Hub
    from iep_desktop.errors import IepError
    from iep_desktop.profiles.loader import load_profile_file, profiles_dir
    from iep_desktop.store.store import Store
    from iep_desktop.services import laptop_sync as laptop
    from iep_desktop.sync import container
    from iep_desktop.sync.identity import read_enrollment

from tests.conftest import PASSPHRASE, cheap_kdf  # noqa: E402
from tests.reliability._support import save_plan  # noqa: E402
from tests.reliability.test_hostile_input import World, table_counts  # noqa: E402

TARGETS = [t.strip() for t in os.environ.get("IEP_FUZZ_TARGETS", "bundle,hub,hub-signed,enrollment,profile").split(",")]


def _world() -> World:
    hub = Hub.init(WORK / "office", "office passphrase for atheris", kdf=cheap_kdf())
    (WORK / "laptop").mkdir()
    (WORK / "usb").mkdir()
    store = Store.create(WORK / "laptop" / "coach.iep", PASSPHRASE, kdf=cheap_kdf())
    hub.enroll_device("laptop-a", WORK / "enroll.json", "it")
    laptop.enroll(store, WORK / "enroll.json", "coach", hub.office_fingerprint)
    with store.unit_of_work("coach") as uow:
        save_plan(uow)
    bundle = laptop.export(store, WORK / "usb", "coach", chunk_size=1024).path.read_bytes()
    assert hub.ingest(bundle, "office").status == "applied"
    with store.unit_of_work("coach") as uow:
        device = laptop.device_state(uow)
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from iep_desktop.crypto.sealed import b64d

    office_public = X25519PublicKey.from_public_bytes(b64d(device.office["encryption_key"]))
    return World(hub, store, device, office_public, bundle, json.loads((WORK / "enroll.json").read_text()),
                 WORK, {})


WORLD = _world()
SEEDS = {"bundle": WORLD.bundle, "hub": WORLD.bundle,
         "enrollment": json.dumps(WORLD.enrollment).encode(),
         "profile": (profiles_dir() / "default.json").read_bytes()}
ENROLL_FILE, PROFILE_FILE = WORK / "fuzz-enroll.json", WORK / "fuzz" / "default.json"
PROFILE_FILE.parent.mkdir()


def _input(fdp: atheris.FuzzedDataProvider, target: str) -> bytes:
    """The raw input, or a real file of the target's kind with the input XORed in at an offset."""
    seed = SEEDS.get(target)
    if seed is None or fdp.ConsumeBool():
        return fdp.ConsumeBytes(fdp.remaining_bytes())
    at = fdp.ConsumeIntInRange(0, len(seed) - 1)
    cut = fdp.ConsumeIntInRange(0, len(seed)) if fdp.ConsumeBool() else len(seed)
    patch = fdp.ConsumeBytes(fdp.remaining_bytes())
    out = bytearray(seed[:cut])
    for i, value in enumerate(patch):
        if at + i < len(out):
            out[at + i] ^= value
    return bytes(out)


def _ingest(data: bytes) -> None:
    before = table_counts(WORLD.hub)
    try:
        result = WORLD.hub.ingest(data, "fuzz")
    except IepError:
        assert table_counts(WORLD.hub) == before
        return
    if result.status != "applied":
        after = table_counts(WORLD.hub)
        assert {k: v for k, v in after.items() if k != "hub_quarantine"} == \
               {k: v for k, v in before.items() if k != "hub_quarantine"}, result


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    target = TARGETS[fdp.ConsumeIntInRange(0, len(TARGETS) - 1)]
    payload = _input(fdp, target)
    try:
        if target == "bundle":
            container.open_bundle(payload, recipient=WORLD.hub.keys.encryption,
                                  signer_for=lambda _h: WORLD.device.signing.public_key())
        elif target == "hub":
            _ingest(payload)
        elif target == "hub-signed":
            _ingest(WORLD.seal(payload))
        elif target == "enrollment":
            ENROLL_FILE.write_bytes(payload)
            read_enrollment(ENROLL_FILE)
        elif target == "profile":
            PROFILE_FILE.write_bytes(payload)
            load_profile_file(PROFILE_FILE)
    except IepError as exc:
        assert "\n" not in str(exc), str(exc)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
