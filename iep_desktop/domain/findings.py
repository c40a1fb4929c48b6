"""What a rule says about a plan: a finding cites its rule id from shared/domain.md."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"            # blocks finishing the plan
    WARNING = "warning"        # shown, does not block
    SUGGESTION = "suggestion"  # shown as a helpful hint


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule_id: str
    severity: Severity
    message: str  # plain English, ends with the rule id in brackets
    record_kind: str | None = None
    record_id: str | None = None

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.ERROR
