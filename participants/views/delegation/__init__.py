"""The focal points' pages: their organization's delegation to a meeting, the nomination form,
changes, withdrawals, and the nomination letter.

Who may see what is decided once per view: a focal point reaches their own organizations'
delegations and nominations, and anything else is a 404; the Secretariat's staff (with
participants.view_nomination) read every delegation and letter but change nothing here (the
back office is theirs). Every write goes through participants.services.nominations.
"""

from .letters import nomination_letter
from .nominations import NominateView, NominationEditView, NominationWithdrawView
from .pages import DelegationChoiceView, DelegationView

__all__ = [
    "DelegationChoiceView",
    "DelegationView",
    "NominateView",
    "NominationEditView",
    "NominationWithdrawView",
    "nomination_letter",
]
