"""The search page: facets and chips, suggestions, pagination, bad input, and its query budget."""

from datetime import datetime, timezone

import pytest
from django.urls import reverse

from releases.reading import site
from releases.search import documents, matching
from releases.search.query import MAX_QUERY_LENGTH, Query
from tests import factories as f
from tests.releases.search.helpers import (
    URL,
    get,
    titles,
)

pytestmark = pytest.mark.django_db


def test_facet_counts_agree_with_results(client, committing):
    def build():
        coalition = f.organization("Coalition", slug="coalition")
        topic = f.topic("Detention", slug="detention")
        for year in (2014, 2015, 2015):
            r = f.release(f"Detention report {year}", issuer=coalition, at=datetime(year, 3, 1, tzinfo=timezone.utc))
            r.topics.add(topic)
        f.release("Detention elsewhere", at=datetime(2015, 3, 1, tzinfo=timezone.utc))
        f.release("Nothing to see", issuer=coalition)

    committing(build)
    response = get(client, q="detention")
    facets = {facet.name: facet for facet in response.context["results"].facets}
    assert {v.value: v.count for v in facets["year"].values} == {"2014": 1, "2015": 3}
    assert {v.value: v.count for v in facets["issuer"].values}["coalition"] == 3
    for facet in facets.values():
        for value in facet.values:
            narrowed = client.get(value.url)
            assert narrowed.context["results"].total == value.count == len(titles(narrowed))
    both = get(client, q="detention", year="2015", issuer="coalition")
    assert both.context["results"].total == 2
    assert len(both.context["chips"]) == 2


def test_no_results_page_offers_to_remove_filters(client, committing):
    def build():
        f.release("Asylum hearings").topics.add(f.topic("Asylum", slug="asylum"))
        f.release("Detention report")

    committing(build)
    response = get(client, q="detention", topic="asylum")
    assert response.context["results"].total == 0
    content = response.content.decode()
    assert "No releases found" in content
    assert 'href="/search/?q=detention"' in content  # the chip's removal link


def test_did_you_mean_from_the_archive_vocabulary(client, committing):
    committing(lambda: f.release("Sanctuary ordinance", body="The sanctuary ordinance passed."))
    documents.refresh_search_terms()
    response = get(client, q="sanctuery ordinance")
    assert response.context["results"].total == 0
    assert response.context["results"].suggestion == "sanctuary ordinance"
    assert "Did you mean" in response.content.decode()
    assert get(client, q="sanctuary").context["results"].suggestion == ""


def test_pagination(client, committing):
    committing(lambda: [f.release(f"Asylum item {i}") for i in range(25)])
    first = get(client, q="asylum")
    assert len(titles(first)) == 20 and first.context["results"].total == 25
    second = get(client, q="asylum", page="2")
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))


def test_empty_query_sends_the_reader_to_the_archive_with_filters(client):
    f.release("Asylum hearings").topics.add(f.topic("Asylum", slug="asylum"))
    response = client.get(URL, {"q": "  ", "topic": "asylum", "page": "3"})
    assert response.status_code == 302
    assert response["Location"] == reverse("releases:release_archive") + "?topic=asylum"
    assert client.get(URL)["Location"] == reverse("releases:release_archive")


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%22unclosed+quote",
        "q=%21%21%21+%3F%3F",
        "q=the+and+of",
        "q=abc%00def",
        "q=%00",
        "q=%FF%FE",
        "q=a+%26+%7C+%21+%3A*",
        "q=%27%3B+DROP+TABLE+releases_release%3B+--",
        "q=%28%28%28",
        "q=-",
        "q=or",
        "q=asylum&page=abc",
        "q=asylum&page=99999",
        "q=asylum&page=-1",
        "q=asylum&year=abcd&topic=%00&issuer=nope&signatory=%FF",
        "q=asylum&sort=%00",
        "q[]=x",
        "q=" + "asylum+" * 300,
    ],
)
def test_bad_input_gives_a_normal_page(client, committing, query_string):
    committing(lambda: f.release("Asylum ruling"))
    response = client.get(f"{URL}?{query_string}")
    assert response.status_code in (200, 302), response.status_code


def test_only_stop_words_or_punctuation_explains_itself(client):
    for q in ("the and of", "!!! ??"):
        response = get(client, q=q)
        assert response.context["results"].searchable is False
        assert "no words to search for" in response.content.decode()


def test_long_queries_are_capped_and_say_so(client, committing):
    committing(lambda: f.release("Asylum ruling"))
    response = get(client, q="asylum " * 100)
    assert len(response.context["query"].text) <= MAX_QUERY_LENGTH
    assert response.context["query"].truncated
    assert f"longer than {MAX_QUERY_LENGTH} characters" in response.content.decode()
    assert titles(response) == ["Asylum ruling"]


def test_query_parsing_drops_control_characters_and_forgives_open_quotes():
    assert Query.parse("abc\x00def\ufffd").text == "abc def"
    assert Query.parse('"open phrase').tsquery_text == '"open phrase"'
    assert Query.parse("end 287(g) now").tsquery_text == 'end "287 g" now'
    assert Query.parse("x" * 500).truncated


def test_query_count_does_not_grow_with_results(client, committing, django_assert_max_num_queries):
    def build():
        for i in range(25):
            r = f.release(f"Asylum item {i}")
            f.quote(r, "On asylum, we stand firm.")
            f.signatory(r)
            r.topics.add(f.topic())

    committing(build)
    site.current()  # read once per content version and process, not per page (releases.reading.site)
    matching.Scope.of("en")  # the search configurations in use: likewise, once per content version
    with django_assert_max_num_queries(10):  # terms, planner settings, facets, page, excerpts, quotes
        response = get(client, q="asylum", year=str(f.yesterday().year))
    assert len(titles(response)) == 20


# --- Defect 3 of issue 12: "did you mean" on a fresh install ------------------------------


def test_did_you_mean_knows_a_word_once_its_release_is_published(client, committing):
    from releases import publishing

    release = f.release("Clinic report", state="draft", body="The zorblattic survey found long waits.")
    assert get(client, q="zorblatic").context["results"].suggestion == ""
    committing(publishing.publish_now, release)
    response = get(client, q="zorblatic")
    assert response.context["results"].suggestion == "zorblattic"


def test_did_you_mean_keeps_embargoed_words_until_they_go_live(client, committing):
    from django.utils import timezone

    from releases.models import Release

    embargoed = committing(f.release, "Embargoed report", state="scheduled", body="The quixotical plan leaks.")
    assert get(client, q="quixoticl").context["results"].suggestion == ""
    moment = timezone.now()  # its time comes, with no save
    Release.objects.filter(pk=embargoed.pk).update(publish_at=moment, first_published_at=moment)
    assert get(client, q="quixoticl").context["results"].suggestion == "quixotical"


def test_did_you_mean_works_right_after_the_demo_content_loads(client, committing):
    from django.core.management import call_command

    committing(call_command, "load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert get(client, q="deportaton").context["results"].suggestion == "deportation"
