from django.urls import path

from .views import files, public, submission

app_name = "papers"

urlpatterns = [
    path("meetings/<slug:slug>/submit/", submission.SubmitView.as_view(), name="submit"),
    path("my/submissions/", submission.MySubmissionsView.as_view(), name="my_submissions"),
    path(
        "my/submissions/<id:pk>/edit/",
        submission.SubmissionEditView.as_view(),
        name="submission_edit",
    ),
    path(
        "my/submissions/<id:pk>/withdraw/",
        submission.SubmissionWithdrawView.as_view(),
        name="submission_withdraw",
    ),
    path("documents/<id:pk>/", public.DocumentDetailView.as_view(), name="document_detail"),
    path(
        "documents/<id:pk>/versions/<id:number>/download/",
        files.version_download,
        name="version_download",
    ),
    path(
        "documents/<id:pk>/versions/<id:number>/thumbnail/",
        files.version_thumbnail,
        name="version_thumbnail",
    ),
    path(
        "documents/<id:pk>/versions/<id:number>/preview/<id:page>/",
        files.version_preview,
        name="version_preview",
    ),
]
