"""The app session (issue 11): the one place the app is put together, for the window and `iep` alike."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from iep_desktop.app_session import AppSession
from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import Participant, Program
from iep_desktop.errors import InvalidInput, StoreClosed, StoreLocked
from iep_desktop.profiles import SHIPPED, load_profile
from iep_desktop.profiles.loader import profiles_dir
from iep_desktop.services import participants
from iep_desktop.services import work_in_progress as wip
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE

COACH = "coach-1"


def person(first: str = "Ana-Sofía") -> Participant:
    return Participant(first_name=first, last_name="Núñez", program=Program.ADULT, board="default")


def test_a_locked_session_refuses_every_call_with_one_error(store: Store) -> None:
    session = AppSession.for_store(store, COACH)
    session.lock()
    assert session.locked and store.closed  # locking closes the store and forgets its key
    for call in (lambda: session.write(lambda uow: participants.create_participant(uow, person())),
                 lambda: session.read(participants.count_participants),
                 lambda: session.with_store(lambda s, who: s.verify()),
                 session.open_store):
        with pytest.raises(StoreLocked, match="locked") as caught:
            call()
        assert isinstance(caught.value, StoreClosed)  # what a closed store raises is the same family


def test_a_write_commits_in_its_own_unit_of_work_and_tells_what_changed(store: Store) -> None:
    session = AppSession.for_store(store, COACH)
    heard: list[frozenset[str]] = []
    session.on_records_changed(heard.append)
    saved = session.write(lambda uow: participants.create_participant(uow, person()))
    assert heard == [frozenset({"participant"})]
    assert session.read(lambda uow: participants.get_participant(uow, saved.id)).first_name == "Ana-Sofía"
    with store.reading(COACH) as uow:  # committed: another unit of work sees it
        assert participants.count_participants(uow) == 1
    assert saved.created_at == store.clock.now()  # the session's store clock, its actor
    with store.reading(COACH) as uow:
        from sqlalchemy import select

        from iep_desktop.store.tables import changes
        assert uow.c.execute(select(changes.c.author)).scalars().all() == [COACH]


def test_a_failed_write_rolls_back_and_tells_nothing(store: Store) -> None:
    session = AppSession.for_store(store, COACH)
    heard: list[frozenset[str]] = []
    session.on_records_changed(heard.append)

    def two_then_fail(uow):  # type: ignore[no-untyped-def]
        participants.create_participant(uow, person("One"))
        participants.create_participant(uow, person("Two"))
        raise InvalidInput("nope")

    with pytest.raises(InvalidInput):
        session.write(two_then_fail)
    assert session.read(participants.count_participants) == 0
    assert heard == []


def test_store_settings_are_not_records_changed(store: Store) -> None:
    """The wizard writes where the coach is on every keystroke: that must not refresh screens."""
    session = AppSession.for_store(store, COACH)
    heard: list[frozenset[str]] = []
    session.on_records_changed(heard.append)
    session.write(lambda uow: wip.remember_open_plan(uow, wip.OpenPlan("p-1", "goals")))
    assert heard == []
    unsubscribe = session.on_records_changed(lambda kinds: heard.append(frozenset({"again"})))
    unsubscribe()
    session.write(lambda uow: participants.create_participant(uow, person()))
    assert heard == [frozenset({"participant"})]


def test_a_write_on_a_worker_thread_tells_listeners_on_that_thread(store: Store) -> None:
    session = AppSession.for_store(store, COACH)
    threads: list[str] = []
    session.on_records_changed(lambda kinds: threads.append(threading.current_thread().name))
    worker = threading.Thread(target=lambda: session.write(
        lambda uow: participants.create_participant(uow, person())), name="worker")
    worker.start()
    worker.join()
    assert threads == ["worker"]


def test_adopt_and_release_follow_the_lock_screen(store_path: Path, clock: FixedClock, store: Store) -> None:
    session = AppSession(clock=clock, actor=COACH)
    assert session.locked and session.store is None and session.profiles is SHIPPED
    session.adopt(store)
    assert not session.locked and session.open_store() is store
    assert session.release() is store and session.locked and not store.closed  # released, not closed
    store.close()
    with Store.open(store_path, PASSPHRASE, clock=clock) as reopened:
        session.adopt(reopened)
        assert session.read(participants.count_participants) == 0


def test_each_open_store_has_its_own_board_profile_catalogue(tmp_path: Path, store: Store) -> None:
    """An office's published profile is the open store's, never a global every store would see."""
    data = json.loads((profiles_dir() / "default.json").read_text("utf-8"))
    data["review_interval_days"] = 45
    with store.unit_of_work(COACH) as uow:
        uow.set_meta("profile:default", json.dumps(data))
    store.use_published_profiles()
    session = AppSession.for_store(store, COACH)
    assert session.profiles.get("default").review_interval_days == 45
    assert session.read(lambda uow: uow.profiles.get("default").review_interval_days) == 45
    assert load_profile("default").review_interval_days == 90  # the shipped one is untouched
    other = Store.create(tmp_path / "other.iep", PASSPHRASE, kdf=store.keyfile.kdf, clock=store.clock)
    with other:
        assert other.profiles.get("default").review_interval_days == 90
