from django.urls import path

from .views import checkin, delegation, public, staff

app_name = "participants"

urlpatterns = [
    # The public list of participants, once staff publish it.
    path("meetings/<slug:slug>/participants/", public.ParticipantListView.as_view(), name="list"),
    path("meetings/<slug:slug>/participants.pdf", public.participant_list_pdf, name="list_pdf"),
    # Focal points: their organization's delegation to a meeting.
    path(
        "meetings/<slug:slug>/delegation/",
        delegation.DelegationChoiceView.as_view(),
        name="delegation_choice",
    ),
    path(
        "meetings/<slug:slug>/delegation/<id:organization>/",
        delegation.DelegationView.as_view(),
        name="delegation",
    ),
    path(
        "meetings/<slug:slug>/delegation/<id:organization>/nominate/",
        delegation.NominateView.as_view(),
        name="nominate",
    ),
    path(
        "nominations/<id:pk>/edit/",
        delegation.NominationEditView.as_view(),
        name="nomination_edit",
    ),
    path(
        "nominations/<id:pk>/withdraw/",
        delegation.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
    path("nominations/<id:pk>/letter/", delegation.nomination_letter, name="nomination_letter"),
    # The Secretariat: exports, badges and the check-in desk.
    path("meetings/<slug:slug>/participants/export.csv", staff.export_csv, name="export_csv"),
    path("meetings/<slug:slug>/participants/export.xlsx", staff.export_xlsx, name="export_xlsx"),
    path("meetings/<slug:slug>/participants/badges.pdf", staff.badges_pdf, name="badges"),
    path("meetings/<slug:slug>/check-in/", checkin.CheckInView.as_view(), name="checkin"),
]
