"""Where the app keeps its things on this computer: the data folder, the log file, the guide's pages."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from ...services.platform.db import APP_NAME
from ...services.platform.logs import log_path
from ...services.platform.messages import DEFAULT_LANGUAGE, current_language

HELP_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "help"


def data_folder() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    """The rotating log the app writes (services/platform/logs.py)."""
    return log_path()


def guide_folder(language: str | None = None) -> Path:
    """The guide in `language` (default: the current one), else in Chinese."""
    folder = HELP_DIR / (language or current_language())
    return folder if folder.is_dir() else HELP_DIR / DEFAULT_LANGUAGE


def guide_page(key: str, language: str | None = None) -> Path | None:
    path = guide_folder(language) / f"{key}.html"
    return path if path.is_file() else None
