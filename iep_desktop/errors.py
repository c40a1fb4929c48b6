"""Errors a person can act on. Every message says what happened and what to do next.

Messages never carry secrets (passphrases, keys) or participant data, so they are safe to
print, log and show in a dialog.
"""

from __future__ import annotations


class IepError(Exception):
    """Base of every error the app reports to a person instead of a traceback."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.english = message

    @property
    def message(self) -> str:
        """The message in the language in use (issue 18); ``english`` is as it was raised."""
        from iep_desktop.i18n import translate_message

        return translate_message(self.english)

    def __str__(self) -> str:
        return self.message


class StoreNotFound(IepError):
    pass


class NotAStore(IepError):
    pass


class WrongPassphrase(IepError):
    exit_code = 3


class TooManyAttempts(IepError):
    exit_code = 3


class StoreClosed(IepError):
    """The store was closed (locked); its key is gone until it is opened again."""


LOCKED_MESSAGE = ("The store is locked, so nothing was saved or read just now. Unlock it with your "
                  "passphrase to go on; what you typed is still here.")


class StoreLocked(StoreClosed):
    """The app session has no open store (it is locked). The one error every screen shows for it."""

    def __init__(self, message: str = LOCKED_MESSAGE) -> None:
        super().__init__(message)


class StoreInUse(IepError):
    exit_code = 4


class StoreCorrupt(IepError):
    exit_code = 4


class WeakPassphrase(IepError):
    pass


class ProfileError(IepError):
    pass


class NotFound(IepError):
    pass


class InvalidInput(IepError):
    """Input that fails validation. Nothing was changed."""


class RuleViolation(IepError):
    """A domain rule (with its R-xx id) forbids the change. Nothing was changed."""

    def __init__(self, rule_id: str, message: str) -> None:
        super().__init__(f"{message} ({rule_id})")
        self.rule_id = rule_id


class StorageFull(IepError):
    exit_code = 5


class StorageError(IepError):
    """The disk refused a read or write (I/O error, file too large, read-only). Nothing was saved."""

    exit_code = 5


class RecoveryError(IepError):
    pass


class HubDatabaseError(IepError):
    """The office hub's database server could not be used; each cause has its own exit code."""


class HubUnreachable(HubDatabaseError):
    exit_code = 6


class HubDatabaseMissing(HubDatabaseError):
    exit_code = 7


class HubDatabaseLogin(HubDatabaseError):
    exit_code = 8


class HubDriverMissing(HubDatabaseError):
    exit_code = 9
