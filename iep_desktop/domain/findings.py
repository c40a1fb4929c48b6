"""What a rule says about a plan: a finding cites its rule id from shared/domain.md."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from iep_desktop.enums import Severity

__all__ = ["Finding", "Severity"]  # Severity is written in board profiles too: iep_desktop/enums.py


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
