"""Every rule finding for the plan; errors must be fixed before it can be signed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QWidget

from iep_desktop.domain.findings import Finding, Severity
from iep_desktop.errors import IepError
from ui.i18n import in_language
from ui.wizard.context import WizardContext
from ui.wizard.page_ids import PAGE_NAMES, PageId, page_for
from ui.wizard.pages.base import PlanPage
from ui.wizard.table_model import Column, RowTableModel
from ui.wizard.widgets import MessageLabel, live, plain_label, severity_icon, severity_word, touch_button, tr
from ui.theme import touch_rows


class ReviewPage(PlanPage):
    page_id = PageId.REVIEW

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__(ctx, tr("Check the plan"), tr("What the board's rules say about the plan. Fix "
                                                       "every 'Must fix' item before signing; warnings and "
                                                       "suggestions are for you to judge."))
        self._findings: list[Finding] = []
        self.summary = MessageLabel()
        self.model: RowTableModel[Finding] = RowTableModel([
            Column(tr("Severity"), lambda f: severity_word(f.severity), lambda f: severity_icon(f.severity)),
            Column(tr("Rule"), lambda f: f.rule_id),
            Column(tr("What to do"), lambda f: f.message),
            Column(tr("Fixed on page"), self._page_text),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        live(self.table, "setAccessibleName", tr("Findings about the plan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        touch_rows(self.table)  # a finger-sized row
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.activated.connect(self._double_clicked)  # Enter on a row
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.go_button = touch_button(tr("Go to page"), tr("Go to the page that fixes the chosen finding"),
                                      self.go_to_selected)
        self.refresh_button = touch_button(tr("Check again"), on_click=self.enter)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.go_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(plain_label(tr("Double-click a finding, or choose it and press Go to page, "
                                           "to fix it. Then come back here with Next.")))

    def enter(self) -> None:
        try:
            self.ctx.refresh()
            self._findings = self.ctx.findings()
        except IepError as exc:
            self.summary.show_error(in_language(exc))
            return
        self.model.set_rows(self._findings)
        self.table.resizeRowsToContents()
        if self._findings:  # so "Go to page" works from the keyboard straight away
            self.table.selectRow(0)
        self._summarise()
        self._update_buttons()
        self.completeChanged.emit()

    def first_stop(self) -> QWidget | None:
        """The findings when one must be fixed (Enter on it goes to its page); else Next."""
        return self.table if self.errors() else None

    def _page_text(self, finding: Finding) -> str:
        target = page_for(finding, has_goals=bool(self.ctx.snapshot.goals))
        if target is None:
            return ""
        later = target > self.page_id
        return tr("{page} (next)").format(page=PAGE_NAMES[target]) if later else PAGE_NAMES[target].again()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def errors(self) -> list[Finding]:
        return [f for f in self._findings if f.severity is Severity.ERROR]

    def isComplete(self) -> bool:
        return not self.errors()

    def _summarise(self) -> None:
        counts = {s: sum(1 for f in self._findings if f.severity is s) for s in Severity}
        warnings, suggestions = counts[Severity.WARNING], counts[Severity.SUGGESTION]
        others = tr("{warnings} and {suggestions}").format(
            warnings=tr("1 warning") if warnings == 1 else tr("{n} warnings").format(n=warnings),
            suggestions=tr("1 suggestion") if suggestions == 1 else tr("{n} suggestions").format(n=suggestions))
        errors = counts[Severity.ERROR]
        if errors:
            blocking = (tr("1 thing must be fixed before the {kind} can be signed; {others}.") if errors == 1
                        else tr("{n} things must be fixed before the {kind} can be signed; {others}."))
            self.summary.show_error(blocking.format(n=errors, kind=self.ctx.kind, others=others))
        else:
            self.summary.show_ok(tr("Nothing blocks signing: {others}. Press Next to sign.").format(others=others))

    def _selected(self) -> Finding | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        finding = self._selected()
        self.go_button.setEnabled(finding is not None and self._reachable(finding))

    def _reachable(self, finding: Finding) -> bool:
        """Pages before this one can be jumped to; signing is the next page, via Next."""
        target = page_for(finding, has_goals=bool(self.ctx.snapshot.goals))
        return target is not None and int(target) in self.plan_wizard().visitedIds()

    def _double_clicked(self, index: QModelIndex) -> None:
        finding = self.model.row_at(index.row())
        if finding is not None:
            self.go_to(finding)

    def go_to_selected(self) -> None:
        finding = self._selected()
        if finding is not None:
            self.go_to(finding)

    def go_to(self, finding: Finding) -> bool:
        target = page_for(finding, has_goals=bool(self.ctx.snapshot.goals))
        if target is None or not self._reachable(finding):
            return False
        return self.plan_wizard().go_to_page(target, finding.record_id)

