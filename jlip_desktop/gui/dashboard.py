"""The province dashboard: one year's ranking as a table and a bar chart,
one region compared with the average of all regions, and its trend.

The order of rows and bars is chartdata.ranking's (highest total first; ties
by primary indicator 3, then region code — see chartdata's docstring).  The
table can be re-sorted by any column; the bars always keep the ranking.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.chartdata import RankRow, average_radar, radar_series, ranking, trend
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
    "bars_title": {"zh": "{year} 年各地区总分", "en": "Totals by region, {year}"},
    "radar_title": {"zh": "{region}与全部地区平均", "en": "{region} and the average of all regions"},
    "average": {"zh": "全部 {n} 个地区平均", "en": "Average of {n} regions"},
    "trend_title": {"zh": "{region}历年总分", "en": "{region}: totals by year"},
    "vetoed": {"zh": "第 (1) 项未达成：不能评为优秀", "en": "Point (1) not met: can't be graded excellent"},
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

    COL_RANK, COL_REGION, COL_TOTAL, COL_GRADE = range(4)
    FIXED = 4

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
                return str(r.rank)
            if col == self.COL_REGION:
                return self._region_name(r)
            if col == self.COL_TOTAL:
                return one_decimal(r.total)
            if col == self.COL_GRADE:
                grade = r.score.grade.name_en if self._lang == "en" else r.grade
                return grade + (" *" if r.vetoed else "")
            return one_decimal(r.score.primary[self._primary[col - self.FIXED].number])
        if role == SortRole:
            if col == self.COL_RANK:
                return index.row()  # ranking position: ties keep the documented order
            if col == self.COL_REGION:
                return r.region
            if col in (self.COL_TOTAL, self.COL_GRADE):
                return float(r.total)
            return float(r.score.primary[self._primary[col - self.FIXED].number])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.COL_REGION, self.COL_GRADE):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_GRADE and r.vetoed:
                return tr("vetoed", self._lang)
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
            fixed = ("rank", "region", "total", "grade")
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

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self._lang = "zh"
        self._year: int | None = None
        self._rows: list[RankRow] = []
        self._names_en: dict[str, str] = {}

        self.year_label = QLabel()
        self.year_combo = QComboBox()
        self.compare_label = QLabel()
        self.compare_combo = QComboBox()
        self.compare_combo.setMinimumContentsLength(8)
        self.level_label = QLabel()
        self.level_combo = QComboBox()
        self.tier_label = QLabel()
        self.tier_combo = QComboBox()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666")
        top = QHBoxLayout()
        for w in (self.year_label, self.year_combo, self.tier_label, self.tier_combo, self.compare_label,
                  self.compare_combo, self.level_label, self.level_combo):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.hint)

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
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
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

        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.compare_combo.currentIndexChanged.connect(self._compare_chosen)
        self.level_combo.currentIndexChanged.connect(lambda _i: self._update_compare())
        self.tier_combo.currentIndexChanged.connect(lambda _i: self._load_year(self._year))
        self._retranslate()
        self.refresh()

    # -- public ------------------------------------------------------------
    def set_tier(self, tier: str | None) -> None:
        """Rank all regions (None) or only "prefecture"- or "county"-level ones."""
        self.tier_combo.setCurrentIndex(max(0, self.tier_combo.findData(tier)))

    def set_year(self, year: int) -> None:
        i = self.year_combo.findData(int(year))
        if i < 0:
            self.refresh()
            i = self.year_combo.findData(int(year))
        if i >= 0:
            self.year_combo.setCurrentIndex(i)
            self._load_year(int(year))

    def set_language(self, lang: str) -> None:
        self._lang = "en" if lang == "en" else "zh"
        self._retranslate()
        self.refresh()

    def refresh(self) -> None:
        """Reload years and the current year's ranking from the store (after edits or imports)."""
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

    def year(self) -> int | None:
        return self._year

    def rows(self) -> list[RankRow]:
        return list(self._rows)

    def table_order(self) -> list[int]:
        """Assessment ids in the table's current (sorted) order."""
        return [self.proxy.index(r, 0).data(AssessmentIdRole) for r in range(self.proxy.rowCount())]

    def select_region(self, code: str) -> None:
        i = self.compare_combo.findData(code)
        if i >= 0:
            self.compare_combo.setCurrentIndex(i)

    # -- internals ---------------------------------------------------------
    def _retranslate(self) -> None:
        lang = self._lang
        self.year_label.setText(tr("year", lang))
        self.compare_label.setText(tr("compare", lang))
        self.level_label.setText(tr("level", lang))
        self.hint.setText(tr("hint", lang))
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

    def _region_name(self, row: RankRow) -> str:
        return self._names_en.get(row.region, row.region_name) if self._lang == "en" else row.region_name

    def _year_chosen(self, index: int) -> None:
        self._load_year(self.year_combo.itemData(index))

    def _load_year(self, year: int | None) -> None:
        self._year = year
        self._rows = ranking(self.store, year, self.tier_combo.currentData()) if year is not None else []
        self.model.set_rows(self._rows, self._lang, self._names_en)
        self.table.sortByColumn(RankingTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
        self.bars.set_rows(self._rows, self._lang, tr("bars_title", self._lang, year=year) if year else "")
        previous = self.compare_combo.currentData()
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        for r in self._rows:
            self.compare_combo.addItem(self._region_name(r), r.region)
        i = self.compare_combo.findData(previous)
        self.compare_combo.setCurrentIndex(i if i >= 0 else 0)
        self.compare_combo.blockSignals(False)
        self._update_compare()

    def _compare_chosen(self, _index: int) -> None:
        self._update_compare()

    def _update_compare(self) -> None:
        code = self.compare_combo.currentData()
        row = next((r for r in self._rows if r.region == code), None)
        lang = self._lang
        if row is None:
            self.radar.set_series([], lang)
            self.trend.set_points([], "", lang=lang)
            return
        level = self.level_combo.currentData() or "primary"
        name = self._region_name(row)
        avg = average_radar([r.score for r in self._rows], level)
        self.radar.set_series(radar_series(row.score, level), lang, avg, tr("radar_title", lang, region=name),
                              name=name, compare_name=tr("average", lang, n=len(self._rows)))
        self.trend.set_points(trend(self.store, row.region), tr("trend_title", lang, region=name), lang=lang)
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
