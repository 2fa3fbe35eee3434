"""Per-user preferences kept outside the database (read before anyone logs in): the language.

A small JSON file in the user's configuration folder; the desktop client writes it from its settings
screen, and the desktop client and the `opcms` command both read it.
"""

from __future__ import annotations

import json
import locale
import os
from pathlib import Path
from typing import Any

from .messages import DEFAULT_LANGUAGE, normalise_language

APP_NAME = "OPCMS"


def preferences_path() -> Path:
    override = os.environ.get("OPCMS_PREFERENCES")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "preferences.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    path = preferences_path()
    data = load()
    data.update(changes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def preferred_language() -> str:
    """The language setting, else the system locale's language, else zh_CN."""
    chosen = load().get("language")
    if isinstance(chosen, str) and chosen:
        return normalise_language(chosen)
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    if not system:
        try:
            system = locale.getlocale()[0]
        except ValueError:
            system = None
    if system and system not in ("C", "POSIX") and not system.startswith("C."):
        return normalise_language(system)
    return DEFAULT_LANGUAGE
