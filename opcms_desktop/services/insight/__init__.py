"""Insight: dashboard figures, profiling (RFM, health, churn), segments and tags, the pricing sandbox, demo data."""
