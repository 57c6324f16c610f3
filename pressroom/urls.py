from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from pressroom import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    path("", include("api.urls")),
]

# The public site in each interface language: English (the default) unprefixed, so every
# address that exists keeps working; /es/… in Spanish (pressroom.languages).
urlpatterns += i18n_patterns(
    path("", include("alerts.urls")),
    path("", include("releases.urls")),
    prefix_default_language=False,
)

handler404 = "pressroom.views.page_not_found"
handler500 = "pressroom.views.server_error"
