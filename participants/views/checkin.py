"""The check-in desk: staff at the door find a participant by name and mark them present.

Built for a tablet and for no JavaScript: a GET form searches, a POST button per person checks
them in (or takes a mistaken check-in back), and the page comes back with a message. The list is
the meeting's roster (participants.roster), so nominees and the programme's people are both
there; the counts are per day of the meeting and per organization kind.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any, override

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.collation import collation_key
from accounts.models import OrganizationKind
from accounts.text import folded
from meetings.formatting import clock, day_heading
from meetings.models import Meeting, Person
from participants.models import CheckIn
from participants.roster import Participant, meeting_roster
from participants.services.attendance import check_in, check_in_undo


def meeting_days(meeting: Meeting) -> list[datetime.date]:
    count = (meeting.end_date - meeting.start_date).days + 1
    return [meeting.start_date + datetime.timedelta(days=n) for n in range(count)]


class DeskSearchForm(forms.Form):
    """What the GET form sends: the day shown and the name typed."""

    day = forms.DateField(required=False)
    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)


class DeskActionForm(forms.Form):
    """What a Check in or Undo button sends."""

    person = forms.IntegerField(min_value=1)
    day = forms.DateField()
    q = forms.CharField(required=False, max_length=100)
    undo = forms.BooleanField(required=False)


@dataclass
class DeskRow:
    participant: Participant
    check_in: CheckIn | None
    checked_in_at: str


@dataclass
class KindCount:
    label: str
    checked_in: int
    participants: int


class CheckInView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """/meetings/<slug>/check-in/: staff with the "add check-in" permission; anybody else
    logged in gets 403, and an anonymous visitor the login page."""

    template_name = "participants/checkin.html"
    permission_required = "participants.add_checkin"

    @override
    def has_permission(self) -> bool:
        return self.request.user.is_staff and super().has_permission()

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(Meeting, slug=self.kwargs["slug"])

    @cached_property
    def days(self) -> list[datetime.date]:
        return meeting_days(self.meeting)

    def default_day(self) -> datetime.date:
        """Today at the venue during the meeting, else its first day."""
        today = self.meeting.local_today()
        return today if today in self.days else self.days[0]

    def page_url(self, day: datetime.date, query: str = "") -> str:
        params = {"day": day.isoformat()}
        if query:
            params["q"] = query
        return f"{reverse('participants:checkin', args=[self.meeting.slug])}?{urlencode(params)}"

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = DeskSearchForm(self.request.GET)
        form.is_valid()
        day = form.cleaned_data.get("day")
        if day not in self.days:
            day = self.default_day()
        query = form.cleaned_data.get("q", "")
        roster = meeting_roster(self.meeting)
        marked = {
            check_in.person_id: check_in
            for check_in in CheckIn.objects.for_day(self.meeting, day).select_related("by")
        }
        found = self._matching(roster, query)
        zone = self.meeting.zone
        rows = [
            DeskRow(
                participant=participant,
                check_in=marked.get(participant.person_id),
                checked_in_at=clock(marked[participant.person_id].at.astimezone(zone).time())
                if participant.person_id in marked
                else "",
            )
            for participant in found
        ]
        context.update(
            meeting=self.meeting,
            day=day,
            day_label=day_heading(day),
            query=query,
            form=form,
            rows=rows,
            participant_count=len(roster),
            days=self._day_counts(day, query, {p.person_id for p in roster}),
            kinds=self._kind_counts(roster, marked),
            checked_in_count=sum(1 for p in roster if p.person_id in marked),
            can_undo=self.request.user.has_perm("participants.delete_checkin"),
        )
        return context

    @staticmethod
    def _matching(roster: list[Participant], query: str) -> list[Participant]:
        """Everyone when nothing is typed; else those whose name or organization holds what was
        typed, accents and case aside ("crepeau" finds "Crépeau")."""
        ordered = sorted(
            roster,
            key=lambda p: (collation_key(p.family_name), collation_key(p.given_name), p.person_id),
        )
        wanted = folded(query)
        if not wanted:
            return ordered
        return [
            participant
            for participant in ordered
            if wanted in folded(participant.name)
            or (
                participant.organization is not None
                and (
                    wanted in folded(participant.organization.name)
                    or wanted == folded(participant.organization.acronym)
                )
            )
        ]

    def _day_counts(
        self, current: datetime.date, query: str, on_roster: set[int]
    ) -> list[dict[str, Any]]:
        """Who is checked in on each day, counting the people on the roster as the header does:
        a check-in of someone erased since, or no longer a participant, is kept but not counted."""
        counts = Counter(
            day
            for day, person_id in CheckIn.objects.filter(meeting=self.meeting)
            .order_by()
            .values_list("day", "person_id")
            if person_id in on_roster
        )
        return [
            {
                "day": day,
                "label": day_heading(day),
                "count": counts.get(day, 0),
                "url": self.page_url(day, query),
                "current": day == current,
            }
            for day in self.days
        ]

    @staticmethod
    def _kind_counts(roster: list[Participant], marked: dict[int, CheckIn]) -> list[KindCount]:
        participants: Counter[str] = Counter()
        present: Counter[str] = Counter()
        for participant in roster:
            kind = participant.organization.kind if participant.organization else ""
            participants[kind] += 1
            if participant.person_id in marked:
                present[kind] += 1
        order = [*OrganizationKind.values, ""]
        return [
            KindCount(
                label=str(OrganizationKind(kind).label) if kind else _("No organization"),
                checked_in=present[kind],
                participants=participants[kind],
            )
            for kind in sorted(participants, key=order.index)
        ]

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponseRedirect:
        form = DeskActionForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("Nothing was recorded: the form was incomplete. Try the button again.")
            )
            return HttpResponseRedirect(self.page_url(self.default_day()))
        data = form.cleaned_data
        person = get_object_or_404(Person.objects.with_details(), pk=data["person"])
        day, query = data["day"], data["q"].strip()
        shown = day if day in self.days else self.default_day()
        back = f"{self.page_url(shown, query)}#person-{person.pk}"
        if data["undo"]:
            if not request.user.has_perm("participants.delete_checkin"):
                raise PermissionDenied("May not undo check-ins.")
            if check_in_undo(meeting=self.meeting, person=person, day=day, by=request.user):
                messages.success(
                    request,
                    _("Check-in of %(name)s on %(day)s taken back.")
                    % {"name": person.full_name, "day": day_heading(day)},
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was not checked in on %(day)s.")
                    % {"name": person.full_name, "day": day_heading(day)},
                )
            return HttpResponseRedirect(back)
        try:
            check_in(meeting=self.meeting, person=person, day=day, by=request.user)
        except ValidationError as error:
            level = messages.INFO if error.code == "already_checked_in" else messages.WARNING
            for message in error.messages:
                messages.add_message(request, level, message)
        else:
            messages.success(
                request,
                _("%(name)s is checked in for %(day)s.")
                % {"name": person.display_name, "day": day_heading(day)},
            )
        return HttpResponseRedirect(back)
