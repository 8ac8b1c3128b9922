from .agenda import AgendaItem, Appearance, Role, Segment
from .meeting import Meeting, MeetingSeries, MeetingStatus, Objective, Session
from .people import Honorific, Person
from .versions import ProgrammeVersion

__all__ = [
    "AgendaItem",
    "Appearance",
    "Honorific",
    "Meeting",
    "MeetingSeries",
    "MeetingStatus",
    "Objective",
    "Person",
    "ProgrammeVersion",
    "Role",
    "Segment",
    "Session",
]
