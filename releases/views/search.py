"""The /search/ page."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from releases.models.languages import local_name
from releases.reading import chips
from releases.reading.filters import ReleaseFilters
from releases.search import matching
from releases.search.query import MAX_QUERY_LENGTH, Query


def search(request):
    """Search public releases: ?q= (web-search syntax), the archive filters, ?sort=date, ?page=.

    Without a query it is the archive, so it sends the reader there with the
    filters kept. Renders releases/search.html; bad input gives a normal page.
    """
    raw = request.GET.get("q", "")
    filters = ReleaseFilters.from_request(request)
    if not raw.strip():
        return HttpResponseRedirect(filters.at(reverse("releases:release_archive")).url())
    query = Query.parse(raw)
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    # Releases in the reader's language (the address's), matched with its stemming; ?lang=all: every language.
    reader_language = get_language()
    all_languages = request.GET.get("lang") == "all"
    results = matching.search(
        query,
        filters,
        sort=sort,
        page_number=request.GET.get("page") or 1,
        language=None if all_languages else reader_language,
        interface_language=reader_language,
    )
    context = {
        "query": query,
        "results": results,
        "filters": filters,
        "chips": chips.of(filters),
        "sort": sort,
        "relevance_url": filters.url(sort=None) if sort == "date" else "",
        "date_url": filters.url(sort="date") if sort != "date" else "",
        "suggestion_url": filters.url(q=results.suggestion) if results.suggestion else "",
        "max_length": MAX_QUERY_LENGTH,
        "all_languages": all_languages,
        "language_name": local_name(reader_language),
        "all_languages_url": filters.url(lang="all", page=None),
        "own_language_url": filters.url(lang=None, page=None),
    }
    page = results.page
    if page is not None:
        context["previous_url"] = filters.url(page=page.previous_page_number()) if page.has_previous() else ""
        context["next_url"] = filters.url(page=page.next_page_number()) if page.has_next() else ""
    return render(request, "releases/search.html", context)
