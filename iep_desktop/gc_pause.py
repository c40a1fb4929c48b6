"""One way to pause Python's cyclic garbage collector around a burst of long-lived objects.

Used where a burst makes hundreds of thousands of objects at once that all live to its end or
longer (a hub ingest's parsed bundle, the preload's modules): the full collections the burst
would trigger only walk them, finding nothing (issue 17). Reference counting still frees
everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """The collector off for the block, then on again, unless someone else had switched it off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
