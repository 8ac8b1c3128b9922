"""PersonAdmin's actions on personal data: erase a person's, merge two records of one person.

Both go through meetings.services, which tell the apps above meetings through meetings.signals;
what those apps hold about a person shows here only as they report it (the lines their
receivers return, the rows that point at the person), so meetings names none of them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Appearance, Person
from .services import person_erase, person_erase_changes, person_merge


def linked_records(person: Person) -> list[tuple[str, int]]:
    """How many rows of each kind point at the person: appearances, and whatever the other apps
    keep (nominations, check-ins, documents as author), by their own names."""
    counts = []
    for relation in Person._meta.related_objects:
        accessor = relation.get_accessor_name()
        if relation.hidden or accessor is None:
            continue
        model = relation.related_model
        label = (
            _("appearances in programmes")
            if model is Appearance
            else str(model._meta.verbose_name_plural)
        )
        counts.append((capfirst(label), getattr(person, accessor).count()))
    return counts


class KeepForm(forms.Form):
    """Which of the two records stays; the other one's rows move to it."""

    keep = forms.TypedChoiceField(
        label=gettext_lazy("Keep this record"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "The other record's appearances and every other record of it move to the one kept, "
            "its blank fields are filled from the other, and the other record is deleted."
        ),
    )

    def __init__(self, *args, people: list[Person], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (person.pk, _("%(name)s (#%(pk)s)") % {"name": person.display_name, "pk": person.pk})
            for person in people
        ]


class PersonActionsMixin:
    """For PersonAdmin: the "Erase personal data" and "Merge two people" actions."""

    def _person_page(self, request, template: str, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, f"admin/meetings/person/{template}", context)

    @admin.action(description=gettext_lazy("Erase personal data"), permissions=["change"])
    def erase_personal_data(self, request: HttpRequest, queryset):
        people = list(queryset.select_related("honorific", "organization")[:2])
        if len(people) != 1:
            self.message_user(
                request,
                _("Choose one person at a time to erase their personal data."),
                messages.WARNING,
            )
            return None
        [person] = people
        if person.withheld_at is not None:
            self.message_user(
                request, _("This person's personal data was erased already."), messages.ERROR
            )
            return None
        if "post" not in request.POST:
            return self._person_page(
                request,
                "erase_confirmation.html",
                title=_("Erase the personal data of %(name)s?") % {"name": person.full_name},
                person=person,
                changes=person_erase_changes(person=person, by=request.user),
                action="erase_personal_data",
                media=self.media,
            )
        name = person.full_name
        try:
            lines = person_erase(person=person, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            _("Personal data of %(name)s erased: %(changes)s.")
            % {"name": name, "changes": "; ".join(lines)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=gettext_lazy("Merge two people"), permissions=["delete"])
    def merge_people(self, request: HttpRequest, queryset):
        people = list(queryset.select_related("honorific", "organization").order_by("pk")[:3])
        if len(people) != 2:
            self.message_user(
                request,
                _("Choose exactly two people to merge: the two records of one person."),
                messages.WARNING,
            )
            return None
        form = KeepForm(request.POST if "post" in request.POST else None, people=people)
        if not form.is_valid():
            return self._person_page(
                request,
                "merge_confirmation.html",
                title=_("Merge two people"),
                people=[(person, linked_records(person)) for person in people],
                form=form,
                action="merge_people",
                media=self.media + form.media,
            )
        kept = next(person for person in people if person.pk == form.cleaned_data["keep"])
        merged = next(person for person in people if person.pk != kept.pk)
        merged_name = f"{merged.full_name} (#{merged.pk})"
        try:
            lines = person_merge(kept=kept, merged=merged, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                _("The two records were not merged: %(reason)s")
                % {"reason": " ".join(error.messages)},
                messages.ERROR,
            )
            return None
        self.message_user(
            request,
            _("%(merged)s merged into %(kept)s (#%(pk)s): %(moved)s.")
            % {
                "merged": merged_name,
                "kept": kept.full_name,
                "pk": kept.pk,
                "moved": "; ".join(lines),
            },
            messages.SUCCESS,
        )
        return None
