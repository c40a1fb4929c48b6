"""What the participant signs, in plain words and in their language (issue 13 finding 9, issue 18).

The signature page shows the plan as a participant reads it: each goal with its target date, the
objectives under it with their review dates, and the services with their planned dates, then
the consent. Both come out in the language asked for (the participant's preferred language);
what the coach typed (goal descriptions, custom objectives, providers) is shown as typed, and
the board's list labels (predefined objectives, service names) in that language. Dates stay
MM/DD/YYYY. No Qt here: the UI calls :func:`signing_texts` and shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iep_desktop import i18n
from iep_desktop.domain.models import Objective, PlanSnapshot
from iep_desktop.domain.sign_state import consent_text
from iep_desktop.profiles.schema import BoardProfile

SUMMARY_CONTEXT = "summary"


@dataclass(frozen=True)
class SigningTexts:
    language: str
    summary: list[str]  # one line each
    consent: str  # exactly what the signer agrees to; store it with the signature


def _say(template: str, language: str, /, **params: object) -> str:
    return i18n.translate(SUMMARY_CONTEXT, template, language).format(**params)


def _day(value: date) -> str:
    return value.strftime("%m/%d/%Y")


def _objective_title(objective: Objective, profile: BoardProfile, language: str) -> str:
    if objective.custom or not profile.is_predefined(objective.title):
        return objective.title
    listed = next(o for o in profile.predefined_objectives if o.casefold() == objective.title.strip().casefold())
    return profile.label(listed, language)


def summary_lines(snapshot: PlanSnapshot, profile: BoardProfile, language: str | None = None) -> list[str]:
    """The plan as plain lines in ``language`` (default: the current one): goals, their
    objectives, then services; no jargon, no ids."""
    lang = i18n.normalize(language) if language is not None else i18n.current_language()
    plan = snapshot.plan
    if plan is None:
        return [_say("There is no plan to sign yet.", lang)]
    lines: list[str] = []
    goals = list(snapshot.goals)
    if not goals:
        lines.append(_say("No goals yet.", lang))
    for number, goal in enumerate(goals, start=1):
        lines.append(_say("Goal {n}: {text} (by {day})", lang, n=number, text=goal.description,
                        day=_day(goal.estimated_completion_on)))
        for objective in (o for o in snapshot.objectives if o.goal_id == goal.id):
            title = _objective_title(objective, profile, lang)
            if objective.review_on:
                lines.append(_say("    \u2022 Step: {text}, checked on {day}", lang, text=title,
                                day=_day(objective.review_on)))
            else:
                lines.append(_say("    \u2022 Step: {text}", lang, text=title))
    services = [s for s in snapshot.services if s.plan_id == plan.id]
    if services:
        lines.append(_say("Services:", lang))
    for service in services:
        known = profile.service(service.code)
        name = profile.label(known.name, lang) if known is not None else service.code
        start, end = _day(service.planned_start), _day(service.planned_end)
        if service.provider.strip():
            lines.append(_say("    \u2022 {name} with {provider}, {start} to {end}", lang, name=name,
                            provider=service.provider, start=start, end=end))
        else:
            lines.append(_say("    \u2022 {name}, {start} to {end}", lang, name=name, start=start, end=end))
    return lines


def signing_texts(snapshot: PlanSnapshot, profile: BoardProfile, language: str | None = None) -> SigningTexts:
    """The signature page's plain summary and consent in ``language`` (the participant's
    preferred language: ``snapshot.participant.preferred_language`` when None)."""
    lang = i18n.normalize(language if language is not None else snapshot.participant.preferred_language.value)
    return SigningTexts(language=lang, summary=summary_lines(snapshot, profile, lang), consent=consent_text(lang))
