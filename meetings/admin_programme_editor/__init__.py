"""The programme editor: one admin page for a meeting's sessions, agenda items, presentations and
people (issue 9, point 4). mixin.py adds it to MeetingAdmin; loading.py reads the programme,
editor.py and validation.py make and check the page's rows, services.py saves them."""

from .mixin import ProgrammeEditorMixin

__all__ = ["ProgrammeEditorMixin"]
