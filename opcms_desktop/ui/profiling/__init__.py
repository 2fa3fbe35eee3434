"""Profiling screens: RFM scatter, churn warnings, health ranking, the customer profile tab."""
