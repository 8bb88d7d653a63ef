"""The navigator: province → prefecture → county, each with its assessments by year."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ..core.store import Store

KindRole = Qt.ItemDataRole.UserRole + 1  # "region" | "assessment"
KeyRole = Qt.ItemDataRole.UserRole + 2  # region code or assessment id


class Navigator(QTreeWidget):
    """Regions with their assessments; emits which assessment or region was chosen."""

    sig_assessment_selected = Signal(object)
    """An assessment id was selected (or None when a region is selected)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.lang = "zh"
        self.setObjectName("navigator")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self._regions: dict[str, QTreeWidgetItem] = {}
        self._assessments: dict[int, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._on_current)
        self.refresh()

    def retranslate(self) -> None:
        self.refresh(keep=True)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh(keep=True)

    def _status_text(self, status: str) -> str:
        return self.tr("draft") if status == "draft" else self.tr("submitted")

    def refresh(self, keep: bool = True, select: int | None = None) -> None:
        """Rebuild from the store, keeping the selection (or selecting assessment `select`)."""
        if keep and select is None:
            select = self.current_assessment()
            region = self.current_region() if select is None else None
        else:
            region = None
        expanded = {code for code, item in self._regions.items() if item.isExpanded()}
        first_time = not self._regions
        self.blockSignals(True)
        self.clear()
        self._regions.clear()
        self._assessments.clear()
        by_region: dict[str, list] = {}
        for a in self.store.list_assessments():
            by_region.setdefault(a.region, []).append(a)
        for r in self.store.regions():
            parent = self._regions.get(r.parent) if r.parent else None
            item = QTreeWidgetItem([r.display(self.lang)])
            item.setData(0, KindRole, "region")
            item.setData(0, KeyRole, r.code)
            item.setToolTip(0, f"{r.name} · {r.name_en} · {r.code}")
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._regions[r.code] = item
            mine = by_region.get(r.code, [])
            if mine:
                f = QFont(item.font(0))
                f.setBold(True)
                item.setFont(0, f)
            for a in sorted(mine, key=lambda a: a.year, reverse=True):
                child = QTreeWidgetItem([f"{a.year} · {self._status_text(a.status)}"])
                child.setData(0, KindRole, "assessment")
                child.setData(0, KeyRole, a.id)
                if a.status == "submitted":
                    child.setForeground(0, QBrush(QColor("#166534")))
                item.addChild(child)
                self._assessments[a.id] = child
        # Open the province and every region that has assessments.
        for code, item in self._regions.items():
            if first_time:
                item.setExpanded(item.parent() is None or self._has_assessments_below(item))
            else:
                item.setExpanded(code in expanded)
        self.blockSignals(False)
        if select is not None and select in self._assessments:
            self.select_assessment(select)
        elif region is not None and region in self._regions:
            self.setCurrentItem(self._regions[region])

    def _has_assessments_below(self, item: QTreeWidgetItem) -> bool:
        for i in range(item.childCount()):
            c = item.child(i)
            if c.data(0, KindRole) == "assessment" or self._has_assessments_below(c):
                return True
        return False

    def select_assessment(self, assessment_id: int) -> None:
        item = self._assessments.get(assessment_id)
        if item is None:
            return
        p = item.parent()
        while p is not None:
            p.setExpanded(True)
            p = p.parent()
        self.setCurrentItem(item)
        self.scrollToItem(item)

    def current_assessment(self) -> int | None:
        item = self.currentItem()
        if item is not None and item.data(0, KindRole) == "assessment":
            return int(item.data(0, KeyRole))
        return None

    def current_region(self) -> str | None:
        item = self.currentItem()
        if item is None:
            return None
        if item.data(0, KindRole) == "assessment":
            item = item.parent()
        return str(item.data(0, KeyRole))

    def _on_current(self, current, _previous) -> None:
        if current is not None and current.data(0, KindRole) == "assessment":
            self.sig_assessment_selected.emit(int(current.data(0, KeyRole)))
