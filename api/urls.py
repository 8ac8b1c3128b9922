"""The open data API under /api/v1/ (config/urls.py): read-only JSON, its OpenAPI schema and
its documentation."""

from django.urls import URLPattern, URLResolver, path, re_path

from . import docs, views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.RootView.as_view(), name="root"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "meetings/<slug:slug>/programme/", views.ProgrammeView.as_view(), name="meeting_programme"
    ),
    path(
        "meetings/<slug:slug>/documents/",
        views.DocumentListView.as_view(),
        name="meeting_documents",
    ),
    path(
        "meetings/<slug:slug>/participants/",
        views.ParticipantListView.as_view(),
        name="meeting_participants",
    ),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<id:id>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    # Anything else under /api/v1/: a 404 in JSON, not the site's HTML page.
    re_path(r"^.*/$", views.not_found),
]
