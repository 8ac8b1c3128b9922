"""Finding people in the back office: without accents and case, shown with their affiliation.

- The search box and the autocomplete (appearance inlines, papers' authors) also look up the
  person's stored `search_key` with the typed words folded (accounts.text.folded): "crepeau",
  "akerman" and "AKERMAN-BORJE" find them, on SQLite and PostgreSQL alike.
- The autocomplete's results read "Amb. Eva Åkerman-Börje, Ministry of Justice, Sweden": the admin
  site's autocomplete view asks the model's admin for `autocomplete_label(obj)` when it has one,
  and keeps Django's `str(obj)` for every other model.
- Adding a person named like an existing one (accents and case aside) is refused with a link to the
  existing person, until staff tick "This is another person".
"""

from typing import Any, override

from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.content_languages import every_language

from .models import Person


def person_label(person: Person) -> str:
    """Honorific, name and current affiliation: "Amb. Eva Åkerman-Börje, Ministry of Justice"."""
    affiliation = "" if person.withheld_at else person.default_affiliation()
    return f"{person.display_name}, {affiliation}" if affiliation else person.display_name


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete view; a model admin with `autocomplete_label` names the results."""

    @override
    def serialize_result(self, obj: Any, to_field_name: str) -> dict[str, Any]:
        result = super().serialize_result(obj, to_field_name)
        if label := getattr(self.model_admin, "autocomplete_label", None):
            result["text"] = label(obj)
        return result


def use_labelled_autocomplete(site: admin.AdminSite) -> None:
    """Serve `site`'s autocomplete with LabelledAutocompleteJsonView (before its URLs are built)."""

    def autocomplete_view(request: HttpRequest) -> HttpResponse:
        return LabelledAutocompleteJsonView.as_view(admin_site=site)(request)

    site.autocomplete_view = autocomplete_view  # type: ignore[method-assign]


class PersonAddForm(forms.ModelForm):
    """The add form: a person named like an existing one is saved only once staff confirm."""

    another_person = forms.BooleanField(
        label=gettext_lazy("This is another person"),
        required=False,
        help_text=gettext_lazy(
            "Tick it only when Plenary warns that someone of the same name exists and this is "
            "a different person."
        ),
    )

    class Meta:
        model = Person
        fields = [  # the admin's own list replaces it; these are Person's editable fields
            "honorific",
            "given_name",
            "family_name",
            "slug",
            *every_language("position")[1:],  # the admin's language tabs
            "organization",
            "country",
            "photo",
            "bio",
        ]

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        family_name = cleaned.get("family_name")
        if not family_name or cleaned.get("another_person"):
            return cleaned
        namesakes = list(
            Person.objects.same_name_as(cleaned.get("given_name") or "", family_name)[:5]
        )
        if namesakes:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (
                        reverse("admin:meetings_person_change", args=[person.pk]),
                        person_label(person),
                    )
                    for person in namesakes
                ),
            )
            raise ValidationError(
                format_html(
                    _(
                        "{name} already exists: {links}. Choose that person instead, or tick "
                        "“This is another person” to save anyway."
                    ),
                    name=namesakes[0].full_name,
                    links=links,
                ),
                code="namesake",
            )
        return cleaned


class PersonSearchMixin:
    """For PersonAdmin: folded search, the add form's namesake check, labelled autocomplete."""

    @override
    def get_form(self, request, obj=None, change=False, **kwargs):  # type: ignore[no-untyped-def]
        if obj is None:
            kwargs["form"] = PersonAddForm
        return super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]

    @override
    def get_search_results(  # type: ignore[no-untyped-def]
        self, request, queryset, search_term: str
    ):
        found, may_have_duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        if search_term.strip():
            found = found | queryset.matching_folded(search_term)
        return found.select_related("honorific", "organization__parent"), may_have_duplicates

    def autocomplete_label(self, person: Person) -> str:
        return person_label(person)


def person_choice_field(formfield: Any) -> Any:
    """An appearance's person field: its chosen person shown as the autocomplete shows them."""
    if formfield is not None:
        formfield.label_from_instance = person_label
        formfield.queryset = formfield.queryset.select_related("honorific", "organization__parent")
    return formfield
