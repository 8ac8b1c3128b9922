"""The focal points' pages: submit a paper, list their organizations' papers, change, withdraw."""

import copy
import uuid
from typing import override

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, UpdateView

from accounts.models import Organization
from meetings.models import Meeting
from papers.forms import DocumentChangeForm, SubmissionForm
from papers.models import Document, DocumentStatus
from papers.services.submission import (
    DuplicateSubmission,
    document_submit,
    document_update,
    document_withdraw,
)
from uploads.refusals import upload_refusal_record


def log_refused_upload(form, user, organization) -> None:
    """A file the checks refused goes to the security log, with who sent it and for whom."""
    if refusal := getattr(form, "upload_refusal", None):
        upload, reasons = refusal
        upload_refusal_record(upload=upload, reasons=reasons, by=user, organization=organization)


class SubmitView(LoginRequiredMixin, FormView):
    """/meetings/<slug>/submit/: a focal point submits a paper while the window is open."""

    template_name = "papers/submit.html"
    form_class = SubmissionForm

    def get(self, request, *args, **kwargs):
        return self.cannot_submit_page() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if page := self.cannot_submit_page():
            return page
        if key := _uuid(request.POST.get("submission_key", "")):
            earlier = Document.objects.filter(submission_key=key).first()
            if earlier is not None:
                return self.already_submitted(earlier)
        return super().post(request, *args, **kwargs)

    def cannot_submit_page(self):
        """The page that says why this person cannot submit now, or None when they can."""
        self.meeting = get_object_or_404(Meeting.objects.published(), slug=self.kwargs["slug"])
        self.organizations = list(
            Organization.objects.for_user(self.request.user).select_related("parent")
        )
        if not self.organizations:
            return render(
                self.request, "papers/not_a_member.html", {"meeting": self.meeting}, status=403
            )
        if not self.meeting.submissions_are_open():
            return render(
                self.request,
                "papers/submissions_closed.html",
                {"meeting": self.meeting, "now": timezone.now()},
                status=403,
            )
        return None

    def already_submitted(self, document: Document) -> HttpResponseRedirect:
        messages.info(
            self.request,
            _("This form was sent already: “%(title)s” was submitted then. Nothing new was stored.")
            % {"title": document.title},
        )
        return redirect(document)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meeting": self.meeting,
            "organizations": self.organizations,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, meeting=self.meeting, organizations=self.organizations
        )

    def form_invalid(self, form):
        log_refused_upload(form, self.request.user, form.chosen_organization)
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            document = document_submit(
                meeting=self.meeting,
                organization=form.chosen_organization,
                category=data["category"],
                title=data["title"],
                authors_text=data["authors_text"],
                language=data["language"],
                agenda_item=data["agenda_item"],
                upload=data["file"],
                by=self.request.user,
                submission_key=data.get("submission_key"),
                inspection=form.inspection,
            )
        except DuplicateSubmission as duplicate:
            return self.already_submitted(duplicate.document)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” was submitted. The secretariat will review it before it is published.")
            % {"title": document.title},
        )
        return redirect("papers:my_submissions")


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class MySubmissionsView(LoginRequiredMixin, ListView):
    """/my/submissions/: every document of the user's organizations, for all meetings."""

    template_name = "papers/my_submissions.html"
    context_object_name = "documents"
    paginate_by = 50

    def get_queryset(self):
        return (
            Document.objects.of_focal_point(self.request.user)
            .for_listing()
            .select_related("meeting")
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        organizations = list(Organization.objects.for_user(self.request.user).with_parent())
        context["organizations"] = organizations
        context["open_meetings"] = (
            list(Meeting.objects.published().open_for_submissions(now)) if organizations else []
        )
        return context


class OwnDocumentMixin(LoginRequiredMixin):
    """A document of one of the user's organizations: any other is a 404."""

    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.of_focal_point(self.request.user).select_related(
            "meeting", "organization", "category"
        )

    def not_editable(self, document: Document) -> HttpResponseRedirect:
        messages.warning(
            self.request,
            _("“%(title)s” is %(status)s: it can no longer be changed or withdrawn.")
            % {"title": document.title, "status": document.get_status_display().lower()},
        )
        return redirect("papers:my_submissions")


class SubmissionEditView(OwnDocumentMixin, UpdateView):
    """/my/submissions/<pk>/edit/: change the details, replace the file (a new version)."""

    template_name = "papers/submission_edit.html"
    form_class = DocumentChangeForm

    @override
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_editable_by_submitter:
            return self.not_editable(self.object)
        return self.render_to_response(self.get_context_data())

    @override
    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_editable_by_submitter:
            return self.not_editable(self.object)
        form = self.get_form()
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def can_replace_file(self) -> bool:
        return (
            self.object.status == DocumentStatus.RETURNED
            or self.object.meeting.submissions_are_open()
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form fills its instance as it validates; the page keeps showing the saved document.
        kwargs["instance"] = copy.copy(self.object)
        return {
            **kwargs,
            "meeting": self.object.meeting,
            "can_replace_file": self.can_replace_file(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_versions"] = self.object.current_versions
        return context

    def form_invalid(self, form):
        log_refused_upload(form, self.request.user, self.object.organization)
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data.get("file")
        try:
            document = document_update(
                document=self.object,
                by=self.request.user,
                category=data["category"],
                title=data["title"],
                authors_text=data["authors_text"],
                language=data["language"],
                agenda_item=data["agenda_item"],
                upload=upload,
                inspection=form.inspection,
                file_language=data.get("file_language") or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if upload:
            version = document.current_version
            message = _("“%(title)s” was saved with its new file, version %(number)s.") % {
                "title": document.title,
                "number": version.number,
            }
            if version.language != document.language:
                message = _(
                    "“%(title)s” was saved with its new file in %(language)s, version %(number)s."
                ) % {
                    "title": document.title,
                    "language": version.language_label,
                    "number": version.number,
                }
        else:
            message = _("Your changes to “%(title)s” were saved.") % {"title": document.title}
        messages.success(self.request, message)
        return redirect("papers:my_submissions")


class SubmissionWithdrawView(OwnDocumentMixin, DetailView):
    """/my/submissions/<pk>/withdraw/: a confirmation page, and the POST that withdraws."""

    template_name = "papers/submission_withdraw.html"

    @override
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_editable_by_submitter:
            return self.not_editable(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, *args, **kwargs):
        document = self.get_object()
        if not document.is_editable_by_submitter:
            return self.not_editable(document)
        try:
            document = document_withdraw(document=document, by=request.user)
        except ValidationError:
            return self.not_editable(document)
        messages.success(request, _("“%(title)s” was withdrawn.") % {"title": document.title})
        return redirect(reverse("papers:my_submissions"))
