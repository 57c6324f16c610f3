from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from releases.models import Release
from releases.reading import chips as chip_list
from releases.reading import facets as facet_counts
from releases.reading.filters import ReleaseFilters
from tests import factories as f

pytestmark = pytest.mark.django_db


def at(year):
    return datetime(year, 6, 1, 12, tzinfo=timezone.utc)


@pytest.fixture
def archive():
    coalition = f.organization("Immigrant Justice Coalition", slug="coalition")
    council = f.organization("City Council", slug="council")
    ice = f.topic("287(g)", slug="287g")
    asylum = f.topic("Asylum", slug="asylum")
    a = f.release("Coalition on 287(g) in 2015", at=at(2015), issuer=coalition)
    a.topics.add(ice, asylum)
    b = f.release("Council on 287(g) in 2015", at=at(2015), issuer=council)
    b.topics.add(ice)
    f.signatory(b, coalition)
    c = f.release("Coalition on asylum in 2016", at=at(2016), issuer=coalition)
    c.topics.add(asylum)
    hidden = f.release("Draft on 287(g)", state="draft", issuer=coalition)
    hidden.topics.add(ice)
    return {"a": a, "b": b, "c": c, "coalition": coalition, "council": council, "ice": ice, "asylum": asylum}


def filtered(query):
    filters = ReleaseFilters.from_params(QueryDict(query), path="/releases/")
    return filters, set(filters.apply(Release.objects.public()))


def test_each_filter_and_their_combination(archive):
    assert filtered("year=2015")[1] == {archive["a"], archive["b"]}
    assert filtered("topic=287g")[1] == {archive["a"], archive["b"]}
    assert filtered("topic=287g&topic=asylum")[1] == {archive["a"]}
    assert filtered("issuer=coalition")[1] == {archive["a"], archive["c"]}
    assert filtered("signatory=coalition")[1] == {archive["b"]}
    assert filtered("organization=coalition")[1] == {archive["a"], archive["b"], archive["c"]}
    assert filtered("year=2015&issuer=coalition&topic=asylum")[1] == {archive["a"]}


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=20155",
        "year=0001",
        "year=%00",
        "topic=nope",
        "topic=%00bad",
        "issuer=' OR 1=1 --",
        "signatory=%FF",
        "organization=" + "x" * 500,
        "year=2015&year=2016",
    ],
)
def test_malformed_or_unknown_values_are_ignored(archive, query):
    filters, results = filtered(query)
    if query.startswith("year=2015&"):
        assert filters.year == 2015 and ("year", "2016") in filters.ignored
    else:
        assert not filters
        assert filters.ignored
        assert results == {archive["a"], archive["b"], archive["c"]}


def test_chips_remove_one_filter_and_keep_the_rest(archive):
    filters, _ = filtered("q=border&page=3&year=2015&topic=287g&issuer=coalition")
    chips = {chip.kind: chip for chip in chip_list.of(filters)}
    assert set(chips) == {"year", "topic", "issuer"}
    assert chips["topic"].label == "Topic: 287(g)"
    url = urlsplit(chips["year"].remove_url)
    assert url.path == "/releases/"
    assert sorted(parse_qsl(url.query)) == [("issuer", "coalition"), ("q", "border"), ("topic", "287g")]


def test_facet_counts_match_what_each_value_would_return(archive):
    filters, _ = filtered("")
    facets = {facet.name: facet for facet in facet_counts.count(filters, filters.apply(Release.objects.public()))}
    years = {v.value: v.count for v in facets["year"].values}
    assert years == {"2015": 2, "2016": 1}  # the draft is not counted
    topics = {v.value: v.count for v in facets["topic"].values}
    assert topics == {"287g": 2, "asylum": 2}
    issuers = {v.value: v.count for v in facets["issuer"].values}
    assert issuers == {"coalition": 2, "council": 1}
    assert {v.value: v.count for v in facets["signatory"].values} == {"coalition": 1}
    # Following a facet link gives exactly the count it showed.
    for facet in facets.values():
        for value in facet.values:
            query = urlsplit(value.url).query
            assert len(filtered(query)[1]) == value.count, (facet.name, value.value)


def test_facets_narrow_with_the_active_filters(archive):
    filters, _ = filtered("topic=asylum")
    facets = facet_counts.count(filters, filters.apply(Release.objects.public()))
    assert facets.total == 2
    by_name = {facet.name: facet for facet in facets}
    assert {v.value: v.count for v in by_name["year"].values} == {"2015": 1, "2016": 1}
    selected = [v for v in by_name["topic"].values if v.selected]
    assert [v.value for v in selected] == ["asylum"]
    assert "topic=asylum" not in selected[0].url  # a selected value links to its removal


def test_filters_cost_a_fixed_number_of_queries(archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        filters = ReleaseFilters.from_params(QueryDict("topic=287g&issuer=coalition&signatory=council"))
    with django_assert_max_num_queries(1):
        facet_counts.count(filters, filters.apply(Release.objects.public()))


def test_large_result_sets_count_topics_and_signatories_over_the_latest(archive):
    filters, _ = filtered("")
    facets = facet_counts.count(filters, filters.apply(Release.objects.public()), sample=1)
    assert facets.total == 3 and facets.sampled == 1
    by_name = {facet.name: facet for facet in facets}
    assert sum(v.count for v in by_name["year"].values) == 3  # years stay exact
    assert sum(v.count for v in by_name["topic"].values) == 1  # the latest release's one topic


# --- Defect 12 of issue 12: bounded combinations, nothing named that readers cannot see -----


def test_an_organization_or_topic_without_a_public_release_is_never_named(archive, client):
    secret = f.organization("Unannounced Coalition", slug="unannounced")
    secret_topic = f.topic("Unannounced Topic", slug="unannounced-topic")
    draft = f.release("Draft by the unannounced", state="draft", issuer=secret)
    draft.topics.add(secret_topic)
    filters, _ = filtered("issuer=unannounced&topic=unannounced-topic")
    assert not filters and ("issuer", "unannounced") in filters.ignored
    for url in (
        "/releases/?issuer=unannounced",
        "/releases/?topic=unannounced-topic",
        "/search/?q=x&issuer=unannounced",
    ):
        html = client.get(url).content.decode()
        assert "Unannounced" not in html, url


def test_filter_combinations_are_capped(archive):
    filters, _ = filtered("year=2015&topic=287g&topic=asylum&issuer=coalition&signatory=coalition")
    assert len(filters.params()) == 3
    assert ("issuer", "coalition") in filters.ignored and ("signatory", "coalition") in filters.ignored
    facets = facet_counts.count(filters, filters.apply(Release.objects.public()))
    unselected = [v for facet in facets for v in facet.values if not v.selected]
    assert unselected and all(v.url is None for v in unselected)  # no link leads past the cap


def test_links_to_a_combination_are_nofollow(archive, client):
    filters, _ = filtered("topic=287g")
    facets = facet_counts.count(filters, filters.apply(Release.objects.public()))
    adding = [v for facet in facets for v in facet.values if not v.selected]
    assert adding and all(v.nofollow for v in adding)
    html = client.get("/releases/?topic=287g").content.decode()
    assert 'rel="nofollow"' in html
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /releases/?*&" in robots


def test_long_filter_keys_are_hashed(archive, recwarn):
    slugs = [f"topic-{'x' * 90}-{n}" for n in range(3)]
    for slug in slugs:
        archive["a"].topics.add(f.topic(slug, slug=slug))
    filters, _ = filtered("&".join(f"topic={slug}" for slug in slugs))
    facet_counts.count(filters, filters.apply(Release.objects.public()), cache_as="archive")
    assert not [str(w.message) for w in recwarn if "CacheKeyWarning" in type(w.message).__name__]
