"""Receipt screens: the receipt list, entry, bank-sheet import and allocation (收款核销)."""
