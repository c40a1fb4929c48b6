"""UI preferences, declared once and typed, over QSettings.

Only preferences live here: where the store is, how soon to lock, window geometry, the language. Plan and
participant data never go to QSettings (it is a plain, unencrypted file).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "IEP Desktop"
APPLICATION = "iep-desktop"

T = TypeVar("T")


class Option(Generic[T]):
    """One preference: its key, its default and (from the default) its type."""

    def __init__(self, key: str, default: T, valid: Callable[[T], bool] | None = None) -> None:
        self.key = key
        self.default = default
        self.kind: type[T] = type(default)
        self.valid = valid

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...

    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T:
        if settings is None:
            return self
        value: Any = settings.qsettings.value(self.key, self.default, type=self.kind)
        if not isinstance(value, self.kind) or (self.valid is not None and not self.valid(value)):
            return self.default  # a hand-edited or damaged file never breaks the app
        return value

    def __set__(self, settings: Settings, value: T) -> None:
        settings.qsettings.setValue(self.key, value)


class Settings:
    """The app's preferences. Pass one instance to whoever needs it; no globals."""

    last_db_path = Option("store/last_db_path", "")
    autolock_ms = Option("security/autolock_ms", 15 * 60 * 1000, valid=lambda ms: ms > 0)
    last_board = Option("participant/last_board", "")
    window_geometry = Option("window/geometry", QByteArray())
    pdf_folder = Option("files/last_pdf_folder", "")  # where the last plan PDF was saved
    # The app's language ("en", "es"), chosen in Store > Language; empty until the coach chooses:
    # the app then follows the system locale (issue 18). A preference of this user, never in the store.
    language = Option("ui/language", "", valid=lambda code: code in ("", "en", "es"))

    def __init__(self, qsettings: QSettings | None = None) -> None:
        # An INI file on every platform, so tests (QSettings.setPath) and IT can find it.
        self.qsettings = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    @property
    def autolock_minutes(self) -> int:
        return max(1, round(self.autolock_ms / 60_000))

    def sync(self) -> None:
        self.qsettings.sync()
