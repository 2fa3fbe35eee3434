"""A migration file loaded as a module, for tests that run one migration's steps or read its SQL."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import opcms_desktop.migrations as migrations


def load_migration(filename: str) -> ModuleType:
    path = Path(migrations.__file__).parent / "versions" / filename
    spec = importlib.util.spec_from_file_location(f"migration_{filename[:4]}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
