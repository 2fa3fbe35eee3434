"""The whole business as plain Python: functions take (session, actor, ...) and return plain data.

Nothing here imports Qt, and nothing here commits: the caller owns the transaction.
"""
