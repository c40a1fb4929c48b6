"""The collector pause around a burst of long-lived objects (iep_desktop/gc_pause.py, issue 17)."""

from __future__ import annotations

import gc
import weakref

from iep_desktop.gc_pause import cycle_collector_paused


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_the_collector_is_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collector_paused(promote=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_promote_puts_what_the_burst_made_in_the_oldest_generation() -> None:
    with cycle_collector_paused(promote=True):
        kept = [Node() for _ in range(50)]
        assert in_generation(kept[0], 0)  # made while paused: youngest generation
    assert in_generation(kept[0], 2) and in_generation(kept, 2)
    assert not in_generation(kept[0], 0)
    assert gc.get_freeze_count() == 0  # nothing left frozen: full collections see them


def test_without_promote_they_stay_young() -> None:
    with cycle_collector_paused():
        kept = Node()
    assert not in_generation(kept, 2)  # in a young generation (a young collection may have run)


def test_a_cycle_promoted_is_still_freed_by_a_full_collection() -> None:
    with cycle_collector_paused(promote=True):
        first, second = Node(), Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
    del first, second
    gc.collect(1)  # young collections no longer look at it ...
    assert gone() is not None
    gc.collect()  # ... a full one does
    assert gone() is None
