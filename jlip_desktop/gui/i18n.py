"""Loading translations: ours (i18n/jlip_<locale>.qm) and Qt's own (qtbase_<locale>.qm).

The UI is written in English source strings; Simplified Chinese is the
default language and comes from i18n/jlip_zh_CN.qm, compiled from
i18n/jlip_zh_CN.ts by scripts/build_translations.py.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.resources import resource_path

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LOCALES = {"zh": "zh_CN", "en": "en_US"}
TRANSLATOR_PREFIX = "jlip-translator:"


class Translations:
    """The translators installed on the application for the current language."""

    def __init__(self) -> None:
        self.lang = "en"
        self._installed: list[QTranslator] = []
        self.loaded: list[str] = []

    def install(self, lang: str) -> None:
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        app = QCoreApplication.instance()
        # Remove every translator we installed, whoever installed it (one app, one language).
        for t in app.findChildren(QTranslator):
            if t.objectName().startswith(TRANSLATOR_PREFIX):
                app.removeTranslator(t)
                t.setParent(None)
                t.deleteLater()
        self._installed = []
        self.loaded = []
        self.lang = lang
        QLocale.setDefault(QLocale(LOCALES[lang]))
        if lang == "en":
            return
        loc = LOCALES[lang]
        ours = resource_path("i18n", f"jlip_{loc}.qm")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{loc}", qt_dir), (ours.stem, str(ours.parent))):
            t = QTranslator(app)
            t.setObjectName(TRANSLATOR_PREFIX + name)
            if t.load(name, folder):
                app.installTranslator(t)
                self._installed.append(t)
                self.loaded.append(name)


def normalise_language(value: object) -> str:
    text = str(value or "").lower()
    if text.startswith("en"):
        return "en"
    if text.startswith("zh"):
        return "zh"
    return DEFAULT_LANGUAGE
