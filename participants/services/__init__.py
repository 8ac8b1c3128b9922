"""Writes on participants that are more than a form save: each records who did what and when."""
