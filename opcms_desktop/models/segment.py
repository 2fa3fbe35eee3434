"""Segments (saved conditions, static snapshots) and tags."""

from __future__ import annotations
