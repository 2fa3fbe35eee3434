"""Receivables reports: AR aging, settlement status per period, receipts by customer and month."""
