"""Whether a plan is a draft, awaiting signature or signed (R-X1, R-X2, R-V3). Pure."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from iep_desktop import i18n
from iep_desktop.clock import local_day
from iep_desktop.domain.models import PlanVersion, Signature, SignerRole
from iep_desktop.domain.plan_content import content_digest, signature_required
from iep_desktop.profiles.schema import BoardProfile

REQUIRED_ROLES = (SignerRole.PARTICIPANT, SignerRole.COACH)
CONSENT_TEXT = ("By signing electronically I agree that my signature has the same effect as signing "
                "this plan on paper.")
CONSENT_CONTEXT = "consent"


def consent_text(language: str | None = None) -> str:
    """The consent a signer agrees to, in ``language`` (default: the current one); issue 18.

    The signature page shows it in the participant's language and stores exactly what was shown.
    """
    return i18n.translate(CONSENT_CONTEXT, CONSENT_TEXT, language)


def consent_for_copy(stored: str, language: str | None = None) -> str:
    """The consent under a signature on a printed copy: the app's own consent (in whichever
    language it was signed) in the copy's language; any other text exactly as it was signed."""
    known = {consent_text(code) for code in i18n.LANGUAGES}
    return consent_text(language) if stored.strip() in known else stored


class SignState(StrEnum):
    DRAFT = "draft"                  # never signed
    AWAITING = "awaiting signature"  # changed since signing and the board wants it signed again
    SIGNED = "signed"
    TAMPERED = "tampered"            # a stored version or signature does not match its own content


@dataclass(frozen=True)
class SignStatus:
    state: SignState
    current_digest: str
    signed_version: PlanVersion | None  # the latest version signed by participant and coach
    latest_version: PlanVersion | None
    signed_roles: frozenset[SignerRole]  # roles that signed the latest version
    changed_since_signed: bool           # live content differs from the signed version
    tampered: tuple[str, ...] = ()       # what does not match, one line each (issue 14, finding 7)

    def lines(self) -> list[str]:
        out = [f"Status: {self.state.value}", f"Current content digest: {self.current_digest}"]
        if self.tampered:
            out += self.tampered
            out.append("Its signatures do not count (R-X2). The store was changed outside IEP Desktop: "
                       "tell office IT, and run 'iep verify'.")
        if self.signed_version:
            v = self.signed_version
            out.append(f"Signed version: {v.number} ({v.digest[:12]}), frozen {local_day(v.created_at):%m/%d/%Y}")
        if self.latest_version and self.latest_version is not self.signed_version:
            roles = ", ".join(sorted(r.value for r in self.signed_roles)) or "nobody"
            out.append(f"Latest version: {self.latest_version.number} ({self.latest_version.digest[:12]}), "
                       f"signed by {roles}")
        if self.changed_since_signed:
            out.append("The plan changed after it was signed"
                       + ("; new signatures are needed (R-V3)." if self.state is SignState.AWAITING
                          else "; this board needs no new signature for such changes (R-V3)."))
        return out


def version_intact(version: PlanVersion) -> bool:
    """The version's stored digest is the digest of its stored content, recomputed (issue 14,
    finding 7): a version edited in the store, content or digest, is not what was signed."""
    if hashlib.sha256(version.content.encode("utf-8")).hexdigest() == version.digest:
        return True  # stored in canonical form, as freeze_version writes it
    try:
        return content_digest(json.loads(version.content)) == version.digest
    except ValueError:
        return False


def tampered_lines(versions: list[PlanVersion], signatures: list[Signature]) -> tuple[str, ...]:
    """One line per version whose content does not hash to its digest, and per signature that
    names a digest its version does not hold (versions are never changed once frozen)."""
    out = [f"Version {v.number}: TAMPERED, its content does not match its stored digest ({v.digest[:12]})."
           for v in versions if not version_intact(v)]
    by_id = {v.id: v for v in versions}
    out += [f"Version {by_id[s.plan_version_id].number}: TAMPERED, the {s.role.value.replace('_', ' ')}'s signature "
            f"names digest {s.version_digest[:12]}, the version holds {by_id[s.plan_version_id].digest[:12]}."
            for s in signatures if s.plan_version_id in by_id and s.version_digest != by_id[s.plan_version_id].digest]
    return tuple(out)


def signed_by_all(version: PlanVersion, signatures: list[Signature]) -> bool:
    """R-X2: only signatures made on this exact version (same id and digest) count, and only
    while the version's content still hashes to that digest."""
    roles = {s.role for s in signatures if s.plan_version_id == version.id and s.version_digest == version.digest}
    return all(role in roles for role in REQUIRED_ROLES) and version_intact(version)


def compute_sign_status(versions: list[PlanVersion], signatures: list[Signature],
                        content: dict[str, Any] | Callable[[], dict[str, Any]], profile: BoardProfile, *,
                        digest: str | None = None) -> SignStatus:
    """``content`` may be a function that builds it, with its ``digest`` given: the caseload
    knows each plan's digest already and needs the content only for a plan changed after signing."""
    versions = sorted(versions, key=lambda v: v.number)
    if digest is None:
        content = content() if callable(content) else content
        digest = content_digest(content)
    signed = next((v for v in reversed(versions) if signed_by_all(v, signatures)), None)
    latest = versions[-1] if versions else None
    latest_roles = frozenset(s.role for s in signatures if latest and s.plan_version_id == latest.id)
    changed = signed is not None and signed.digest != digest
    tampered = tampered_lines(versions, signatures)
    if tampered:
        state = SignState.TAMPERED
    elif signed is None:
        state = SignState.AWAITING if latest_roles else SignState.DRAFT
    elif changed and signature_required(profile, json.loads(signed.content),
                                        content() if callable(content) else content):
        state = SignState.AWAITING
    elif latest is not None and latest is not signed and latest.needs_signature and latest.digest == digest:
        state = SignState.AWAITING
    else:
        state = SignState.SIGNED
    return SignStatus(state, digest, signed, latest, latest_roles, changed, tampered)
