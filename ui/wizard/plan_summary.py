"""What the participant signs, in plain words (issue 13, finding 9).

The signing page showed "Status: draft / Plan fingerprint: d73261aaafea" to someone at a job
fair. This is the plan as a participant reads it: each goal with its target date, the
objectives under it with their review dates, and the services with their planned dates. The
fingerprint stays on the page behind a "details" line (ui/wizard/pages/signatures.py).
"""

from __future__ import annotations

from iep_desktop.domain.models import PlanSnapshot
from iep_desktop.profiles.schema import BoardProfile
from ui.widgets.date_field import fmt
from ui.wizard.widgets import tr


def summary_lines(snapshot: PlanSnapshot, profile: BoardProfile) -> list[str]:
    """The plan as plain lines: goals, their objectives, then services; no jargon, no ids."""
    plan = snapshot.plan
    if plan is None:
        return [tr("There is no plan to sign yet.")]
    lines: list[str] = []
    goals = list(snapshot.goals)
    if not goals:
        lines.append(tr("No goals yet."))
    for number, goal in enumerate(goals, start=1):
        lines.append(tr("Goal {n}: {text} (by {day})").format(
            n=number, text=goal.description, day=fmt(goal.estimated_completion_on)))
        for objective in (o for o in snapshot.objectives if o.goal_id == goal.id):
            review = tr(", checked on {day}").format(day=fmt(objective.review_on)) if objective.review_on else ""
            lines.append(tr("    \u2022 Step: {text}{review}").format(text=objective.title, review=review))
    services = [s for s in snapshot.services if s.plan_id == plan.id]
    if services:
        lines.append(tr("Services:"))
    for service in services:
        known = profile.service(service.code)
        name = known.name if known is not None else service.code
        who = tr(" with {provider}").format(provider=service.provider) if service.provider.strip() else ""
        lines.append(tr("    \u2022 {name}{who}, {start} to {end}").format(
            name=name, who=who, start=fmt(service.planned_start), end=fmt(service.planned_end)))
    return lines
