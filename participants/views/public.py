"""Placeholder: the public list of participants (being written)."""
# ruff: noqa: ARG001, ARG002 (a placeholder, replaced as the issue is built)

from django.http import Http404
from django.views import View


class ParticipantListView(View):
    def get(self, request, *args, **kwargs):
        raise Http404


def participant_list_pdf(request, slug):
    raise Http404
