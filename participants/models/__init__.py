from .attendance import CheckIn
from .nominations import (
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
    letter_path,
    sees_every_nomination,
)
from .registration import Registration

__all__ = [
    "CheckIn",
    "Nomination",
    "NominationEvent",
    "NominationEventKind",
    "NominationStatus",
    "Registration",
    "letter_path",
    "sees_every_nomination",
]
