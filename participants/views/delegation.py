"""Placeholder: the focal points' delegation pages (being written)."""
# ruff: noqa: ARG001, ARG002 (a placeholder, replaced as the issue is built)

from django.http import Http404
from django.views import View


class _Placeholder(View):
    def get(self, request, *args, **kwargs):
        raise Http404


DelegationChoiceView = DelegationView = NominateView = _Placeholder
NominationEditView = NominationWithdrawView = _Placeholder


def nomination_letter(request, pk):
    raise Http404
