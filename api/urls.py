from django.urls import path

from api import views
from api.endpoints import api
from pagecache.surrogate import tagged
from releases.reading.surrogate_keys import LIST

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/", tagged(views.api_guide, LIST), name="api_guide"),
]
