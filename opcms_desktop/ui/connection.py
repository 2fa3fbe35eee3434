"""Where the database is: the embedded SQLite file (default) or a shared PostgreSQL server."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QSettings
from sqlalchemy import URL

from ..services.platform.db import default_sqlite_path


@dataclass(frozen=True)
class ConnectionProfile:
    kind: str = "sqlite"  # sqlite | postgresql
    sqlite_path: str = ""
    host: str = "127.0.0.1"
    port: int = 5432
    database: str = "opcms"

    @property
    def is_postgresql(self) -> bool:
        return self.kind == "postgresql"

    def url(self, username: str | None = None, password: str | None = None) -> str:
        if self.is_postgresql:
            return URL.create("postgresql+psycopg", username=username, password=password, host=self.host,
                              port=self.port, database=self.database).render_as_string(hide_password=False)
        return f"sqlite:///{self.sqlite_path or default_sqlite_path()}"

    def describe(self) -> str:
        if self.is_postgresql:
            return f"PostgreSQL {self.host}:{self.port}/{self.database}"
        return f"SQLite {self.sqlite_path or default_sqlite_path()}"

    @property
    def key(self) -> str:
        """Identifies the database for remembered credentials."""
        if self.is_postgresql:
            return f"pg://{self.host}:{self.port}/{self.database}"
        return f"sqlite://{self.sqlite_path or default_sqlite_path()}"


def load_profile(settings: QSettings) -> ConnectionProfile:
    profile = ConnectionProfile()
    kind = str(settings.value("connection/kind", "sqlite"))
    if kind == "postgresql":
        return replace(
            profile, kind=kind, host=str(settings.value("connection/host", profile.host)),
            port=int(settings.value("connection/port", profile.port)),
            database=str(settings.value("connection/database", profile.database)),
        )
    return replace(profile, sqlite_path=str(settings.value("connection/sqlite_path", "")))


def save_profile(settings: QSettings, profile: ConnectionProfile) -> None:
    settings.setValue("connection/kind", profile.kind)
    settings.setValue("connection/sqlite_path", profile.sqlite_path)
    settings.setValue("connection/host", profile.host)
    settings.setValue("connection/port", profile.port)
    settings.setValue("connection/database", profile.database)
