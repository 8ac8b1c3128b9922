"""Placeholder: what participants adds to a meeting's page (being written)."""
