"""设置 › 行政区划…: the database's region list, and importing a new one from a CSV file.

The import is core.regions.import_regions (the same as `jlip regions-import`):
all or nothing; the file is the complete list (regions absent from it are
removed, unless they have assessments, which refuses the file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.errors import BadInput
from . import messages


class RegionsDialog(QDialog):
    """The region tree with each region's code, level and number of assessments; Import CSV…"""

    def __init__(self, store, lang: str = "zh", settings=None, parent=None):
        super().__init__(parent)
        self.store = store
        self.lang = lang
        self.settings = settings
        self.setObjectName("regionsDialog")
        self.setWindowTitle(self.tr("Administrative divisions"))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Region"), self.tr("Code"), self.tr("Level"), self.tr("Assessments")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setUniformRowHeights(True)
        self.import_button = QPushButton(self.tr("&Import CSV…"))
        self.import_button.clicked.connect(lambda: self.import_csv())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addWidget(self.tree, 1)
        lay.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(640, screen.width() - 40), min(560, screen.height() - 80))
        self.refresh()

    def refresh(self) -> None:
        levels = {"province": self.tr("province"), "prefecture": self.tr("prefecture level"),
                  "county": self.tr("county level")}
        counts = dict(self.store.conn.execute("SELECT region, COUNT(*) FROM assessments GROUP BY region"))
        regions = self.store.regions()
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for r in regions:
            item = QTreeWidgetItem([r.display(self.lang), r.code, levels.get(r.level, r.level),
                                    str(counts.get(r.code, 0) or "")])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            parent = items.get(r.parent) if r.parent else None
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[r.code] = item
        for i in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(i).setExpanded(True)
        self.info.setText(self.tr(
            "{0} regions. Import a CSV file (UTF-8, columns code, name, parent; optionally name_en, short and "
            "was, the previous code of a renumbered region) to replace the list: renamed and moved regions keep "
            "their assessments; regions not in the file are removed, but a region with assessments is never "
            "removed — then nothing is imported.").format(len(regions)))

    def import_csv(self, path: str | None = None) -> bool:
        title = self.tr("Import administrative divisions")
        if path is None:
            start = self.settings.value("last_folder", "") if self.settings is not None else ""
            path, _ = QFileDialog.getOpenFileName(self, title, str(start or Path.home()), "CSV (*.csv)")
            if not path:
                return False
        from ..core.regions import import_regions

        try:
            result = import_regions(self.store, path)
        except BadInput as e:
            messages.warn(self, title, e)
            return False
        self.refresh()
        messages.inform(self, title, self.tr(
            "Imported: {0} added, {1} renamed, {2} moved, {3} renumbered, {4} removed, {5} unchanged.").format(
            result.added, result.renamed, result.moved, result.renumbered, result.removed, result.unchanged))
        return True
