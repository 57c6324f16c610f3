"""Lists of releases: the home page, the archive and its year and month pages."""

from django.shortcuts import render
from django.views.generic.dates import ArchiveIndexView, MonthArchiveView, YearArchiveView

from releases.models import Release
from releases.reading import chips, facets, queries
from releases.reading.filters import ReleaseFilters
from releases.reading.paginator import CountedPaginator


class PublicReleaseMixin:
    """Only public releases, newest first, twenty a page."""

    model = Release
    date_field = "first_published_at"
    paginate_by = 20
    context_object_name = "releases"

    def get_queryset(self):
        return queries.release_cards()


class ReleaseArchiveView(PublicReleaseMixin, ArchiveIndexView):
    """/releases/: every public release, narrowed by year, topic and organization
    filters (releases.reading.filters: unknown values are ignored), with removable chips."""

    allow_empty = True

    def get_queryset(self):
        self.filters = ReleaseFilters.from_request(self.request)
        queryset = self.filters.apply(super().get_queryset())
        # One count for every page of the list; it also tells the paginator how many there are.
        self.facets = facets.count(self.filters, queryset, cache_as="archive")
        return queryset

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CountedPaginator(
            queryset, per_page, count=self.facets.total, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def get_dated_items(self):
        # The year facet lists the years with their counts, so Django's separate
        # DISTINCT over every release (its date_list) is not needed.
        return None, self.get_dated_queryset(), {}

    def get_context_data(self, **kwargs):
        years = next((facet.values for facet in self.facets if facet.name == "year"), [])
        return super().get_context_data(
            filters=self.filters, chips=chips.of(self.filters), facets=self.facets, years=years, **kwargs
        )


class ReleaseYearArchiveView(PublicReleaseMixin, YearArchiveView):
    """/releases/<yyyy>/: the year's releases and its months; 404 for a year without any."""

    make_object_list = True


class ReleaseMonthArchiveView(PublicReleaseMixin, MonthArchiveView):
    """/releases/<yyyy>/<mm>/: the month's releases; 404 for a month without any."""

    month_format = "%m"


def home(request):
    """A search box, featured releases first, then the latest of the others; the topics beside them."""
    featured, latest = queries.home_releases()
    topics = queries.main_topics()
    return render(request, "releases/home.html", {"featured": featured, "latest": latest, "topics": topics})
