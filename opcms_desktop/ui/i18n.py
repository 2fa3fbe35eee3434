"""The language of the desktop client: Qt translators for the screens, the catalogue for messages.

The screens' source strings are Chinese (zh_CN, the shipped default); English comes from the .qm
files compiled from resources/i18n/en/*.ts (scripts/translations.py). The choice is a per-user
preference read before the login window opens, so the login window already speaks it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..services.platform import messages, preferences

QM_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}

_installed: list[QTranslator] = []


def qt_locale(language: str) -> QLocale:
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def install_language(language: str | None = None) -> str:
    """Make `language` (default: the preference) the app's language; returns the one installed."""
    app = QCoreApplication.instance()
    language = messages.set_language(language or preferences.preferred_language())
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    locale = qt_locale(language)
    QLocale.setDefault(locale)
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates: list[tuple[str, str]] = [("qtbase_" + locale.name(), qt_translations)]
    folder = QM_DIR / language
    if folder.is_dir():
        candidates += [(str(path), "") for path in sorted(folder.glob("*.qm"))]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory) if directory else translator.load(name):
            if app is not None:
                app.installTranslator(translator)
            _installed.append(translator)
    return language


def choose_language(language: str) -> str:
    """Remember `language` for the next windows and starts, and switch to it now."""
    preferences.save(language=messages.normalise_language(language))
    return install_language(language)
