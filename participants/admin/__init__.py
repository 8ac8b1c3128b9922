"""The Secretariat's back office for participants: each meeting's registration settings and the
queue of nominations, with the decisions taken through participants.services.

Nothing here deletes a nomination or writes its history: decisions go through the services,
which record who decided and when and mail the organization once they commit.
"""

from participants.admin import nominations, registration

__all__ = ["nominations", "registration"]
