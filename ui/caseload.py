"""The caseload: search as you type, filter by plan status, open a plan or start a review.

Rows come from ``services.caseload.caseload`` on a pool thread (a few hundred plans take a few
hundred milliseconds) into a real table model. The view keeps the selection by participant id,
so a refresh (after a save, or after unlocking) shows the coach the same person.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast
from datetime import date
from functools import cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iep_desktop.app_session import AppSession, UnitOfWork
from iep_desktop.domain.models import (
    Goal, Objective, Outcome, Participant, PlanSnapshot, PlanStatus, Program, Service,
)
from iep_desktop.errors import IepError, ProfileError
from iep_desktop.profiles import load_profile
from iep_desktop.services.caseload import CaseloadRow, CaseStatus, case_statuses, caseload_page, caseload_people
from iep_desktop.services import plan_life
from iep_desktop.services.participants import count_participants, create_participant
from iep_desktop.services.plan_life import Delivery, Due
from iep_desktop.services.snapshots import load_snapshot
from ui.i18n import QT_TRANSLATE_NOOP, Retranslatable, word, translate
from ui.operations import Operation, ScreenTasks, SessionEvents
from ui.participant_dialog import ParticipantDialog
from ui.plan_life import ExitDialog, ProgressDialog, ProgressItem, ServiceDeliveryDialog, progress_items
from ui.this_week import ThisWeekDialog
from ui.settings import Settings
from ui.tasks import TaskContext, TaskRunner
from ui.theme import mark_primary, set_role, touch_rows
from ui.wizard.table_model import HeadedRowsModel

SEARCH_DEBOUNCE_MS = 120
PAGE_LIMIT = 50  # people read per page: a screenful and some; the next page on scroll
STATUS_LABELS = {  # English source texts; shown through tr()
    CaseStatus.NO_PLAN: QT_TRANSLATE_NOOP("Caseload", "No plan"),
    CaseStatus.DRAFT: QT_TRANSLATE_NOOP("Caseload", "Draft"),
    CaseStatus.AWAITING_SIGNATURE: QT_TRANSLATE_NOOP("Caseload", "Awaiting signature"),
    CaseStatus.SIGNED: QT_TRANSLATE_NOOP("Caseload", "Signed"),
    CaseStatus.TAMPERED: QT_TRANSLATE_NOOP("Caseload", "Tampered"),
    CaseStatus.REVIEW_DUE: QT_TRANSLATE_NOOP("Caseload", "Review due"),
    CaseStatus.REVIEW_OVERDUE: QT_TRANSLATE_NOOP("Caseload", "Review overdue"),
    CaseStatus.CLOSED: QT_TRANSLATE_NOOP("Caseload", "Closed"),
}
CHANGES_COALESCE_MS = 150  # a burst of saves (autosave, an import) refreshes the list once
PENDING_LABEL = "…"  # shown for the moment between the names and their plan statuses
ParticipantIdRole = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return translate("Caseload", text)  # a Tr: widgets given it follow a language switch


def status_label(status: CaseStatus) -> str:
    return tr(STATUS_LABELS[status])


def us_date(day: date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


@cache
def board_name(board_id: str) -> str:
    try:
        return load_profile(board_id).name
    except ProfileError:
        return board_id


class CaseloadModel(HeadedRowsModel):
    COLUMNS = (QT_TRANSLATE_NOOP("Caseload", "Name"), QT_TRANSLATE_NOOP("Caseload", "Date of birth"),
               QT_TRANSLATE_NOOP("Caseload", "Program"), QT_TRANSLATE_NOOP("Caseload", "Board"),
               QT_TRANSLATE_NOOP("Caseload", "Plan status"), QT_TRANSLATE_NOOP("Caseload", "Review due"))
    NAME, BIRTH, PROGRAM, BOARD, STATUS, REVIEW = range(6)
    more_requested = Signal()  # the view scrolled to the end and there may be more rows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.has_more = False  # the last page read was full
        self.fetching = False

    # -- Qt model API -----------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """After a language switch: the headers and the statuses in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.STATUS), self.index(len(self._rows) - 1, self.STATUS))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == ParticipantIdRole:
            return row.participant.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATUS:
            if row.status is CaseStatus.REVIEW_OVERDUE:
                return QColor("#9b1c1c")
            if row.status is CaseStatus.REVIEW_DUE:
                return QColor("#8a5a00")
        if role == Qt.ItemDataRole.FontRole and index.column() == self.STATUS \
                and row.status in (CaseStatus.REVIEW_OVERDUE, CaseStatus.REVIEW_DUE):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self.has_more and not self.fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self.fetching = True
            self.more_requested.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if column < 0:
            return  # keep the service's order (best match first, else by last name)
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=lambda r: self._key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    # -- ours -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        column, order = self._sort
        if column >= 0:
            self._rows.sort(key=lambda r: self._key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def append_rows(self, rows: Sequence[CaseloadRow]) -> None:
        """The next page, after the rows shown (a column sort applies to the whole list)."""
        if not rows:
            return
        if self._sort[0] >= 0:
            self.set_rows([*self._rows, *rows])
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def fill_statuses(self, known: dict[str, CaseloadRow]) -> None:
        """Put in the plan statuses worked out after the names were shown."""
        changed = [i for i, row in enumerate(self._rows) if row.participant.id in known]
        for i in changed:
            self._rows[i] = known[self._rows[i].participant.id]
        if changed:
            if self._sort[0] in (self.STATUS, self.REVIEW):
                self.set_rows(self._rows)
            else:
                self.dataChanged.emit(self.index(min(changed), self.STATUS),
                                      self.index(max(changed), self.columnCount() - 1))

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def rows(self) -> list[CaseloadRow]:
        return self._rows

    def text(self, row: CaseloadRow, column: int) -> str:
        """What the cell shows (``DisplayRole``), without a QModelIndex."""
        return self._text(row, column)

    def row_of(self, participant_id: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.participant.id == participant_id:
                return number
        return None

    def _text(self, row: CaseloadRow, column: int) -> str:
        person = row.participant
        if column == self.NAME:
            return f"{person.last_name}, {person.first_name}"
        if column == self.BIRTH:
            return us_date(person.date_of_birth)
        if column == self.PROGRAM:
            return word(person.program.label)
        if column == self.BOARD:
            return board_name(person.board)
        if column == self.STATUS:
            return status_label(row.status) if row.status is not None else PENDING_LABEL
        return us_date(row.review_due_on)

    def _key(self, row: CaseloadRow, column: int) -> tuple[object, ...]:
        person = row.participant
        if column == self.NAME:
            return (person.last_name.casefold(), person.first_name.casefold())
        if column == self.BIRTH:
            return (person.date_of_birth or date.min,)
        if column == self.STATUS:
            return (list(STATUS_LABELS).index(row.status) if row.status is not None else -1,)
        if column == self.REVIEW:
            return (row.review_due_on or date.max,)
        return (self._text(row, column).casefold(),)


class CaseloadTable(QTableView):
    """Touch-height rows; Enter opens the plan (``activated``) on every platform.

    Columns fit their text; what is left goes to the name, and the board name (the longest
    text, and mostly the same board for everyone in an office) gives way first when the window
    is narrow. Coaches can still drag the borders.
    """

    FIXED = (CaseloadModel.BIRTH, CaseloadModel.PROGRAM, CaseloadModel.STATUS, CaseloadModel.REVIEW)

    def fit_columns(self) -> None:
        """Size the columns from font metrics: the fixed ones from every value they can hold
        (dates, programs, statuses), the name and board from the rows read. Qt's own
        resizeColumnToContents asks the model for every role of every cell and cost ~20 ms a
        search at 50 rows, on the GUI thread, before the names could be painted."""
        header = self.horizontalHeader()
        model = cast(CaseloadModel, self.model())
        plain = QFontMetrics(self.font())
        pad = self._cell_padding(plain)
        for column, width in ((CaseloadModel.BIRTH, self._date_width(plain)),
                              (CaseloadModel.PROGRAM, max(plain.horizontalAdvance(t) for p in Program for t in (p.label, word(p.label)))),
                              (CaseloadModel.STATUS, self._status_text_width() + plain.averageCharWidth()),
                              (CaseloadModel.REVIEW, self._date_width(plain))):
            header.resizeSection(column, max(width + pad, header.sectionSizeHint(column)))
        fixed = sum(header.sectionSize(c) for c in self.FIXED)
        room = max(0, self.viewport().width() - fixed)
        names = [model.text(row, CaseloadModel.NAME) for row in model.rows()]
        boards = {model.text(row, CaseloadModel.BOARD) for row in model.rows()}
        name_need = max(max((plain.horizontalAdvance(t) for t in names), default=0) + pad,
                        header.sectionSizeHint(CaseloadModel.NAME))
        board_need = max(max((plain.horizontalAdvance(t) for t in boards), default=0) + pad,
                         header.sectionSizeHint(CaseloadModel.BOARD))
        if name_need + board_need <= room:
            board = board_need
        else:  # too narrow for both: the name comes first (the coach is looking for a person);
            board = max(room - name_need, header.minimumSectionSize())  # the board is elided (tooltip)
        header.resizeSection(CaseloadModel.BOARD, max(header.minimumSectionSize(), board))
        header.resizeSection(CaseloadModel.NAME, max(header.minimumSectionSize(), room - board))

    def status_width(self) -> int:
        """The width the status column needs for the widest status there can be, in bold
        ("Review overdue"): statuses come in after the names, and the column never jumps."""
        plain = QFontMetrics(self.font())
        return self._status_text_width() + plain.averageCharWidth() + self._cell_padding(plain)

    def _status_text_width(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        return max(metrics.horizontalAdvance(label) for label in (*map(status_label, STATUS_LABELS), PENDING_LABEL))

    @staticmethod
    def _date_width(metrics: QFontMetrics) -> int:  # MM/DD/YYYY, with the widest digit everywhere
        return 8 * max(metrics.horizontalAdvance(d) for d in "0123456789") + 2 * metrics.horizontalAdvance("/")

    def _cell_padding(self, metrics: QFontMetrics) -> int:
        """What the style adds around a cell's text (the theme's item padding, focus margins,
        grid): one cell's size hint from the delegate, less its text, plus the grid line and a
        pixel for rounding (text advances are rounded to whole pixels)."""
        model = self.model()
        grid = int(self.showGrid()) + 1
        if model.rowCount() == 0:
            return 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + grid
        index = model.index(0, CaseloadModel.NAME)  # a name is never empty
        return self.sizeHintForIndex(index).width() - metrics.horizontalAdvance(str(index.data())) + grid

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """Down arrow moves into the results, so search-then-choose needs no mouse."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class CaseloadView(Retranslatable, QWidget):
    open_plan_requested = Signal(str)      # participant id
    start_review_requested = Signal(str)   # participant id
    case_notes_requested = Signal(str)     # participant id
    summary_changed = Signal(str)          # "N participants" for the status bar
    loaded = Signal()                      # rows on screen are current (tests and screenshots wait on it)

    def __init__(self, session: AppSession, events: SessionEvents, runner: TaskRunner, settings: Settings, *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self._settings = session, settings
        # One task at a time for each of the list's three jobs: the first page of a search, the
        # next page (scrolling), the plan statuses of the rows shown (they fill in after the names).
        self._page_task, self._more_task, self._status_task = (ScreenTasks(runner), ScreenTasks(runner),
                                                               ScreenTasks(runner))
        self._people_read = 0  # people read for the rows shown (the status filter may drop some)
        self._total: int | None = None  # everyone in the store; None until counted
        self._select_id: str | None = None
        self._dialog: ParticipantDialog | None = None
        self._life_dialog: QDialog | None = None
        self._focus_list_when_loaded = False
        self._shown: tuple[int, int] | None = None  # rows shown and everyone, for the summary

        self.search = SearchField()
        live = self.live
        live(self.search.setPlaceholderText, lambda: tr("Search by name, ID or date of birth (MM/DD/YYYY)"))
        live(self.search.setAccessibleName, lambda: tr("Search participants"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel()
        live(search_label.setText, lambda: tr("&Search"))
        search_label.setBuddy(self.search)
        self.status_filter = QComboBox()
        live(self.status_filter.setAccessibleName, lambda: tr("Plan status filter"))
        self.status_filter.addItem(tr("All"), None)
        for status in STATUS_LABELS:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_label = QLabel()
        live(filter_label.setText, lambda: tr("Plan s&tatus"))
        filter_label.setBuddy(self.status_filter)
        self.new_button = QPushButton()
        live(self.new_button.setText, lambda: tr("&New participant"))
        live(self.new_button.setAccessibleName, lambda: tr("New participant"))
        live(self.new_button.setToolTip, lambda: tr("New participant (Ctrl+N)"))
        self.week_button = QPushButton()
        live(self.week_button.setText, lambda: tr("This &week"))
        live(self.week_button.setAccessibleName, lambda: tr("Needs me this week"))
        live(self.week_button.setToolTip, lambda: tr("Reviews, objective reviews, service ends and follow-ups "
                                                     "due, by date"))

        self.model = CaseloadModel(self)
        self.table = CaseloadTable()
        self.table.setModel(self.model)
        live(self.table.setAccessibleName, lambda: tr("Participants"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        touch_rows(self.table)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(90)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        set_role(self.empty, "empty")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self.open_button = QPushButton()
        live(self.open_button.setText, lambda: tr("&Open plan"))
        live(self.open_button.setToolTip, lambda: tr("Open the plan of the selected participant (Enter)"))
        mark_primary(self.open_button)
        self.review_button = QPushButton()
        live(self.review_button.setText, lambda: tr("Start &review"))
        live(self.review_button.setToolTip, lambda: tr("Start the periodic review of an open plan signed at "
                                                       "least once (R-V1)"))
        self.record_button = QPushButton()
        live(self.record_button.setText, lambda: tr("Record a ser&vice…"))
        live(self.record_button.setAccessibleName, lambda: tr("Record a service"))
        live(self.record_button.setToolTip, lambda: tr("Record a service as it happens: a planned one, or one "
                                                       "delivered now (Ctrl+Shift+S)"))
        self.progress_button = QPushButton()
        live(self.progress_button.setText, lambda: tr("&Goals and objectives…"))
        live(self.progress_button.setAccessibleName, lambda: tr("Goals and objectives"))
        live(self.progress_button.setToolTip, lambda: tr("Close goals and objectives with their outcome, or "
                                                         "reopen one"))
        self.exit_button = QPushButton()
        live(self.exit_button.setText, lambda: tr("Close plan at e&xit…"))
        live(self.exit_button.setAccessibleName, lambda: tr("Close plan at exit"))
        live(self.exit_button.setToolTip, lambda: tr("Close the plan when the participant exits the program "
                                                     "(R-V4)"))
        self.notes_button = QPushButton()
        live(self.notes_button.setText, lambda: tr("&Case notes"))
        live(self.notes_button.setAccessibleName, lambda: tr("Case notes"))
        live(self.notes_button.setToolTip, lambda: tr("Read and write the case notes of the selected "
                                                      "participant (Ctrl+Shift+N)"))
        self.print_button = QPushButton()
        live(self.print_button.setText, lambda: tr("&Print plans…"))
        live(self.print_button.setAccessibleName, lambda: tr("Print the plans of everyone in the list to a "
                                                             "folder"))
        live(self.print_button.setToolTip, lambda: tr("Save the plans of everyone in the list as PDF files in "
                                                      "a folder (Ctrl+Shift+P)"))

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(filter_label)
        top.addWidget(self.status_filter)
        top.addSpacing(12)
        top.addWidget(self.week_button)
        top.addWidget(self.new_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes_button)
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(self.review_button)
        bottom.addWidget(self.open_button)
        # The plan's life after signing: its own row, so every button keeps its words on a
        # narrow window (1024 px, or 200 % scaling).
        life = QHBoxLayout()
        life.addWidget(self.record_button)
        life.addWidget(self.progress_button)
        life.addWidget(self.exit_button)
        life.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addLayout(life)
        layout.addLayout(bottom)
        for first, second in ((self.search, self.status_filter), (self.status_filter, self.week_button),
                              (self.week_button, self.new_button),
                              (self.new_button, self.table), (self.table, self.notes_button),
                              (self.notes_button, self.print_button), (self.print_button, self.record_button),
                              (self.record_button, self.progress_button), (self.progress_button, self.exit_button),
                              (self.exit_button, self.review_button), (self.review_button, self.open_button)):
            QWidget.setTabOrder(first, second)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        # Exactly the pause chosen: a coarse timer (Qt's default) may fire 5 % late, 6 ms here.
        self._debounce.setTimerType(Qt.TimerType.PreciseTimer)
        self._debounce.timeout.connect(lambda: self.refresh(recount=False))
        # Whatever screen saved, the list follows: many notices in a row make one refresh.
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(CHANGES_COALESCE_MS)
        self._changed.timeout.connect(self.refresh)
        events.records_changed.connect(lambda _kinds: self._changed.start())
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._search_entered)
        self.search.down_pressed.connect(self._enter_results)
        self.status_filter.currentIndexChanged.connect(lambda _: self.refresh(recount=False))
        self.model.more_requested.connect(self.load_more)
        self.new_button.clicked.connect(self.new_participant)
        self.open_button.clicked.connect(self._open_selected)
        self.review_button.clicked.connect(self._review_selected)
        self.notes_button.clicked.connect(self._notes_selected)
        self.record_button.clicked.connect(lambda _c=False: self.record_service())
        self.progress_button.clicked.connect(lambda _c=False: self.goals_and_objectives())
        self.exit_button.clicked.connect(lambda _c=False: self.close_at_exit())
        self.week_button.clicked.connect(lambda _c=False: self.this_week())
        self.table.activated.connect(lambda _: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()

    def retranslate_ui(self) -> None:
        """A language switch: headers, statuses, the filter's items, the summary and the empty note."""
        self.status_filter.setItemText(0, tr("All"))
        for number, status in enumerate(STATUS_LABELS, start=1):
            self.status_filter.setItemText(number, status_label(status))
        self.model.retranslate()
        self.table.fit_columns()
        if self._shown is not None:
            self.summary_changed.emit(self._summary(*self._shown))
            if self.pages.currentWidget() is self.empty:
                self.empty.setText(self._empty_text(self._shown[1]))

    # -- the store --------------------------------------------------------------------------
    def set_unlocked(self, unlocked: bool) -> None:
        """After unlock the list refreshes with the same search, filter and selection.

        Locking stops any query; the rows stay in memory, behind the lock screen.
        """
        if not unlocked:
            self._select_id = self.selected_id() or self._select_id
        self._total = None
        self._debounce.stop()
        self._changed.stop()
        self._page_task.cancel()
        self._cancel_more()
        self._cancel_statuses()
        if unlocked:
            self.refresh()

    # -- reading ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True while typed text waits for its results (debounce or query running, or a next page)."""
        return (self._debounce.isActive() or self._page_task.busy or self._more_task.busy
                or self._status_task.busy)

    def refresh(self, *, recount: bool = True) -> None:
        """Read the first page again. A new search or filter keeps the count of everyone
        (``recount=False``): counting 100,000 people costs more than the search itself."""
        if self.session.locked:
            return  # the rows stay as they were, behind the lock screen; unlocking refreshes
        self._debounce.stop()
        self._changed.stop()  # this read sees every change so far
        self._select_id = self.selected_id() or self._select_id
        self._cancel_more()
        self._cancel_statuses()
        typed, session = self.search.text(), self.session
        statuses = self._statuses()
        known_total = None if recount or self._total is None else self._total

        def read(ctx: TaskContext) -> tuple[list[CaseloadRow], bool, int]:
            def page(uow: UnitOfWork) -> tuple[list[CaseloadRow], bool, int]:
                if statuses is None:  # names first; their plan statuses follow (_fill_statuses)
                    rows, more = caseload_people(uow, typed, limit=PAGE_LIMIT)
                else:  # a status filter needs the statuses to choose the rows
                    rows, more = caseload_page(uow, typed, limit=PAGE_LIMIT, statuses=statuses)
                ctx.check()
                return rows, more, known_total if known_total is not None else count_participants(uow)

            return session.read(page)

        Operation(self._page_task, read).success(self._show_rows).failure(self._load_failed).run_in_background()

    def _fill_statuses(self, rows: list[CaseloadRow]) -> None:
        """Work out the plan statuses of rows shown without them, off the GUI thread."""
        session = self.session
        waiting = [row.participant.id for row in rows if row.status is None]
        if not waiting:
            self._finish_loading()
            return
        Operation(self._status_task, lambda ctx: session.read(lambda uow: case_statuses(uow, waiting))) \
            .success(self._show_statuses).failure(self._load_failed).run_in_background()

    def _show_statuses(self, known: dict[str, CaseloadRow]) -> None:
        self.model.fill_statuses(known)
        self._selection_changed()
        self._finish_loading()

    def _cancel_statuses(self) -> None:
        self._status_task.cancel()

    def _statuses(self) -> set[CaseStatus] | None:
        status = self.status_filter.currentData()
        return {status} if status is not None else None

    def load_more(self) -> None:
        """The next page of the same search (the list scrolled to its end)."""
        if self.session.locked or self._page_task.busy or self._more_task.busy:
            self.model.fetching = False  # the view asks again when it scrolls
            return
        typed, session, statuses, offset = self.search.text(), self.session, self._statuses(), self._people_read

        def read(ctx: TaskContext) -> tuple[list[CaseloadRow], bool]:
            return session.read(lambda uow: caseload_page(uow, typed, limit=PAGE_LIMIT, statuses=statuses,
                                                          offset=offset))

        Operation(self._more_task, read).success(self._show_more).failure(self._more_failed).run_in_background()

    def _show_more(self, result: tuple[list[CaseloadRow], bool]) -> None:
        rows, more = result
        self._people_read += PAGE_LIMIT
        self.model.has_more, self.model.fetching = more, False
        self.model.append_rows(rows)
        self._shown = (self.model.rowCount(), self._total or 0)
        self.summary_changed.emit(self._summary(*self._shown))

    def _more_failed(self, error: BaseException) -> None:
        self.model.fetching = False
        self._load_failed(error)

    def _cancel_more(self) -> None:
        self._more_task.cancel()
        self.model.fetching = False

    def _show_rows(self, result: tuple[list[CaseloadRow], bool, int]) -> None:
        rows, more, total = result
        self._people_read, self._total = PAGE_LIMIT, total
        self.model.has_more = more
        self.model.set_rows(rows)
        self.table.fit_columns()
        if rows:
            self.pages.setCurrentWidget(self.table)
        else:
            self.empty.setText(self._empty_text(total))
            self.pages.setCurrentWidget(self.empty)
        self._restore_selection()
        if self._focus_list_when_loaded and rows:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus_list_when_loaded = False
        self._shown = (len(rows), total)
        self.summary_changed.emit(self._summary(*self._shown))
        # Paint the names now, then start on their statuses: the status task is Python on a pool
        # thread, and painting while it runs waits for the interpreter lock at every cell.
        (self.table.viewport() if self.pages.currentWidget() is self.table else self.empty).repaint()
        self._fill_statuses(rows)

    def _finish_loading(self) -> None:
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if not isinstance(error, IepError):
            raise error
        self.summary_changed.emit(error.message)

    def _summary(self, shown: int, total: int) -> str:
        everyone = tr("1 participant") if total == 1 else tr("{total} participants").format(total=f"{total:,}")
        filtered = bool(self.search.text().strip()) or self.status_filter.currentData() is not None
        if not filtered and shown == total:
            return everyone
        if self.model.has_more:
            return tr("{shown} of {everyone} (scroll for more, or refine the search)").format(
                shown=f"{shown:,}", everyone=everyone)
        return tr("{shown} of {everyone}").format(shown=f"{shown:,}", everyone=everyone)

    def _empty_text(self, total: int) -> str:
        if total == 0:
            return tr("No participants yet.\nAdd the first one with New participant (Ctrl+N).")
        if self.search.text().strip():
            return tr("No one matches “{typed}”.\nCheck the spelling, or search by date of birth "
                      "(MM/DD/YYYY).").format(typed=self.search.text().strip())
        return tr("No participant has the plan status “{status}”.").format(status=self.status_filter.currentText())

    # -- selection --------------------------------------------------------------------------
    def selected_row(self) -> CaseloadRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def query(self) -> tuple[str, set[CaseStatus] | None]:
        """What the list shows: the search text and the plan statuses of the filter (None: all)."""
        status = self.status_filter.currentData()
        return self.search.text(), ({status} if status is not None else None)

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.participant.id if row else None

    def select_participant(self, participant_id: str) -> bool:
        number = self.model.row_of(participant_id)
        if number is None:
            return False
        index = self.model.index(number, 0)
        self.table.selectRow(number)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _restore_selection(self) -> None:
        if self._select_id and self.select_participant(self._select_id):
            return
        self._selection_changed()

    def _selection_changed(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._select_id = row.participant.id
        self.open_button.setEnabled(row is not None)
        self.notes_button.setEnabled(row is not None)
        self.review_button.setEnabled(row is not None and row.reviewable)
        self.record_button.setEnabled(row is not None)
        has_open_plan = row is not None and row.status not in (None, CaseStatus.NO_PLAN, CaseStatus.CLOSED)
        self.progress_button.setEnabled(has_open_plan)
        self.exit_button.setEnabled(has_open_plan)

    # -- keyboard ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _enter_results(self) -> None:
        if self.model.rowCount():
            if self.selected_row() is None:
                self.table.selectRow(0)
                self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def _search_entered(self) -> None:
        if self.loading:
            return  # results for what was typed are not on screen yet
        if self.model.rowCount() == 1 or self.selected_row() is not None:
            if self.selected_row() is None:
                self.select_participant(self.model.row_at(0).participant.id)
            self._open_selected()
        else:
            self._enter_results()

    # -- actions ----------------------------------------------------------------------------
    def _open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_plan_requested.emit(row.participant.id)

    def _notes_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.case_notes_requested.emit(row.participant.id)

    def _review_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.reviewable:
            self.start_review_requested.emit(row.participant.id)

    # -- the plan's life: thin actions, one service call each ------------------------------------
    def _snapshot(self, participant_id: str) -> PlanSnapshot:
        return self.session.read(lambda uow: load_snapshot(uow, participant_id))

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        """Opened with open() (not exec): auto-lock can hide it; a save refreshes the list."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.refresh(recount=False))
        self._life_dialog = dialog
        dialog.open()
        return dialog

    def record_service(self) -> ServiceDeliveryDialog | None:
        """Record a service as it happens (R-S3): a planned one, or one delivered now."""
        row = self.selected_row()
        if row is None or self.session.locked:
            return None
        snapshot = self._snapshot(row.participant.id)
        plan = snapshot.plan if snapshot.plan is not None and snapshot.plan.status is PlanStatus.OPEN else None
        profile = self.session.profiles.get(row.participant.board)
        waiting = [s for s in snapshot.services if plan is not None and s.plan_id == plan.id
                   and s.actual_end is None and not s.not_completed_reason]
        codes = [c.code for c in profile.service_codes if row.participant.program in c.programs]
        pid = row.participant.id

        def record(uow: UnitOfWork, service_id: str | None, code: str, delivery: Delivery) -> Service:
            if service_id is not None:
                return plan_life.record_delivery(uow, service_id, delivery)
            return plan_life.quick_service(uow, pid, code, day=delivery.actual_start, status=delivery.status,
                                           outcome=delivery.not_completed_reason or delivery.outcome,
                                           comments=delivery.comments)

        def save(service_id: str | None, code: str, delivery: Delivery) -> Service:
            return self.session.write(lambda uow: record(uow, service_id, code, delivery))

        dialog = ServiceDeliveryDialog(save, who=row.participant.display_name, services=waiting, profile=profile,
                                       program_codes=codes, today=self.session.clock.today(), parent=self)
        self._open_dialog(dialog)
        return dialog

    def goals_and_objectives(self) -> ProgressDialog | None:
        row = self.selected_row()
        if row is None or self.session.locked:
            return None
        pid = row.participant.id

        def load() -> list[ProgressItem]:
            snapshot = self._snapshot(pid)
            return progress_items(snapshot.goals, snapshot.objectives)

        def close(item: ProgressItem, day: date, outcome: Outcome) -> object:
            record_id = item.record.id
            if isinstance(item.record, Goal):
                return self.session.write(lambda uow: plan_life.close_goal(uow, record_id, day, outcome))
            return self.session.write(lambda uow: plan_life.close_objective(uow, record_id, day, outcome))

        def reopen(item: ProgressItem, reason: str) -> object:
            record_id = item.record.id
            if isinstance(item.record, Objective):
                return self.session.write(lambda uow: plan_life.reopen_objective(uow, record_id, reason))
            return self.session.write(lambda uow: plan_life.reopen_goal(uow, record_id, reason))

        dialog = ProgressDialog(load, close, reopen, who=row.participant.display_name, today=self.session.clock.today(),
                                parent=self)
        self._open_dialog(dialog)
        return dialog

    def close_at_exit(self) -> ExitDialog | None:
        row = self.selected_row()
        if row is None or self.session.locked or row.plan_id is None:
            return None
        plan_id = row.plan_id
        suggested = self.session.read(lambda uow: plan_life.suggested_exit(uow, plan_id))
        plan = self._snapshot(row.participant.id).plan
        assert plan is not None

        def save(day: date, reason: str, story: str) -> object:
            return self.session.write(lambda uow: plan_life.exit_plan(uow, plan_id, day, reason, story))

        dialog = ExitDialog(save, who=row.participant.display_name, kind=plan.plan_kind.value,
                            today=self.session.clock.today(), suggested=suggested, start=plan.start_date, parent=self)
        self._open_dialog(dialog)
        return dialog

    def this_week(self) -> ThisWeekDialog | None:
        if self.session.locked:
            return None

        today = self.session.clock.today()

        def load() -> list[Due]:
            return self.session.read(lambda uow: plan_life.needs_me(uow, today=today))

        dialog = ThisWeekDialog(load, today=self.session.clock.today(), parent=self)
        dialog.open_requested.connect(self._open_from_week)
        self._open_dialog(dialog)
        return dialog

    def _open_from_week(self, participant_id: str) -> None:
        dialog = self._life_dialog
        if dialog is not None:
            dialog.accept()
        self.open_plan_requested.emit(participant_id)

    def new_participant(self) -> ParticipantDialog | None:
        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            self._dialog.activateWindow()
            return self._dialog
        dialog = ParticipantDialog(self._save_participant, today=self.session.clock.today(),
                                   profiles=self.session.profiles,
                                   default_board=self._settings.last_board, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._participant_added(dialog))
        dialog.destroyed.connect(lambda: setattr(self, "_dialog", None))
        self._dialog = dialog
        dialog.open()
        return dialog

    def _save_participant(self, participant: Participant) -> Participant:
        """The thin action: one service call in one unit of work."""
        return self.session.write(lambda uow: create_participant(uow, participant))

    def _participant_added(self, dialog: ParticipantDialog) -> None:
        saved = dialog.saved
        if saved is None:
            return
        self._settings.last_board = saved.board
        self._select_id = saved.id
        self.table.clearSelection()
        # Show the whole caseload, so the new person is on screen, selected.
        for widget in (self.search, self.status_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter):
            widget.blockSignals(False)
        self._focus_list_when_loaded = True
        self.refresh()
        self.window().activateWindow()
