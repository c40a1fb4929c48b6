"""The printed plan: one exact version (or the live draft) as PDF bytes (R-X1, R-X2, R-A2)."""

from __future__ import annotations

from typing import Literal

from iep_desktop import i18n
from iep_desktop.domain.models import Participant, Plan, PlanVersion
from iep_desktop.domain.sign_state import REQUIRED_ROLES
from iep_desktop.errors import NotFound
from iep_desktop.pdf.workers import PoolStopped, RenderJob, RenderPool, render_job
from iep_desktop.services import signing
from iep_desktop.services.snapshots import current_plan
from iep_desktop.store.uow import UnitOfWork

__all__ = ["PoolStopped", "RenderJob", "RenderPool", "copy_language", "plan_pdf", "plan_pdf_for", "print_job",
           "print_job_for", "render_job", "version_pdf"]


def plan_pdf(uow: UnitOfWork, participant_id: str, *, version: int | None = None,
             copy: Literal["office", "participant"] = "office", language: str | None = None) -> bytes:
    return render_job(print_job(uow, participant_id, version=version, copy=copy, language=language))


def copy_language(uow: UnitOfWork, plan: Plan, copy: Literal["office", "participant"],
                  language: str | None = None) -> str:
    """The language a copy is printed in (issue 18): ``language`` when asked for; else the
    participant's preferred language for their copy, the office's current language for its own."""
    if language is not None:
        return i18n.normalize(language)
    if copy == "participant":
        return i18n.normalize(uow.get(Participant, plan.participant_id).preferred_language.value)
    return i18n.current_language()


def print_job(uow: UnitOfWork, participant_id: str, *, version: int | None = None,
              copy: Literal["office", "participant"] = "office", language: str | None = None) -> RenderJob:
    """What ``plan_pdf`` renders, read from the store: batch printing renders it in a worker."""
    plan = current_plan(uow, participant_id)
    if plan is None:
        raise NotFound("This participant has no plan yet; start one in the wizard first.")
    return print_job_for(uow, plan, version=version, copy=copy, language=language)


def print_job_for(uow: UnitOfWork, plan: Plan, *, version: int | None = None,
                  copy: Literal["office", "participant"] = "office", language: str | None = None) -> RenderJob:
    content, digest, number, signatures = signing.version_for_print(uow, plan.id, version)
    signed = {s.role for s in signatures}
    # Printing "the plan" (no version asked for) of a signed plan whose services went ahead since:
    # the signed version with its signatures, then the services as recorded (R-S3).
    delivered = signing.delivered_since_signing(uow, plan.id) if version is None else None
    return RenderJob(content=content, digest=digest, version_number=number, signatures=tuple(signatures),
                     profile=uow.profiles.get(plan.board), copy=copy,
                     draft=not all(role in signed for role in REQUIRED_ROLES),
                     delivered=tuple(delivered[1]) if delivered else None,
                     language=copy_language(uow, plan, copy, language))


def plan_pdf_for(uow: UnitOfWork, plan: Plan, *, version: int | None = None,
                 copy: Literal["office", "participant"] = "office", language: str | None = None) -> bytes:
    return render_job(print_job_for(uow, plan, version=version, copy=copy, language=language))


def version_pdf(uow: UnitOfWork, version: PlanVersion) -> bytes:
    """The PDF of one frozen plan version with its own signatures (what a sync bundle carries)."""
    return plan_pdf_for(uow, uow.get(Plan, version.plan_id), version=version.number)
