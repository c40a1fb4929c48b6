"""The IEP/ISS wizard the coach walks through with the participant (issue 4).

``open_plan_wizard`` shows it without blocking the caseload; ``PlanWizard`` is the dialog.
Each page lives in its own module under ``pages/`` and saves through the services.
"""

from ui.wizard.page_ids import PageId
from ui.wizard.wizard import PlanWizard, open_plan_wizard

__all__ = ["PageId", "PlanWizard", "open_plan_wizard"]
