"""The app's language: Qt translators for every ``ui/`` string and for Qt's own dialogs.

Conventions (issue 18):
- Every user-visible string goes through ``QCoreApplication.translate(context, text)``; modules
  define ``def tr(text): return QCoreApplication.translate("Context", text)`` so that
  ``pyside6-lupdate`` finds them.
- A window or page that must follow a language switch while open mixes in :class:`Retranslatable`
  (first in the bases) and sets its texts in ``retranslate_ui``, which it also calls once itself
  after building its widgets. Qt sends ``LanguageChange`` to every widget when a translator is
  installed or removed; nothing else has to be told.
- :func:`set_language` installs the translators and tells the core (``iep_desktop.i18n``), so rule
  messages and PDF labels follow too. The choice is a per-user preference (``ui.settings``), never
  stored in the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from iep_desktop import i18n as core_i18n
from iep_desktop.resources import resource_path

LANGUAGES = core_i18n.LANGUAGES
QM_BASENAME = "iep_desktop"  # resources/translations/iep_desktop_es.ts -> .qm

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for the translators under ``context`` without translating it now (typed as str)."""
    return text


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def word(text: str) -> str:
    """A word of the core's vocabulary (a program, an assessment, a status, an outcome: its English
    ``label``) in the language in use, from the core catalogue the printed plan uses too."""
    return core_i18n.translate("words", text)


def system_language() -> str:
    return core_i18n.normalize(QLocale.system().name())


def current_language() -> str:
    return core_i18n.current_language()


def set_language(code: str) -> str:
    """Switch the running app to ``code`` ("en" or "es"); returns the language now in use."""
    language = core_i18n.normalize(code)
    app = QCoreApplication.instance()
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        if language != core_i18n.ENGLISH:
            ours = QTranslator(app)
            if ours.load(str(resource_path("translations", f"{QM_BASENAME}_{language}.qm"))):
                _installed.append(ours)
            qt_own = QTranslator(app)
            if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                _installed.append(qt_own)
        core_i18n.set_language(language)  # before LanguageChange reaches the widgets
        for translator in _installed:
            app.installTranslator(translator)
    else:
        core_i18n.set_language(language)
    return language


class Retranslatable:
    """Mixin for a QWidget subclass whose texts follow a language switch while it is open.

    Two ways to keep a text current, mixed freely:
    - ``self.live(label.setText, lambda: tr("Unlock"))`` sets the text now and sets it again
      after every switch (the lambda reads the window's state then, so a text that depends on
      it stays right); binding the same setter again replaces the earlier text.
    - override ``retranslate_ui`` for what needs more (table headers, combo items, menus).
    """

    _live_texts: dict[Any, Callable[[], Any]]

    def live(self, setter: Callable[[Any], object], text: Callable[[], Any]) -> None:
        """Call ``setter(text())`` now and after every language switch while this widget lives."""
        if "_live_texts" not in self.__dict__:
            self._live_texts = {}
        self._live_texts[setter] = text
        setter(text())

    def retranslate_ui(self) -> None:
        """Set every text of this widget from ``tr()``; called after building and on a switch."""

    def retranslate_live(self) -> None:
        """Set again every text bound with :meth:`live` (widgets deleted meanwhile are dropped)."""
        for setter, text in list(self.__dict__.get("_live_texts", {}).items()):
            try:
                setter(text())
            except RuntimeError:  # the widget behind the setter is gone
                self._live_texts.pop(setter, None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_live()
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
