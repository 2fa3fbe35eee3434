"""Qt widgets, table models, dialogs and the background operation runner. No SQL, no business rules."""
