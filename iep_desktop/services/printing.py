"""The printed plan: one exact version (or the live draft) as PDF bytes (R-X1, R-X2, R-A2)."""

from __future__ import annotations

from typing import Literal

from iep_desktop.domain.models import Plan, PlanVersion
from iep_desktop.domain.sign_state import REQUIRED_ROLES
from iep_desktop.pdf import render_plan_pdf
from iep_desktop.services import signing
from iep_desktop.services.snapshots import current_plan
from iep_desktop.errors import NotFound
from iep_desktop.store.uow import UnitOfWork


def plan_pdf(uow: UnitOfWork, participant_id: str, *, version: int | None = None,
             copy: Literal["office", "participant"] = "office") -> bytes:
    plan = current_plan(uow, participant_id)
    if plan is None:
        raise NotFound("This participant has no plan yet; start one in the wizard first.")
    return plan_pdf_for(uow, plan, version=version, copy=copy)


def plan_pdf_for(uow: UnitOfWork, plan: Plan, *, version: int | None = None,
                 copy: Literal["office", "participant"] = "office") -> bytes:
    content, digest, number, signatures = signing.version_for_print(uow, plan.id, version)
    signed = {s.role for s in signatures}
    # Printing "the plan" (no version asked for) of a signed plan whose services went ahead since:
    # the signed version with its signatures, then the services as recorded (R-S3).
    delivered = signing.delivered_since_signing(uow, plan.id) if version is None else None
    return render_plan_pdf(content, digest=digest, version_number=number, signatures=signatures,
                           profile=uow.profiles.get(plan.board), copy=copy,
                           draft=not all(role in signed for role in REQUIRED_ROLES),
                           delivered=delivered[1] if delivered else None)


def version_pdf(uow: UnitOfWork, version: PlanVersion) -> bytes:
    """The PDF of one frozen plan version with its own signatures (what a sync bundle carries)."""
    return plan_pdf_for(uow, uow.get(Plan, version.plan_id), version=version.number)
