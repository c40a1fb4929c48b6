"""The printed plan as PDF (fpdf2, no Qt): ``render_plan_pdf`` draws one frozen plan version.

The names load on first use, so importing ``iep_desktop.pdf.workers`` (batch printing, imported
by the caseload's window) does not import fpdf2 before a plan is printed (issue 17: start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iep_desktop.pdf.plan_pdf import Copy, render_plan_pdf, without_confidential

__all__ = ["Copy", "render_plan_pdf", "without_confidential"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from iep_desktop.pdf import plan_pdf

        return getattr(plan_pdf, name)
    raise AttributeError(f"module 'iep_desktop.pdf' has no attribute {name!r}")
