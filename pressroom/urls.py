from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from pressroom import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    path("", include("api.urls")),
    path("", include("alerts.urls")),
    path("", include("releases.urls")),
]

handler404 = "pressroom.views.page_not_found"
handler500 = "pressroom.views.server_error"
