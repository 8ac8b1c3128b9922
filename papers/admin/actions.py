"""The review actions on the document list: publish, return to the submitter, reject.

Each goes through papers.services.review; the intermediate pages ask for a comment, or for a
look at the files that need one, before anything is decided.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from papers.models import Document
from papers.services.review import document_publish, document_reject, document_return

MEETING_FILTER = "meeting__id__exact"


def list_filters(request: HttpRequest) -> str:
    """The document list's query string the reviewer came from: the list's own on the list,
    the preserved one (`_changelist_filters`) on a document's page and its decision pages."""
    if "_changelist_filters" in request.GET:
        return request.GET["_changelist_filters"]
    return request.GET.urlencode()


def next_awaiting_review(filters: str, *, decided: list[int]) -> Document | None:
    """The paper that has waited longest for review, in the meeting the list is filtered to."""
    queue = Document.objects.awaiting_review().exclude(pk__in=decided)
    meeting = QueryDict(filters).get(MEETING_FILTER, "")
    if meeting.isascii() and meeting.isdigit() and len(meeting) <= 18:
        queue = queue.filter(meeting_id=int(meeting))
    return queue.select_related("organization").order_by("created_at", "pk").first()


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the submitter"),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_("Mailed to the organization: say what to change, or why."),
    )


class PublishForm(forms.Form):
    acknowledge_review_reasons = forms.BooleanField(
        label=_("I have looked at the files listed above and publish them anyway."),
        required=True,
    )


class ReviewActionsMixin:
    """DocumentAdmin's actions and the pages they show before deciding."""

    def _confirmation(self, request, queryset, *, action, template, form, title, **extra):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "documents": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context)

    def _report(self, request, done: int, done_message: str, errors: list[str], decided) -> None:
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for error in errors:
            self.message_user(request, error, messages.WARNING)
        if done:
            self._offer_next(request, decided=[document.pk for document in decided])

    def _offer_next(self, request, *, decided: list[int]) -> None:
        """After a decision: the next paper in the queue, its page keeping the list's filters."""
        filters = list_filters(request)
        document = next_awaiting_review(filters, decided=decided)
        if document is None:
            self.message_user(
                request, _("No other paper awaits review: the queue is empty."), messages.INFO
            )
            return
        url = reverse("admin:papers_document_change", args=[document.pk])
        if filters:
            url += "?" + urlencode({"_changelist_filters": filters})
        organization = document.organization
        name = (organization.acronym or organization.name) if organization else None
        link = (
            format_html('<a href="{}">“{}” ({})</a>', url, document.title, name)
            if name
            else format_html('<a href="{}">“{}”</a>', url, document.title)
        )
        self.message_user(request, format_html(_("Next: {link}"), link=link), messages.INFO)

    @admin.action(description=_("Publish"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset):
        documents = list(queryset.select_related("meeting", "organization"))
        flagged = [document for document in documents if document.review_reasons.strip()]
        acknowledged = {document.pk for document in flagged}
        form = PublishForm(request.POST if "post" in request.POST else None)
        if flagged and not form.is_valid():
            return self._confirmation(
                request,
                queryset,
                action="publish",
                template="admin/papers/document_publish.html",
                form=form,
                title=_("Publish documents that need a careful look?"),
                flagged=flagged,
            )
        errors, done = [], 0
        for document in documents:
            try:
                document_publish(
                    document=document,
                    by=request.user,
                    acknowledge_review_reasons=document.pk in acknowledged,
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                done += 1
        message = ngettext(
            "%(count)d document was published.", "%(count)d documents were published.", done
        )
        self._report(request, done, message, errors, documents)
        return None

    def _comment_action(self, request, queryset, *, action, service, title, done_message):
        form = CommentForm(request.POST if "post" in request.POST else None)
        if not form.is_valid():
            return self._confirmation(
                request,
                queryset.select_related("meeting", "organization"),
                action=action,
                template="admin/papers/document_comment.html",
                form=form,
                title=title,
            )
        errors, done = [], 0
        documents = list(queryset)
        for document in documents:
            try:
                service(document=document, comment=form.cleaned_data["comment"], by=request.user)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                done += 1
        self._report(request, done, done_message(done), errors, documents)
        return None

    @admin.action(description=_("Return to submitter with a comment"), permissions=["change"])
    def return_to_submitter(self, request: HttpRequest, queryset):
        return self._comment_action(
            request,
            queryset,
            action="return_to_submitter",
            service=document_return,
            title=_("Return documents to their submitters"),
            done_message=lambda count: ngettext(
                "%(count)d document was returned to its submitter.",
                "%(count)d documents were returned to their submitters.",
                count,
            ),
        )

    @admin.action(description=_("Reject with a comment"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset):
        return self._comment_action(
            request,
            queryset,
            action="reject",
            service=document_reject,
            title=_("Reject documents"),
            done_message=lambda count: ngettext(
                "%(count)d document was rejected.", "%(count)d documents were rejected.", count
            ),
        )
