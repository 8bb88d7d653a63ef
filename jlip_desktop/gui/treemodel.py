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
from .readouts import answer_and_score, verdict_text

COL_NAME, COL_SCORE, COL_MAX, COL_PRIOR, COL_VERIFIED = range(5)
COLUMNS = 5
"""COL_PRIOR (last year's score) and COL_VERIFIED (the province's verified score) are hidden by the view
when there is no previous year's assessment / no review."""

LevelRole = Qt.ItemDataRole.UserRole + 1  # "primary" | "secondary" | "tertiary" | "point"
NumberRole = Qt.ItemDataRole.UserRole + 2  # the indicator's or point's number
ScoreRole = Qt.ItemDataRole.UserRole + 3  # Decimal score of the node
AnsweredRole = Qt.ItemDataRole.UserRole + 4  # points: answered?; nodes: all points below answered?
UnansweredCountRole = Qt.ItemDataRole.UserRole + 5  # unanswered points below (points: 0 or 1)
VerdictRole = Qt.ItemDataRole.UserRole + 6  # points: the review verdict ("accept" | "adjust" | "issue") or None
IssueCountRole = Qt.ItemDataRole.UserRole + 7  # points with an open issue at or below this node

UNANSWERED_COLOR = QColor("#b45309")
ISSUE_COLOR = QColor("#b91c1c")
ADJUSTED_COLOR = QColor("#1d4ed8")
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
        self._prior: Score | None = None
        self._prior_answers: dict = {}
        self._prior_year: int | None = None
        self._verified: Score | None = None
        self._verdicts: dict = {}
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
            if section == COL_SCORE:
                if self._verified is not None:
                    return QCoreApplication.translate("IndicatorModel", "Self")
                return QCoreApplication.translate("IndicatorModel", "Score")
            return (QCoreApplication.translate("IndicatorModel", "Indicator"), "",
                    QCoreApplication.translate("IndicatorModel", "Max"),
                    QCoreApplication.translate("IndicatorModel", "Last yr"),
                    QCoreApplication.translate("IndicatorModel", "Verified"))[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == COL_PRIOR:
            return QCoreApplication.translate("IndicatorModel", "Score of the region's assessment of {0}").format(
                self._prior_year)
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

    def _issues(self, item: _Item) -> int:
        return sum(1 for n in item.points if getattr(self._verdicts.get(n), "verdict", None) == "issue")

    def _prior_text(self, item: _Item) -> str:
        if self._prior is None:
            return ""
        if item.level == "point" and item.number not in self._prior.answered_points:
            return "—"
        return one_decimal(self._prior.node(item.level, item.number))

    def _verified_text(self, item: _Item) -> str:
        if self._verified is None:
            return ""
        if item.level == "point" and item.number not in self._verified.answered_points:
            return "—"
        return one_decimal(self._verified.node(item.level, item.number))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: _Item = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                name = self._name(item)
                if item.level == "point" and self._issues(item):
                    name += " " + QCoreApplication.translate("IndicatorModel", "[issue]")
                return name
            if col == COL_PRIOR:
                return self._prior_text(item)
            if col == COL_VERIFIED:
                return self._verified_text(item)
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
                lines = [name, self.catalog.points[item.number].rule]
                if missing:
                    lines.append(QCoreApplication.translate("IndicatorModel", "Unanswered"))
                if self._prior is not None:
                    pt = self.catalog.points[item.number]
                    lines.append(QCoreApplication.translate("IndicatorModel", "Last year: {0}").format(
                        answer_and_score(pt, self._prior_answers.get(item.number), self.lang)))
                v = self._verdicts.get(item.number)
                if v is not None:
                    lines.append(QCoreApplication.translate("IndicatorModel", "Province: {0}").format(
                        verdict_text(v.verdict) + (f" — {v.comment}" if v.comment else "")))
                return "\n".join(lines)
            if missing:
                more = QCoreApplication.translate("IndicatorModel", "%n point(s) unanswered", "", missing)
                return name + "\n" + more
            return name
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.level == "point" and self._issues(item) and col == COL_NAME:
                return QBrush(ISSUE_COLOR)
            if col == COL_VERIFIED and getattr(self._verdicts.get(item.number), "verdict", None) == "adjust" \
                    and item.level == "point":
                return QBrush(ADJUSTED_COLOR)
            if self._unanswered(item) and item.level == "point":
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
        if role == VerdictRole:
            v = self._verdicts.get(item.number) if item.level == "point" else None
            return None if v is None else v.verdict
        if role == IssueCountRole:
            return self._issues(item)
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

    def set_prior(self, prior: Score | None, answers: dict | None = None, year: int | None = None) -> None:
        """Show the region's previous-year scores (None: there is no such assessment)."""
        self._prior, self._prior_answers, self._prior_year = prior, dict(answers or {}), year
        self._emit_all()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    @property
    def has_prior(self) -> bool:
        return self._prior is not None

    def set_review(self, verified: Score | None, verdicts: dict | None = None) -> None:
        """Show the province's verified scores and verdicts (None: no review to show)."""
        self._verified, self._verdicts = verified, dict(verdicts or {})
        self._emit_all()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    @property
    def has_review(self) -> bool:
        return self._verified is not None

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
