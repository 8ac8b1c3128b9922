"""The exports' addresses, inside the meetings namespace (meetings/urls.py includes them)."""

from . import calendar_views, frab_views, pdf_views

urlpatterns = [*calendar_views.urlpatterns, *frab_views.urlpatterns, *pdf_views.urlpatterns]
