"""Placeholder: the check-in desk (being written)."""
# ruff: noqa: ARG002 (a placeholder, replaced as the issue is built)

from django.http import Http404
from django.views import View


class CheckInView(View):
    def get(self, request, *args, **kwargs):
        raise Http404
