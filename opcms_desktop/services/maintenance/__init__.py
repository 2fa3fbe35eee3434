"""Backups, restore and the move from an offline SQLite file to the shared PostgreSQL (issue 10).

Whole-database operations: they take an engine or a URL, not (session, actor), check the admin's
`settings.manage` themselves, and write an audit event each (backup, restore, migration).
"""
