from django.urls import path

from . import views
from .exports.urls import urlpatterns as export_urlpatterns

app_name = "meetings"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<slug:slug>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path(
        "meetings/<slug:slug>/programme/changes/",
        views.ProgrammeChangesView.as_view(),
        name="programme_changes",
    ),
    path(
        "meetings/<slug:slug>/programme/versions/<id:number>/",
        views.ProgrammeVersionView.as_view(),
        name="programme_version",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<slug:slug>/photo/", views.person_photo, name="person_photo"),
]

urlpatterns += export_urlpatterns
