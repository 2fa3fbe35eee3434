"""Insight tables (dashboard caches, if any)."""

from __future__ import annotations
