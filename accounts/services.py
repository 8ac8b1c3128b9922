"""Writes about accounts: invitations and the memberships they create.

Views, admin actions and commands call these; each runs in one transaction, and mail leaves only
once it has committed.
"""

import secrets

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.mail import link, send_in_languages

from .models import (
    INVITATION_VALIDITY,
    Invitation,
    InvitationStatus,
    Membership,
    Organization,
    User,
    invitation_token_hash,
)


class InvitationError(Exception):
    """An invitation that cannot be accepted now. `reason` picks the page the person reads."""

    UNKNOWN = "unknown"
    EXPIRED = InvitationStatus.EXPIRED.value
    ACCEPTED = InvitationStatus.ACCEPTED.value
    ACCOUNT_EXISTS = "account_exists"
    WRONG_USER = "wrong_user"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _invitation_path(token: str) -> str:
    return reverse("accounts:invitation", kwargs={"token": token})


def _invitation_new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    return token


def _invitation_mail(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "invited_by": invitation.invited_by,
        # On the site's own address (SITE_URL), in the invitee's language when they have one.
        "url": link(lambda: _invitation_path(token)),
    }

    def compose() -> tuple[str, str]:
        subject = render_to_string("accounts/invitation_email_subject.txt", context)
        return "".join(subject.splitlines()), render_to_string(
            "accounts/invitation_email.txt", context
        )

    # Through the outbox: SMTP down leaves the message "failed" there, never an error page. In
    # the language of the invitee when they already have an account (accounts/mail.py).
    send_in_languages([invitation.email], compose)


def invitation_send(
    *, email: str, organization: Organization, invited_by: User | None
) -> Invitation:
    """Invite `email` to become a member of `organization`, and mail the link once committed.

    Raises ValidationError when the address is already a member or already has an open invitation.
    """
    with transaction.atomic():
        now = timezone.now()
        invitation = Invitation(
            email=User.objects.normalize_email(email).strip(),
            organization=organization,
            invited_by=invited_by,
            created_at=now,
            sent_at=now,
            expires_at=now + INVITATION_VALIDITY,
        )
        token = _invitation_new_token(invitation)
        invitation.full_clean()
        invitation.save()
        # Recorded in the outbox with the invitation itself; sent once both have committed.
        _invitation_mail(invitation, token)
    return invitation


def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Mail a new link, valid 14 days from now; the earlier link stops working.

    Raises InvitationError(ACCEPTED) for an invitation already accepted.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organization", "invited_by")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at is not None:
            raise InvitationError(InvitationError.ACCEPTED)
        token = _invitation_new_token(invitation)
        invitation.sent_at = timezone.now()
        invitation.expires_at = invitation.sent_at + INVITATION_VALIDITY
        invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
        # Recorded in the outbox with the invitation itself; sent once both have committed.
        _invitation_mail(invitation, token)
    return invitation


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """`user`, whose address the invitation was sent to, joins its organization.

    Raises InvitationError when the invitation was accepted already, has expired or is not for
    this user. Nothing else about the user changes.
    """
    if user.email.casefold() != invitation.email.casefold():
        raise InvitationError(InvitationError.WRONG_USER)
    with transaction.atomic():
        now = timezone.now()
        # One conditional UPDATE: of two acceptances at once, exactly one claims the invitation.
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now, accepted_by=user)
        if not claimed:
            invitation.refresh_from_db()
            raise InvitationError(invitation.status)
        membership, _ = Membership.objects.get_or_create(
            user=user, organization=invitation.organization
        )
    invitation.accepted_at, invitation.accepted_by = now, user
    return membership


def invitation_accept_as_new_user(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    """Create the account for the invited address and make it a member of the organization.

    Raises InvitationError(ACCOUNT_EXISTS) when an account with this address exists: its owner
    logs in and accepts with `invitation_accept` instead.
    """
    try:
        with transaction.atomic():
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvitationError(InvitationError.ACCOUNT_EXISTS)
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                first_name=first_name,
                last_name=last_name,
            )
            invitation_accept(invitation=invitation, user=user)
    except IntegrityError as error:
        # Someone created the same address between the check and the insert.
        raise InvitationError(InvitationError.ACCOUNT_EXISTS) from error
    return user
