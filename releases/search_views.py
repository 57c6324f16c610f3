# Placeholder, replaced by the search work (issue 5).
from django.http import Http404


def search(request):
    raise Http404("Not built yet")
