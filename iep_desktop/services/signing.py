"""Plan versions and signatures (R-X1, R-X2, R-V3).

Signing freezes the plan's printable content as a numbered version with its SHA-256 digest;
the signature records that digest. A later edit makes the live content differ from the signed
version: whether that needs new signatures is the board profile's policy (R-V3). Old
signatures stay on the old version and are never moved to a new one.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from iep_desktop.domain.models import Plan, PlanVersion, Signature, SignerRole
from iep_desktop.domain.sign_state import (
    CONSENT_TEXT,
    SignState,
    SignStatus,
    compute_sign_status,
    consent_text,
    signed_by_all,
    tampered_lines,
    version_intact,
)
from iep_desktop.domain.plan_content import (
    canonical, content_digest, plan_content, signature_required, without_delivery,
)
from iep_desktop.domain.strokes import SignatureInk
from iep_desktop.errors import InvalidInput, NotFound
from iep_desktop.services import notes
from iep_desktop.services.plans import require_open
from iep_desktop.services.snapshots import current_plan, load_snapshot
from iep_desktop.store.uow import UnitOfWork

__all__ = ["CONSENT_TEXT", "consent_text", "SignState", "SignStatus", "sign_status", "freeze_version", "sign_plan", "verify_signature"]


def _current(uow: UnitOfWork, plan: Plan) -> tuple[dict[str, Any], str]:
    content = plan_content(load_snapshot(uow, plan.participant_id, plan.id))
    return content, content_digest(content)


def versions_of(uow: UnitOfWork, plan_id: str) -> list[PlanVersion]:
    return uow.list(PlanVersion, order_by="number", plan_id=plan_id)


def sign_status(uow: UnitOfWork, plan_id: str) -> SignStatus:
    plan = uow.get(Plan, plan_id)
    content, _ = _current(uow, plan)
    return compute_sign_status(versions_of(uow, plan_id), uow.list(Signature, plan_id=plan_id), content,
                               uow.profiles.get(plan.board))


def freeze_version(uow: UnitOfWork, plan_id: str) -> PlanVersion:
    """The version matching the live content, made now if the content changed since the last."""
    plan = uow.get(Plan, plan_id)
    content, digest = _current(uow, plan)
    versions = versions_of(uow, plan_id)
    if versions and versions[-1].digest == digest and version_intact(versions[-1]):
        return versions[-1]  # a version edited in the store is never signed again: a new one is frozen
    signatures = uow.list(Signature, plan_id=plan_id)
    agreed = next((v for v in reversed(versions) if signed_by_all(v, signatures)), None)
    if agreed is not None and agreed.digest == digest:
        return agreed  # an edit undone: the content is again exactly what everyone signed
    # Whether it needs signing is against what everyone signed last (R-V3), not an edit in between.
    previous = json.loads((agreed or versions[-1]).content) if versions else None
    return uow.add(PlanVersion(
        plan_id=plan.id, number=len(versions) + 1, digest=digest, content=canonical(content),
        created_at=uow.clock.now(),
        needs_signature=signature_required(uow.profiles.get(plan.board), previous, content),
    ), "plan.freeze_version")


def sign_plan(uow: UnitOfWork, plan_id: str, *, role: SignerRole, signer_name: str, ink: SignatureInk,
              consent_text: str = CONSENT_TEXT) -> Signature:
    """Sign the plan as it is now: freezes the version and binds the signature to its digest."""
    require_open(uow, plan_id)
    if not signer_name.strip():
        raise InvalidInput("Type the signer's name before signing (R-X1).")
    if not ink.is_substantial():
        raise InvalidInput("The signature is empty or too short. Please sign your full name on the line (R-X1).")
    version = freeze_version(uow, plan_id)
    if any(s.role is role and s.plan_version_id == version.id for s in uow.list(Signature, plan_id=plan_id)):
        raise InvalidInput(f"This version is already signed by the {role.value.replace('_', ' ')} (R-X2).")
    signature = uow.add(Signature(
        plan_id=plan_id, plan_version_id=version.id, version_digest=version.digest, role=role,
        signer_name=signer_name.strip(), signed_at=uow.clock.now(), device=ink.device,
        consent_text=consent_text, strokes=ink.to_json(),
    ), f"signature.{role.value}")
    if version.number > 1 and signed_by_all(version, uow.list(Signature, plan_id=plan_id)):
        notes.close_update_services(uow, plan_id)  # R-V3: signed again, the update is done
    return signature


def verify_signature(uow: UnitOfWork, signature: Signature) -> bool:
    """R-X2: the signature's digest is its version's digest, and that version's content hashes to it."""
    version = uow.find_one(PlanVersion, signature.plan_version_id)
    if version is None:
        return False
    return signature.version_digest == version.digest == content_digest(json.loads(version.content))


def signature_matches_current(uow: UnitOfWork, signature: Signature) -> bool:
    plan = uow.get(Plan, signature.plan_id)
    return verify_signature(uow, signature) and signature.version_digest == _current(uow, plan)[1]


def delivered_since_signing(uow: UnitOfWork, plan_id: str) -> tuple[int, list[dict[str, Any]]] | None:
    """When the only changes since the signed version are how services went, and the board does
    not sign for those (R-V3): that version's number and the services as recorded now (R-S3)."""
    status = sign_status(uow, plan_id)
    signed = status.signed_version
    if signed is None or status.state is not SignState.SIGNED or signed.digest == status.current_digest:
        return None
    if signed is not status.latest_version:
        return None
    live, _ = _current(uow, uow.get(Plan, plan_id))
    if without_delivery(json.loads(signed.content)) != without_delivery(live):
        return None
    return signed.number, live["services"]


def version_for_print(uow: UnitOfWork, plan_id: str, number: int | None) -> tuple[dict[str, Any], str, int | None, list[Signature]]:
    """What to print: a frozen version (with its own signatures) or the live draft (unsigned)."""
    if number is None:
        status = sign_status(uow, plan_id)
        latest = status.latest_version
        delivered = delivered_since_signing(uow, plan_id)
        agreed = status.signed_version
        if delivered is not None:
            number = delivered[0]
        elif agreed is not None and agreed.digest == status.current_digest:
            number = agreed.number  # exactly what everyone signed, whatever was frozen after it
        elif latest is None or latest.digest != status.current_digest:
            content, digest = _current(uow, uow.get(Plan, plan_id))
            return content, digest, None, []
        else:
            number = latest.number
    version = next((v for v in versions_of(uow, plan_id) if v.number == number), None)
    if version is None:
        raise NotFound(f"This plan has no version {number}; 'iep sign-status' lists its versions.")
    signatures = [s for s in uow.list(Signature, order_by="signed_at", plan_id=plan_id) if s.plan_version_id == version.id]
    if tampered_lines([version], signatures):
        raise InvalidInput(f"Version {version.number} of this plan was changed outside IEP Desktop, so it is not "
                           "printed (R-X2); tell office IT. 'iep sign-status' shows what does not match.")
    return json.loads(version.content), version.digest, version.number, signatures


def signed_at(signatures: list[Signature]) -> datetime | None:
    return max((s.signed_at for s in signatures), default=None)


def sign_status_of_participant(uow: UnitOfWork, participant_id: str) -> tuple[SignStatus, list[PlanVersion]]:
    """The signing state of the participant's current plan, with its versions ('iep sign-status')."""
    plan = current_plan(uow, participant_id)
    if plan is None:
        raise NotFound("This participant has no plan yet.")
    return sign_status(uow, plan.id), versions_of(uow, plan.id)
