from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from pressroom import views
from releases.views import robots_txt
from releases.views.sitemaps import index as sitemap_index
from releases.views.sitemaps import sitemaps

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    path("", include("releases.urls")),
]

handler404 = "pressroom.views.page_not_found"
handler500 = "pressroom.views.server_error"
