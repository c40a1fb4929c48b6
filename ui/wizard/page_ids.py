"""Page ids of the plan wizard, in the order the coach walks through them."""

from __future__ import annotations

from enum import IntEnum

from iep_desktop.domain.findings import Finding
from ui.wizard.widgets import tr


class PageId(IntEnum):
    REVIEW_CHOICE = 0  # review mode only: no change, or update
    PARTICIPANT = 1
    PREREQUISITES = 2
    ASSESSMENT = 3
    BARRIERS = 4
    GOALS = 5
    OBJECTIVES = 6
    SERVICES = 7
    REVIEW = 8
    SIGNATURES = 9
    DONE = 10

    @property
    def slug(self) -> str:
        return self.name.lower()


# tr() texts: a page name shown in a sentence is translated again with it (ui/wizard/widgets.py).
PAGE_NAMES = {
    PageId.REVIEW_CHOICE: tr("Review"), PageId.PARTICIPANT: tr("Participant"),
    PageId.PREREQUISITES: tr("Prerequisites"), PageId.ASSESSMENT: tr("Assessment"),
    PageId.BARRIERS: tr("Barriers"), PageId.GOALS: tr("Goals"), PageId.OBJECTIVES: tr("Objectives"),
    PageId.SERVICES: tr("Services"), PageId.REVIEW: tr("Check the plan"),
    PageId.SIGNATURES: tr("Signatures"), PageId.DONE: tr("Done"),
}

# The page where a finding about each kind of record is fixed.
_BY_RECORD = {
    "assessment": PageId.ASSESSMENT, "counseling_statement": PageId.ASSESSMENT,
    "barrier": PageId.BARRIERS, "goal": PageId.GOALS, "objective": PageId.OBJECTIVES,
    "service": PageId.SERVICES,
}
# Rule families first: an R-O6 finding points at the low TABE result, but is fixed by adding
# an objective; an R-P2 finding may point at a service, but is fixed before the plan exists.
_BY_RULE = {
    "R-P4": PageId.OBJECTIVES, "R-P": PageId.PREREQUISITES, "R-G": PageId.GOALS,
    "R-O": PageId.OBJECTIVES, "R-S": PageId.SERVICES, "R-A3": PageId.BARRIERS,
    "R-X": PageId.SIGNATURES, "R-V3": PageId.SIGNATURES,
}


def page_for(finding: Finding, *, has_goals: bool = True) -> PageId | None:
    """The wizard page that fixes ``finding``; None when no page does (case notes, reviews).

    An objective needs a goal to belong to (R-G6): with no goal yet, a finding fixed on the
    objectives page (R-P4 "no open goal with an objective") is fixed on the goals page first.
    """
    for prefix in sorted(_BY_RULE, key=len, reverse=True):
        if finding.rule_id.startswith(prefix):
            target = _BY_RULE[prefix]
            return PageId.GOALS if target is PageId.OBJECTIVES and not has_goals else target
    if finding.record_kind in _BY_RECORD:
        return _BY_RECORD[finding.record_kind]
    if finding.rule_id.startswith("R-A"):
        return PageId.ASSESSMENT
    return None
