"""Dunning levels and records, work orders and SLA rules, automation rules and their run log."""

from __future__ import annotations
