from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.images import PictureField
from accounts.text import SingleLineTextModel, folded


class Honorific(models.Model):
    """ "Mr.", "Ms.", "Amb.", "H.E. Mr.", "Professor", "Dr.": staff add their own."""

    name = models.CharField(_("honorific"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the list staff choose from.")
    )

    class Meta:
        verbose_name = _("honorific")
        verbose_name_plural = _("honorifics")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


def full_name_of(given_name: str, family_name: str, *, withheld: bool) -> str:
    """A person's name as pages show it, from its parts: what Person.full_name gives, for lists
    that read the names as plain values rather than as instances."""
    if withheld:
        return str(_("Name withheld"))
    return " ".join(part for part in (given_name, family_name) if part)


# Languages that write the honorific after the name: "Bela Hovy先生".
HONORIFIC_AFTER_NAME = frozenset({"zh-hans"})


def with_honorific(honorific: str, name: str, language: str | None = None) -> str:
    """ "Mr. Bela Hovy"; in Chinese "Bela Hovy先生"."""
    if not honorific:
        return name
    if (language or get_language()) in HONORIFIC_AFTER_NAME:
        return f"{name}{honorific}"
    return f"{honorific} {name}"


class PersonQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("honorific", "organization__parent")

    def named(self) -> "PersonQuerySet":
        """People whose personal data has not been erased."""
        return self.filter(withheld_at__isnull=True)

    def matching_folded(self, term: str) -> "PersonQuerySet":
        """People whose name or position holds every word of `term`, accents and case aside:
        "crepeau", "AKERMAN-BORJE" (the stored `search_key`, so SQLite and PostgreSQL agree)."""
        words = folded(term).split()
        if not words:
            return self.none()
        query = self
        for word in words:
            query = query.filter(search_key__contains=word)
        return query

    def same_name_as(self, given_name: str, family_name: str) -> "PersonQuerySet":
        """People named the same, accents and case aside: "Francois CREPEAU", "François Crépeau"."""
        return self.named().filter(name_key=Person.name_key_of(given_name, family_name))


class Person(SingleLineTextModel):
    honorific = models.ForeignKey(
        Honorific,
        verbose_name=_("honorific"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    given_name = models.CharField(_("given name(s)"), max_length=100, blank=True)
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        help_text=_('As written, with particles: "de Alba", "Klein Solomon".'),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("The address of their public page; made from the name when left blank."),
    )
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_('Current position, e.g. "Permanent Representative of Mexico to the UN".'),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    photo = PictureField(
        _("photo"),
        folder="people/photos",
        url_of=lambda person: reverse("meetings:person_photo", args=[person.slug]),
        blank=True,
        help_text=_(
            "A PNG or JPEG of at most 5 MB. It is stored without its metadata (camera, GPS "
            "position) and shown on the person's public page."
        ),
    )
    bio = models.TextField(_("short bio"), blank=True)
    withheld_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Since then the person's name is shown as “Name withheld” everywhere."),
    )

    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept by save(), from the fields above, accents and case folded away (accounts.text.folded):
    # search and ordering then work alike on SQLite and PostgreSQL, with no database collation.
    name_key = models.CharField(
        _("name, as sorted"), max_length=210, blank=True, editable=False, db_index=True
    )
    search_key = models.TextField(_("search key"), blank=True, editable=False)

    objects = PersonQuerySet.as_manager()
    # The keys are derived from the names: erasure scrubs the names (meetings.history). A person
    # deleted takes their records along: nothing could erase them afterwards.
    history = HistoricalRecords(
        excluded_fields=["updated_at", "name_key", "search_key"], cascade_delete_history=True
    )

    single_line_fields = ("given_name", "family_name", "position")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_key", "pk"]  # "Åkerman" with the A

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        self.name_key = self.name_key_of(self.given_name, self.family_name)
        self.search_key = folded(" ".join((self.given_name, self.family_name, self.position)))
        if (update_fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "search_key"}
        super().save(*args, **kwargs)

    @staticmethod
    def name_key_of(given_name: str, family_name: str) -> str:
        """The family name first, as lists sort people: "akerman-borje eva"."""
        return folded(f"{family_name} {given_name}")[:210]

    def get_absolute_url(self) -> str:
        if self.withheld_at:
            return ""  # an erased person has no page
        return reverse("meetings:person_detail", kwargs={"slug": self.slug})

    def _unique_slug(self) -> str:
        base = slugify(self.full_name)[:110] or "person"
        slug, n = base, 2
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def full_name(self) -> str:
        return full_name_of(
            self.given_name, self.family_name, withheld=self.withheld_at is not None
        )

    @property
    def display_name(self) -> str:
        """With the honorific: "Amb. Eva Åkerman-Börje"."""
        if self.honorific_id and not self.withheld_at:
            return with_honorific(self.honorific.name, self.full_name)
        return self.full_name

    def default_affiliation(self, language: str | None = None) -> str:
        """What a programme says after the name when staff have not written it themselves; in
        `language` (the reader's by default). An appearance stores it in English, whatever
        language the person saving works in: it is plain text, the same for every reader."""
        if language is not None:
            with translation.override(language):
                return self.default_affiliation()
        if self.position:
            return self.position
        if self.organization_id:
            return self.organization.label
        return self.country
