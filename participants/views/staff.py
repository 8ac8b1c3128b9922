"""Placeholder: the Secretariat's exports and badges (being written)."""
# ruff: noqa: ARG001 (a placeholder, replaced as the issue is built)

from django.http import Http404


def export_csv(request, slug):
    raise Http404


def export_xlsx(request, slug):
    raise Http404


def badges_pdf(request, slug):
    raise Http404
