"""The app's language: Qt translators for every ``ui/`` string and for Qt's own dialogs.

Conventions (issue 18):
- Every user-visible string goes through its module's ``tr()``, defined as
  ``def tr(text): return i18n.translate("Context", text)`` (the wizard's modules import the one in
  ``ui.wizard.widgets``). ``tools/translations.py`` runs ``pyside6-lupdate`` and files each module's
  texts under that context, which is the one looked up at run time.
- ``translate`` returns a :class:`Tr`: a str that remembers its source and ``.format`` values, so
  it can translate itself again. One way keeps a widget's text current while it is open:
  ``live(widget, "setText", tr("Unlock"))`` (the wizard's helpers ``touch_button``, ``plain_label``,
  ``line_edit``, ``combo``, ``add_row``... call it). :func:`set_language` sets every such text
  again in every window. For what a Tr cannot say (a text built from the window's state, table
  headers, combo items filled from data) a window mixes in :class:`Retranslatable` and binds
  ``self.live(setter, lambda: ...)`` or overrides ``retranslate_ui``; :func:`set_language` calls
  both on every such widget of every window (no Python ``changeEvent``: a Python override sees
  every change event of the widget, and wrapping the first one builds QEvent's ~180-member enum
  and every event class of QtGui, ~2 ms before the unlock window, issue 17).
- :func:`set_language` installs the translators (ours and Qt's own ``qtbase_xx.qm``) and tells the
  core (``iep_desktop.i18n``), so rule messages and PDF labels follow too. Dates and numbers stay
  US. The choice is a per-user preference (``ui.settings``), never stored in the store.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtWidgets import QApplication

# QTranslator, QLibraryInfo, QAbstractItemModel and QEvent are imported where a language switch needs
# them: importing a Qt class builds its Python type and enum types, and the unlock window of an
# English app uses none of them (issue 17).
if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

from iep_desktop import i18n as core_i18n
from iep_desktop.resources import resource_path

LANGUAGES = core_i18n.LANGUAGES
QM_BASENAME = "iep_desktop"  # resources/translations/iep_desktop_es.ts -> .qm

_installed: list[QTranslator] = []
US_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for the translators under ``context`` without translating it now (typed as str)."""
    return text


def translate(context: str, text: str) -> Tr:
    """``text`` in the language in use, as a :class:`Tr` that can translate itself again."""
    return Tr(text, context=context)


def in_language(error: Exception) -> Callable[[], str]:
    """An error's message as something a message label builds again after a language switch
    (``IepError.message`` is in the language in use each time it is read)."""
    return lambda: str(getattr(error, "message", error))


def names_locale() -> QLocale:
    """For month and day names only (the calendar): the language in use, in the United States.
    Never for writing a date: es_US writes d/M/yyyy, and dates here are MM/DD/YYYY."""
    language = QLocale.Language.Spanish if current_language() == core_i18n.SPANISH else QLocale.Language.English
    return QLocale(language, QLocale.Country.UnitedStates)


def word(text: str, kind: str | None = None) -> str:
    """A word of the core's vocabulary (a program, an assessment, a status, an outcome: its English
    ``label``) in the language in use, from the core catalogue the printed plan uses too. With
    ``kind`` ("goal", "objective"), the form that agrees with that record's noun: a goal is "meta",
    feminine ("Abierta"), an objective "objetivo", masculine ("Abierto")."""
    if kind is not None:
        return core_i18n.translate_for(kind, "words", text)
    return core_i18n.translate("words", text)


def qt_translation_dirs() -> list[str]:
    """Where Qt's own ``qtbase_xx.qm`` are: PySide6's folder, and in a frozen build the copy the
    PyInstaller spec bundles (packaging/iep-desktop.spec)."""
    from PySide6.QtCore import QLibraryInfo

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        folders.insert(0, str(Path(frozen_root) / "qt_translations"))
    return folders


def system_language() -> str:
    return core_i18n.normalize(QLocale.system().name())


def current_language() -> str:
    return core_i18n.current_language()


def set_language(code: str) -> str:
    """Switch the running app to ``code`` ("en" or "es"); returns the language now in use."""
    language = core_i18n.normalize(code)
    # Dates and numbers stay US in every language and on every system (MM/DD/YYYY, 1,250.50):
    # state systems and forms expect them so. Qt's widgets (spin boxes, validators) follow this.
    QLocale.setDefault(US_LOCALE)
    app = QCoreApplication.instance()
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        if language != core_i18n.ENGLISH:
            from PySide6.QtCore import QTranslator

            ours = QTranslator(app)
            if ours.load(str(resource_path("translations", f"{QM_BASENAME}_{language}.qm"))):
                _installed.append(ours)
            qt_own = QTranslator(app)
            if any(qt_own.load(f"qtbase_{language}", folder) for folder in qt_translation_dirs()):
                _installed.append(qt_own)
        core_i18n.set_language(language)  # before LanguageChange reaches the widgets
        for translator in _installed:
            app.installTranslator(translator)
        if isinstance(app, QApplication):  # every text set with live(), in every window, at once
            walked = [retranslate_tree(window) for window in app.topLevelWidgets()]
            for objects in walked:  # then each Retranslatable, a window before what it holds
                for obj in objects:
                    if isinstance(obj, Retranslatable):
                        obj.retranslate_live()
                        obj.retranslate_ui()
        # Qt posts LanguageChange to the application, which posts it on to each window (Qt's own
        # widgets translate themselves then): deliver it now, so the switch is over when this
        # returns, and never reaches a window still being built later (one that processes events
        # in its constructor).
        from PySide6.QtCore import QEvent

        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    else:
        core_i18n.set_language(language)
    return language


class Tr(str):
    """A translated text that can translate itself again after a language switch.

    ``tr("Goal {n}: {text}").format(n=1, text=...)`` keeps the whole sentence for the
    translator and the values; a value that is itself a ``Tr`` (a page name) is translated
    again too. Only keyword placeholders are used.
    """

    source: str
    values: dict[str, object]
    context: str

    def __new__(cls, source: str, values: dict[str, object] | None = None, context: str = "") -> Tr:
        values = values or {}
        text = QCoreApplication.translate(context, source)
        if values:
            shown = {k: (v.again() if isinstance(v, Tr) else v) for k, v in values.items()}
            try:
                text = text.format_map(_Keep(shown))
            except (IndexError, ValueError):  # a broken translation never hides the text
                text = source.format_map(_Keep(shown))
        made = super().__new__(cls, text)
        made.source = source
        made.values = values
        made.context = context
        return made

    def format(self, *args: object, **values: object) -> Tr:
        if args:
            raise TypeError("tr() texts take keyword placeholders only")
        return Tr(self.source, {**self.values, **values}, self.context)

    def again(self) -> Tr:
        """This text in the language now in use."""
        return Tr(self.source, self.values, self.context)


class _Keep(dict[str, object]):
    """Format values; a placeholder without one stays as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def again(text: str) -> str:
    """``text`` in the language now in use (text that is no ``Tr`` is shown as it is)."""
    return text.again() if isinstance(text, Tr) else text


_LIVE = "_iep_live_texts"


def live(owner: QObject, setter: str, text: str, *args: Any) -> None:
    """``owner.setter(*args, text)`` now, and again after each language switch if it is a Tr
    (a Tr made before the last switch, e.g. at import, is shown in the language now in use)."""
    getattr(owner, setter)(*args, again(text))
    texts = owner.__dict__.setdefault(_LIVE, {}) if isinstance(text, Tr) else owner.__dict__.get(_LIVE)
    if texts is None:
        return
    if isinstance(text, Tr):
        texts[(setter, *args)] = text
    else:
        texts.pop((setter, *args), None)  # a text that is not translated (typed text) replaces it


def live_text(owner: QObject, setter: str, *args: Any) -> str | None:
    """The text :func:`live` set through ``setter`` (a Tr that can translate itself again), if any."""
    texts = owner.__dict__.get(_LIVE) or {}
    text = texts.get((setter, *args))
    return text if isinstance(text, str) else None


def retranslate_tree(root: QObject) -> list[QObject]:
    """Set every text remembered by :func:`live` on ``root`` and its children again; table models
    among them that can (``retranslate()``) give their headers and cells again. Returns the
    objects it went through, ``root`` first (``set_language`` goes through them once more)."""
    from PySide6.QtCore import QAbstractItemModel

    objects = [root, *root.findChildren(QObject)]
    for obj in objects:
        if isinstance(obj, QAbstractItemModel) and callable(getattr(obj, "retranslate", None)):
            obj.retranslate()  # type: ignore[attr-defined]
        texts = obj.__dict__.get(_LIVE)
        if not texts:
            continue
        for (setter, *args), text in list(texts.items()):
            getattr(obj, setter)(*args, text.again())
    return objects

class Retranslatable:
    """Mixin for a QWidget subclass whose texts follow a language switch while it is open
    (:func:`set_language` calls :meth:`retranslate_live` and :meth:`retranslate_ui`).

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
