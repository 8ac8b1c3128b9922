from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import config.converters  # noqa: F401  # registers <id:…> before the apps' URLconfs use it
from config.languages import switch_language
from config.views import FaviconView, robots_txt

admin.site.site_header = _("Plenary back office")
admin.site.site_title = _("Plenary")
admin.site.index_title = _("Secretariat")

# No route serves MEDIA_ROOT, not even with DEBUG on: papers' files and thumbnails are sent only
# by papers' download views, which check who may see them.
# Pages exist in the six languages (config/languages.py): English at these addresses, the others
# under their prefix. The API, files and the language switch have one address.
urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v1/", include("api.urls")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("accounts/", include("accounts.urls")),
        path("", include("participants.urls")),
        path("", include("papers.urls")),
        path("", include("meetings.urls")),
        prefix_default_language=False,
    ),
]

# A database error raised outside a view (in a middleware) is a 503 too: config/faults.py.
# /healthz is answered by config.health.HealthCheckMiddleware, before any URL is resolved.
handler400 = "config.views.bad_request"
handler500 = "config.faults.server_error"
