"""Writes about papers: `submission` for organizations' focal points, `review` for staff."""
