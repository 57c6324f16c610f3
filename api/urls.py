from django.urls import path

from api import views
from api.endpoints import api
from pagecache.surrogate import tagged
from releases.reading.surrogate_keys import LIST

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/", tagged(views.api_guide, LIST), name="api_guide"),
    path("data/", views.open_data, name="open_data"),
    path("export/releases.jsonl.gz", views.archive_download, name="archive_download"),
]
