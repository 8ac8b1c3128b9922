import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.images import PictureField
from accounts.text import SingleLineTextModel
from config.content_languages import column, comma, text_in


class UserManager(BaseUserManager["User"]):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)

    def members_of(self, organization: "Organization") -> "models.QuerySet[User]":
        """The active users who belong to `organization`: its focal points."""
        return self.filter(memberships__organization=organization, is_active=True)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        blank=True,  # blank: the site's language (LANGUAGE_CODE)
        help_text=_(
            "The language of the e-mails Plenary sends this user. Choosing a language with "
            "the switcher while logged in sets it."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("Another user already has this e-mail address."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OrganizationKind(models.TextChoices):
    """What an organization is, fine enough to order a list of participants the UN way."""

    GOVERNMENT = "government", _("Member State (government)")
    OBSERVER = "observer", _("Observer State or entity")
    UN_SECRETARIAT = "un", _("UN Secretariat department or office")
    UN_FUND = "un_fund", _("UN fund or programme")
    UN_AGENCY = "un_agency", _("UN specialized agency")
    UN_RELATED = "un_related", _("Related organization of the UN system")
    UN_REGIONAL = "un_regional", _("UN regional commission")
    INTERGOVERNMENTAL = "igo", _("Other intergovernmental organization")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class OrganizationQuerySet(models.QuerySet):
    def with_parent(self):
        return self.select_related("parent")

    def for_user(self, user):
        """The organizations `user` is a member of: none for an anonymous or inactive user."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(memberships__user=user)


class Organization(SingleLineTextModel):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("For example DESA, IOM or ECLAC.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind, default=OrganizationKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The body this one belongs to: the Population Division belongs to DESA."),
    )
    country = models.CharField(
        _("country"),
        max_length=100,
        blank=True,
        help_text=_("Where it is based, for governments the country they represent."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = PictureField(
        _("logo"),
        folder="organizations/logos",
        url_of=lambda organization: reverse("accounts:organization_logo", args=[organization.pk]),
        blank=True,
        help_text=_("A PNG or JPEG of at most 5 MB, stored without its metadata."),
    )

    objects = OrganizationQuerySet.as_manager()

    single_line_fields = ("name", "acronym")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="accounts_organization_unique_name_country",
                violation_error_message=_(
                    "An organization with this name already exists in this country."
                ),
            ),
        ]

    def __str__(self) -> str:
        acronym = self.acronym_as_named
        return f"{self.name} ({acronym})" if acronym else self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("An organization cannot be its own parent or ancestor.")}
                )
            ancestor = ancestor.parent

    @property
    def acronym_as_named(self) -> str:
        """The acronym in the language its name is read in, or none: Arabic writes the name
        out ("المنظمة الدولية للهجرة"), where an English "IOM" beside it would read wrong."""
        return getattr(self, column("acronym", text_in(self, "name").language), None) or ""

    @property
    def short_name(self) -> str:
        return self.acronym_as_named or self.name

    @property
    def label(self) -> str:
        """How a programme names it: "Population Division, DESA" or "… (ECLAC)"; the comma as
        the reader's language writes it ("شعبة السكان، DESA")."""
        if self.parent_id:
            return f"{self.name}{comma()}{self.parent.short_name}"
        return str(self)


class Membership(models.Model):
    """A user belongs to an organization: they are one of its focal points."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("A member acts for this organization: submits and follows its documents."),
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                name="accounts_membership_unique_user_organization",
                violation_error_message=_("This user is already a member of this organization."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} \N{EM DASH} {self.organization}"


INVITATION_VALIDITY = datetime.timedelta(days=14)


def invitation_expiry() -> datetime.datetime:
    """When an invitation sent now stops working."""
    return timezone.now() + INVITATION_VALIDITY


def invitation_token_hash(token: str) -> str:
    """Only this digest is stored: the database alone never yields a working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def with_token(self, token: str):
        return self.filter(token_hash=invitation_token_hash(token))

    def pending(self, now: datetime.datetime | None = None):
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())

    def expired(self, now: datetime.datetime | None = None):
        return self.filter(accepted_at__isnull=True, expires_at__lte=now or timezone.now())

    def accepted(self):
        return self.filter(accepted_at__isnull=False)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    EXPIRED = "expired", _("Expired")
    ACCEPTED = "accepted", _("Accepted")


class Invitation(models.Model):
    """An e-mailed link that makes its holder a member of an organization."""

    email = models.EmailField(
        _("e-mail address"),
        help_text=_(
            "The focal point's address. Someone who already has an account with it logs in "
            "and joins; anyone else creates an account with it."
        ),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("The organization the invited person will act for."),
    )
    token_hash = models.CharField(_("token digest"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(
        _("last sent at"),
        default=timezone.now,
        editable=False,
        help_text=_('"Send again" mails a new link; earlier links stop working.'),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        default=invitation_expiry,
        help_text=_("The link works for 14 days after it is sent."),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="invitations_accepted",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organization",
                condition=models.Q(accepted_at__isnull=True),
                name="accounts_invitation_one_open_per_email_organization",
                violation_error_message=_(
                    "This address already has an open invitation to this organization."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_by__isnull=True) | models.Q(accepted_at__isnull=False),
                name="accounts_invitation_accepted_by_has_accepted_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} \N{RIGHTWARDS ARROW} {self.organization}"

    def clean(self) -> None:
        if not (self.email and self.organization_id) or self.accepted_at is not None:
            return
        if Membership.objects.filter(
            user__email__iexact=self.email, organization_id=self.organization_id
        ).exists():
            raise ValidationError(
                {
                    "email": _("%(email)s is already a member of %(organization)s.")
                    % {"email": self.email, "organization": self.organization}
                }
            )
        open_invitations = Invitation.objects.filter(
            email__iexact=self.email,
            organization_id=self.organization_id,
            accepted_at__isnull=True,
        ).exclude(pk=self.pk)
        if open_invitations.exists():
            raise ValidationError(
                {
                    "email": _(
                        "%(email)s already has an open invitation to %(organization)s: select "
                        'it in the list of invitations and use "Send again".'
                    )
                    % {"email": self.email, "organization": self.organization}
                }
            )

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def status_label(self) -> str:
        return InvitationStatus(self.status).label
