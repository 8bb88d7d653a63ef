"""Chart widgets (pyqtgraph): radar, ranking bars, trend.  Work in progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class RadarChart(QWidget):
    def set_series(self, axes, lang="zh", compare=None, title=""):
        pass

    def save_png(self, path, width=2400, height=2400) -> Path:
        return Path(path)


class AssessmentCharts(QWidget):
    def show_score(self, score, lang="zh", compare_scores=None):
        pass


class RankingBarChart(QWidget):
    sig_assessment_requested = Signal(int)

    def set_rows(self, rows, lang="zh"):
        pass

    def save_png(self, path, width=2400, height=1200) -> Path:
        return Path(path)


class TrendChart(QWidget):
    def set_points(self, points, title=""):
        pass

    def save_png(self, path, width=2400, height=1200) -> Path:
        return Path(path)
