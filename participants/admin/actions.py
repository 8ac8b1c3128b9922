"""The queue's decisions: accept, wait-list, decline.

Each action shows a page listing the nominations first (with the message for the organization,
required to decline), then calls the service for each one: participants.services.decisions
records who decided and when and mails the focal points once it commits. A nomination the
service refuses (no place left, withdrawn meanwhile) is named in a warning; the others go through.
"""

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from participants.forms_admin import DecisionMessageForm
from participants.models import Nomination
from participants.services.decisions import (
    nomination_accept,
    nomination_decline,
    nomination_waitlist,
)


def refusal_message(nomination: Nomination, error: ValidationError) -> str:
    """ "Ms. María López (IOM) was not accepted: IOM has used all 3 of its places …" """
    return _("%(name)s (%(organization)s): %(reason)s") % {
        "name": nomination.display_name,
        "organization": nomination.organization.short_name,
        "reason": " ".join(error.messages),
    }


class DecisionActionsMixin:
    """NominationAdmin's actions and the page each shows before deciding."""

    def _decision_page(self, request, nominations, *, action, title, form=None, explanation=""):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "nominations": nominations,
            "form": form,
            "explanation": explanation,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media if form is not None else self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/participants/nomination/decision.html", context)

    def _decide_each(
        self,
        request: HttpRequest,
        nominations: list[Nomination],
        decide: Callable[[Nomination], object],
        done: Callable[[int], str],
    ) -> None:
        decided = []
        for nomination in nominations:
            try:
                decide(nomination)
            except ValidationError as error:
                self.message_user(request, refusal_message(nomination, error), messages.WARNING)
            else:
                decided.append(nomination.display_name)
        if decided:
            self.message_user(
                request,
                done(len(decided)) % {"count": len(decided), "names": ", ".join(decided)},
                messages.SUCCESS,
            )

    @staticmethod
    def _listed(queryset) -> list[Nomination]:
        return list(
            queryset.select_related("meeting", "organization", "honorific").order_by(
                "created_at", "pk"
            )
        )

    @admin.action(description=gettext_lazy("Accept selected nominations"), permissions=["change"])
    def accept(self, request: HttpRequest, queryset):
        nominations = self._listed(queryset)
        if "post" not in request.POST:
            return self._decision_page(
                request,
                nominations,
                action="accept",
                title=_("Accept nominations"),
                explanation=_(
                    "Each one takes a place of its organization and of the meeting; one with no "
                    "place left is not accepted, and you are told which. The organization's "
                    "focal points get an e-mail with each decision."
                ),
            )
        self._decide_each(
            request,
            nominations,
            lambda nomination: nomination_accept(nomination=nomination, by=request.user),
            lambda count: ngettext(
                "%(count)d nomination accepted: %(names)s.",
                "%(count)d nominations accepted: %(names)s.",
                count,
            ),
        )
        return None

    @admin.action(
        description=gettext_lazy("Wait-list selected nominations"), permissions=["change"]
    )
    def waitlist(self, request: HttpRequest, queryset):
        nominations = self._listed(queryset)
        form = DecisionMessageForm(request.POST if "post" in request.POST else None, required=False)
        if not form.is_valid():
            return self._decision_page(
                request,
                nominations,
                action="waitlist",
                title=_("Wait-list nominations"),
                form=form,
                explanation=_(
                    "A wait-listed nomination holds no place. When a place of its organization "
                    "frees up, the first one on the waiting list is offered to you to accept."
                ),
            )
        message = form.cleaned_data["message"]
        self._decide_each(
            request,
            nominations,
            lambda nomination: nomination_waitlist(
                nomination=nomination, by=request.user, message=message
            ),
            lambda count: ngettext(
                "%(count)d nomination wait-listed: %(names)s.",
                "%(count)d nominations wait-listed: %(names)s.",
                count,
            ),
        )
        return None

    @admin.action(
        description=gettext_lazy("Decline selected nominations, with a message"),
        permissions=["change"],
    )
    def decline(self, request: HttpRequest, queryset):
        nominations = self._listed(queryset)
        form = DecisionMessageForm(request.POST if "post" in request.POST else None, required=True)
        if not form.is_valid():
            return self._decision_page(
                request,
                nominations,
                action="decline",
                title=_("Decline nominations"),
                form=form,
                explanation=_(
                    "A declined nomination frees its place. Say why: the organization's focal "
                    "points receive the message with the decision."
                ),
            )
        message = form.cleaned_data["message"]
        self._decide_each(
            request,
            nominations,
            lambda nomination: nomination_decline(
                nomination=nomination, by=request.user, message=message
            ),
            lambda count: ngettext(
                "%(count)d nomination declined: %(names)s.",
                "%(count)d nominations declined: %(names)s.",
                count,
            ),
        )
        return None
