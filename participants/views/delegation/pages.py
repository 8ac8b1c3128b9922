"""The delegation pages: which organization, and "My delegation"."""

from typing import Any, override

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import TemplateView, View

from accounts.models import Organization
from participants.models import Nomination, sees_every_nomination
from participants.roster import meeting_roster
from participants.services.places import places_for

from .common import nominate_refusal, published_meeting


class DelegationChoiceView(LoginRequiredMixin, View):
    """/meetings/<slug>/delegation/: which of the user's organizations; straight to the one."""

    def get(self, request, slug: str):
        meeting = published_meeting(slug)
        organizations = list(Organization.objects.for_user(request.user).with_parent())
        if len(organizations) == 1:
            return redirect("participants:delegation", meeting.slug, organizations[0].pk)
        if not organizations:
            return render(
                request, "participants/not_a_focal_point.html", {"meeting": meeting}, status=403
            )
        return render(
            request,
            "participants/delegation_choice.html",
            {"meeting": meeting, "organizations": organizations},
        )


class OrganizationMixin(LoginRequiredMixin):
    """The meeting (with its registration) and one of the user's organizations, from the URL."""

    def setup_delegation(self) -> None:
        self.meeting = published_meeting(self.kwargs["slug"])
        self.registration = self.meeting.registration
        self.organization = (
            Organization.objects.for_user(self.request.user)
            .with_parent()
            .filter(pk=self.kwargs["organization"])
            .first()
        )
        self.is_own = self.organization is not None


class DelegationView(OrganizationMixin, TemplateView):
    """/meetings/<slug>/delegation/<organization>/: "My delegation"."""

    template_name = "participants/delegation.html"

    @override
    def get(self, request, *args, **kwargs):
        self.setup_delegation()
        if self.organization is None:
            if not sees_every_nomination(request.user):
                raise Http404("Not a focal point of this organization.")
            self.organization = get_object_or_404(
                Organization.objects.with_parent(), pk=self.kwargs["organization"]
            )
        return self.render_to_response(self.get_context_data())

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        nominations = list(
            Nomination.objects.visible_to(self.request.user)
            .for_meeting(self.meeting)
            .filter(organization=self.organization)
            .with_details()
        )
        nominations.sort(key=lambda nomination: not nomination.is_active)  # stable
        places = places_for(self.registration, self.organization)
        refusal = nominate_refusal(self.registration, places, self.organization)
        programme_people = [
            participant
            for participant in meeting_roster(self.meeting)
            if participant.roles
            and participant.organization is not None
            and participant.organization.pk == self.organization.pk
        ]
        programme_people.sort(key=lambda participant: participant.sort_key)
        return super().get_context_data(
            **kwargs,
            meeting=self.meeting,
            registration=self.registration,
            organization=self.organization,
            is_own=self.is_own,
            can_change=self.is_own and self.registration.is_open(),
            nominations=nominations,
            places=places,
            nominate_refusal=refusal,
            programme_people=programme_people,
        )
