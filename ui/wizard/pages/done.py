"""The plan is signed: print it (office and participant copies) and go back to the caseload."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QFileDialog, QHBoxLayout

from iep_desktop.domain.sign_state import SignState
from iep_desktop.errors import IepError
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.services import printing, signing
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import MessageLabel, fmt, heading, plain_label, touch_button

Copy = Literal["office", "participant"]


class DonePage(PlanPage):
    page_id = PageId.DONE

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, "Done", f"The {ctx.kind} is saved. Print it for the file and give the "
                         f"participant a copy (R-X1).")
        self.summary = heading("")
        self.details = plain_label()
        self.message = MessageLabel()
        self.pdf_button = touch_button("Save plan PDF…", "Save plan PDF", lambda: self.export("office"))
        self.copy_button = touch_button("Participant copy PDF…", "Save participant copy PDF",
                                        lambda: self.export("participant"))
        self.close_button = touch_button("Back to caseload", on_click=self._close)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.details)
        row = QHBoxLayout()
        for button in (self.pdf_button, self.copy_button, self.close_button):
            row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(self.message)
        self.body.addWidget(plain_label("Confidential counseling statements are never printed on "
                                        "either copy (R-A2)."))
        self.body.addStretch(1)

    def enter(self) -> None:
        plan = self.ctx.plan
        if plan is None:
            return
        try:
            status = self.ctx.run(lambda uow: signing.sign_status(uow, plan.id))
        except IepError as exc:
            self.message.show_error(exc.message)
            return
        kind = self.ctx.kind
        if status.state is SignState.SIGNED and status.signed_version is not None:
            self.summary.setText(f"The {kind} is signed (version {status.signed_version.number}).")
        else:
            self.summary.setText(f"The {kind} is saved but {status.state.value}.")
        self.details.setText(f"{self.ctx.participant.display_name}, {kind} started "
                             f"{fmt(plan.start_date)}. Today is {fmt(self.ctx.today)}.")

    def ask_path(self, copy: Copy) -> str:
        """Where to write the PDF (a separate method so tests can answer without a dialog)."""
        title = "Save plan PDF" if copy == "office" else "Save participant copy PDF"
        suffix = "" if copy == "office" else "-participant-copy"
        name = f"{self.ctx.kind}-{self.ctx.today:%Y-%m-%d}{suffix}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), "PDF files (*.pdf)")
        return path

    def export(self, copy: Copy) -> Path | None:
        plan = self.ctx.plan
        if plan is None:
            return None
        path = self.ask_path(copy)
        if not path:
            return None
        try:  # the same printed plan as `iep pdf` and batch printing
            data = self.ctx.run(lambda uow: printing.plan_pdf_for(uow, plan, copy=copy))
            target = Path(path)
            atomic_write_bytes(target, data)
        except (IepError, OSError, ValueError) as exc:
            self.message.show_error(f"The PDF was not saved: {getattr(exc, 'message', None) or exc}")
            return None
        self.message.show_ok(f"Saved {target.name}.")
        return target

    def _close(self) -> None:
        self.plan_wizard().accept()
