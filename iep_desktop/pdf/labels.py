"""How plan content values read on paper: US dates, money, statuses and the board's labels.

Content (domain/plan_content.py) holds JSON values: ISO dates, enum values, decimal strings.
These helpers turn them into what a participant reads, and never fail on a missing value:
an empty field prints as a dash so a blank is visibly blank, not silently dropped.

Every word the app prints (not what the coach typed) goes through :func:`pdf_text`, in the
language of the copy being drawn (``iep_desktop.i18n.using``): the participant copy in the
participant's language, the office copy in the office's (issue 18). Board list labels come from
the profile in that language (``BoardProfile.label``). Dates and money stay US form in both.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from iep_desktop import i18n
from iep_desktop.clock import local_day
from iep_desktop.domain.models import AssessmentKind, BarrierGroup, GoalTerm, Program, SignerRole
from iep_desktop.profiles.schema import BoardProfile

PDF_CONTEXT = "pdf"
WORDS_CONTEXT = "words"  # enum words and barrier categories: shared by the PDF and statuses


def pdf_text(text: str, **params: object) -> str:
    """``text`` (a whole English phrase, ``{named}`` placeholders) in the copy's language."""
    translated = i18n.translate(PDF_CONTEXT, text)
    return translated.format(**params) if params else translated


def word(text: str, kind: str | None = None) -> str:
    """An enum word or barrier category ("Open", "Child care") in the copy's language; with
    ``kind`` ("goal"), in the form that agrees with that record's noun ("Abierta")."""
    if kind is not None:
        return i18n.translate_for(kind, WORDS_CONTEXT, text)
    return i18n.translate(WORDS_CONTEXT, text)


def language() -> str:
    return i18n.current_language()

BLANK = "—"

PLAN_TITLES = {
    "IEP": "Individual Employment Plan (IEP)",
    "ISS": "Individual Service Strategy (ISS)",
}
PLAN_NAMES = {"IEP": "Individual Employment Plan", "ISS": "Individual Service Strategy"}

ROLE_LABELS = {
    SignerRole.PARTICIPANT: "Participant",
    SignerRole.COACH: "Career coach",
    SignerRole.PARENT_GUARDIAN: "Parent or guardian",
}
# Signatures print in this order whatever order the caller passes them in (determinism).
ROLE_ORDER = {SignerRole.PARTICIPANT: 0, SignerRole.PARENT_GUARDIAN: 1, SignerRole.COACH: 2}

# Words held in tables here (and the barrier categories the barriers page offers, R-A3): listed
# for the catalogue test (tests/core_strings.py reads TRANSLATABLE).
TRANSLATABLE = {
    "pdf": ["Individual Employment Plan (IEP)", "Individual Service Strategy (ISS)",
            "Individual Employment Plan", "Individual Service Strategy",
            "Participant", "Career coach", "Parent or guardian",
            "Technology", "Personal life circumstances", "Skills gaps",
            "pen", "touch screen", "mouse", "keyboard (typed name)",
            "Education", "Work and employment history", "Credentials", "Job skills"],
    "words": ["Open", "Closed", "Successful", "Unsuccessful",
              "Adult", "Dislocated Worker", "Youth",
              "Short", "Intermediate", "Long",
              "No device", "No internet", "Digital literacy", "Child care", "Transportation",
              "Housing", "Health", "Justice involvement", "Other", "Academic", "Occupational",
              "Work readiness",
              "Objective Assessment Summary", "Career exploration", "TABE reading", "TABE math",
              "Traitify career path", "Other assessment",
              "Planned", "In progress", "Completed", "Not completed",
              "Error", "Warning", "Suggestion", "Draft", "Awaiting signature", "Signed",
              "Face-to-face", "Telephone", "Virtual", "O*NET Interest Profiler", "CASAS", "CareerScope",
              "TORQ", "Reopened"],
    # The forms that differ for a goal: "meta" is feminine (una meta abierta, cerrada, lograda);
    # objectives and services ("objetivo", "servicio") take the masculine forms of "words".
    "words/goal": ["Open", "Closed", "Successful", "Unsuccessful", "Reopened"],
}

BARRIER_GROUPS = {
    BarrierGroup.TECHNOLOGY.value: "Technology",
    BarrierGroup.PERSONAL.value: "Personal life circumstances",
    BarrierGroup.SKILLS.value: "Skills gaps",
}
DEVICES = {"pen": "pen", "touch": "touch screen", "mouse": "mouse", "keyboard": "keyboard (typed name)"}


def us_date(value: Any) -> str:
    """MM/DD/YYYY from an ISO date string, a date or a datetime; a dash when empty."""
    if value in (None, ""):
        return BLANK
    if isinstance(value, datetime):
        value = local_day(value)  # the day it was where it happened, not in UTC
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)  # print what was stored rather than hide it
    return str(value.strftime("%m/%d/%Y"))


def date_range(start: Any, end: Any) -> str:
    if start in (None, "") and end in (None, ""):
        return BLANK
    return f"{us_date(start)} – {us_date(end)}"


def money(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return f"${Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def humanize(code: str) -> str:
    """"child_care" -> "Child care": stored codes read as words."""
    words = text(code).replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else BLANK


def plan_title(kind: str) -> str:
    return pdf_text(PLAN_TITLES.get(kind, PLAN_TITLES["IEP"]))


def plan_name(kind: str) -> str:
    return pdf_text(PLAN_NAMES.get(kind, PLAN_NAMES["IEP"]))


def role_label(role: SignerRole) -> str:
    return pdf_text(ROLE_LABELS[role]) if role in ROLE_LABELS else humanize(role)


def barrier_group(group: str) -> str:
    return pdf_text(BARRIER_GROUPS[group]) if group in BARRIER_GROUPS else humanize(group)


def barrier_category(category: str) -> str:
    """A category the barriers page offers, in the copy's language; one the coach typed as is."""
    return word(humanize(category))


def device_label(device: str) -> str:
    return pdf_text(DEVICES[device]) if device in DEVICES else device


def program_label(value: str) -> str:
    try:
        return word(Program(value).label)
    except ValueError:
        return humanize(value)


def instrument_label(value: str) -> str:
    try:
        return word(AssessmentKind(value).label)  # test names (TABE, O*NET) have no entry: kept
    except ValueError:
        return humanize(value)


def term_label(profile: BoardProfile, value: str) -> str:
    """The term with the board's month range, e.g. "Short (0-6 months)" (R-G2)."""
    try:
        months = profile.label(profile.term_range(GoalTerm(value)).label, language())
    except (ValueError, StopIteration):
        return humanize(value)
    # "Over 12 months" reads as "Long (over 12 months)"; "0-6 months" is left alone.
    months = months[:1].lower() + months[1:] if months[1:2].islower() else months
    return f"{word(humanize(value))} ({months})"


def item_status(status: str, closed_on: Any, outcome: Any, kind: str) -> str:
    """"Open", or "Closed 03/02/2026 – Successful" (R-G4, R-O4), agreeing with ``kind``
    ("goal": "Cerrada ... – Lograda"; "objective": "Cerrado ... – Logrado")."""
    if status != "closed":
        return word(humanize(status or "open"), kind)
    parts = [word("Closed", kind)]
    if closed_on:
        parts.append(us_date(closed_on))
    label = " ".join(parts)
    return f"{label} – {word(humanize(outcome), kind)}" if outcome else label


def service_name(profile: BoardProfile, code: str) -> str:
    known = profile.service(code)
    return profile.label(known.name, language()) if known else pdf_text("(not in the board's service list)")


def board_name(profile: BoardProfile) -> str:
    """The board's name in the copy's language (a proper name is its own label)."""
    return profile.label(profile.name, language())


def region_label(profile: BoardProfile, region: Any) -> str:
    """A region from the board's list in the copy's language; one the coach typed as typed."""
    typed = text(region)
    if not typed:
        return BLANK
    return profile.label(typed, language()) if typed in profile.regions else typed


def provider_label(provider: str, referral: bool) -> str:
    who = text(provider) or BLANK
    return pdf_text("{who} (referral)", who=who) if referral else who


def short_digest(digest: str) -> str:
    return digest[:12]
