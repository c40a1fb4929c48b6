"""Participant and career coach sign on screen (R-X1); each signature binds to the exact
version of the plan it was made on (R-X2). A parent or guardian may also sign a Youth ISS.

In review mode the "IEP/ISS Review/Update" review is recorded when the coach finishes here
(R-V2): the changed plan and its new signatures belong to that review.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget, QWizard

from iep_desktop.domain.models import Program, ReviewOutcome, SignerRole
from iep_desktop.domain.plain_summary import signing_texts
from iep_desktop.domain.sign_state import SignState, SignStatus
from iep_desktop.errors import IepError
from iep_desktop.services import notes, signing
from ui.i18n import in_language
from ui.signature_pad import SignaturePanel
from ui.widgets.screen_fit import is_compact
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import (
    MessageLabel,
    fmt,
    heading,
    line_edit,
    live,
    make_primary,
    plain_label,
    touch_button,
    tr,
)

ROLE_WORDS = {SignerRole.PARTICIPANT: tr("Participant"), SignerRole.COACH: tr("Career coach"),
              SignerRole.PARENT_GUARDIAN: tr("Parent/guardian")}
SIGN_AS = {SignerRole.PARTICIPANT: tr("Sign as participant"), SignerRole.COACH: tr("Sign as career coach"),
           SignerRole.PARENT_GUARDIAN: tr("Sign as parent/guardian")}

# Three 44-px buttons and their gaps: the column beside the pad (the pad would take 180 to 220).
COMPACT_PAD_HEIGHT = 3 * 44 + 2 * 4 + 8


@dataclass
class Signer:
    role: SignerRole
    name: str
    panel: SignaturePanel
    button: QPushButton
    message: MessageLabel
    frame: QFrame
    consent: str = signing.CONSENT_TEXT  # what this signer is shown, and agrees to (issue 18)


class SignaturesPage(PlanPage):
    page_id = PageId.SIGNATURES

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Signatures"), tr("The participant and you sign the plan as it is now. Each "
                                                   "signature belongs to this exact version of the plan "
                                                   "(R-X1, R-X2)."))
        self.signers: dict[SignerRole, Signer] = {}
        self.status: SignStatus | None = None
        self.review_recorded = False
        # First what the participant signs, in large plain words (issue 13); the status and the
        # fingerprint behind a "details" line. Each panel shows the consent and today's date.
        self.summary_heading = heading(tr("What {name} signs").format(name=ctx.participant.display_name))
        self.summary = plain_label()
        live(self.summary, "setAccessibleName", tr("What the participant signs"))
        large = self.summary.font()
        large.setPointSizeF(large.pointSizeF() * 1.25)
        self.summary.setFont(large)
        self.details_button = touch_button(tr("Show &details (status and plan fingerprint)"),
                                           tr("Show details: status and plan fingerprint"))
        self.details_button.setCheckable(True)
        self.details_button.setFlat(True)
        self.details_button.setStyleSheet("text-align: left; padding-left: 0;")
        self.status_lines = plain_label()
        live(self.status_lines, "setAccessibleName", tr("Signature status"))
        self.status_lines.setVisible(False)
        self.details_button.toggled.connect(self.status_lines.setVisible)
        self.message = MessageLabel()
        self._last_stop: QWidget = self.details_button  # the Tab stop the next panel follows
        # The "details" line on the heading's row: a row less above the pad (issue 13).
        top = QHBoxLayout()
        top.addWidget(self.summary_heading, 1)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.body.addLayout(top)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.status_lines)
        self.body.addWidget(self.message)
        self.panels = QVBoxLayout()
        self.body.addLayout(self.panels)
        self.parent_row: QWidget | None = None
        self.body.addStretch(1)

    # -- building the panels --------------------------------------------------------------------
    def _ensure_panels(self) -> None:
        if self.signers:
            return
        ctx = self.ctx
        plan = ctx.plan
        self._add_signer(SignerRole.PARTICIPANT, ctx.participant.display_name)
        self._add_signer(SignerRole.COACH, (plan.coach_name if plan else "") or ctx.actor)
        if ctx.participant.program is Program.YOUTH and ctx.profile.parent_signature == "optional":
            self._add_parent_row()

    def _add_signer(self, role: SignerRole, name: str) -> Signer:
        words = ROLE_WORDS[role].again()
        # Issue 18: the participant (and a parent) read the consent in the participant's language,
        # the coach in the app's.
        consent = (signing.consent_text() if role is SignerRole.COACH
                   else signing_texts(self.ctx.snapshot, self.ctx.profile).consent)
        panel = SignaturePanel(words, name, consent, fmt(self.ctx.today))
        panel.setObjectName(f"signature_{role.value}")
        button = make_primary(touch_button(SIGN_AS[role].again(), SIGN_AS[role].again(),
                                           lambda: self.sign(role)))
        message = MessageLabel()
        frame = QFrame()
        frame.setObjectName(f"signer_{role.value}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(panel)
        panel.add_action(button)  # beside the pad: the signer's block fits a 540-px screen
        # Enter on the pad signs, as the default button of a dialog would (issue 13: keyboard).
        panel.pad.sign_requested.connect(lambda: self.sign(role) if button.isEnabled() else None)
        layout.addWidget(message)
        if is_compact(self):  # a short screen: the pad as high as Sign, Clear and Undo beside it
            panel.pad.setFixedHeight(COMPACT_PAD_HEIGHT)  # (not 220), so the summary keeps room above
        self.panels.addWidget(frame)
        frame.show()  # at once, not on the next turn of the event loop
        # Made after the page: put the panel's stops where it sits, after what is above it.
        QWidget.setTabOrder(self._last_stop, panel.pad)
        QWidget.setTabOrder(panel.clear_button, panel.undo_button)
        self._last_stop = panel.undo_button
        signer = Signer(role, name, panel, button, message, frame, consent)
        self.signers[role] = signer
        return signer

    def _add_parent_row(self) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.parent_name = line_edit(tr("Parent or guardian name"), tr("Parent or guardian's full name"))
        self.parent_button = touch_button(tr("Add parent/guardian signature (optional)"),
                                          on_click=self.add_parent)
        layout.addWidget(self.parent_name, 1)
        layout.addWidget(self.parent_button)
        self.parent_row = row
        self.panels.addWidget(plain_label(tr("A parent or guardian may also sign; it is not required "
                                             "(R-X1).")))
        self.panels.addWidget(row)
        row.show()
        # Once the row is on the page (Qt ignores a tab order between two windows): its stops come
        # after the coach's, where it sits, not after the wizard's buttons.
        QWidget.setTabOrder(self._last_stop, self.parent_name)
        QWidget.setTabOrder(self.parent_name, self.parent_button)
        self._last_stop = self.parent_button

    def add_parent(self) -> None:
        name = self.parent_name.text().strip()
        if not name:
            self.message.show_error(tr("Type the parent or guardian's name first."))
            return
        if SignerRole.PARENT_GUARDIAN in self.signers:
            return
        self._add_signer(SignerRole.PARENT_GUARDIAN, name)
        if self.parent_row is not None:
            self.parent_row.setEnabled(False)
        self._show_status()

    # -- page life ------------------------------------------------------------------------------
    def enter(self) -> None:
        self.ctx.refresh()
        # Issue 18: the plain summary in the participant's preferred language.
        self.summary.setText("\n".join(signing_texts(self.ctx.snapshot, self.ctx.profile).summary))
        self._ensure_panels()
        self._show_status()
        # Once laid out: on a short screen (200 %, a long plan) the summary pushed the pad and its
        # Sign button below the fold (issue 13). Scroll just enough that the first signer's
        # whole block shows, the end of the summary above it; the rest of it scrolls back.
        QTimer.singleShot(0, self, self.show_next_signer)  # not after the page is gone

    def show_next_signer(self) -> None:
        """Bring the block of the first signer still to sign fully into view."""
        waiting = [s for s in self.signers.values() if s.button.isEnabled()]
        wizard = self.wizard()
        if waiting and wizard is not None and wizard.currentPage() is self:
            self.scroll_area.ensureWidgetVisible(waiting[0].frame, 0, 0)

    def first_stop(self) -> QWidget | None:
        """The pad of the first signer still to sign; after everyone, nothing (Next)."""
        waiting = [s for s in self.signers.values() if s.button.isEnabled()]
        return waiting[0].panel.pad if waiting else None

    def isComplete(self) -> bool:
        return self.status is not None and self.status.state is SignState.SIGNED

    def _show_status(self) -> None:
        plan = self.ctx.plan
        if plan is None:
            return
        try:
            self.status = self.ctx.run(lambda uow: signing.sign_status(uow, plan.id))
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        status = self.status
        self.status_lines.setText("\n".join(_readable(line, status.current_digest)
                                            for line in status.lines()))
        current = status.latest_version is not None and status.latest_version.digest == status.current_digest
        for role, signer in self.signers.items():
            done = current and role in status.signed_roles
            if not done and not signer.button.isEnabled():
                # Signed an earlier version; the plan changed since (R-X2): sign afresh.
                signer.panel.pad.clear()
                signer.message.show_warning(tr("The plan changed after this signature; sign again."))
            signer.button.setEnabled(not done)
            # The pad and its buttons stop taking ink; who signed, the consent and the date stay
            # readable (a disabled panel greys its text out to an unreadable contrast).
            for part in (signer.panel.pad, signer.panel.clear_button, signer.panel.undo_button):
                part.setEnabled(not done)
            if done:
                signer.message.show_ok(tr("Signed by {name} on this version.").format(name=signer.name))
        self.completeChanged.emit()

    # -- signing --------------------------------------------------------------------------------
    def sign(self, role: SignerRole) -> bool:
        signer = self.signers[role]
        plan = self.ctx.plan
        if plan is None:
            return False
        ink = signer.panel.accepted_ink()
        if ink is None:  # the panel itself says, under the pad, that the signature is too short
            signer.message.clear_message()
            return False
        signed, _ = self.ctx.attempt(lambda uow: signing.sign_plan(uow, plan.id, role=role, signer_name=signer.name,
                                                                   ink=ink, consent_text=signer.consent),
                                     signer.message)
        if not signed:
            return False
        signer.message.show_ok(tr("Signed by {name}.").format(name=signer.name))
        self._show_status()
        waiting = [s for s in self.signers.values() if s.button.isEnabled()]
        if waiting:  # bring the next signer's pad into view (once "Signed by" has its line), and the keyboard to it
            QTimer.singleShot(0, self, self.show_next_signer)
            waiting[0].panel.pad.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # everyone signed: the next thing to do is Next (or Finish), not "< Back"
            self.scroll_area.ensureWidgetVisible(signer.message)
            wizard = self.wizard()
            if wizard is not None:
                wizard.button(QWizard.WizardButton.NextButton).setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def validatePage(self) -> bool:
        """Finishing the signatures of a review with changes records that review (R-V2)."""
        plan = self.ctx.plan
        if not self.ctx.review or self.review_recorded or plan is None:
            return True
        try:
            meeting = self.ctx.meeting_kind
            self.ctx.run(lambda uow: notes.record_review(uow, plan.id, ReviewOutcome.UPDATED, meeting_kind=meeting))
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return False
        self.review_recorded = True
        return True

    def cleanupPage(self) -> None:
        """Nothing to save: signatures are saved when signed."""


def _readable(line: str, digest: str) -> str:
    """Coaches compare a short fingerprint (as printed on the PDF), not 64 hex digits."""
    if line.startswith("Current content digest:"):
        return tr("Plan fingerprint: {digest}").format(digest=digest[:12])
    return line
