"""The province dashboard: one year's ranking as a table and a bar chart,
one region compared with the average of all regions, and its trend.

The order of rows and bars is chartdata.ranking's (highest total first; ties
by primary indicator 3, then region code — see chartdata's docstring).  The
table can be re-sorted by any column; the bars always keep the ranking.

Drafts and incomplete assessments are left out of the ranking (chartdata.
rank_regions' default): they are listed after the ranked rows, unranked and
marked (status, answered x/44, "incomplete" instead of a grade), and are not
among the bars.  "Include drafts" ranks them too, still marked.  The scores of the year are read once
(chartdata.year_scores) and kept; a change in the store rescores only the
assessment that changed.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.chartdata import RankRow, average_radar, radar_series, rank_regions, trend, trend_mixes_schemes, year_scores
from ..core.errors import BadInput
from ..core.scoring import one_decimal
from .charts import RadarChart, RankingBarChart, TrendChart

_TEXT = {
    "year": {"zh": "年度", "en": "Year"},
    "compare": {"zh": "对比地区", "en": "Compare"},
    "level": {"zh": "指标层级", "en": "Level"},
    "primary": {"zh": "一级指标", "en": "Primary indicators"},
    "secondary": {"zh": "二级指标", "en": "Secondary indicators"},
    "hint": {"zh": "双击表格行或点击柱条，打开该地区的评估", "en": "Double-click a row or click a bar to open that assessment"},
    "rank": {"zh": "排名", "en": "Rank"},
    "region": {"zh": "地区", "en": "Region"},
    "total": {"zh": "总分", "en": "Total"},
    "grade": {"zh": "等级", "en": "Grade"},
    "status": {"zh": "状态", "en": "Status"},
    "answered": {"zh": "已答", "en": "Answered"},
    "draft": {"zh": "草稿", "en": "Draft"},
    "submitted": {"zh": "已提交", "en": "Submitted"},
    "incomplete": {"zh": "未完成", "en": "Incomplete"},
    "incomplete_tip": {"zh": "尚有 {n} 项未答：不评等级", "en": "{n} points unanswered: not graded"},
    "include_incomplete": {"zh": "草稿也参与排名(&I)", "en": "&Include drafts in the ranking"},
    "left_out": {"zh": "另有 {n} 份草稿或未完成的评估未参与排名（列在表末）",
                 "en": "{n} drafts or incomplete assessments not ranked (listed at the end)"},
    "verified": {"zh": "核定", "en": "verified"},
    "window_title": {"zh": "全省总览", "en": "Province dashboard"},
    "bars_title": {"zh": "{year} 年各地区总分", "en": "Totals by region, {year}"},
    "radar_title": {"zh": "{region}与全部地区平均", "en": "{region} and the average of all regions"},
    "average": {"zh": "全部 {n} 个地区平均", "en": "Average of {n} regions"},
    "trend_title": {"zh": "{region}历年总分", "en": "{region}: totals by year"},
    "trend_rate_title": {"zh": "{region}历年得分率（%，各年指标体系不同）",
                         "en": "{region}: score rate by year (%; the schemes differ between years)"},
    "no_year": {"zh": "（无评估）", "en": "(no assessments)"},
    "tier": {"zh": "地区范围", "en": "Regions"},
    "tier_all": {"zh": "全部", "en": "All"},
    "tier_prefecture": {"zh": "市（州）级", "en": "Prefecture level"},
    "tier_county": {"zh": "县（市、区）级", "en": "County level"},
}


def tr(key: str, lang: str, **kw) -> str:
    text = _TEXT[key]["en" if lang == "en" else "zh"]
    return text.format(**kw) if kw else text


SortRole = Qt.ItemDataRole.UserRole + 1
AssessmentIdRole = Qt.ItemDataRole.UserRole + 2
RegionRole = Qt.ItemDataRole.UserRole + 3


class RankingTableModel(QAbstractTableModel):
    """One row per RankRow, in ranking order; sort keys under SortRole."""

    COL_RANK, COL_REGION, COL_TOTAL, COL_GRADE, COL_STATUS, COL_ANSWERED = range(6)
    FIXED = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[RankRow] = []
        self._primary: list = []  # catalogue nodes of the primary indicators
        self._lang = "zh"
        self._names_en: dict[str, str] = {}

    def set_rows(self, rows: list[RankRow], lang: str = "zh", names_en: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._lang = lang
        self._names_en = names_en or {}
        self._primary = list(rows[0].score.catalog.primary.values()) if rows else []
        self._scheme = rows[0].score.catalog.id if rows else None  # the primary columns' scheme
        self.endResetModel()

    def row_at(self, row: int) -> RankRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.FIXED + len(self._primary)

    def _region_name(self, r: RankRow) -> str:
        return self._names_en.get(r.region, r.region_name) if self._lang == "en" else r.region_name

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_RANK:
                return "—" if r.rank is None else str(r.rank)
            if col == self.COL_REGION:
                return self._region_name(r)
            if col == self.COL_TOTAL:
                return one_decimal(r.total)
            if col == self.COL_GRADE:
                if not r.complete:
                    return tr("incomplete", self._lang)
                grade = r.score.grade.name_en if self._lang == "en" else r.grade
                return grade + (" *" if r.vetoed else "")
            if col == self.COL_STATUS:
                text = tr("submitted" if r.status == "submitted" else "draft", self._lang)
                return text + (" · " + tr("verified", self._lang) if getattr(r, "basis", "") == "verified" else "")
            if col == self.COL_ANSWERED:
                return f"{r.score.answered}/{r.score.answered + r.score.unanswered}"
            if r.score.catalog.id != self._scheme:  # another scheme's indicators: no column of its own here
                return "—"
            return one_decimal(r.score.primary[self._primary[col - self.FIXED].number])
        if role == SortRole:
            if col == self.COL_RANK:
                return index.row()  # ranking position: ties keep the documented order
            if col == self.COL_REGION:
                return r.region
            if col in (self.COL_TOTAL, self.COL_GRADE):
                return float(r.total)
            if col == self.COL_STATUS:
                return r.status
            if col == self.COL_ANSWERED:
                return r.score.answered
            if r.score.catalog.id != self._scheme:
                return -1.0
            return float(r.score.primary[self._primary[col - self.FIXED].number])
        if role == Qt.ItemDataRole.ForegroundRole:
            if not r.complete and col in (self.COL_GRADE, self.COL_ANSWERED):
                return QBrush(QColor("#b45309"))
            if r.rank is None:
                return QBrush(QColor("#6b7280"))
            if col == self.COL_STATUS and r.status == "submitted":
                return QBrush(QColor("#166534"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.COL_REGION, self.COL_GRADE, self.COL_STATUS):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (self.COL_GRADE, self.COL_ANSWERED) and not r.complete:
                return tr("incomplete_tip", self._lang, n=r.score.unanswered)
            if col == self.COL_GRADE and r.vetoed:
                return r.score.catalog.veto_text(self._lang)  # worded from the assessment's catalogue
            if col == self.COL_REGION:
                return f"{r.region_name} ({r.region})"
        if role == AssessmentIdRole:
            return r.assessment_id
        if role == RegionRole:
            return r.region
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            fixed = ("rank", "region", "total", "grade", "status", "answered")
            if section < self.FIXED:
                return tr(fixed[section], self._lang)
            node = self._primary[section - self.FIXED]
            return f"{node.number}. ({node.max.normalize():f})"
        if role == Qt.ItemDataRole.ToolTipRole and section >= self.FIXED:
            node = self._primary[section - self.FIXED]
            name = node.name_en if self._lang == "en" else node.name
            return f"{node.number}. {name} ({one_decimal(node.max)})"
        return None


class DashboardWidget(QWidget):
    """A year's ranking (table and bars), one region against the average, its trend."""

    sig_assessment_requested = Signal(int)
    """The user asked to open an assessment (bar clicked, row double-clicked or Enter): its id."""

    def __init__(self, store, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.store = store
        self._lang = "en" if lang == "en" else "zh"
        self._year: int | None = None
        self._rows: list[RankRow] = []
        self._scores: dict[int, object] = {}  # assessment id -> Score, for self._scores_year
        self._scores_year: int | None = None
        self._left_out = 0
        self._excluded: list[RankRow] = []
        self._names_en: dict[str, str] = {}
        self._stale: set[int] | None = set()  # ids to rescore; None: reload everything
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_if_stale)
        self.fills = 0  # how many times the table and bars were filled (tests: once on open)

        self.year_label = QLabel()
        self.year_combo = QComboBox()
        self.compare_label = QLabel()
        self.compare_combo = QComboBox()
        self.compare_combo.setMinimumContentsLength(8)
        self.compare_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.level_label = QLabel()
        self.level_combo = QComboBox()
        self.tier_label = QLabel()
        self.tier_combo = QComboBox()
        self.incomplete_box = QCheckBox()
        self.left_out_label = QLabel()
        self.left_out_label.setStyleSheet("color: #b45309")
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666")
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        for w in (self.year_label, self.year_combo, self.tier_label, self.tier_combo, self.compare_label,
                  self.compare_combo, self.level_label, self.level_combo, self.incomplete_box):
            top.addWidget(w)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.left_out_label)
        bottom.addStretch(1)
        bottom.addWidget(self.hint)

        self.model = RankingTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RankingTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(60)  # columns sized from the first rows, not all 2,800
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(self._row_activated)
        self.table.installEventFilter(self)  # Enter opens the current row, like a double click
        self.table.selectionModel().currentRowChanged.connect(self._row_selected)

        self.bars = RankingBarChart()
        self.bars.sig_assessment_requested.connect(self.sig_assessment_requested)
        self.radar = RadarChart()
        self.trend = TrendChart()

        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.table)
        upper.addWidget(self.bars)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.radar)
        lower.addWidget(self.trend)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(upper)
        main.addWidget(lower)
        main.setStretchFactor(0, 1)
        main.setStretchFactor(1, 1)
        upper.setSizes([560, 800])
        self.splitters = (upper, lower, main)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(main, 1)
        lay.addLayout(bottom)

        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.compare_combo.currentIndexChanged.connect(self._compare_chosen)
        self.level_combo.currentIndexChanged.connect(lambda _i: self._update_compare())
        self.tier_combo.currentIndexChanged.connect(lambda _i: self._rank())
        self.incomplete_box.toggled.connect(lambda _on: self._rank())
        self._retranslate()
        self.refresh()
        handle = store.subscribe(self.store_changed)  # an edit anywhere must not leave this stale
        self.destroyed.connect(lambda *_: handle())

    # -- public ------------------------------------------------------------
    def set_tier(self, tier: str | None) -> None:
        """Rank all regions (None) or only "prefecture"- or "county"-level ones."""
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(tier)))

    def set_include_incomplete(self, on: bool) -> None:
        """Rank drafts and incomplete assessments too (marked), or leave them out (the default)."""
        self.incomplete_box.setChecked(bool(on))

    def set_year(self, year: int) -> None:
        i = self.year_combo.findData(int(year))
        if i < 0:
            self.refresh()
            i = self.year_combo.findData(int(year))
        if i >= 0 and int(year) != self._year:
            self.year_combo.setCurrentIndex(i)

    def set_language(self, lang: str) -> None:
        lang = "en" if lang == "en" else "zh"
        if lang == self._lang:
            return
        self._lang = lang
        self._retranslate()
        self._fill()  # the same rows in the other language; nothing is read again

    def refresh(self) -> None:
        """Reload years and the current year's ranking from the store (after edits or imports)."""
        self._stale = set()
        self._scores_year = None
        years = self.store.years()
        keep = self._year if self._year in years else (years[0] if years else None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        if not years:
            self.year_combo.addItem(tr("no_year", self._lang), None)
        if keep is not None:
            self.year_combo.setCurrentIndex(self.year_combo.findData(keep))
        self.year_combo.blockSignals(False)
        self._load_year(keep)

    def store_changed(self, *args, **kwargs) -> None:
        """The store changed (its change notification): rescore what changed, once, when shown.

        An argument naming an assessment id (an int, or a Change with `assessment_id`)
        rescores that one; a change that can't move a score (a note, evidence, the
        history, the assessor) is ignored; anything else reloads the years and the ranking.
        """
        if getattr(args[0] if args else None, "kind", None) in _NO_SCORE_CHANGE:
            return
        aid = kwargs.get("assessment_id")
        for a in args:
            if aid is None and isinstance(a, int) and not isinstance(a, bool):
                aid = a
            elif aid is None and isinstance(getattr(a, "assessment_id", None), int):
                aid = a.assessment_id
        if aid is None or self._stale is None:
            self._stale = None
        else:
            self._stale.add(int(aid))
        if self.isVisible():
            self._reload_timer.start()

    def year(self) -> int | None:
        return self._year

    def rows(self) -> list[RankRow]:
        """The ranked rows (the bars), in ranking order."""
        return list(self._rows)

    def excluded(self) -> list[RankRow]:
        """The rows listed unranked after them (drafts, incomplete assessments)."""
        return list(self._excluded)

    def left_out(self) -> int:
        """How many drafts or incomplete assessments of the year are left out of the ranking."""
        return self._left_out

    def table_order(self) -> list[int]:
        """Assessment ids in the table's current (sorted) order."""
        return [self.proxy.index(r, 0).data(AssessmentIdRole) for r in range(self.proxy.rowCount())]

    def select_region(self, code: str) -> None:
        i = self.compare_combo.findData(code)
        if i >= 0:
            self.compare_combo.setCurrentIndex(i)

    # -- internals ---------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale is None or self._stale:
            self._reload_timer.start()

    def _reload_if_stale(self) -> None:
        stale, self._stale = self._stale, set()
        if stale is None:
            self.refresh()
            return
        if not stale:
            return
        years = set(self.store.years())
        if set(self.year_combo.itemData(i) for i in range(self.year_combo.count())) != years:
            self.refresh()
            return
        for aid in stale:
            self._scores.pop(aid, None)
            try:
                a = self.store.assessment(aid)
            except BadInput:  # deleted
                continue
            if a.year == self._scores_year:
                self._scores[aid] = self.store.score(aid)
        self._rank()

    def _retranslate(self) -> None:
        lang = self._lang
        self.year_label.setText(tr("year", lang))
        self.compare_label.setText(tr("compare", lang))
        self.level_label.setText(tr("level", lang))
        self.hint.setText(tr("hint", lang))
        self.incomplete_box.setText(tr("include_incomplete", lang))
        self.level_combo.blockSignals(True)
        current = self.level_combo.currentData() or "primary"
        self.level_combo.clear()
        self.level_combo.addItem(tr("primary", lang), "primary")
        self.level_combo.addItem(tr("secondary", lang), "secondary")
        self.level_combo.setCurrentIndex(self.level_combo.findData(current))
        self.level_combo.blockSignals(False)
        self.tier_label.setText(tr("tier", lang))
        self.tier_combo.blockSignals(True)
        tier = self.tier_combo.currentData()
        self.tier_combo.clear()
        for key, data in (("tier_all", None), ("tier_prefecture", "prefecture"), ("tier_county", "county")):
            self.tier_combo.addItem(tr(key, lang), data)
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(tier)))
        self.tier_combo.blockSignals(False)
        if lang == "en" and not self._names_en:
            self._names_en = {r.code: r.name_en for r in self.store.regions()}
        if not self.year_combo.count() or self.year_combo.itemData(0) is None:
            self.year_combo.setItemText(0, tr("no_year", lang))

    def _region_name(self, row: RankRow) -> str:
        return self._names_en.get(row.region, row.region_name) if self._lang == "en" else row.region_name

    def _year_chosen(self, index: int) -> None:
        self._load_year(self.year_combo.itemData(index))

    def _load_year(self, year: int | None) -> None:
        self._year = year
        if year is not None and self._scores_year != year:
            self._scores = year_scores(self.store, year)
            self._scores_year = year
        self._rank()

    def _rank(self) -> None:
        """Rank the year's assessments (scores already read) and fill the table and bars once."""
        year = self._year
        if year is None:
            rows = []
        else:
            rows = rank_regions(self.store, year, self.tier_combo.currentData(),
                                include_drafts=self.incomplete_box.isChecked(), with_excluded=True,
                                scores=self._scores)
        self._rows = [r for r in rows if r.rank is not None]
        self._excluded = [r for r in rows if r.rank is None]
        self._left_out = len(self._excluded)
        self._fill()

    def _fill(self) -> None:
        self.fills += 1
        year = self._year
        # The rows come in ranking order: unsorted proxy during the reset (no 2,800-row sort of an
        # order already right), then the rank column's indicator set without sorting again.
        self.proxy.sort(-1)
        self.model.set_rows(self._rows + self._excluded, self._lang, self._names_en)
        header = self.table.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(RankingTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
        header.blockSignals(blocked)
        self.bars.set_rows(self._rows, self._lang, tr("bars_title", self._lang, year=year) if year else "")
        self.left_out_label.setText(tr("left_out", self._lang, n=self._left_out) if self._left_out else "")
        previous = self.compare_combo.currentData()
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        for r in self._rows + self._excluded:
            self.compare_combo.addItem(self._region_name(r), r.region)
        i = self.compare_combo.findData(previous)
        self.compare_combo.setCurrentIndex(i if i >= 0 else 0)
        self.compare_combo.blockSignals(False)
        self._update_compare()

    def _compare_chosen(self, _index: int) -> None:
        self._update_compare()

    def _update_compare(self) -> None:
        code = self.compare_combo.currentData()
        row = next((r for r in self._rows + self._excluded if r.region == code), None)
        lang = self._lang
        if row is None:
            self.radar.set_series([], lang)
            self.trend.set_points([], "", lang=lang)
            return
        level = self.level_combo.currentData() or "primary"
        name = self._region_name(row)
        same = [r.score for r in self._rows or self._excluded
                if r.score.catalog.id == row.score.catalog.id]  # compared with the regions of the same scheme
        avg = average_radar(same, level)
        self.radar.set_series(radar_series(row.score, level), lang, avg, tr("radar_title", lang, region=name),
                              name=name, compare_name=tr("average", lang, n=len(same)))
        mixed = trend_mixes_schemes(self.store, row.region)  # then rates, and the title says so
        self.trend.set_points(trend(self.store, row.region, rates=mixed),
                              tr("trend_rate_title" if mixed else "trend_title", lang, region=name), lang=lang)
        self.bars.set_highlight(row.assessment_id)

    def _row_selected(self, current, _previous) -> None:
        if current.isValid():
            self.select_region(current.data(RegionRole))

    def eventFilter(self, obj, event):
        if (obj is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentIndex().isValid()):
            self._row_activated(self.table.currentIndex())
            return True
        return super().eventFilter(obj, event)

    def _row_activated(self, index) -> None:
        if index.isValid():
            self.sig_assessment_requested.emit(int(index.data(AssessmentIdRole)))


#: change kinds (core.changes) that leave every total, status and answered count as it was
_NO_SCORE_CHANGE = frozenset({"note", "evidence", "history", "assessor"})

#: the dashboard's preferred size; never larger than the screen's available area
PREFERRED_SIZE = (1100, 680)


def fit_to_screen(window, preferred: tuple[int, int] = PREFERRED_SIZE, saved: QByteArray | None = None) -> None:
    """Size a top-level window from the available screen geometry, never larger than it.

    Saved geometry is restored only if the restored frame fits inside the screen's
    available area; otherwise the window gets the preferred size, shrunk to fit, centred.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    avail = screen.availableGeometry()
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        frame = window.frameGeometry()
        if avail.contains(frame) or (frame.width() <= avail.width() and frame.height() <= avail.height()
                                     and avail.intersects(frame)):
            if not avail.contains(frame):
                frame.moveTopLeft(avail.topLeft())
                window.move(frame.topLeft())
            return
    # frame decorations are unknown before the window is shown: leave room for them
    w = min(preferred[0], avail.width() - 16)
    h = min(preferred[1], avail.height() - 40)
    window.resize(max(w, 200), max(h, 150))
    window.move(avail.left() + (avail.width() - window.width()) // 2,
                avail.top() + max(0, (avail.height() - window.height() - 30) // 2))


class DashboardWindow(QMainWindow):
    """The dashboard as a window of its own (own taskbar entry), sized to fit the screen.

    Opening an assessment from it (a bar, a row) leaves it open where it is, so the user
    can come back to it with the taskbar, Alt+Tab or Ctrl+D in the main window.
    """

    GEOMETRY_KEY = "dashboard_geometry"

    def __init__(self, store, lang: str = "zh", settings=None, parent=None):
        super().__init__(parent)
        self.setObjectName("dashboardWindow")
        self.settings = settings
        self.widget = DashboardWidget(store, self, lang)
        self.setCentralWidget(self.widget)
        self.setMinimumSize(360, 280)
        self.setWindowTitle(tr("window_title", self.widget._lang))
        saved = settings.value(self.GEOMETRY_KEY) if settings is not None else None
        fit_to_screen(self, PREFERRED_SIZE, saved if isinstance(saved, QByteArray) else None)

    def set_language(self, lang: str) -> None:
        self.widget.set_language(lang)

    def closeEvent(self, event) -> None:
        if self.settings is not None:
            self.settings.setValue(self.GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)
