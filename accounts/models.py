from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

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
    UN_ENTITY = "un", _("UN entity")
    INTERGOVERNMENTAL = "igo", _("Intergovernmental organization")
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIC = "academic", _("Academic")
    OTHER = "other", _("Other")


class OrganizationQuerySet(models.QuerySet):
    def with_parent(self):
        return self.select_related("parent")


class Organization(models.Model):
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
    logo = models.ImageField(_("logo"), upload_to="organizations/logos/", blank=True)

    objects = OrganizationQuerySet.as_manager()

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
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("An organization cannot be its own parent or ancestor.")}
                )
            ancestor = ancestor.parent

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    @property
    def label(self) -> str:
        """How a programme names it: "Population Division, DESA" or "… (ECLAC)"."""
        if self.parent_id:
            return f"{self.name}, {self.parent.short_name}"
        return str(self)
