"""Goals (R-G1 ... R-G5): type, description, dates, and the term the board's table gives."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout

from iep_desktop.domain import rules
from iep_desktop.domain.models import Goal, GoalTerm, GoalType
from iep_desktop.services import plan_items
from iep_desktop.app_session import UnitOfWork
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PageId
from ui.wizard.pages.base import RecordEditorPage, RecordTexts
from ui.wizard.table_model import Column
from ui.wizard.widgets import (
    add_row,
    combo,
    date_edit,
    fmt,
    from_qdate,
    line_edit,
    live,
    pair,
    plain_label,
    select_data,
    select_or_add,
    to_qdate,
    tr,
)

DEFAULT_MONTHS = 6  # a new goal's estimated completion: six months from today
NO_GOAL = ""  # the "serves" box's data when the goal serves no other goal


# The goal's own context for the words that agree with "meta" (feminine): "Establecida", where an
# objective's page says "Establecido" for the same English (issue 18).
GOAL_TR_CONTEXT = "Goals"
ESTABLISHED = QT_TRANSLATE_NOOP("Goals", "Established")
ESTABLISHED_DATE = QT_TRANSLATE_NOOP("Goals", "Established (MM/DD/YYYY)")


def goal_tr(text: str) -> str:
    return translate(GOAL_TR_CONTEXT, text)


def term_text(ctx: WizardContext, term: GoalTerm) -> str:
    """The term as the board writes it: 'Short-term (0-6 months)'."""
    words = {GoalTerm.SHORT: tr("Short-term ({months})"), GoalTerm.INTERMEDIATE: tr("Intermediate-term ({months})"),
             GoalTerm.LONG: tr("Long-term ({months})")}
    return words[term].format(months=ctx.profile.label(ctx.profile.term_range(term).label))


def term_word(term: GoalTerm) -> str:
    """'short-term' or 'long-term', for a goal named in a list."""
    return {GoalTerm.SHORT: tr("short-term"), GoalTerm.INTERMEDIATE: tr("intermediate-term"),
            GoalTerm.LONG: tr("long-term")}[term]


class GoalsPage(RecordEditorPage[Goal]):
    page_id = PageId.GOALS
    record_type = Goal
    texts = RecordTexts(
        new=tr("New goal"), add=tr("Add goal"), save=tr("Save goal"), start_new=tr("Start a new goal"),
        saved_list=tr("Saved goals"),
        hint=tr("Choose a saved goal above to change it. A new goal is saved once its required fields are "
                "filled in (it then shows above); \u201cAdd goal\u201d starts the next one. Changes are saved "
                "as you type."))
    inline_rules = ("R-G1", "R-G2", "R-G3", "R-G5")

    def __init__(self, ctx: WizardContext) -> None:
        # "The board's" month ranges only where its document gives them (issue 16).
        subtitle = (tr("Employment, education or training goals, each with dates; the term comes from "
                       "the board's month ranges (R-G2).") if ctx.profile.is_board_policy("goal_terms")
                    else tr("Employment, education or training goals, each with dates; the term comes from "
                            "this app's default month ranges (R-G2)."))
        super().__init__(ctx, tr("Goals"), subtitle)

    def columns(self) -> list[Column[Goal]]:
        return [
            Column(tr("Type"), lambda g: self.ctx.profile.label(self.ctx.profile.goal_type_label(g.goal_type))),
            Column(tr("Goal"), lambda g: g.description),
            Column(goal_tr(ESTABLISHED), lambda g: fmt(g.established_on)),
            Column(tr("Estimated completion"), lambda g: fmt(g.estimated_completion_on)),
            Column(tr("Term"), lambda g: term_text(self.ctx, g.term)),
        ]

    def build_form(self, form: QFormLayout) -> None:
        ctx = self.ctx
        types = ctx.profile.goal_types.get(ctx.participant.program, list(GoalType))
        # The board's own word for each type where its document has one ("Schooling"), R-G1.
        self.goal_type = combo(tr("Goal type"), ((ctx.profile.label(ctx.profile.goal_type_label(t)), t) for t in types))
        self.description = line_edit(tr("Goal description"), tr("Short; name the industry, occupation or "
                                                                "education, e.g. Full-time welding job"))
        self.established = date_edit(tr("Date established"))
        self.completion = date_edit(tr("Estimated completion date"))
        self.term = combo(tr("Goal term"), ((term_text(ctx, t), t) for t in GoalTerm))
        self.derived = plain_label()
        live(self.derived, "setAccessibleName", tr("Term from the dates"))
        add_row(form, tr("Goal type"), self.goal_type)
        add_row(form, tr("Goal"), self.description)
        add_row(form, goal_tr(ESTABLISHED_DATE),
                pair(self.established, tr("Estimated completion (MM/DD/YYYY)"), self.completion),
                self.established)
        add_row(form, tr("Term"), pair(self.term, "", self.derived), self.term)
        # R-G7 / R-G1: the goal this one serves (a short-term goal names the long-term career
        # goal; a youth educational goal names its employment goal).
        self.serves = combo(tr("The goal this goal serves"))
        add_row(form, tr("Serves goal"), self.serves)
        self.serves.currentIndexChanged.connect(self.edited)
        self.goal_type.currentIndexChanged.connect(self.edited)
        self.description.textChanged.connect(self.edited)
        self.established.dateChanged.connect(self._dates_changed)
        self.completion.dateChanged.connect(self._dates_changed)
        self.term.currentIndexChanged.connect(self.edited)

    def _dates_changed(self, *_args: object) -> None:
        if not self._loading:
            # New dates give a new term; the coach may still pick another (R-G2 then says so).
            select_data(self.term, self.derived_term())
        self.edited()

    def derived_term(self) -> GoalTerm:
        return rules.derive_term(self.ctx.profile, from_qdate(self.established.date()),
                                 from_qdate(self.completion.date()))

    def _after_edit(self) -> None:
        super()._after_edit()
        months = rules.months_between(from_qdate(self.established.date()),
                                      from_qdate(self.completion.date()))
        if months < 0:
            live(self.derived, "setText", tr("The estimated completion is before the date established."))
        else:
            words = tr("1 month: {term} here.") if months == 1 else tr("{months} months: {term} here.")
            self.derived.setText(words.format(months=months, term=term_text(self.ctx, self.derived_term())))

    def reload_choices(self) -> None:
        loading, self._loading = self._loading, True
        try:
            chosen = self.serves.currentData()
            editing = self.editing()
            self.serves.clear()
            self.serves.addItem(tr("None"), NO_GOAL)
            for goal in self.ctx.snapshot.goals:
                if editing is None or goal.id != editing.id:
                    self.serves.addItem(tr("{goal} ({term})").format(goal=goal.description, term=term_word(goal.term)),
                                        goal.id)
            select_data(self.serves, chosen or NO_GOAL)
        finally:
            self._loading = loading

    # -- records ----------------------------------------------------------------------------
    def records(self) -> list[Goal]:
        return list(self.ctx.snapshot.goals)

    def new_record_fields(self) -> dict[str, Any]:
        assert self.ctx.plan is not None
        return {"plan_id": self.ctx.plan.id}

    def fill_form(self, record: Goal | None) -> None:
        if record is None:
            start = to_qdate(self.ctx.today)
            select_data(self.goal_type, GoalType.EMPLOYMENT)
            self.description.clear()
            self.established.setDate(start)
            self.completion.setDate(start.addMonths(DEFAULT_MONTHS))
            select_data(self.term, self.derived_term())
            self.reload_choices()
            select_data(self.serves, NO_GOAL)
            return
        # A type this program does not use stays as it is, so R-G1 can say so.
        select_or_add(self.goal_type, record.goal_type,
                      tr("{type} (not used for this program)").format(
                          type=self.ctx.profile.label(self.ctx.profile.goal_type_label(record.goal_type))))
        self.description.setText(record.description)
        self.established.setDate(to_qdate(record.established_on))
        self.completion.setDate(to_qdate(record.estimated_completion_on))
        select_data(self.term, record.term)
        self.reload_choices()
        select_or_add(self.serves, record.serves_goal_id or NO_GOAL, tr("(a goal not in this plan)"))

    def form_values(self) -> dict[str, Any] | None:
        description = self.description.text().strip()
        if not description:
            return None
        return {"goal_type": self.goal_type.currentData(), "description": description,
                "established_on": from_qdate(self.established.date()),
                "estimated_completion_on": from_qdate(self.completion.date()),
                "term": self.term.currentData(),
                "serves_goal_id": self.serves.currentData() or None}

    def incomplete_hint(self) -> str:
        return tr("Type the goal to save it.")

    def add_record(self, uow: UnitOfWork, record: Goal) -> Goal:
        return plan_items.add_goal(uow, record)

    def update_record(self, uow: UnitOfWork, record: Goal) -> Goal:
        return plan_items.update_goal(uow, record)

    def describe(self, record: Goal) -> str:
        return tr("goal '{description}'").format(description=record.description)

    def saved_message(self, record: Goal, added: bool) -> str:
        text = tr("Goal '{description}' added.") if added else tr("Goal '{description}' saved.")
        return text.format(description=record.description)
