"""Contacts, follow-ups and follow-up plans."""

from __future__ import annotations
