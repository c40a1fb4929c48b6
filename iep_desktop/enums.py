"""The domain's shared vocabulary: the enums both the records (``domain/``) and the board
profiles (``profiles/``) are written in.

They live here, outside both packages, so that ``profiles/`` needs nothing from ``domain/``:
the rules read board profiles, and board profiles are written in these words, never the other
way round. ``domain.models`` and ``domain.findings`` name them too.
"""

from __future__ import annotations

from enum import StrEnum


class Program(StrEnum):
    ADULT = "adult"
    DISLOCATED_WORKER = "dislocated_worker"
    YOUTH = "youth"

    @property
    def label(self) -> str:
        return {"adult": "Adult", "dislocated_worker": "Dislocated Worker", "youth": "Youth"}[self.value]

    @property
    def plan_kind(self) -> PlanKind:
        return PlanKind.ISS if self is Program.YOUTH else PlanKind.IEP


class PlanKind(StrEnum):
    IEP = "IEP"  # Individual Employment Plan: Adult and Dislocated Worker
    ISS = "ISS"  # Individual Service Strategy: Youth


class GoalType(StrEnum):
    EMPLOYMENT = "employment"
    EDUCATIONAL = "educational"
    TRAINING = "training"


class GoalTerm(StrEnum):
    SHORT = "short"
    INTERMEDIATE = "intermediate"
    LONG = "long"


class AssessmentKind(StrEnum):
    OBJECTIVE_ASSESSMENT = "objective_assessment"  # the Objective Assessment Summary (OAS)
    CAREER_EXPLORATION = "career_exploration"
    TABE_READING = "tabe_reading"
    TABE_MATH = "tabe_math"
    CASAS = "casas"
    CAREERSCOPE = "careerscope"
    TORQ = "torq"
    ONET_INTEREST = "onet_interest"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ASSESSMENT_LABELS[self]


_ASSESSMENT_LABELS = {
    AssessmentKind.OBJECTIVE_ASSESSMENT: "Objective Assessment Summary",
    AssessmentKind.CAREER_EXPLORATION: "Career exploration",
    AssessmentKind.TABE_READING: "TABE reading",
    AssessmentKind.TABE_MATH: "TABE math",
    AssessmentKind.CASAS: "CASAS",
    AssessmentKind.CAREERSCOPE: "CareerScope",
    AssessmentKind.TORQ: "TORQ",
    AssessmentKind.ONET_INTEREST: "O*NET Interest Profiler",
    AssessmentKind.OTHER: "Other assessment",
}


class Severity(StrEnum):
    ERROR = "error"            # blocks finishing the plan
    WARNING = "warning"        # shown, does not block
    SUGGESTION = "suggestion"  # shown as a helpful hint


class MeetingKind(StrEnum):
    """How a review meeting was held (Rivers East: face-to-face, telephonic or virtual)."""

    FACE_TO_FACE = "face_to_face"
    TELEPHONE = "telephone"
    VIRTUAL = "virtual"

    @property
    def label(self) -> str:
        return {"face_to_face": "Face-to-face", "telephone": "Telephone", "virtual": "Virtual"}[self.value]


class CaseNoteKind(StrEnum):
    """What a case note is for. A board's note structure may apply to one kind only (R-C1:
    SCPa's structure is for incentive notes)."""

    GENERAL = "general"
    INCENTIVE = "incentive"
    REVIEW = "review"
    CLOSING = "closing"
    SERVICE = "service"
