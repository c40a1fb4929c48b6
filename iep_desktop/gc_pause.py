"""One way to pause Python's cyclic garbage collector around a burst of long-lived objects.

Used where a burst makes hundreds of thousands of objects at once that all live to its end or
longer (a hub ingest's parsed bundle, the preload's modules): the full collections the burst
would trigger only walk them, finding nothing (issue 17). Reference counting still frees
everything as usual.

Objects made while the collector is off are all in its youngest generation when it is switched
on again, and its next two collections walk every one of them before they reach the oldest one
(for the preload's modules, some 80,000 objects, two walks of about 15 ms each, which landed
between Argon2id and the caseload, issue 17). ``promote=True`` moves them straight to the
oldest generation instead (``gc.freeze()`` and at once ``gc.unfreeze()``, a cheap relinking):
only a full collection looks at them, as it would once they had survived the young ones, so
any cycle among them is still found and freed then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused(*, promote: bool = False) -> Iterator[None]:
    """The collector off for the block, then on again, unless someone else had switched it off.
    ``promote``: at the end, every object the collector tracks (the block's and, since the
    collector is the process's, any other thread's made meanwhile) goes to the oldest generation
    (see above)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if promote:
            promote_to_oldest_generation()
        if was_on:
            gc.enable()


def promote_to_oldest_generation() -> None:
    """Every object the collector tracks now to its oldest generation, without walking them."""
    gc.freeze()  # all of them into the permanent generation ...
    gc.unfreeze()  # ... which goes back into the oldest one: collected by full collections again
