"""The IEP/ISS wizard the coach walks through with the participant (issue 4).

``open_plan_wizard`` shows it without blocking the caseload; ``PlanWizard`` is the dialog.
Each page lives in its own module under ``pages/`` and saves through the services.

``PlanWizard`` and ``open_plan_wizard`` load with their first use (issue 17: start-up): the
caseload imports this package's table models and widgets, and the wizard itself (its pages, the
signature pad) need not load before the caseload is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.wizard.page_ids import PageId

if TYPE_CHECKING:
    from ui.wizard.wizard import PlanWizard, open_plan_wizard

__all__ = ["PageId", "PlanWizard", "open_plan_wizard"]


def __getattr__(name: str) -> Any:
    if name in ("PlanWizard", "open_plan_wizard"):
        from ui.wizard import wizard  # a plain import statement: PyInstaller's analysis sees it

        return getattr(wizard, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
