"""Dunning, work orders and automation rules."""
