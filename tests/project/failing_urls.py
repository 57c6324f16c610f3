"""A URLconf with one view that fails, for the tests of the 500 page (ROOT_URLCONF="tests.project.failing_urls")."""

from django.urls import path


def boom(request):
    raise RuntimeError("deliberate failure")


urlpatterns = [path("boom/", boom)]
