"""The PostgreSQL hub with two writers at once: ingests, and a return made while a bundle applies.
The embedded hub has one writer at a time by SQLite's lock; these prove PostgreSQL's hub has too."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iep_desktop.central import ingest as ingest_module
from iep_desktop.central.hub import Hub
from iep_desktop.central.tables import bundles, quarantine
from iep_desktop.demo import build_demo_records
from iep_desktop.services import laptop_sync as laptop
from iep_desktop.store import audit as audit_module
from iep_desktop.store.store import Store
from tests.conftest import TODAY, cheap_kdf
from tests.test_sync import laptop_store

OFFICE_PASS = "office passphrase for tests"


def _bundle(store: Store, folder: Path, seed: int, people: int = 2) -> bytes:
    with store.unit_of_work("coach") as uow:
        uow.add_many(build_demo_records(people, seed, TODAY))
    return laptop.export(store, folder, "coach").path.read_bytes()


def test_two_ingests_at_once_on_postgresql_both_apply(tmp_path: Path, pg_url: str, clock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ingests read the hub's last audit event before either wrote its own: the second failed
    on the audit key and a good bundle was set aside as "its content clashes". Now the second
    waits for the first. The barrier gives up after 3 s (the second cannot arrive while the first
    holds the lock); each ingest then goes on."""
    with Hub.init(tmp_path / "office", OFFICE_PASS, url=pg_url, clock=clock, kdf=cheap_kdf()) as hub:
        first = _bundle(laptop_store(tmp_path, hub, "laptop-1", clock), tmp_path / "laptop-1", 1)
        second = _bundle(laptop_store(tmp_path, hub, "laptop-2", clock), tmp_path / "laptop-2", 2)
        ingesting: set[int] = set()
        barrier = threading.Barrier(2, timeout=3)
        real_hash = audit_module.event_hash

        def hash_after_both_read(event):  # type: ignore[no-untyped-def]
            if threading.get_ident() in ingesting:
                ingesting.discard(threading.get_ident())
                try:
                    barrier.wait()
                except threading.BrokenBarrierError:
                    pass
            return real_hash(event)

        monkeypatch.setattr(audit_module, "event_hash", hash_after_both_read)
        results: dict[str, object] = {}

        def run(name: str, data: bytes) -> None:
            ingesting.add(threading.get_ident())
            results[name] = ingest_module.ingest(hub.ctx, data, "office")

        threads = [threading.Thread(target=run, args=("laptop-1", first)),
                   threading.Thread(target=run, args=("laptop-2", second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        lines = {name: r.line() for name, r in results.items()}  # type: ignore[attr-defined]
        assert [getattr(r, "status", None) for r in results.values()] == ["applied", "applied"], lines
        with hub.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(bundles)).scalar() == 2
            assert conn.execute(select(func.count()).select_from(quarantine)).scalar() == 0


def test_a_return_made_while_its_laptops_bundle_applies_acknowledges_all_of_it(
        tmp_path: Path, pg_url: str, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A return acknowledges up to the highest applied-change number. PostgreSQL hands numbers out
    at insert, not commit: laptop-1's bundle held low numbers uncommitted while laptop-2's
    committed higher ones, and a return made then acknowledged past laptop-1's changes, which were
    never acknowledged after. Now the return waits for the bundle to commit."""
    from iep_desktop.store.tables import changes

    with Hub.init(tmp_path / "office", OFFICE_PASS, url=pg_url, clock=clock, kdf=cheap_kdf()) as hub:
        one, two = laptop_store(tmp_path, hub, "laptop-1", clock), laptop_store(tmp_path, hub, "laptop-2", clock)
        usb = tmp_path / "usb"
        usb.mkdir()
        for name, store in (("laptop-1", one), ("laptop-2", two)):  # a first round each
            assert hub.ingest(_bundle(store, usb, 10, 1), "office").status == "applied"
            laptop.import_return(store, hub.make_return(name, usb, "office")[0], "coach")
        first, second = _bundle(one, usb, 1), _bundle(two, usb, 2)

        applying, go = threading.Event(), threading.Event()
        slow: set[int] = set()
        real_advance = ingest_module.advance_device

        def advance_slowly(*args, **kwargs):  # type: ignore[no-untyped-def]
            if threading.get_ident() in slow:  # laptop-1's rows are written, not committed
                applying.set()
                go.wait(3)  # the others wait for the lock, so nothing sets go: give up after 3 s
            return real_advance(*args, **kwargs)

        monkeypatch.setattr(ingest_module, "advance_device", advance_slowly)
        results: dict[str, object] = {}

        def run() -> None:
            slow.add(threading.get_ident())
            results["laptop-1"] = ingest_module.ingest(hub.ctx, first, "office")

        worker = threading.Thread(target=run)
        worker.start()
        assert applying.wait(20)
        assert hub.ingest(second, "office").status == "applied"  # another laptop's bundle, meanwhile
        back, _ = hub.make_return("laptop-1", usb, "office")     # and laptop-1's return, meanwhile
        go.set()
        worker.join(30)
        assert results["laptop-1"].status == "applied"  # type: ignore[attr-defined]

        laptop.import_return(one, back, "coach")
        again = laptop.export(one, usb, "coach").path.read_bytes()
        assert hub.ingest(again, "office").status in ("applied", "duplicate")
        laptop.import_return(one, hub.make_return("laptop-1", usb, "office")[0], "coach")
        with one.engine.connect() as conn:
            states = sorted({s for (s,) in conn.execute(select(changes.c.sync_state))})
        one.close()
        two.close()
        assert states == ["acknowledged"], states
