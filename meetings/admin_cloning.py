"""MeetingAdmin's "Plan the next edition": a form asking the new edition's number and start date,
then the review page listing what the copy's texts still say about the old edition."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.dates import long_date

from .clone_corrections import Correction, clone_corrections_apply, suggest
from .cloning import (
    Mention,
    meeting_clone,
    next_edition,
    next_start,
    old_edition_mentions,
    week_offset,
)
from .models import Meeting, MeetingStatus


class NextEditionForm(forms.Form):
    edition = forms.IntegerField(label=gettext_lazy("Edition"), min_value=1, max_value=32767)
    start_date = forms.DateField(
        label=gettext_lazy("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "The copy starts on the same weekday as this meeting nearest this date, so every "
            "session keeps its weekday."
        ),
    )

    copy_documents = forms.BooleanField(
        label=gettext_lazy("Also copy the documents"),
        required=False,
        help_text=gettext_lazy(
            "The Secretariat's own documents (concept note, agenda, programme…) are copied as "
            "unpublished drafts to update, each with a copy of its current file. Papers of "
            "organizations belong to this edition and are never copied."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean(self):
        cleaned = super().clean()
        edition, start = cleaned.get("edition"), cleaned.get("start_date")
        if edition is None or start is None or not self.meeting.series_id:
            return cleaned
        earlier = (
            Meeting.objects.filter(series=self.meeting.series, edition__lt=edition)
            .order_by("-start_date")
            .first()
        )
        # The copy starts on the weekday nearest the date asked: compare the day it will take.
        taken_start = self.meeting.start_date + week_offset(self.meeting.start_date, start)
        if earlier is not None and taken_start <= earlier.start_date:
            self.add_error(
                "start_date",
                forms.ValidationError(
                    _(
                        "Edition %(edition)d must start after “%(earlier)s”, which starts on"
                        " %(date)s."
                    )
                    % {
                        "edition": edition,
                        "earlier": earlier.title,
                        "date": long_date(earlier.start_date),
                    },
                    code="before_earlier_edition",
                ),
            )
        return cleaned

    def clean_edition(self) -> int:
        edition = self.cleaned_data["edition"]
        if not self.meeting.series_id:
            return edition
        taken = Meeting.objects.filter(series=self.meeting.series, edition=edition).first()
        if taken is not None:
            # The message names the meeting and links to it: the staff member may have meant it.
            raise forms.ValidationError(
                format_html(
                    _("This series already has edition {edition}: {link}."),
                    edition=edition,
                    link=format_html(
                        '<a href="{}">{}</a>',
                        reverse("admin:meetings_meeting_change", args=[taken.pk]),
                        taken.title,
                    ),
                ),
                code="edition_taken",
            )
        return edition


def may_review(*, copy: Meeting, original: Meeting) -> bool:
    """Whether `copy` can be reviewed against `original`: a draft of the same series, not the
    meeting itself. A published meeting is corrected on its own page, with care."""
    return (
        copy.pk != original.pk
        and copy.status == MeetingStatus.DRAFT
        and copy.series_id == original.series_id
    )


class CloningMixin:
    """For MeetingAdmin: the action, the button's page and the review page."""

    @admin.action(description=gettext_lazy("Plan the next edition"), permissions=["add"])
    def plan_next_edition(self, request: HttpRequest, queryset):
        meetings = list(queryset[:2])
        if len(meetings) != 1:
            self.message_user(
                request, _("Choose one meeting to plan its next edition."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:meetings_meeting_clone", args=[meetings[0].pk]))

    def get_urls(self):
        own = [
            path(
                "<id:pk>/clone/",
                self.admin_site.admin_view(self.clone_view),
                name="meetings_meeting_clone",
            ),
            path(
                "<id:pk>/clone/review/<id:original>/",
                self.admin_site.admin_view(self.clone_review_view),
                name="meetings_meeting_clone_review",
            ),
        ]
        return own + super().get_urls()

    def _page(self, request, template: str, **context):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        request.current_app = self.admin_site.name
        return TemplateResponse(request, f"admin/meetings/meeting/{template}", context)

    def clone_view(self, request: HttpRequest, pk: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("series"), pk=pk)
        initial = {"edition": next_edition(meeting), "start_date": next_start(meeting)}
        form = NextEditionForm(request.POST or None, initial=initial, meeting=meeting)
        if request.method == "POST" and form.is_valid():
            copy = meeting_clone(
                meeting=meeting,
                edition=form.cleaned_data["edition"],
                start_date=form.cleaned_data["start_date"],
                by=request.user,
                options={"copy_documents": form.cleaned_data["copy_documents"]},
            )
            created = _("“%(title)s” was created as a draft.") % {"title": copy.title}
            self.message_user(request, " ".join([created, *copy.clone_lines]), messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:meetings_meeting_clone_review", args=[copy.pk, meeting.pk])
            )
        return self._page(
            request,
            "clone_form.html",
            title=_("Plan the next edition of “%(title)s”") % {"title": meeting.title},
            meeting=meeting,
            form=form,
            counts=[
                (_("sessions"), meeting.sessions.count()),
                (_("agenda items"), meeting.agenda_items.count()),
                (_("objectives"), meeting.objectives.count()),
            ],
        )

    def clone_review_view(self, request: HttpRequest, pk: int, original: int):
        if not self.has_change_permission(request):
            raise PermissionDenied
        copy = get_object_or_404(Meeting, pk=pk)
        old = get_object_or_404(Meeting, pk=original)
        if not may_review(copy=copy, original=old):
            raise Http404("Not a draft planned from this meeting.")

        def edit_url(kind: str, pk: int) -> str:
            return reverse(f"admin:meetings_{kind}_change", args=[pk])

        mentions = old_edition_mentions(copy=copy, original=old, edit_url=edit_url)
        rows = [
            ReviewRow(mention, suggest(mention.phrase, original=old, copy=copy))
            for mention in mentions
        ]
        errors: list[str] = []
        if request.method == "POST":
            rows, errors = self._read_corrections(request, rows)
            if not errors:
                chosen = [row.correction for row in rows if row.checked]
                try:
                    applied, refused = clone_corrections_apply(
                        copy=copy, corrections=chosen, by=request.user
                    )
                except ValidationError as error:
                    errors = error.messages
                else:
                    if applied:
                        message = ngettext(
                            "%(count)d phrase was corrected.",
                            "%(count)d phrases were corrected.",
                            applied,
                        )
                        self.message_user(request, message % {"count": applied}, messages.SUCCESS)
                    for line in refused:
                        self.message_user(request, line, messages.WARNING)
                    if not chosen:
                        self.message_user(
                            request, _("No replacement was checked."), messages.WARNING
                        )
                    return HttpResponseRedirect(request.path)
        return self._page(
            request,
            "clone_review.html",
            title=_("Review “%(title)s”") % {"title": copy.title},
            meeting=copy,
            original=old,
            offset_days=(copy.start_date - old.start_date).days,
            rows=rows,
            errors=errors,
        )

    def _read_corrections(
        self, request: HttpRequest, rows: list["ReviewRow"]
    ) -> tuple[list["ReviewRow"], list[str]]:
        """The rows as staff sent them back: checked or not, with the replacement typed."""
        checked = set(request.POST.getlist("fix"))
        read, errors = [], []
        for row in rows:
            key = row.correction.key
            replacement = request.POST.get(f"replacement-{key}", "").strip()
            row = ReviewRow(row.mention, replacement, checked=key in checked)
            if row.checked and not replacement:
                row.error = _("Type what replaces “%(phrase)s”, or uncheck it.") % {
                    "phrase": row.mention.phrase
                }
                errors.append(f"{row.mention.field}: {row.error}")
            read.append(row)
        stale = checked - {row.correction.key for row in rows}
        if stale:
            errors.append(
                _("Some phrases changed since the page was loaded: check the list again.")
            )
        return read, errors


class ReviewRow:
    """A phrase of the review, with the replacement proposed or typed."""

    def __init__(self, mention: Mention, replacement: str, *, checked: bool | None = None):
        self.mention = mention
        self.replacement = replacement
        if checked is None:
            checked = bool(replacement) and mention.likely
        self.checked = checked
        self.error = ""

    @property
    def correction(self) -> Correction:
        mention = self.mention
        return Correction(
            kind=mention.kind,
            pk=mention.pk,
            attr=mention.attr,
            start=mention.start,
            end=mention.end,
            phrase=mention.phrase,
            replacement=self.replacement,
        )
