"""The navigator: province → prefecture → county, each with its assessments by year.

Built once and lazily: at first only the top regions and their children are
items; a region's sub-regions and assessments become items when it is
expanded (or when something inside it is selected).  Which regions have
assessments comes from one query, so the expand arrows and bold names are
right without loading the assessments.  `refresh()` updates the loaded
regions' assessments in place; `rebuild()` starts over (after the region list
changed).

`NavigatorPane` puts a region search box above it: a region's name, part of
it, its code, its English name or its pinyin initials (德惠市: dh, dhs) find it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..core.regions import builtin_initials
from ..core.store import Store

KindRole = Qt.ItemDataRole.UserRole + 1  # "region" | "assessment"
KeyRole = Qt.ItemDataRole.UserRole + 2  # region code or assessment id
LoadedRole = Qt.ItemDataRole.UserRole + 3  # a region item whose children are items already
SearchRole = Qt.ItemDataRole.UserRole + 4  # the text a search matches against
CodeRole = Qt.ItemDataRole.UserRole + 5


class Navigator(QTreeWidget):
    """Regions with their assessments; emits which assessment or region was chosen."""

    sig_assessment_selected = Signal(object)
    """An assessment id was selected (or None when a region is selected)."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.lang = "zh"
        self.builds = 0  # how many times the tree was built from scratch (tests: once)
        self.setObjectName("navigator")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(140)
        self._regions: dict[str, QTreeWidgetItem] = {}
        self._assessments: dict[int, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._on_current)
        self.itemExpanded.connect(self._load_children)
        self._pending: set[str] | None = set()  # regions whose assessments changed; None: all
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._apply_pending)
        self._regions_changed = False
        self.rebuild()
        handle = store.subscribe(self.store_changed)
        self.destroyed.connect(lambda *_: handle())

    # -- building --------------------------------------------------------------
    def rebuild(self) -> None:
        """Build the tree from scratch (the region list changed), keeping the selection if it still exists."""
        select = self.current_assessment()
        region = self.current_region() if select is None else None
        self.builds += 1
        self._all = self.store.regions()
        self._by_code = {r.code: r for r in self._all}
        self._children: dict[str | None, list] = {}
        for r in self._all:
            parent = r.parent if r.parent in self._by_code else None
            self._children.setdefault(parent, []).append(r)
        self._with_assessments = self._regions_with_assessments()
        self.blockSignals(True)
        self.clear()
        self._regions.clear()
        self._assessments.clear()
        for r in self._children.get(None, []):
            self.addTopLevelItem(self._region_item(r))
        self.blockSignals(False)
        for i in range(self.topLevelItemCount()):  # the province open, its prefectures shown
            self.topLevelItem(i).setExpanded(True)
        if select is not None:
            self.select_assessment(select)
        elif region is not None:
            self.select_region(region)

    def _regions_with_assessments(self) -> set[str]:
        own = {row[0] for row in self.store.conn.execute("SELECT DISTINCT region FROM assessments")}
        below = set()
        for code in own:  # and every region above one: bold, so the way to them shows unexpanded
            r = self._by_code.get(code)
            while r is not None and r.parent and r.parent not in below:
                below.add(r.parent)
                r = self._by_code.get(r.parent)
        self._below = below
        return own

    def _region_item(self, r) -> QTreeWidgetItem:
        item = QTreeWidgetItem([r.display(self.lang)])
        item.setData(0, KindRole, "region")
        item.setData(0, KeyRole, r.code)
        item.setToolTip(0, f"{r.name} · {r.name_en} · {r.code}")
        self._style_region(item, r.code)
        self._regions[r.code] = item
        return item

    def _style_region(self, item: QTreeWidgetItem, code: str) -> None:
        has_children = bool(self._children.get(code)) or code in self._with_assessments
        item.setChildIndicatorPolicy(
            QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator if has_children
            else QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)
        f = QFont(item.font(0))
        f.setBold(code in self._with_assessments or code in self._below)
        item.setFont(0, f)

    def _load_children(self, item: QTreeWidgetItem) -> None:
        """A region was expanded: its assessments (newest first) and sub-regions become items."""
        if item.data(0, KindRole) != "region" or item.data(0, LoadedRole):
            return
        item.setData(0, LoadedRole, True)
        code = str(item.data(0, KeyRole))
        blocked = self.blockSignals(True)
        try:
            self._add_assessments(item, code)
            for r in self._children.get(code, []):
                item.addChild(self._region_item(r))
        finally:
            self.blockSignals(blocked)

    def _status_text(self, status: str) -> str:
        return self.tr("draft") if status == "draft" else self.tr("submitted")

    def _add_assessments(self, item: QTreeWidgetItem, code: str) -> None:
        mine = self.store.list_assessments(region=code) if code in self._with_assessments else []
        for k, a in enumerate(sorted(mine, key=lambda a: a.year, reverse=True)):
            child = QTreeWidgetItem([f"{a.year} · {self._status_text(a.status)}"])
            child.setData(0, KindRole, "assessment")
            child.setData(0, KeyRole, a.id)
            if a.status == "submitted":
                child.setForeground(0, QBrush(QColor("#166534")))
            item.insertChild(k, child)
            self._assessments[a.id] = child

    def _ensure_loaded(self, code: str) -> QTreeWidgetItem | None:
        """The item of a region, loading its ancestors' children as needed."""
        if code in self._regions:
            return self._regions[code]
        r = self._by_code.get(code)
        if r is None or r.parent not in self._by_code:
            return None
        parent = self._ensure_loaded(r.parent)
        if parent is None:
            return None
        self._load_children(parent)
        return self._regions.get(code)

    # -- updates ---------------------------------------------------------------
    def refresh(self, keep: bool = True, select: int | None = None) -> None:
        """Update the loaded regions' assessments from the store, keeping the selection
        (or selecting assessment `select`).  The tree itself is not rebuilt."""
        if keep and select is None:
            select = self.current_assessment()
            region = self.current_region() if select is None else None
        else:
            region = None
        self._pending = None
        self._apply_pending()
        if select is not None and self.current_assessment() != select:
            self.select_assessment(select)
        elif select is None and region is not None and self.current_region() != region:
            self.select_region(region)

    def store_changed(self, change=None) -> None:
        """The store's change notification: update the tree once, after the change.

        Answers, notes, evidence, history and the assessor don't show in the tree and
        cost nothing here; a created, deleted, imported or (re)submitted assessment
        updates the loaded regions' assessments; the region tables (kind "meta")
        rebuild the tree if the region list differs.
        """
        kind = getattr(change, "kind", None)
        if kind in ("answer", "note", "evidence", "history", "assessor"):
            return
        if kind in ("meta", "external"):  # another program may have changed the region list too
            self._regions_changed = True
        self._pending = None
        self._timer.start()

    def _apply_pending(self) -> None:
        if self._regions_changed:
            self._regions_changed = False
            if self.store.regions() != self._all:
                self.rebuild()
                return
        current = self.current_assessment()
        current_region = self.current_region()
        self._with_assessments = self._regions_with_assessments()
        blocked = self.blockSignals(True)
        try:
            for code, item in self._regions.items():
                self._style_region(item, code)
                if not item.data(0, LoadedRole):
                    continue
                for i in reversed(range(item.childCount())):
                    child = item.child(i)
                    if child.data(0, KindRole) == "assessment":
                        self._assessments.pop(int(child.data(0, KeyRole)), None)
                        item.removeChild(child)
                self._add_assessments(item, code)
        finally:
            self.blockSignals(blocked)
        self._pending = set()
        if current is not None and current in self._assessments:
            blocked = self.blockSignals(True)
            self.setCurrentItem(self._assessments[current])
            self.blockSignals(blocked)
        elif current is not None:  # the open assessment went away
            if current_region:
                self.select_region(current_region)
            self.sig_assessment_selected.emit(None)

    def retranslate(self) -> None:
        for aid, item in self._assessments.items():
            year, _sep, _status = item.text(0).partition(" · ")
            try:
                status = self.store.assessment(aid).status
            except Exception:  # removed meanwhile; the next refresh drops it
                continue
            item.setText(0, f"{year} · {self._status_text(status)}")

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        for code, item in self._regions.items():
            r = self._by_code.get(code)
            if r is not None:
                item.setText(0, r.display(lang))
        self.retranslate()

    # -- selection ---------------------------------------------------------------
    def select_assessment(self, assessment_id: int) -> None:
        item = self._assessments.get(assessment_id)
        if item is None:
            try:
                a = self.store.assessment(assessment_id)
            except Exception:
                return
            region = self._ensure_loaded(a.region)
            if region is None:
                return
            self._load_children(region)
            item = self._assessments.get(assessment_id)
            if item is None:
                return
        p = item.parent()
        while p is not None:
            p.setExpanded(True)
            p = p.parent()
        self.setCurrentItem(item)
        self.scrollToItem(item)

    def select_region(self, code: str) -> bool:
        item = self._ensure_loaded(code)
        if item is None:
            return False
        p = item.parent()
        while p is not None:
            p.setExpanded(True)
            p = p.parent()
        self.setCurrentItem(item)
        self.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
        return True

    def first_assessment(self) -> int | None:
        """The assessment listed first (newest year, regions in the tree's order): its id, or None."""
        row = self.store.conn.execute(
            "SELECT a.id FROM assessments a LEFT JOIN regions r ON r.code = a.region "
            "ORDER BY a.year DESC, r.sort, a.id LIMIT 1").fetchone()
        return None if row is None else int(row[0])

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

    # -- search ------------------------------------------------------------------
    def search_keys(self):
        """(code, shown text, text a search matches) for every region, in the tree's order."""
        initials = builtin_initials()
        for r in self._all:
            parent = self._by_code.get(r.parent) if r.parent else None
            shown = r.display(self.lang) + (f"（{parent.display(self.lang)}）" if parent and parent.parent else "")
            if self.lang == "en" and parent and parent.parent:
                shown = f"{r.name_en} ({parent.name_en})"
            keys = " ".join(x for x in (r.name, r.short, r.code, r.name_en.lower(), initials.get(r.code, "")) if x)
            yield r.code, shown, keys

    def find_regions(self, text: str) -> list[str]:
        """Codes of the regions a search text finds (name, code, English name or pinyin initials)."""
        text = text.strip().lower()
        if not text:
            return []
        hits = [(code, keys) for code, _shown, keys in self.search_keys() if text in keys]
        # names and initials that start with the text first, then the rest, each in tree order
        return [c for c, k in hits if any(w.startswith(text) for w in k.split())] + \
               [c for c, k in hits if not any(w.startswith(text) for w in k.split())]


class _RegionCompleter(QCompleter):
    """Completes on the search keys, shows the region's name, puts the name in the box."""

    def pathFromIndex(self, index: QModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def splitPath(self, path: str) -> list[str]:
        return [path.strip().lower()]


class NavigatorPane(QWidget):
    """The navigator with a region search box above it."""

    def __init__(self, navigator: Navigator, parent=None):
        super().__init__(parent)
        self.navigator = navigator
        self.search = QLineEdit()
        self.search.setObjectName("regionSearch")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.completer = _RegionCompleter(self)
        self.completer.setModel(self.model)
        self.completer.setCompletionRole(SearchRole)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.search.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._chosen)
        self.search.returnPressed.connect(self.go)
        self.search.installEventFilter(self)  # the list is filled on first use, not at start-up
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.search)
        lay.addWidget(navigator, 1)
        self.setMinimumWidth(navigator.minimumWidth())
        self.setFocusProxy(navigator)
        self._filled_for: tuple | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Find a region (name, code or pinyin initials)"))
        self.search.setToolTip(self.tr("Type part of a name (德惠), its code or its pinyin initials (dh), then Enter"))
        self._filled_for = None

    def _fill(self) -> None:
        key = (self.navigator.lang, self.navigator.builds)
        if self._filled_for == key:
            return
        self._filled_for = key
        self.model.clear()
        for code, shown, keys in self.navigator.search_keys():
            item = QStandardItem(shown)
            item.setData(keys, SearchRole)
            item.setData(code, CodeRole)
            self.model.appendRow(item)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search and event.type() in (QEvent.Type.FocusIn, QEvent.Type.KeyPress):
            self._fill()
        return super().eventFilter(obj, event)

    def prepare(self) -> None:
        """Fill the completer's list (done on first use, not at start-up)."""
        self._fill()

    def _chosen(self, index: QModelIndex) -> None:
        code = index.data(CodeRole)
        if code:
            self.navigator.select_region(str(code))
            self.navigator.setFocus()

    def go(self) -> bool:
        """Enter: the best match of the text is selected in the tree."""
        hits = self.navigator.find_regions(self.search.text())
        if not hits:
            return False
        self.navigator.select_region(hits[0])
        self.completer.popup().hide()
        self.navigator.setFocus()
        return True
