from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Plenary back office")
admin.site.site_title = _("Plenary")
admin.site.index_title = _("Secretariat")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("meetings.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
