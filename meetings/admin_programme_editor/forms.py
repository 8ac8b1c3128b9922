"""The editor's rows: one ModelForm per session, agenda item, presentation and person in the
programme, so every row is validated by its model as in the rest of the admin.

Rows refer to each other by keys: a stored row's key is its id, a row added in the page is
"new-1", "new-2"… Which item a presentation belongs to, which presentation a person is in and the
order of rows are read from the page by the editor (editor.py), not by these forms.
"""

from typing import Any, override

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from ..admin_person_search import PersonAddForm
from ..models import AgendaItem, Appearance, Person, Segment, Session


class RowForm(forms.ModelForm):
    """A row of the editor. `resolve(form)`, called once the fields are clean and before the model
    validates the row, sets what the row refers to (its item, its session, its person).

    A stored row that nobody changed is stored valid already: its model is not asked again, which
    would cost queries for each row of a long programme."""

    remove = forms.BooleanField(label=_("Remove"), required=False)

    def __init__(self, *args: Any, resolve: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, use_required_attribute=False, **kwargs)
        self.resolve = resolve

    @override
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.resolve is not None:
            self.resolve(self)
        return cleaned

    @override
    def _post_clean(self) -> None:
        if self.instance.pk and not self.has_changed():
            return
        super()._post_clean()


class SessionRowForm(RowForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "name", "room"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class ItemRowForm(RowForm):
    sessions = forms.MultipleChoiceField(
        label=_("Sessions"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"description": _("Description (optional)")}

    def __init__(self, *args: Any, session_choices: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = session_choices


class SegmentRowForm(RowForm):
    session = forms.ChoiceField(label=_("Session"), required=False)

    class Meta:
        model = Segment
        fields = ["title"]
        labels = {"title": _("Title")}
        help_texts = {"title": ""}

    def __init__(self, *args: Any, session_choices: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [
            ("", _("The first session of the item")),
            *session_choices,
        ]


class PersonSelect(AutocompleteSelect):
    """The admin's person autocomplete (accent-insensitive search, "Professor François Crépeau,
    Special Rapporteur…"), listing the people of this programme as its options, so that it
    works without JavaScript too. Their labels are looked up once for the whole page."""

    def __init__(self, admin_site: Any, listed: list[tuple[str, str]]) -> None:
        super().__init__(Appearance._meta.get_field("person"), admin_site)
        self.listed = listed

    @override
    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list:
        selected = {str(v) for v in value if v}
        options = [self.create_option(name, "", "", not selected, 0)]
        for index, (pk, label) in enumerate(self.listed, start=1):
            options.append(self.create_option(name, pk, label, pk in selected, index))
        return [(None, options, 0)]


class AppearanceRowForm(RowForm):
    person = forms.CharField(label=_("Person"), required=False)
    namesake = forms.CharField(
        label=_("Or choose the person already in Plenary"),
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Appearance
        fields = ["role", "affiliation"]
        labels = {"affiliation": _("Affiliation")}
        help_texts = {"affiliation": _("Blank: the affiliation of the person.")}

    def __init__(self, *args: Any, person_widget: PersonSelect, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].widget = person_widget
        if self.instance.person_id:
            self.fields["person"].initial = str(self.instance.person_id)


class NewPersonForm(PersonAddForm):
    """A person created in the row that names them: the person form's check for namesakes
    (accents and case aside) and its "This is another person" box included."""

    class Meta(PersonAddForm.Meta):
        fields = ["honorific", "given_name", "family_name", "position", "organization"]
        labels = {"position": _("Position or affiliation")}
        help_texts = {"family_name": "", "position": ""}

    def __init__(self, *args: Any, honorifics: list, admin_site: Any, **kwargs: Any) -> None:
        super().__init__(*args, use_required_attribute=False, **kwargs)
        self.fields["honorific"].choices = honorifics
        organization = self.fields["organization"]
        organization.widget = AutocompleteSelect(Person._meta.get_field("organization"), admin_site)
        organization.widget.choices = organization.choices
        self.fields["another_person"].help_text = ""

    @property
    def is_filled(self) -> bool:
        return self.is_bound and any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in ("given_name", "family_name", "position", "organization")
        )
