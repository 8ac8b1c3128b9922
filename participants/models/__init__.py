from .attendance import CheckIn
from .nominations import (
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
    letter_path,
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
]
