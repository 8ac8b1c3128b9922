"""Two staff members editing the same thing: the second save from a stale page is refused.

A change page carries the time the object was last saved when the page was opened; saving it
after someone else saved in between tells the person who changed it and when, and keeps what
is stored. Used by the back office's meetings, agenda items, people and documents.
"""

from typing import Any, override

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

STAMP_FIELD = "loaded_version"


def _stamp(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def stale_page_form(base: type[forms.ModelForm], field: str) -> type[forms.ModelForm]:
    """`base` with a hidden field holding the object's `field` (its last save) as opened."""

    class StalePageForm(base):  # type: ignore[misc, valid-type]
        loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields[STAMP_FIELD].initial = _stamp(getattr(self.instance, field, None))

        def clean(self) -> dict[str, Any]:
            cleaned = super().clean()
            posted = cleaned.get(STAMP_FIELD) or ""
            if self.instance.pk is None or not posted:
                return cleaned
            model = type(self.instance)
            # Locked until this save commits, so two saves at once are told apart as well.
            stored = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list(field, flat=True)
                .first()
            )
            if _stamp(stored) != posted:
                raise forms.ValidationError(_changed_message(self.instance, stored), code="stale")
            return cleaned

    return StalePageForm


def _changed_message(instance: Any, stored: Any) -> str:
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=str(instance.pk),
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    when = date_format(localtime(stored), "DATETIME_FORMAT") if stored else _("a moment ago")
    who = str(entry.user) if entry is not None else _("someone else")
    return _(
        "“%(object)s” was changed by %(who)s at %(when)s, after you opened this page. Reload "
        "the page to see their changes, then make yours again: nothing you sent was saved."
    ) % {"object": instance, "who": who, "when": when}


class StalePageMixin:
    """For a ModelAdmin whose model has an auto_now `updated_at`: refuse saves from stale pages."""

    stale_page_field = "updated_at"

    @override
    def get_form(self, request, obj=None, change=False, **kwargs):  # type: ignore[no-untyped-def]
        if obj is not None:  # the base form declares the hidden field the fieldsets name
            base = kwargs.get("form", self.form)  # type: ignore[attr-defined]
            kwargs["form"] = stale_page_form(base, self.stale_page_field)
        return super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]

    @override
    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        if obj is None or any(STAMP_FIELD in _flat(options["fields"]) for _, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], STAMP_FIELD]}), *rest]


def _flat(fields: Any) -> list[str]:
    flat: list[str] = []
    for entry in fields:
        flat.extend(entry if isinstance(entry, list | tuple) else [entry])
    return flat
