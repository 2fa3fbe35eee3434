"""Invoice screens: the SQL-paged list with totals, detail, issue, credit note (冲正), PDF and export."""
