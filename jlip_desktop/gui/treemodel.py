"""The indicator tree as a Qt item model: primary → secondary → tertiary → point.

The model shows a Score (from jlip_desktop.core.scoring); it never computes one.
`set_score` emits dataChanged only for the cells whose number or answered
state changed, so an edit repaints a handful of rows, not the whole tree.
Tested without any view (tests/gui/test_treemodel.py).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.catalog import Catalog
from ..core.scoring import Score, fmt, one_decimal

COL_NAME, COL_SCORE, COL_MAX = range(3)
COLUMNS = 3

LevelRole = Qt.ItemDataRole.UserRole + 1  # "primary" | "secondary" | "tertiary" | "point"
NumberRole = Qt.ItemDataRole.UserRole + 2  # the indicator's or point's number
ScoreRole = Qt.ItemDataRole.UserRole + 3  # Decimal score of the node
AnsweredRole = Qt.ItemDataRole.UserRole + 4  # points: answered?; nodes: all points below answered?
UnansweredCountRole = Qt.ItemDataRole.UserRole + 5  # unanswered points below (points: 0 or 1)

UNANSWERED_COLOR = QColor("#b45309")
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _Item:
    __slots__ = ("level", "number", "parent", "row", "children", "points")

    def __init__(self, level: str, number: int, parent: _Item | None, row: int):
        self.level = level
        self.number = number
        self.parent = parent
        self.row = row
        self.children: list[_Item] = []
        self.points: tuple[int, ...] = ()  # scoring points at or below this item


class IndicatorModel(QAbstractItemModel):
    """Read-only tree of a catalogue with the scores of one assessment."""

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.lang = "zh"
        self._score: Score | None = None
        self._root = _Item("root", 0, None, 0)
        self._by_key: dict[tuple[str, int], _Item] = {}
        self._build()

    # -- structure -------------------------------------------------------
    def _build(self) -> None:
        cat = self.catalog

        def add(level: str, number: int, parent: _Item) -> _Item:
            item = _Item(level, number, parent, len(parent.children))
            parent.children.append(item)
            self._by_key[(level, number)] = item
            return item

        for p in cat.primary.values():
            pi = add("primary", p.number, self._root)
            for s_no in p.children:
                si = add("secondary", s_no, pi)
                for t_no in cat.secondary[s_no].children:
                    ti = add("tertiary", t_no, si)
                    for pt in cat.tertiary[t_no].children:
                        add("point", pt, ti).points = (pt,)
                    ti.points = tuple(c.number for c in ti.children)
                si.points = tuple(n for c in si.children for n in c.points)
            pi.points = tuple(n for c in pi.children for n in c.points)

    def index_for(self, level: str, number: int, column: int = COL_NAME) -> QModelIndex:
        item = self._by_key.get((level, number))
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def _item(self, index: QModelIndex) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    # -- QAbstractItemModel ------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        p = self._item(parent)
        if 0 <= row < len(p.children) and 0 <= column < COLUMNS:
            return self.createIndex(row, column, p.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: D401 (Qt's name)
        if not index.isValid():
            return QModelIndex()
        p = index.internalPointer().parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return COLUMNS

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("IndicatorModel", "Indicator"),
                    QCoreApplication.translate("IndicatorModel", "Score"),
                    QCoreApplication.translate("IndicatorModel", "Max"))[section]
        return None

    def _max(self, item: _Item) -> Decimal:
        if item.level == "point":
            return self.catalog.points[item.number].max
        return self.catalog.level(item.level)[item.number].max

    def _score_of(self, item: _Item) -> Decimal | None:
        if self._score is None:
            return None
        return self._score.node(item.level, item.number)

    def _unanswered(self, item: _Item) -> int:
        if self._score is None:
            return len(item.points)
        answered = self._score.answered_points
        return sum(1 for n in item.points if n not in answered)

    def _name(self, item: _Item) -> str:
        cat = self.catalog
        if item.level == "point":
            return f"({item.number}) {cat.points[item.number].display(self.lang)}"
        node = cat.level(item.level)[item.number]
        return node.display(self.lang)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return self._name(item)
            if col == COL_SCORE:
                if item.level == "point" and self._unanswered(item):
                    return "—"
                s = self._score_of(item)
                return "" if s is None else one_decimal(s)
            return fmt(self._max(item))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            name = self._name(item)
            missing = self._unanswered(item)
            if item.level == "point":
                rule = self.catalog.points[item.number].rule
                if missing:
                    state = QCoreApplication.translate("IndicatorModel", "Unanswered")
                    return f"{name}\n{rule}\n{state}"
                return f"{name}\n{rule}"
            if missing:
                more = QCoreApplication.translate("IndicatorModel", "%n point(s) unanswered", "", missing)
                return name + "\n" + more
            return name
        if role == Qt.ItemDataRole.ForegroundRole and self._unanswered(item) and item.level == "point":
            return QBrush(UNANSWERED_COLOR)
        if role == Qt.ItemDataRole.FontRole:
            if item.level == "point" and self._unanswered(item) and col == COL_NAME:
                f = QFont()
                f.setItalic(True)
                return f
            if item.level == "primary":
                f = QFont()
                f.setBold(True)
                return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col != COL_NAME:
            return _RIGHT
        if role == LevelRole:
            return item.level
        if role == NumberRole:
            return item.number
        if role == ScoreRole:
            return self._score_of(item)
        if role == AnsweredRole:
            return self._unanswered(item) == 0
        if role == UnansweredCountRole:
            return self._unanswered(item)
        return None

    # -- updates -----------------------------------------------------------
    @property
    def score(self) -> Score | None:
        return self._score

    def set_score(self, score: Score) -> int:
        """Show a new score; emits dataChanged only for changed rows.  Returns how many rows changed."""
        old = self._score
        self._score = score
        if old is None:
            self._emit_all()
            return len(self._by_key)
        changed = 0
        newly = old.answered_points ^ score.answered_points
        for item in self._by_key.values():
            if item.level == "point":
                moved = item.number in newly
                diff = old.points[item.number] != score.points[item.number]
            else:
                moved = any(n in newly for n in item.points)
                diff = old.node(item.level, item.number) != score.node(item.level, item.number)
            if moved:
                self.dataChanged.emit(self.createIndex(item.row, COL_NAME, item),
                                      self.createIndex(item.row, COL_SCORE, item))
                changed += 1
            elif diff:
                idx = self.createIndex(item.row, COL_SCORE, item)
                self.dataChanged.emit(idx, idx)
                changed += 1
        return changed

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._emit_all()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def _emit_all(self) -> None:
        def walk(parent: _Item, pidx: QModelIndex) -> None:
            if not parent.children:
                return
            last = len(parent.children) - 1
            self.dataChanged.emit(self.index(0, 0, pidx), self.index(last, COLUMNS - 1, pidx))
            for c in parent.children:
                walk(c, self.createIndex(c.row, 0, c))

        walk(self._root, QModelIndex())

    def point_order(self) -> list[int]:
        """Points in tree order (for next/previous navigation)."""
        return [n for c in self._root.children for n in c.points]
