"""Objectives under each goal (R-G6): from the board's list or custom (R-O1), with a
justification (R-O3) and a review date (R-O2); rule suggestions (R-O5, R-O6) one click away."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.domain import rules
from iep_desktop.domain.models import Objective
from iep_desktop.errors import IepError
from iep_desktop.services import plan_items
from iep_desktop.app_session import UnitOfWork
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage, RecordTexts
from ui.wizard.table_model import Column
from ui.wizard.widgets import (
    TOUCH_LIST_STYLE,
    MessageLabel,
    above,
    check_box,
    combo,
    date_edit,
    fmt,
    from_qdate,
    line_edit,
    plain_label,
    select_data,
    text_box,
    live,
    to_qdate,
    touch_button,
    tr,
)

SUGGESTING_RULES = ("R-O5", "R-O6")
PICKED = "Objective from the board's list"  # its key in the crash-recovery draft
# The list shows each title in the app's language (the board's Spanish label); the title stored is
# always the board's own (English) one, which the printed copy translates for the participant.
TITLE_ROLE = Qt.ItemDataRole.UserRole
CHIP_STYLE = ("QPushButton { border: 1px solid #1f5fbf; border-radius: 16px; padding: 4px 16px; "
              "background: #eaf1fc; color: #123d80; text-align: left; }"
              " QPushButton:focus { border: 2px solid #0b2a5c; }")


class ObjectivesPage(RecordEditorPage[Objective]):
    page_id = PageId.OBJECTIVES
    record_type = Objective
    texts = RecordTexts(
        new=tr("New objective"), add=tr("Add objective"), save=tr("Save objective"), start_new=tr("Start a new objective"),
        saved_list=tr("Saved objectives"),
        hint=tr("Choose a saved objective above to change it. A new objective is saved once its required fields are "
                "filled in (it then shows above); \u201cAdd objective\u201d starts the next one. Changes are saved "
                "as you type."))
    inline_rules = ("R-O1", "R-O2", "R-O3")

    def __init__(self, ctx: WizardContext) -> None:
        self._picked = ""  # the title picked from the board's list
        self._review_touched = False  # the coach chose a review date: stop filling the default
        self.chips: list[QPushButton] = []
        # "The board's list" only where the board's document gives the list; elsewhere it is
        # this app's default list (issue 16: Chicago's own list is not in its document).
        self.list_name = (tr("the board's list") if ctx.profile.is_board_policy("predefined_objectives")
                          else tr("this app's default list"))
        super().__init__(ctx, tr("Objectives"), tr("Steps toward each goal. Search {list} first; every "
                                                   "objective says why it is needed (R-O1, R-O3).").format(
                                                       list=self.list_name))
        # Finding 5: when the form is greyed out (no goal yet), a hint above it, outside the grey,
        # says where the fix is.
        self.no_goal = MessageLabel()
        self.body.insertWidget(self.body.indexOf(self.form_box), self.no_goal)

    def columns(self) -> list[Column[Objective]]:
        return [
            Column(tr("Goal"), self._goal_name),
            Column(tr("Objective"), lambda o: self.ctx.profile.label(o.title)),  # a typed title stays as typed
            Column(tr("Source"), lambda o: tr("Custom") if o.custom else tr("Board list")),
            Column(tr("Review date"), lambda o: fmt(o.review_on)),
            Column(tr("Justification"), lambda o: o.justification),
        ]

    def _goal_name(self, objective: Objective) -> str:
        goal = next((g for g in self.ctx.snapshot.goals if g.id == objective.goal_id), None)
        return goal.description if goal else tr("(no goal)")

    def build_form(self, form: QFormLayout) -> None:
        ctx = self.ctx
        self.goal = combo(tr("Goal this objective belongs to"))
        self.suggestions = QWidget()
        live(self.suggestions, "setAccessibleName", tr("Suggested objectives"))
        self.suggestion_column = QVBoxLayout(self.suggestions)
        self.suggestion_column.setContentsMargins(0, 0, 0, 0)
        self.search = line_edit(tr("Search {list} of objectives").format(list=self.list_name),
                                tr("Type to search, e.g. resume"))
        self.source = QStandardItemModel(self)
        for title in ctx.profile.predefined_objectives:
            item = QStandardItem(ctx.profile.label(title))
            item.setData(title, TITLE_ROLE)
            self.source.appendRow(item)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.source)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.choices = QListView()
        self.choices.setModel(self.filtered)
        live(self.choices, "setAccessibleName", tr("Objectives on {list}").format(list=self.list_name))
        self.choices.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.choices.setMinimumHeight(180)
        self.choices.setStyleSheet(TOUCH_LIST_STYLE)
        self.custom = check_box(tr("Not on the list:"), tr("Custom objective (not on the list)"))
        self.custom_title = line_edit(tr("Custom objective"), tr("Write the objective"))
        self.custom_title.setEnabled(False)
        self.chosen = plain_label()
        live(self.chosen, "setAccessibleName", tr("Chosen objective"))
        self.chosen.setStyleSheet("font-weight: bold; padding: 6px 0;")
        self.justification = text_box(tr("Justification: why the participant needs it (required, R-O3)"),
                                      tr("Why the participant needs this objective"), 3)
        self.established = date_edit(tr("Date established"))
        self.review = date_edit(tr("Review date"))

        # Left: find the objective. Right: where it belongs, why, and when to review it.
        left = QVBoxLayout()
        left.addWidget(above(tr("Goal"), self.goal))  # chosen first (issue 13): it comes first
        suggestions_label = QLabel()
        live(suggestions_label, "setText", tr("Suggested by the rules (R-O5, R-O6):"))
        suggestions_label.setBuddy(self.suggestions)
        left.addWidget(suggestions_label)
        left.addWidget(self.suggestions)
        left.addWidget(above(tr("Search {list}").format(list=self.list_name), self.search))
        left.addWidget(self.choices, 1)
        # A short check box text leaves the custom title room to be read back.
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom)
        custom_row.addWidget(self.custom_title, 1)
        left.addLayout(custom_row)
        right = QVBoxLayout()
        right.addWidget(self.chosen)
        right.addWidget(above(tr("Justification: why it is needed (required, R-O3)"), self.justification))
        dates = QHBoxLayout()
        dates.addWidget(above(tr("Established (MM/DD/YYYY)"), self.established))
        dates.addWidget(above(tr("Review date (MM/DD/YYYY)"), self.review))
        right.addLayout(dates)
        right.addStretch(1)
        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addSpacing(16)
        row.addLayout(right, 1)
        form.addRow(columns)
        QWidget.setTabOrder(self.goal, self.search)
        QWidget.setTabOrder(self.search, self.choices)
        QWidget.setTabOrder(self.choices, self.custom)
        QWidget.setTabOrder(self.custom, self.custom_title)
        QWidget.setTabOrder(self.custom_title, self.justification)
        QWidget.setTabOrder(self.justification, self.established)
        QWidget.setTabOrder(self.established, self.review)

        self.goal.currentIndexChanged.connect(self.edited)
        self.search.textChanged.connect(self._search_changed)
        # Enter picks (issue 13: after an action, the keyboard goes to the next thing to do):
        # in the search, the first match; on the list, the row it is on. Then: why it is needed.
        self.search.returnPressed.connect(self._pick_first_match)
        self.choices.activated.connect(lambda _index: self._picked_go_on())
        self.choices.selectionModel().currentChanged.connect(self._choice_changed)
        self.custom.toggled.connect(self._custom_toggled)
        self.custom_title.textChanged.connect(self.edited)
        self.justification.textChanged.connect(self.edited)
        self.established.dateChanged.connect(self._established_changed)
        self.review.dateChanged.connect(self._review_changed)

    # -- picking a title ------------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        # Filters as the coach types; the picked title stays picked until another is chosen.
        self.filtered.setFilterFixedString(text)

    def _pick_first_match(self) -> None:
        if self.filtered.rowCount() == 0 or not self.choices.isEnabled():
            return
        if not self.choices.currentIndex().isValid():
            self.choices.setCurrentIndex(self.filtered.index(0, 0))
        self._picked_go_on()

    def _picked_go_on(self) -> None:
        if self._picked:
            self.justification.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choice_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        self._picked = str(current.data(TITLE_ROLE))
        if self.custom.isChecked():
            self.custom.setChecked(False)
        self.edited()

    def _custom_toggled(self, on: bool) -> None:
        self.custom_title.setEnabled(on)
        self.choices.setEnabled(not on)
        if on and not self._loading and not self.custom_title.text():
            self.custom_title.setText(self.search.text())
        if on and not self._loading:
            self.custom_title.setFocus()
        self.edited()

    def title(self) -> str:
        return (self.custom_title.text() if self.custom.isChecked() else self._picked).strip()

    def pick(self, title: str) -> bool:
        """Select ``title`` in the board's list (clearing the search so it shows)."""
        rows = [self.source.item(row).data(TITLE_ROLE) for row in range(self.source.rowCount())]
        if title not in rows:
            return False
        if self.filtered.filterRegularExpression().pattern() and not self._visible(title):
            self.search.clear()
        for row in range(self.filtered.rowCount()):
            index = self.filtered.index(row, 0)
            if index.data(TITLE_ROLE) == title:
                self.choices.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.choices.scrollTo(index)
                self._picked = title
                return True
        return False

    def _visible(self, title: str) -> bool:
        return any(self.filtered.index(r, 0).data(TITLE_ROLE) == title for r in range(self.filtered.rowCount()))

    def use_suggestion(self, title: str) -> None:
        """A suggestion chip: put the title in the search, and pick it when the list has it."""
        self.search.setText(self.ctx.profile.label(title))
        self.search.setFocus()
        if self._visible(title):
            self.pick(title)
            self.edited()

    # -- dates --------------------------------------------------------------------------------
    def _established_changed(self, *_args: object) -> None:
        if not self._loading and not self._review_touched:
            self._set_review(self._default_review())
        self.edited()

    def _review_changed(self, *_args: object) -> None:
        if not self._loading:
            self._review_touched = True
        self.edited()

    def _default_review(self) -> date:
        return rules.default_review_date(self.ctx.profile, from_qdate(self.established.date()))

    def _set_review(self, day: date) -> None:
        loading, self._loading = self._loading, True
        try:
            self.review.setDate(to_qdate(day))
        finally:
            self._loading = loading

    # -- choices and suggestions ----------------------------------------------------------------
    def reload_choices(self) -> None:
        chosen = self.goal.currentData()
        loading, self._loading = self._loading, True
        try:
            self.goal.clear()
            profile = self.ctx.profile
            for goal in self.ctx.snapshot.goals:
                kind = profile.label(profile.goal_type_label(goal.goal_type))  # the board's word, in the app's language
                self.goal.addItem(tr("{type}: {goal}").format(type=kind, goal=goal.description), goal.id)
            select_data(self.goal, chosen)
        finally:
            self._loading = loading
        self._show_no_goal()
        self._show_suggestions()

    def _show_no_goal(self) -> None:
        has_goals = bool(self.ctx.snapshot.goals)
        self.form_box.setEnabled(has_goals)
        hint = getattr(self, "no_goal", None)
        if has_goals:
            if hint is not None:
                hint.clear_message()
            return
        text = tr("Add a goal first, on the Goals page (< Back): every objective belongs to a goal (R-G6).")
        self.status.show_warning(text)
        if hint is not None:
            hint.show_warning(text)

    def _show_suggestions(self) -> None:
        # Old chips are hidden at once: deleteLater alone would leave them drawn until the
        # event loop runs.
        for child in self.suggestions.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            child.hide()
            self.suggestion_column.removeWidget(child)
            child.deleteLater()
        self.chips = []
        for title, message in self.suggested_titles():
            def use(t: str = title) -> None:  # binds this title, not the loop's last
                self.use_suggestion(t)

            shown = self.ctx.profile.label(title)
            chip = touch_button(f"+ {shown}".replace("&", "&&"), tr("Suggested objective: {title}").format(title=shown), use)
            chip.setToolTip(message)
            chip.setAccessibleDescription(message)
            chip.setStyleSheet(CHIP_STYLE)
            self.chips.append(chip)
            self.suggestion_column.addWidget(chip, 0, Qt.AlignmentFlag.AlignLeft)
        # Tab in reading order: goal, the chips under it, then the search (a chip made now
        # would otherwise join the end of the chain, after the dates).
        for before, after in zip([self.goal, *self.chips], [*self.chips, self.search], strict=False):
            QWidget.setTabOrder(before, after)
        if not self.chips:
            self.suggestion_column.addWidget(plain_label(tr("None right now.")))

    def suggested_titles(self) -> list[tuple[str, str]]:
        """(title, finding message) for each objective the R-O5/R-O6 findings ask for."""
        profile, program = self.ctx.profile, self.ctx.participant.program
        candidates = [*profile.required_objectives.get(program, []),
                      profile.basic_skills.remediation_objective, profile.basic_skills.esl_objective]
        try:
            # A finding about an objective already in the plan (R-O6: "has no service behind
            # it") asks for a service, not for the objective again.
            findings = [f for f in self.ctx.findings()
                        if f.rule_id in SUGGESTING_RULES and f.record_kind != "objective"]
        except IepError:
            return []
        out = []
        for title in dict.fromkeys(candidates):
            # Matched on the English text (the title is the board's, in English); shown in the
            # language in use.
            about = [f.message for f in findings if f"'{title}'" in getattr(f, "english", f.message)]
            if about:
                out.append((title, " ".join(about)))
        return out

    # -- records ----------------------------------------------------------------------------
    def records(self) -> list[Objective]:
        order = [g.id for g in self.ctx.snapshot.goals]
        return sorted(self.ctx.snapshot.objectives,
                      key=lambda o: order.index(o.goal_id) if o.goal_id in order else len(order))

    def new_record_fields(self) -> dict[str, Any]:
        assert self.ctx.plan is not None
        return {"plan_id": self.ctx.plan.id}

    def fill_form(self, record: Objective | None) -> None:
        self.search.clear()
        self.choices.selectionModel().clearSelection()
        self.choices.selectionModel().clearCurrentIndex()
        self._picked = ""
        if record is None:
            if self.goal.count() and self.goal.currentIndex() < 0:
                self.goal.setCurrentIndex(0)
            self.custom.setChecked(False)
            self.custom_title.clear()
            self.justification.clear()
            self.established.setDate(to_qdate(self.ctx.today))
            self._set_review(self._default_review())
            self._review_touched = False
            return
        select_data(self.goal, record.goal_id)
        self.custom.setChecked(record.custom)
        self.custom_title.setText(record.title if record.custom else "")
        if not record.custom:
            self.pick(record.title)
            self._picked = record.title  # kept even if the board's list no longer has it (R-O1)
        self.justification.setPlainText(record.justification)
        self.established.setDate(to_qdate(record.established_on))
        self._set_review(record.review_on or self._default_review())
        self._review_touched = record.review_on is not None

    def form_values(self) -> dict[str, Any] | None:
        goal_id, title = self.goal.currentData(), self.title()
        justification = self.justification.toPlainText()
        if not goal_id or not title or not justification.strip():
            return None
        return {"goal_id": goal_id, "title": title, "custom": self.custom.isChecked(),
                "justification": justification,
                "established_on": from_qdate(self.established.date()),
                "review_on": from_qdate(self.review.date())}

    def _after_edit(self) -> None:
        super()._after_edit()
        title = self.title()
        if not title:
            live(self.chosen, "setText", tr("No objective chosen yet: pick one from the list or write a custom one."))
        elif self.custom.isChecked():
            live(self.chosen, "setText", tr("Objective: {title} (custom)").format(title=title))
        else:
            live(self.chosen, "setText", tr("Objective: {title} (from {list})").format(
                title=self.ctx.profile.label(title), list=self.list_name))

    # -- recovery after a crash: the objective picked from the list is part of the typing --------
    def unsaved_text(self) -> dict[str, str]:
        draft = super().unsaved_text()
        if draft and self._picked and not self.custom.isChecked():
            draft[PICKED] = self._picked
        return draft

    def restore_text(self, draft: dict[str, str]) -> None:
        super().restore_text(draft)
        if draft.get(PICKED):
            self.pick(draft[PICKED])
        self.edited()

    def incomplete_hint(self) -> str:
        if not self.title():
            return tr("Pick an objective from {list}, or write a custom one.").format(list=self.list_name)
        return tr("Say why the participant needs it (justification, R-O3) to add it.")

    def add_record(self, uow: UnitOfWork, record: Objective) -> Objective:
        return plan_items.add_objective(uow, record)

    def update_record(self, uow: UnitOfWork, record: Objective) -> Objective:
        return plan_items.update_objective(uow, record)

    def describe(self, record: Objective) -> str:
        return tr("objective '{title}'").format(title=record.title)

    def saved_message(self, record: Objective, added: bool) -> str:
        text = tr("Objective '{title}' added.") if added else tr("Objective '{title}' saved.")
        return text.format(title=record.title)
