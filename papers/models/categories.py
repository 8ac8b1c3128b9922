"""Document categories: the headings of a meeting's documents, and what each heading does."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentCategory(models.Model):
    """ "Contributed papers", "Background documents"…: the headings of a meeting's documents."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Headings are shown in this order.")
    )
    open_to_submissions = models.BooleanField(
        _("organizations may submit"),
        default=False,
        help_text=_("Whether focal points can choose this category when they upload."),
    )
    notes_unedited = models.BooleanField(
        _("may say “reproduced without formal editing”"),
        default=False,
        help_text=_(
            "Under this heading, a meeting that says its papers are unedited shows “These papers "
            "were reproduced without formal editing”."
        ),
    )

    class Meta:
        verbose_name = _("document category")
        verbose_name_plural = _("document categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
