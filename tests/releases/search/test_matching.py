"""Search: what a query matches, how results rank and are highlighted, whose quote matched; only
public releases are searched."""

from datetime import datetime, timezone

import pytest

from tests import factories as f
from tests.releases.search.helpers import (
    get,
    titles,
)

pytestmark = pytest.mark.django_db


def test_a_title_match_outranks_a_body_match(client, committing):
    def build():
        f.release("Budget hearing notes", body="The council discussed detention beds at length.")
        f.release("Detention beds expand", body="The county announced a new contract.")

    committing(build)
    assert titles(get(client, q="detention")) == ["Detention beds expand", "Budget hearing notes"]


def test_sort_by_date(client, committing):
    def build():
        f.release("Older detention title", at=datetime(2010, 1, 1, tzinfo=timezone.utc))
        f.release("Newer item", body="About detention.", at=datetime(2020, 1, 1, tzinfo=timezone.utc))

    committing(build)
    assert titles(get(client, q="detention", sort="date")) == ["Newer item", "Older detention title"]


def test_phrase_and_exclusion(client, committing):
    def build():
        f.release("Family separation ends", body="A court ordered the family separation policy ended.")
        f.release("Separation of the family court", body="Budget news.")
        f.release("Family separation and detention", body="Detention continues.")

    committing(build)
    assert set(titles(get(client, q='"family separation"'))) == {
        "Family separation ends",
        "Family separation and detention",
    }
    assert titles(get(client, q='"family separation" -detention')) == ["Family separation ends"]
    assert set(titles(get(client, q="budget or court"))) == {
        "Family separation ends",
        "Separation of the family court",
    }


def test_stemming_and_accents(client, committing):
    def build():
        f.release("Father deported after check-in", body="He was deported on Tuesday.")
        f.release("Statement by Ana Saldaña", body="Saldaña spoke for the families.")

    committing(build)
    assert titles(get(client, q="deporting")) == ["Father deported after check-in"]
    assert titles(get(client, q="Saldana")) == ["Statement by Ana Saldaña"]
    assert titles(get(client, q="saldaña")) == ["Statement by Ana Saldaña"]


def test_section_numbers_like_287g(client, committing):
    def build():
        f.release("End 287(g) agreements", body="The sheriff's 287(g) contract ends.")
        f.release("Section 287 and the letter g", body="Page 287 of the report. The g is silent.")

    committing(build)
    response = get(client, q="287(g)")
    assert titles(response) == ["End 287(g) agreements"]
    assert "<mark>287(g)</mark>" in str(response.context["results"].hits[0].excerpt)
    assert titles(get(client, q='"287(g) agreements"')) == ["End 287(g) agreements"]


def test_excerpt_is_highlighted_and_escaped(client, committing):
    def build():
        f.release("A release", body="Before <script>alert(1)</script> the sanctuary ordinance passed.")

    committing(build)
    response = get(client, q="sanctuary")
    excerpt = str(response.context["results"].hits[0].excerpt)
    assert "<mark>sanctuary</mark>" in excerpt
    assert "<script" not in excerpt and "&lt;script" in excerpt
    assert b"<script>alert" not in response.content


def test_quote_match_names_the_speaker(client, committing):
    def build():
        r = f.release("Coalition responds", body="The coalition issued a statement.")
        f.quote(r, "We will not stop until every family is reunited.", speaker=f.person("Maria Saldaña"))
        f.release("Unrelated", body="Families reunited in body text only.")

    committing(build)
    response = get(client, q="reunited")
    hits = {hit.release.title: hit for hit in response.context["results"].hits}
    assert hits["Coalition responds"].quote_source == "Maria Saldaña"
    assert "<mark>reunited</mark>" in str(hits["Coalition responds"].quote_excerpt)
    assert hits["Unrelated"].quote_source == ""
    assert "Matched in a quote by Maria Saldaña" in response.content.decode()


def test_signatories_topics_and_resources_are_searched(client, committing):
    def build():
        r = f.release("Joint letter", body="Text.")
        f.signatory(r, f.organization("Pinebrook Legal Aid"))
        r.topics.add(f.topic("Courtwatch"))
        f.resource(r, title="Annotated transcript")

    committing(build)
    for q in ("Pinebrook", "courtwatch", "transcript"):
        assert titles(get(client, q=q)) == ["Joint letter"], q


def test_only_public_releases_are_searched_or_counted(client, committing):
    def build():
        f.release("Public asylum ruling")
        f.release("Draft asylum ruling", state="draft")
        f.release("Scheduled asylum ruling", state="scheduled")
        f.release("Withdrawn asylum ruling", state="withdrawn")

    committing(build)
    response = get(client, q="asylum")
    assert titles(response) == ["Public asylum ruling"]
    assert response.context["results"].total == 1
    assert all(v.count == 1 for facet in response.context["results"].facets for v in facet.values)
    assert "Draft" not in response.content.decode()
