from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from core.views import root_redirect
from offline import views as offline_views

urlpatterns = [
    path("", root_redirect, name="root"),
    path("favicon.ico", require_safe(RedirectView.as_view(url="/static/img/favicon.svg")), name="favicon"),
    path("api/", include("api.urls")),
    # The outbox's service worker must be served from the root to control every page (scope /).
    path("sw.js", offline_views.worker, name="offline_worker"),
    path("offline-key.json", offline_views.public_key, name="offline_key"),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("office/", include("backoffice.urls")),
    # coalition before members: its /office/bodies/new/ must match before members' /office/bodies/<slug>/.
    path("", include("coalition.urls")),
    path("", include("members.urls")),
    path("", include("projects.urls")),
    path("", include("fourw.urls")),
    path("", include("campaigns.urls")),
    path("", include("appeals.urls")),
    path("", include("trainings.urls")),
    path("", include("governance.urls")),
    path("", include("newsletters.urls")),
    path("", include("places.urls")),
    path("", include("offline.urls")),
)
