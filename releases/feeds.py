# Placeholder feeds, replaced by the reading-site work (issue 4).
from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404("Not built yet")


def LatestReleasesRss():  # noqa: N802
    return _missing


LatestReleasesAtom = TopicRss = TopicAtom = OrganizationRss = OrganizationAtom = LatestReleasesRss
