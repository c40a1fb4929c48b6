"""The app put together in one place: what the desktop app and the ``iep`` command both work through.

An ``AppSession`` holds the open store (``None`` while locked), the clock, who is acting and, through
the open store, the board-profile catalogue. The UI and the CLI never open a unit of work
themselves: they hand a service function to ``write`` (one transaction, committed when the
service returns, rolled back when it raises) or to ``read`` (a snapshot that neither waits for nor
blocks a save). Whether the store is locked is checked here and only here: every screen gets the
same ``StoreLocked`` error for it.

After each write that changed records the session tells whoever listens ("records changed",
with the record kinds), so screens refresh from that one notice instead of being told by hand.
Listeners are called on the thread that wrote; the Qt side (``ui/operations.py``) moves the notice
to the GUI thread.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from iep_desktop.clock import Clock, SystemClock
from iep_desktop.errors import StoreLocked

if TYPE_CHECKING:
    # Loaded on first use (issue 17: start-up): the desktop app makes its session before the
    # unlock screen shows, and the store's modules (SQLAlchemy, pydantic) load only while the
    # passphrase is typed.
    from iep_desktop.profiles import ProfileCatalogue
    from iep_desktop.store.keys import KdfParams
    from iep_desktop.store.store import Store
    from iep_desktop.store.uow import UnitOfWork

_LAZY = {"KdfParams": "iep_desktop.store.keys", "Store": "iep_desktop.store.store",
         "UnitOfWork": "iep_desktop.store.uow"}


def __getattr__(name: str) -> Any:
    """``from iep_desktop.app_session import Store`` (and KdfParams, UnitOfWork), loaded then."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'iep_desktop.app_session' has no attribute {name!r}")

T = TypeVar("T")
RecordsChanged = Callable[[frozenset[str]], None]
EVERYTHING = frozenset({"*"})  # a use case that may have changed any kind of record (a return bundle)

__all__ = ["EVERYTHING", "AppSession", "KdfParams", "RecordsChanged", "Store", "StoreLocked", "UnitOfWork"]


class AppSession:
    """One per running app (the main window's) or per ``iep`` command."""

    def __init__(self, *, clock: Clock | None = None, actor: str | None = None, store: Store | None = None) -> None:
        self.clock: Clock = clock or (store.clock if store is not None else SystemClock())
        self.actor = actor or getpass.getuser()
        self._store = store
        self._listeners: list[RecordsChanged] = []
        self._lock = threading.Lock()

    @classmethod
    def for_store(cls, store: Store, actor: str) -> AppSession:
        """A session over a store someone else opened (a window made on its own, a test)."""
        return cls(clock=store.clock, actor=actor, store=store)

    # -- the open store ---------------------------------------------------------------------------
    @property
    def store(self) -> Store | None:
        """The open store, or None while locked. To use it, call ``open_store``."""
        return self._store

    @property
    def locked(self) -> bool:
        return self._store is None or self._store.closed

    def open_store(self) -> Store:
        """The open store, or ``StoreLocked``: the one place the locked state is checked."""
        store = self._store
        if store is None or store.closed:
            raise StoreLocked()
        return store

    def adopt(self, store: Store) -> None:
        """A store was opened (unlock, create): from now on the session works on it."""
        self._store = store

    def release(self) -> Store | None:
        """Stop using the store without closing it (its owner closes it); the session is locked."""
        store, self._store = self._store, None
        return store

    def lock(self) -> None:
        """Close the store and forget its key: nothing reads or writes until ``adopt`` again."""
        store = self.release()
        if store is not None:
            store.close()

    @property
    def profiles(self) -> ProfileCatalogue:
        """The board profiles of the open store (the office's published ones first), else the shipped."""
        from iep_desktop.profiles import SHIPPED

        return self._store.profiles if self._store is not None else SHIPPED

    # -- running services -------------------------------------------------------------------------
    def write(self, service: Callable[[UnitOfWork], T]) -> T:
        """Run one service in its own unit of work: committed if it returns, rolled back if it raises."""
        store = self.open_store()
        with store.unit_of_work(self.actor) as uow:
            result = service(uow)
        if uow.written:
            self.records_changed(frozenset(uow.written))
        return result

    def read(self, service: Callable[[UnitOfWork], T]) -> T:
        """Run a service that only reads, over a snapshot of the store."""
        store = self.open_store()
        with store.reading(self.actor) as uow:
            return service(uow)

    def with_store(self, use_case: Callable[[Store, str], T], *, changes: frozenset[str] = EVERYTHING) -> T:
        """Run a use case that opens its own units of work on the store (sync, passphrase, recovery)
        with this session's store and actor; ``changes`` is what it may have changed."""
        result = use_case(self.open_store(), self.actor)
        if changes:
            self.records_changed(changes)
        return result

    # -- the "records changed" notice -------------------------------------------------------------
    def on_records_changed(self, listener: RecordsChanged) -> Callable[[], None]:
        """Call ``listener(kinds)`` after every write that changed records; returns the unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def records_changed(self, kinds: frozenset[str]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(kinds)
