"""The shared UI kit: widgets, table models and text helpers every feature folder may use.

Feature folders (customers, pricing, usage, billing, invoices, receipts, reports, security, users) never
import each other (an import-linter contract); whatever two of them need lives here.
"""
