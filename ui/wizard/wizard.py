"""The plan wizard: one page per part of the IEP/ISS, built with the participant.

The wizard holds no plan data of its own: every page reads from and writes to the encrypted
store through the services, so closing it at any point (or a crash) loses nothing that was
saved, and pages save as the coach types (see pages/base.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget, QWizard, QWizardPage

from iep_desktop.app_session import AppSession, Store
from iep_desktop.errors import IepError
from iep_desktop.services import work_in_progress as wip
from ui.i18n import Retranslatable
from ui.widgets.keyboard import buttons_last, tidy_tab_stops
from ui.widgets.screen_fit import fit_to_screen, is_compact
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PAGE_NAMES, PageId
from ui.wizard.pages.assessment import AssessmentPage
from ui.wizard.pages.barriers import BarriersPage
from ui.wizard.pages.base import PlanPage
from ui.wizard.pages.done import DonePage
from ui.wizard.pages.goals import GoalsPage
from ui.wizard.pages.objectives import ObjectivesPage
from ui.wizard.pages.participant import ParticipantPage
from ui.wizard.pages.prerequisites import PrerequisitesPage
from ui.wizard.pages.review import ReviewPage
from ui.wizard.pages.review_choice import ReviewChoicePage
from ui.wizard.pages.services import ServicesPage
from ui.wizard.pages.signatures import SignaturesPage
from ui.wizard.widgets import TOUCH_HEIGHT, live, live_text, tr

_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton)
_PAGES: tuple[Callable[[WizardContext], PlanPage], ...] = (
    ParticipantPage, PrerequisitesPage, AssessmentPage, BarriersPage, GoalsPage, ObjectivesPage,
    ServicesPage, ReviewPage, SignaturesPage, DonePage,
)


class PlanWizard(Retranslatable, QWizard):
    def __init__(self, session: AppSession | Store, participant_id: str, actor: str | None = None,
                 today: date | None = None, parent: QWidget | None = None, *, review: bool = False) -> None:
        """``session``: the app's session; a store alone (a wizard made on its own, as in tests)
        gets a session of its own over that store, acting as ``actor``."""
        super().__init__(parent)
        if not isinstance(session, AppSession):
            session = AppSession.for_store(session, actor or "")
        self.session = session
        self.ctx = WizardContext(session, participant_id, today, review)
        self.confirmation: QMessageBox | None = None
        self.setObjectName("plan_wizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)  # Enter in a box never pages on
        for which in _BUTTONS:
            button = self.button(which)
            button.setMinimumHeight(TOUCH_HEIGHT)
            button.setMinimumWidth(110)
        self.pages: dict[PageId, PlanPage] = {}
        self._where: wip.OpenPlan | None = None  # last position written to the store
        self._closing = False
        self.recovered_summary = ""  # after a crash: what resume() brought back, in words
        if review:
            self._add(ReviewChoicePage(self.ctx))
        for page_type in _PAGES:
            self._add(page_type(self.ctx))
        self.setStartId(int(PageId.REVIEW_CHOICE if review else PageId.PARTICIPANT))
        steps = list(self.pages.values())
        for number, page in enumerate(steps, start=1):
            tidy_tab_stops(page)  # tables one Tab stop, no invisible stops (issue 13)
            # Enter presses the page button that has the keyboard, as on Windows and as the
            # wizard's own Back/Next do (issue 13: Enter on "Start the IEP" did nothing). Only
            # that one: the wizard's default button is its hidden Finish, so Enter in a text box
            # still presses nothing. (Not in touch_button: in a dialog without a default button,
            # Qt would make the first such button the default for every Enter.)
            _enter_presses(page)
            # Where the coach is, at a glance (issue 13: there was no step indicator).
            # (QWizardPage's title: ObjectivesPage.title() is the objective's title in its form)
            heading = live_text(page, "setTitle") or QWizardPage.title(page)
            live(page, "setTitle", tr("Step {n} of {total}: {title}").format(n=number, total=len(steps),
                                                                             title=heading))
        self.currentIdChanged.connect(self._page_changed)
        self.retranslate_ui()
        fit_to_screen(self, QSize(1040, 780))  # a 768-px laptop or 200 %: the buttons stay on screen
        if is_compact(self):  # a short screen: each page's explanation scrolls, the fields get the room
            for page in steps:
                page.fold_subtitle()

    def retranslate_ui(self) -> None:
        """The window's title and buttons in the language now in use (each page does its own)."""
        if "ctx" not in self.__dict__:  # its __init__ stopped early (a refused open): nothing shown
            return
        name = self.ctx.participant.display_name
        self.setWindowTitle(tr("{kind} review — {name}").format(kind=self.ctx.kind, name=name) if self.ctx.review
                            else tr("{kind} — {name}").format(kind=self.ctx.kind, name=name))
        # Every button has an Alt+letter, as in Windows wizards: Alt+B Back, Alt+N Next.
        for which, text in ((QWizard.WizardButton.BackButton, tr("< &Back")),
                            (QWizard.WizardButton.NextButton, tr("&Next >")),
                            (QWizard.WizardButton.CommitButton, tr("Co&mmit")),
                            (QWizard.WizardButton.CancelButton, tr("Save and c&lose")),
                            (QWizard.WizardButton.FinishButton, tr("&Finish"))):
            self.setButtonText(which, text)

    def _add(self, page: PlanPage) -> None:
        self.pages[page.page_id] = page
        self.setPage(int(page.page_id), page)

    # -- pages ------------------------------------------------------------------------------
    def page_of(self, page_id: PageId) -> PlanPage:
        return self.pages[page_id]

    def current_page_id(self) -> PageId | None:
        current = self.currentId()
        return PageId(current) if current >= 0 else None

    def _page_changed(self, page_id: int) -> None:
        if page_id >= 0:
            page = self.pages[PageId(page_id)]
            page.enter()
            _enter_presses(page)  # again: buttons a page makes as it opens (chips, Sign)
            self.order_tabs(page)
            first = page.first_stop()
            if first is None and self.button(QWizard.WizardButton.NextButton).isVisible():
                first = self.button(QWizard.WizardButton.NextButton)  # nothing to fill in: go on
            if first is not None:  # the page's first thing to do, not "< Back"
                first.setFocus(Qt.FocusReason.TabFocusReason)
            self.remember_where()

    def order_tabs(self, page: PlanPage) -> None:
        """Reading order: the page's content first, then Back, Next, Finish, Save and close.
        Again on each page: widgets a page makes as it opens (chips, pads) join the chain's end."""
        buttons_last(self, [self.button(which) for which in _BUTTONS])

    # -- crash recovery (services/work_in_progress.py) ----------------------------------------------
    def remember_where(self) -> None:
        """Write the open page, the record in its form and unsaved text into the store."""
        page_id = self.current_page_id()
        if page_id is None or self._closing:
            return
        page = self.pages[page_id]
        where = wip.OpenPlan(self.ctx.participant_id, page_id.slug, page.record_in_form(), page.unsaved_text(),
                             self.ctx.review)
        if where == self._where:
            return
        try:
            self.ctx.run(lambda uow: wip.remember_open_plan(uow, where))
        except IepError:
            return  # locked or failing: written again with the next change
        self._where = where

    def resume(self, where: wip.OpenPlan, message: str) -> PageId | None:
        """After a crash: walk forward to the page the coach was on and put the typing back."""
        target = next((p for p in self.pages if p.slug == where.page), None)
        while target is not None and self.currentId() != int(target):
            before = self.currentId()
            self.next()  # saves each page on the way, like the coach pressing Next
            if self.currentId() == before:
                break  # a page that cannot be left yet (an error on the review page): stop there
        page_id = self.current_page_id()
        if page_id is None:
            return None
        page = self.pages[page_id]
        restored: dict[str, str] = {}
        if page_id == target:
            page.focus_record(where.record_id)
            if where.draft:
                page.restore_text(where.draft)
                restored = where.draft
        self.recovered_summary = self._describe_recovery(page_id, target, restored)
        page.show_recovered(f"{message} {self.recovered_summary}")
        self.remember_where()
        return page_id

    def _describe_recovery(self, page_id: PageId, target: PageId | None, draft: dict[str, str]) -> str:
        """Exactly what came back: the page, the record in its form, each field of unsaved typing."""
        page = self.pages[page_id]
        text: str = tr("Back on the {page} page.").format(page=PAGE_NAMES[page_id])
        if target is not None and target != page_id:
            text += " " + tr("It stopped here on the way to the {page} page: see what this page asks.").format(
                page=PAGE_NAMES[target])
        editing = getattr(page, "editing", None)
        record = editing() if editing is not None else None
        if record is not None:
            text += " " + tr("In the form: {record}, as saved.").format(record=page.describe(record))  # type: ignore[attr-defined]
        typed = [tr("{field}: \u201c{text}\u201d").format(field=name.split(" (")[0].split(":")[0], text=_short(value))
                 for name, value in draft.items() if value and value != "checked"]
        if typed:
            text += " " + tr("Unsaved typing put back: {fields}.").format(fields="; ".join(typed))
        elif record is None:
            text += " " + tr("There was no unsaved typing to put back.")
        return text

    def go_to_page(self, target: PageId, record_id: str | None = None) -> bool:
        """Jump back to an earlier page (the review page's "Go to page"); True if it got there."""
        if int(target) not in self.visitedIds() or target not in self.pages:
            return False
        while self.currentId() != int(target):
            before = self.currentId()
            self.back()  # leaves each page through cleanupPage, which saves it
            if self.currentId() == before:
                return False
        page = self.pages[target]
        page.focus_record(record_id)
        return True

    # -- the store ----------------------------------------------------------------------------
    @property
    def store(self) -> Store | None:
        return self.session.store

    def set_store(self, store: Store | None) -> None:
        """The store after an auto-lock (None) and after the unlock: save what was waiting.

        With the app's session the window has already told the session; a wizard with a session
        of its own (made over a store) follows here."""
        if store is None:
            self.session.release()
            return
        if self.session.store is not store:
            self.session.adopt(store)
        self.flush()

    def flush(self) -> bool:
        """Save what every page holds; call before locking the store. True if all was saved."""
        if self.session.locked:
            return False  # nothing can be saved: the pages keep the typing for after the unlock
        return all([page.flush() for page in self.pages.values()])

    # -- closing ------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.flush()  # Finish, Save and close, Escape and the window's close button all come here
        if not self._closing and not self.session.locked:
            self._closing = True
            try:  # a clean close: nothing to recover next time
                self.ctx.run(lambda uow: wip.forget_open_plan(uow, self.ctx.participant_id))
            except IepError:
                pass
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    def finish_with_message(self, title: str, text: str) -> QMessageBox:
        """Close the wizard and leave a confirmation on screen (it does not block)."""
        box = QMessageBox(QMessageBox.Icon.Information, "", "", QMessageBox.StandardButton.Ok,
                          self.parentWidget())
        live(box, "setWindowTitle", title)
        live(box, "setText", text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.button(QMessageBox.StandardButton.Ok).setMinimumHeight(TOUCH_HEIGHT)
        self.confirmation = box
        self.accept()
        box.show()
        return box


def _enter_presses(page: QWidget) -> None:
    for button in page.findChildren(QPushButton):
        button.setAutoDefault(True)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "\u2026"


def open_plan_wizard(parent: QWidget | None, session: AppSession | Store, participant_id: str,
                     actor: str | None = None, *, review: bool = False) -> PlanWizard:
    """Create the wizard for this participant's plan and show it without blocking the caseload."""
    wizard = PlanWizard(session, participant_id, actor, None, parent, review=review)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setWindowModality(Qt.WindowModality.NonModal)
    # A window of its own, not a dialog of the caseload: a dialog shares its parent's Alt+letter
    # shortcuts, so Alt+N was both "Next" and the caseload's "New participant" and did neither.
    wizard.setWindowFlag(Qt.WindowType.Dialog, False)
    wizard.setWindowFlag(Qt.WindowType.Window, True)
    wizard.show()
    wizard.raise_()
    wizard.activateWindow()
    return wizard
