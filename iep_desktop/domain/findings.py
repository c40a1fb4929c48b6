"""What a rule says about a plan: a finding cites its rule id from shared/domain.md.

A finding keeps its message as an English template with named placeholders plus the values, not
as finished text, so it can be shown in either language and shown again after a language switch
(issue 18): ``finding.text("es")``, or ``finding.message`` for the current language. The rule id
(R-G3) is never translated; it is appended after the translated sentence.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from iep_desktop import i18n
from iep_desktop.enums import Severity

__all__ = ["RULES_CONTEXT", "Finding", "Severity"]  # Severity is written in board profiles too

RULES_CONTEXT = "rules"  # the catalogue context of every rule template and phrase


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule_id: str
    severity: Severity
    template: str  # plain English sentence with {named} placeholders, without the rule id
    # (name, value, context): a value with a context is itself translated in that context
    # (a term word, a goal type); a value with context "" is shown as it is (dates, codes, text
    # the coach typed).
    params: tuple[tuple[str, str, str], ...] = ()
    record_kind: str | None = None
    record_id: str | None = None

    def text(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the current one), ending with the rule id."""
        values = {name: (i18n.translate(context, value, language) if context else value)
                  for name, value, context in self.params}
        sentence = i18n.translate(RULES_CONTEXT, self.template, language)
        try:
            rendered = sentence.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation never hides the finding
            rendered = self.template.format(**values)
        return f"{rendered} ({self.rule_id})"

    @property
    def message(self) -> str:
        """The message in the current language, e.g. "... (R-G3)"."""
        return self.text()

    @property
    def english(self) -> str:
        return self.text(i18n.ENGLISH)

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.ERROR
