"""What every screen receives: the runner (database work), the actor, settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from ..services.security.permissions import Actor
from .connection import ConnectionProfile
from .operations import OperationRunner


@dataclass
class AppContext:
    runner: OperationRunner
    actor: Actor
    settings: QSettings
    profile: ConnectionProfile

    def can(self, permission: str) -> bool:
        return self.actor.can(permission)
