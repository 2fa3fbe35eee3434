"""Segment builder, tags and the pricing sandbox."""
