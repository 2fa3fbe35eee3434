"""Contacts, follow-ups and the today pane."""
