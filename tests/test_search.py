"""Participant search: name order, pages, broad prefixes, and migration 0002 on a 0001 store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from iep_desktop.clock import FixedClock
from iep_desktop.domain.models import Participant, Program
from iep_desktop.services.participants import search_participants
from iep_desktop.store import migrate, search
from iep_desktop.store.store import Store
from tests.conftest import PASSPHRASE, cheap_kdf

PEOPLE = [  # (first, last, date of birth, SSN last 4)
    ("Thị Lan", "Nguyễn", date(1988, 7, 4), "1111"),
    ("Anabel", "Nguyễn", date(1990, 1, 2), None),
    ("Ирина", "Петрова", None, "5555"),
    ("Zoë", "Brontë", date(1990, 7, 4), ""),
    ("Ólafur", "Ó Briain", date(1975, 12, 31), "0042"),
    ("Carlos", "García", date(2001, 2, 3), "9999"),
    ("Ana", "Castañeda", date(1964, 10, 9), None),
    ("Ana-Sofía", "Fernández-López", date(1999, 9, 9), "1234"),
]
QUERIES = ["nguyen", "NGU th", "07/04/1988", "7/4/1990", "1990", "ири", "5555", "ana", "a", "o", "fernandez-l",
           "zzz", "", '"*']


def add_people(store: Store) -> list[Participant]:
    with store.unit_of_work("coach") as uow:
        return [uow.add(Participant(first_name=first, last_name=last, date_of_birth=dob, ssn_last4=ssn,
                                    program=Program.ADULT, board="default"))
                for first, last, dob, ssn in PEOPLE]


def results(store: Store) -> dict[str, list[str]]:
    with store.unit_of_work("coach") as uow:
        return {q: [p.id for p in search_participants(uow, q)] for q in QUERIES}


def names(people: list[Participant]) -> list[str]:
    return [f"{p.last_name}, {p.first_name}" for p in people]


def test_results_come_in_name_order_accents_ignored(store: Store) -> None:
    add_people(store)
    with store.unit_of_work("coach") as uow:
        assert names(search_participants(uow, "ana")) == [
            "Castañeda, Ana", "Fernández-López, Ana-Sofía", "Nguyễn, Anabel"]
        assert names(search_participants(uow, "o")) == ["Ó Briain, Ólafur"]
        assert names(search_participants(uow, "1990")) == ["Brontë, Zoë", "Nguyễn, Anabel"]


def test_pages_read_the_same_order_a_slice_at_a_time(store: Store) -> None:
    add_people(store)
    with store.unit_of_work("coach") as uow:
        everyone = [p.id for p in search_participants(uow, "a", limit=100)]
        paged = [p.id for offset in range(0, len(everyone), 3) for p in search_participants(uow, "a", 3, offset)]
        assert paged == everyone
        assert search_participants(uow, "a", limit=3, offset=len(everyone)) == []
        listed = [p.id for p in search_participants(uow, "", limit=100)]
        assert [p.id for off in range(0, 8, 5) for p in search_participants(uow, "", 5, off)] == listed


def test_a_broad_prefix_orders_only_the_newest_candidates(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = add_people(store)
    with store.unit_of_work("coach") as uow:
        every = set(search.search_ids(uow.c, "a", limit=100))
    assert len(every) >= 3  # three names start with "a" (ids may add more)
    candidates = len(every) - 1
    monkeypatch.setattr(search, "CANDIDATES", candidates)
    with store.unit_of_work("coach") as uow:
        page = search.search_page(uow.c, "a", limit=candidates)
        assert not page.complete
        newest = [p.id for p in saved if p.id in every][-candidates:]  # saved in insertion order
        assert sorted(page.ids) == sorted(newest)
        assert search.search_page(uow.c, "nguyen thi", limit=10).complete
        asked_for_all = search.search_page(uow.c, "a", limit=len(every))  # e.g. printing the whole list
        assert asked_for_all.complete and set(asked_for_all.ids) == every


def _store_at_0001(path: Path, clock: FixedClock) -> tuple[list[Participant], dict[str, list[str]]]:
    """A store as version 0001 of the schema left it: the old index layout, already filled.
    Also what the search found in it before it went back to 0001."""
    with Store.create(path, PASSPHRASE, kdf=cheap_kdf(), clock=clock) as store:
        saved = add_people(store)
        before = results(store)
        config = migrate.alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
        assert migrate.current_revision(store.engine) == "0001"
        with store.engine.connect() as conn:
            columns = [r[1] for r in conn.execute(text("PRAGMA table_info(participant_search)"))]
        assert columns == ["participant_id", "terms"]
    return saved, before


def test_migration_0002_on_a_0001_store_keeps_search_results(store_path: Path, clock: FixedClock) -> None:
    saved, before = _store_at_0001(store_path, clock)
    with Store.open(store_path, PASSPHRASE, clock=clock) as store:  # opening applies 0002
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        found = results(store)
        assert found == before  # same people, same order, for every query
        by_id = {p.id: p for p in saved}
        assert names([by_id[i] for i in found["ana"]]) == [
            "Castañeda, Ana", "Fernández-López, Ana-Sofía", "Nguyễn, Anabel"]
        assert found["07/04/1988"] == [saved[0].id]
        with store.engine.connect() as conn:
            indexed = {r.participant_id: (r.sort_name, r.terms) for r in conn.execute(
                text("SELECT participant_id, sort_name, terms FROM participant_search"))}
        # The migration's frozen copy of the rules gives exactly what search.py writes today.
        assert indexed == {p.id: (search.sort_name(p), search.terms_for(p)) for p in saved}
        with store.unit_of_work("coach") as uow:  # new people after the migration are found too
            late = uow.add(Participant(first_name="Late", last_name="Aardvark", program=Program.ADULT,
                                       board="default"))
            assert names(search_participants(uow, "a")[:1]) == ["Aardvark, Late"]
            assert [p.id for p in search_participants(uow, "late")] == [late.id]


def test_migration_0002_runs_again_cleanly(store_path: Path, clock: FixedClock) -> None:
    """Down to 0001 and up again, twice: same index, same results (a retried migration is safe)."""
    _, first = _store_at_0001(store_path, clock)
    with Store.open(store_path, PASSPHRASE, clock=clock) as store:
        assert results(store) == first
        for _ in range(2):
            config = migrate.alembic_config()
            with store.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.downgrade(config, "0001")
            migrate.upgrade(store.engine)
            assert results(store) == first
        assert store.verify().ok



def test_the_schema_check_without_alembic_agrees_with_alembic(store: Store) -> None:
    """migrate.py reads the head from the migration files' text and the store's revision from
    its alembic_version table, so an open at the newest schema loads no Alembic (issue 17)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {rev.revision for rev in scripts.walk_revisions()}
    with store.engine.connect() as conn:
        assert migrate.current_revision(store.engine) == MigrationContext.configure(conn).get_current_revision()


def test_search_results_are_exactly_a_brute_force_filter_in_name_order(store: Store) -> None:
    """Issue 17: whatever makes search as you type fast, each keystroke's page holds exactly the
    people whose words start with every typed word (accents and case ignored), in name order:
    checked against a plain filter over every participant, on a real encrypted store, for the
    kinds of text a coach types (the benchmark's: name prefixes, both names, dates, ids)."""
    import random
    import re

    rng = random.Random(17)
    starts, ends = ["Ngu", "Gar", "Ol", "Fer", "Ana", "Zo", "Bró", "Cas", "Ó ", "Ma"], ["yễn", "cía", "afur", "nández", "bel", "ë", "ntë", "tañeda", "Briain", "rtin"]
    people = []
    for _ in range(300):
        last = rng.choice(starts) + rng.choice(ends) + rng.choice(["", "-López", "son"])
        first = rng.choice(starts).strip() + rng.choice(ends).strip().lower()
        people.append(Participant(first_name=first, last_name=last.strip(),
                                  date_of_birth=date(1960 + rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                                  ssn_last4=f"{rng.randrange(10_000):04d}", program=Program.ADULT, board="default"))
    with store.unit_of_work("coach") as uow:
        saved = [uow.add(p) for p in people]
    word = re.compile(r"[\w-]+")

    def matches(person: Participant, typed: str) -> bool:
        tokens = [search.fold(t) for t in word.findall(search.terms_for(person))]
        return all(any(t.startswith(search.fold(w)) for t in tokens) for w in word.findall(typed.replace("/", " ")))

    typed_texts = {"a", "o", "ó", "NG", "fer", "garc", "z", "-l"}
    for person in rng.sample(saved, 25):
        last, first, born = search.fold(person.last_name), search.fold(person.first_name), person.date_of_birth
        assert born is not None
        for n in range(1, 9):  # as typed, one keystroke at a time
            typed_texts |= {last[:n], f"{last[:3]} {first[:n]}", f"{born:%m/%d/%Y}"[:n], person.id[:n]}
    assert len(saved) <= search.CANDIDATES  # every match is ordered: the page is the whole answer
    sizes = set()
    with store.reading("coach") as uow:
        for typed in sorted(typed_texts):
            found = [p.id for p in search_participants(uow, typed, limit=len(saved))]
            sizes.add(len(found))
            expected = sorted((p for p in saved if matches(p, typed)), key=lambda p: (search.sort_name(p), p.id))
            assert found == [p.id for p in expected], typed
            assert [p.id for p in search_participants(uow, typed, limit=7, offset=3)] == found[3:10], typed
    assert min(sizes) <= 1 and max(sizes) >= 100  # from one person (an id, a date) to a third of everyone
