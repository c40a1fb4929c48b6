"""Changing the coach's passphrase: the data key is wrapped again, the database is not re-encrypted."""

from __future__ import annotations

from iep_desktop.store.keys import check_passphrase_strength
from iep_desktop.store.store import Store


def change_passphrase(store: Store, new_passphrase: str) -> None:
    """The old passphrase stops opening the store; a too-weak new one is refused, nothing changed."""
    check_passphrase_strength(new_passphrase)
    store.change_passphrase(new_passphrase)
