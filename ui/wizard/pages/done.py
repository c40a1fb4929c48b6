"""The plan is signed: print it (office and participant copies) and go back to the caseload.

Issue 13: every button has an Alt+letter; the page says what each copy is for; a suggested file
name is unique per plan and plan version and holds no personal data
(``IEP-3f9a2c1d-v2-office-copy-2026-08-15.pdf``: a piece of the random plan id, never a name); the
folder used last is offered next time; an existing file is replaced only when the coach says so.
Print sends the copy to the print queue (CUPS ``lp``, macOS and Linux) from memory; on Windows,
which has no such queue, it saves the copy and opens it in the system's PDF viewer to print.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGridLayout, QMessageBox

from iep_desktop.domain.sign_state import SignState
from iep_desktop.errors import IepError
from iep_desktop.fsutil import atomic_write_bytes
from iep_desktop.services import printing, signing
from ui.i18n import in_language
from ui.settings import Settings
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import PlanPage
from ui.wizard.widgets import MessageLabel, fmt, heading, live, plain_label, touch_button, tr

Copy = Literal["office", "participant"]


class DonePage(PlanPage):
    page_id = PageId.DONE

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Done"), tr("The {kind} is saved. Print it for the file and give the "
                                             "participant a copy (R-X1).").format(kind=ctx.kind))
        self.summary = heading("")
        self.details = plain_label()
        self.message = MessageLabel()
        self.pdf_button = touch_button(tr("Save &office copy PDF…"), tr("Save office copy PDF"),
                                       lambda: self.export("office"))
        self.copy_button = touch_button(tr("Save &participant copy PDF…"), tr("Save participant copy PDF"),
                                        lambda: self.export("participant"))
        self.print_button = touch_button(tr("P&rint participant copy…"), tr("Print participant copy"),
                                         lambda: self.print_copy("participant"))
        self.close_button = touch_button(tr("Back to &caseload"), tr("Back to caseload"), self._close)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.details)
        self.body.addWidget(plain_label(tr(
            "Office copy: the signed plan for the participant's file at the office. Participant copy: "
            "the same plan, marked as the participant's, to hand to them today. Neither copy "
            "prints confidential counseling statements (R-A2).")))
        self.body.addWidget(plain_label(tr(
            "Print sends the participant copy to the printer; on Windows it opens in your PDF viewer, "
            "which prints it.")))
        # Two rows of two: in one row the Spanish labels (about 25 % longer) were cut off at 1366x768.
        # Reading order (and Tab order) is still left to right, top to bottom.
        row = QGridLayout()
        for number, button in enumerate((self.pdf_button, self.copy_button, self.print_button, self.close_button)):
            row.addWidget(button, number // 2, number % 2)
        row.setColumnStretch(2, 1)
        self.body.addLayout(row)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self._version: int | None = None

    def enter(self) -> None:
        plan = self.ctx.plan
        if plan is None:
            return
        try:
            status = self.ctx.run(lambda uow: signing.sign_status(uow, plan.id))
        except IepError as exc:
            self.message.show_error(in_language(exc))
            return
        kind = self.ctx.kind
        latest = status.signed_version or status.latest_version
        self._version = latest.number if latest is not None else None
        if status.state is SignState.SIGNED and status.signed_version is not None:
            live(self.summary, "setText", tr("The {kind} is signed (version {number}).").format(
                kind=kind, number=status.signed_version.number))
        else:
            live(self.summary, "setText", tr("The {kind} is saved but {state}.").format(kind=kind, state=_state_word(status.state)))
        live(self.details, "setText", tr("{name}, {kind} started {start}. Today is {today}.").format(
            name=self.ctx.participant.display_name, kind=kind, start=fmt(plan.start_date), today=fmt(self.ctx.today)))

    def suggested_name(self, copy: Copy) -> str:
        """Unique per plan (so per participant), plan version and copy, with the day it is saved;
        no name, no date of birth, no SSN: ``IEP-3f9a2c1d-v2-office-copy-2026-08-15.pdf`` (a piece
        of the plan's random id)."""
        plan = self.ctx.plan
        short = (plan.id if plan is not None else self.ctx.participant_id).replace("-", "")[:8]
        version = f"v{self._version}" if self._version is not None else "draft"
        return f"{self.ctx.kind}-{short}-{version}-{copy}-copy-{self.ctx.today.isoformat()}.pdf"

    def folder(self) -> Path:
        saved = Settings().pdf_folder
        return Path(saved) if saved and Path(saved).is_dir() else Path.home()

    def ask_path(self, copy: Copy) -> str:
        """Where to write the PDF (a separate method so tests can answer without a dialog)."""
        title = tr("Save office copy PDF") if copy == "office" else tr("Save participant copy PDF")
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(self.folder() / self.suggested_name(copy)), tr("PDF files (*.pdf)"),
            options=QFileDialog.Option.DontConfirmOverwrite)  # asked below, the same on every platform
        return path

    def confirm_overwrite(self, target: Path) -> bool:
        """A file of that name is there already: replace it only if the coach says so."""
        answer = QMessageBox.question(
            self, tr("Replace the file?"),
            tr("{name} already exists in {folder}. Replace it?").format(name=target.name, folder=target.parent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def export(self, copy: Copy) -> Path | None:
        plan = self.ctx.plan
        if plan is None:
            return None
        path = self.ask_path(copy)
        if not path:
            return None
        target = Path(path)
        if target.exists() and not self.confirm_overwrite(target):
            self.message.show_info(tr("Not saved: {name} was left as it was.").format(name=target.name))
            return None
        try:  # the same printed plan as `iep pdf` and batch printing
            data = self.ctx.run(lambda uow: printing.plan_pdf_for(uow, plan, copy=copy))
            atomic_write_bytes(target, data)
        except (IepError, OSError, ValueError) as exc:
            self.message.show_error(tr("The PDF was not saved: {why}").format(why=getattr(exc, "message", None) or exc))
            return None
        settings = Settings()
        settings.pdf_folder = str(target.parent)  # offered first next time
        settings.sync()
        self.message.show_ok(tr("Saved {name} in {folder}.").format(name=target.name, folder=target.parent))
        return target

    def print_copy(self, copy: Copy) -> bool:
        """Send the PDF to the system's print queue (CUPS ``lp`` on macOS and Linux), from memory:
        no file is written. Where there is no queue, say how to print the saved PDF instead."""
        plan = self.ctx.plan
        if plan is None:
            return False
        lp = shutil.which("lp")
        if lp is None:  # Windows: no print queue to hand a PDF to; its PDF viewer prints
            return self.print_through_viewer(copy)
        try:
            data = self.ctx.run(lambda uow: printing.plan_pdf_for(uow, plan, copy=copy))
            done = subprocess.run([lp, "-t", self.suggested_name(copy), "-"], input=data, capture_output=True,
                                  timeout=60, check=False)
        except (IepError, OSError, subprocess.SubprocessError) as exc:
            self.message.show_error(tr("Not printed: {why}").format(why=getattr(exc, "message", None) or exc))
            return False
        if done.returncode != 0:
            self.message.show_error(tr("Not printed: the print queue said {why}").format(
                why=done.stderr.decode(errors="replace").strip() or done.returncode))
            return False
        self.message.show_ok(tr("Sent to the printer."))
        return True

    def print_through_viewer(self, copy: Copy) -> bool:
        """Save the copy (asking where, as the Save buttons do), then open it in the computer's
        PDF viewer, which prints it: on Windows that is how a PDF is printed."""
        target = self.export(copy)
        if target is None:
            return False
        if not self.open_in_viewer(target):
            self.message.show_warning(tr("Saved {name} in {folder}, but no PDF viewer opened it: open the "
                                         "file and print it from there.").format(name=target.name,
                                                                                 folder=target.parent))
            return False
        self.message.show_ok(tr("Opened {name} in your PDF viewer: print it from there (Ctrl+P).").format(
            name=target.name))
        return True

    def open_in_viewer(self, target: Path) -> bool:
        """The system's PDF viewer (a method of its own so tests need not start one)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _close(self) -> None:
        self.plan_wizard().accept()


def _state_word(state: SignState) -> str:
    words = {SignState.DRAFT: tr("draft"), SignState.AWAITING: tr("awaiting signature"),
             SignState.SIGNED: tr("signed"), SignState.TAMPERED: tr("tampered")}
    return words.get(state) or state.value
