"""The core's languages: rule messages, PDF labels and statuses in English or Spanish. No Qt here.

The desktop app sets the office language with :func:`set_language` when the coach picks one in
Store > Language; a participant copy of a plan asks for the participant's language explicitly
(``translate(..., language=participant.language)``). Text a coach typed is never translated.

The Spanish catalogue is ``resources/translations/core_es.json``: ``{context: {english: spanish}}``.
A missing entry falls back to the English text (and the catalogue test reports it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from iep_desktop.resources import resource_path

ENGLISH = "en"
SPANISH = "es"
LANGUAGES: dict[str, str] = {ENGLISH: "English", SPANISH: "Español"}  # names in their own language

_current = ENGLISH
# A language asked for by one piece of work (a participant copy being drawn) without changing the
# office's: per thread / task, so a PDF drawn in Spanish never turns the app's messages Spanish.
_override: ContextVar[str | None] = ContextVar("iep_language", default=None)


def normalize(code: str | None) -> str:
    """A language code as stored (``"es-US"``, ``"ES"`` -> ``"es"``); unknown codes are English."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else ENGLISH


def set_language(code: str) -> None:
    global _current
    _current = normalize(code)


def current_language() -> str:
    return _override.get() or _current


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Within the block, ``translate`` (without a language) answers in ``code``; None: no change."""
    if code is None:
        yield current_language()
        return
    token = _override.set(normalize(code))
    try:
        yield normalize(code)
    finally:
        _override.reset(token)


@cache
def catalogue(language: str) -> dict[str, dict[str, str]]:
    if language == ENGLISH:
        return {}
    path = resource_path("translations", f"core_{language}.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(ctx): {str(k): str(v) for k, v in entries.items()} for ctx, entries in data.items()}


def translate(context: str, text: str, language: str | None = None) -> str:
    """``text`` in ``language`` (default: the current one); English where no translation exists."""
    lang = normalize(language) if language is not None else current_language()
    return catalogue(lang).get(context, {}).get(text) or text


def translate_for(kind: str, context: str, text: str, language: str | None = None) -> str:
    """``text`` said of one kind of record (``"goal"``, ``"objective"``, ``"service"``).

    Spanish adjectives agree with the noun: una meta *abierta*, un objetivo *abierto*. The
    catalogue holds the forms that differ for a kind under ``"{context}/{kind}"`` (``words/goal``);
    every other kind, and every word with one form, comes from ``context`` itself.
    """
    lang = normalize(language) if language is not None else current_language()
    return catalogue(lang).get(f"{context}/{kind}", {}).get(text) or translate(context, text, lang)


ERRORS = "errors"  # the core's error messages (IepError), English template -> translation


@cache
def _error_patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    """Each error template with ``{named}`` parts as a pattern that finds those parts again."""
    patterns = []
    for english, translated in catalogue(language).get(ERRORS, {}).items():
        if "{" not in english:
            continue
        parts = re.split(r"(\{\w+\})", english)
        regex = "".join(f"(?P<{p[1:-1]}>.+?)" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts)
        patterns.append((re.compile(regex, re.DOTALL), translated))
    return patterns


def translate_message(text: str, language: str | None = None) -> str:
    """An error message of the core (``IepError``) in ``language`` (default: the current one).

    The messages are built in English with their values in (a date, a code, a file name); the
    catalogue has them as templates, so the values are found again and put in the translation.
    A message with no template stays English; a rule id (R-P1) is part of both texts.
    """
    lang = normalize(language) if language is not None else current_language()
    if lang == ENGLISH:
        return text
    exact = catalogue(lang).get(ERRORS, {}).get(text)
    if exact:
        return exact
    for pattern, translated in _error_patterns(lang):
        found = pattern.fullmatch(text)
        if found:
            return translated.format(**found.groupdict())
    return text
