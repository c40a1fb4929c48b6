"""'Needs me this week': every open plan's reviews due or overdue (R-V1), objective reviews passed
(R-O7), services that should have ended (R-S3) and case-note follow-ups due (R-C1), by date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from iep_desktop.errors import IepError
from iep_desktop.services.plan_life import Due
from ui.i18n import QT_TRANSLATE_NOOP, translate, live, in_language
from ui.theme import mark_primary, touch_rows
from ui.wizard.table_model import Column, RowTableModel
from ui.wizard.widgets import MessageLabel, fmt, plain_label, touch_button

WHAT = {"review": QT_TRANSLATE_NOOP("ThisWeek", "Plan review"),
        "objective review": QT_TRANSLATE_NOOP("ThisWeek", "Objective review"),
        "service end": QT_TRANSLATE_NOOP("ThisWeek", "Service end"),
        "follow-up": QT_TRANSLATE_NOOP("ThisWeek", "Follow-up")}


def tr(text: str) -> str:
    return translate("ThisWeek", text)  # a Tr: widgets given it follow a language switch


class ThisWeekDialog(QDialog):
    """The list, oldest first; Enter or Open plan opens the chosen participant's plan."""

    open_requested = Signal(str)  # participant id

    def __init__(self, load: Callable[[], list[Due]], *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load, self._today = load, today
        live(self, "setWindowTitle", tr("Needs me this week"))
        self.model: RowTableModel[Due] = RowTableModel([
            Column(tr("Date"), lambda d: fmt(d.on) + (tr(" (passed)") if d.on < today else "")),
            Column(tr("Participant"), lambda d: d.participant_name),
            Column(tr("What"), lambda d: tr(WHAT.get(d.what, d.what))),
            Column(tr("To do"), lambda d: f"{d.text} ({d.rule_id})"),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        live(self.table, "setAccessibleName", tr("What needs you this week"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line a row; the tooltip has all of it
        self.table.verticalHeader().hide()
        touch_rows(self.table)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = MessageLabel()
        self.open_button = touch_button(tr("&Open plan"), on_click=self._open_chosen)
        mark_primary(self.open_button)
        close = touch_button(tr("Close"), on_click=self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(tr("Reviews due or overdue, objective reviews passed, services that "
                                        "should have ended, and case-note follow-ups due, for every open "
                                        "plan, by date.")))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.activated.connect(self._activated)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1120, 560  # room for the "To do" words on a 1366-px laptop; less on a small screen
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)
        self.refresh()

    def refresh(self) -> None:
        try:
            items = self._load()
        except IepError as exc:
            self.summary.show_error(in_language(exc))
            return
        self.model.set_rows(items)
        late = sum(1 for d in items if d.on < self._today)
        if not items:
            self.summary.show_ok(tr("Nothing is due this week."))
        else:
            self.summary.show_info(tr("{count} to do, {late} of them past their date.").format(
                count=len(items), late=late))
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(items))

    def _activated(self, index: QModelIndex) -> None:
        due = self.model.row_at(index.row())
        if due is not None:
            self.open_requested.emit(due.participant_id)

    def _open_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)
