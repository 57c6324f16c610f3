# Placeholder views, replaced by the reading-site work (issue 4).
from django.http import Http404
from django.views.generic import View


def _missing(*args, **kwargs):
    raise Http404("Not built yet")


home = release_detail = preview = _missing


class _MissingView(View):
    def get(self, request, *args, **kwargs):
        raise Http404("Not built yet")


ReleaseArchiveView = ReleaseYearArchiveView = ReleaseMonthArchiveView = _MissingView
OrganizationListView = OrganizationDetailView = PersonDetailView = TopicDetailView = _MissingView
