"""Isolation cases per area: each module defines REGISTRY and EXEMPT (see isolation_types.py)."""
