"""The standard formats: JSON Feed 1.1 beside RSS and Atom, IPTC ninjs 2.0 per release, and the
JSON-LD's quotes (Quotation) and corrections (CorrectionComment)."""

import json
import re
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse

from releases import publishing
from releases.sample_data import demo
from tests import factories
from tests.pages import tags

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def json_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    data = json.loads(response.content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    # JSON Feed 1.1's rules: a title and items; each item a string id and content; RFC 3339 dates.
    assert isinstance(data["title"], str) and isinstance(data["items"], list)
    for item in data["items"]:
        assert isinstance(item["id"], str) and ("content_html" in item or "content_text" in item)
        for name in ("date_published", "date_modified"):
            assert name not in item or RFC3339.match(item[name]), item.get(name)
        assert all(set(author) <= {"name", "url", "avatar"} for author in item.get("authors", []))
    return data


def test_site_json_feed_has_the_full_body_dates_and_authors(client):
    release = demo.load_sample()
    publishing.record_major_edit(release, "A correction.", at=datetime(2016, 1, 2, tzinfo=dt_timezone.utc))
    for state in ("draft", "scheduled", "withdrawn"):
        factories.release(f"Hidden {state} release", state=state)
    data = json_feed(client, reverse("releases:feed_json"))
    assert data["home_page_url"] == SITE + reverse("releases:release_archive")
    assert data["feed_url"] == SITE + reverse("releases:feed_json")
    [item] = data["items"]
    assert item["id"] == item["url"] == SITE + release.get_absolute_url()
    assert item["title"] == release.title
    assert item["date_published"] == "2015-07-15T14:00:00+00:00"
    assert item["date_modified"].startswith("2016-01-02")
    assert item["authors"] == [{"name": "United We Dream", "url": SITE + "/organizations/united-we-dream/"}]
    assert set(item["tags"]) == {"287(g)", "Deportation defense", "Racial profiling"}
    assert item["summary"].startswith("Today, officials")
    body = item["content_html"]
    assert body.index("A coalition of 63") < body.index("While the Obama") < body.index("In the letter")
    assert "[[quote" not in body


def test_topic_and_organization_json_feeds_list_only_theirs(client):
    topic = factories.topic("Rivers")
    org = factories.organization("Feed Org")
    on_topic = factories.release("On rivers", issuer=org)
    on_topic.topics.add(topic)
    factories.release("Off topic")
    hidden = factories.release("Hidden on rivers", state="scheduled", issuer=org)
    hidden.topics.add(topic)
    topic_feed = json_feed(client, reverse("releases:topic_feed_json", kwargs={"slug": topic.slug}))
    assert [item["title"] for item in topic_feed["items"]] == ["On rivers"]
    assert topic_feed["home_page_url"] == SITE + topic.get_absolute_url()
    org_feed = json_feed(client, reverse("releases:organization_feed_json", kwargs={"slug": org.slug}))
    assert [item["title"] for item in org_feed["items"]] == ["On rivers"]
    only_hidden = factories.topic("Only hidden")
    hidden.topics.add(only_hidden)
    assert client.get(reverse("releases:topic_feed_json", kwargs={"slug": only_hidden.slug})).status_code == 404


def test_json_feed_names_the_websub_hub(client, settings):
    settings.WEBSUB_HUB = "https://hub.example.net/"
    factories.release()
    assert json_feed(client, reverse("releases:feed_json"))["hubs"] == [
        {"type": "WebSub", "url": "https://hub.example.net/"}
    ]


def test_pages_advertise_the_json_feeds_and_the_ninjs(client):
    org = factories.organization()
    topic = factories.topic()
    release = factories.release(issuer=org)
    release.topics.add(topic)
    home = client.get(reverse("releases:home"))
    assert tags(home, "link", rel="alternate", type="application/feed+json", href=reverse("releases:feed_json"))
    topic_page = client.get(topic.get_absolute_url())
    assert tags(
        topic_page,
        "link",
        rel="alternate",
        type="application/feed+json",
        href=reverse("releases:topic_feed_json", args=[topic.slug]),
    )
    assert tags(topic_page, "a", href=reverse("releases:topic_feed_json", args=[topic.slug]))
    org_page = client.get(org.get_absolute_url())
    assert tags(org_page, "link", rel="alternate", href=reverse("releases:organization_feed_json", args=[org.slug]))
    page = client.get(release.get_absolute_url())
    ninjs_url = reverse("releases:release_ninjs", kwargs={"slug": release.slug})
    assert ninjs_url == f"/releases/{release.slug}.ninjs.json"
    assert tags(page, "link", rel="alternate", type="application/ninjs+json", href=ninjs_url)


# --- ninjs -------------------------------------------------------------------------------

# The properties ninjs 2.0 defines (its schema forbids any other), per object, and its enumerations.
NINJS_TOP = {
    "uri", "type", "representationtype", "profile", "version", "firstcreated", "versioncreated",
    "contentcreated", "embargoed", "pubstatus", "urgency", "copyrightholder", "copyrightnotice",
    "usageterms", "ednote", "language", "descriptions", "bodies", "headlines", "people", "organisations",
    "places", "subjects", "events", "objects", "infosources", "title", "by", "slugline", "located",
    "renditions", "associations", "altids", "trustindicators", "standard", "genres", "rightsinfo",
}  # fmt: skip
NINJS_PARTS = {
    "descriptions": {"role", "contenttype", "value"},
    "headlines": {"role", "contenttype", "value"},
    "bodies": {"role", "contenttype", "charcount", "wordcount", "value"},
    "people": {"name", "rel", "uri", "literal"},
    "organisations": {"name", "rel", "uri", "literal", "symbols"},
    "subjects": {"name", "rel", "uri", "literal"},
    "infosources": {"name", "role", "uri", "literal"},
    "genres": {"name", "uri", "literal"},
    "altids": {"role", "value"},
    "renditions": {"name", "href", "contenttype", "title", "height", "width", "sizeinbytes", "duration", "format"},
}
NINJS_DATES = ("firstcreated", "versioncreated", "contentcreated", "embargoed")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def assert_valid_ninjs_2(doc):
    """The ninjs 2.0 schema's rules, checked one by one (the schema file is not shipped with the project)."""
    assert isinstance(doc["uri"], str) and doc["uri"].startswith("http")
    assert set(doc) <= NINJS_TOP, set(doc) - NINJS_TOP
    assert doc["standard"] == {
        "name": "ninjs",
        "version": "2.0",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
    }
    assert doc.get("type", "text") in {"text", "audio", "video", "picture", "graphic", "composite", "component"}
    assert doc.get("representationtype", "full") in {"full", "partial"}
    assert doc.get("pubstatus", "usable") in {"usable", "withheld", "canceled"}
    for name in NINJS_DATES:
        if name in doc:
            assert RFC3339.match(doc[name]), (name, doc[name])
    for name in ("version", "copyrightholder", "copyrightnotice", "usageterms", "language", "title", "by"):
        if name in doc:
            assert isinstance(doc[name], str), name
    for name, allowed in NINJS_PARTS.items():
        for part in doc.get(name, []):
            assert set(part) <= allowed, (name, set(part) - allowed)
            if name in ("descriptions", "headlines", "bodies", "renditions"):
                assert ("value" if name != "renditions" else "name") in part
            for key in ("uri", "href"):
                if key in part:
                    assert part[key].startswith("http"), part
    if "rightsinfo" in doc:
        assert set(doc["rightsinfo"]) & {"linkedrights", "encodedrights"}


def ninjs(client, release):
    response = client.get(reverse("releases:release_ninjs", kwargs={"slug": release.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ninjs+json; charset=utf-8"
    doc = json.loads(response.content)
    assert_valid_ninjs_2(doc)
    return doc


def test_the_sample_release_as_ninjs(client):
    release = demo.load_sample()
    doc = ninjs(client, release)
    assert doc["uri"] == SITE + release.get_absolute_url()
    assert doc["pubstatus"] == "usable" and doc["version"] == "1"
    assert doc["firstcreated"] == doc["versioncreated"] == "2015-07-15T14:00:00+00:00"
    assert doc["embargoed"] == "2015-07-15T14:00:00+00:00"
    assert doc["copyrightholder"] == "United We Dream"
    assert doc["usageterms"]
    assert doc["language"] == "en"  # the release's language
    assert doc["headlines"][0] == {"role": "main", "contenttype": "text/plain", "value": release.title}
    body = doc["bodies"][0]
    assert body["contenttype"] == "text/html" and "In the letter, the groups state that:" in body["value"]
    assert body["wordcount"] > 200 and body["charcount"] > body["wordcount"]
    people = {p["name"]: p for p in doc["people"]}
    assert all(p["rel"] == "quoted" and p["uri"].startswith(SITE + "/people/") for p in people.values())
    organisations = {(o["name"], o["rel"]) for o in doc["organisations"]}
    assert ("United We Dream", "issuer") in organisations
    assert sum(1 for _, rel in organisations if rel == "signatory") >= 7
    assert {s["name"] for s in doc["subjects"]} == {"287(g)", "Deportation defense", "Racial profiling"}
    assert doc["located"] == release.dateline


def test_ninjs_after_a_correction_and_a_withdrawal(client):
    release = factories.release("Corrected then withdrawn", at=datetime(2020, 3, 1, tzinfo=dt_timezone.utc))
    publishing.record_major_edit(release, "Fixed the figures.", at=datetime(2020, 3, 2, tzinfo=dt_timezone.utc))
    doc = ninjs(client, release)
    assert doc["versioncreated"].startswith("2020-03-02") and doc["firstcreated"].startswith("2020-03-01")
    assert doc["version"] == "2"  # the published version, as its pinned address numbers it
    publishing.withdraw(release, "The figures could not be confirmed.")
    doc = ninjs(client, release)
    assert doc["pubstatus"] == "canceled"
    page = client.get(release.get_absolute_url()).content.decode()
    withdrawal = next(d["value"] for d in doc["descriptions"] if d["role"] == "withdrawal")
    # The page's own words: "This release was withdrawn on <date>." and the public reason.
    notice = withdrawal.split(".")[0]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)).count(notice) >= 1, notice
    assert "The figures could not be confirmed." in withdrawal
    assert doc["usageterms"].startswith(notice)


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_ninjs_of_a_release_readers_cannot_see_is_404(client, state):
    if state == "review":
        release = factories.release("Waiting", state="draft")
        publishing.submit_for_review(release)
    else:
        release = factories.release("Not yet", state=state)
    assert client.get(reverse("releases:release_ninjs", kwargs={"slug": release.slug})).status_code == 404


def test_ninjs_of_an_embargoed_release_an_editor_tried_to_withdraw_is_404(client):
    release = factories.release("Embargoed", state="scheduled")
    with pytest.raises(publishing.NotAllowed):
        publishing.withdraw(release, "Pulled before its time.")
    assert client.get(reverse("releases:release_ninjs", kwargs={"slug": release.slug})).status_code == 404


def test_ninjs_at_an_old_slug_redirects_to_the_current_one(client):
    release = factories.release("Moving", slug="old-address")
    release.slug = "new-address"
    publishing.save_release(release)
    response = client.get("/releases/old-address.ninjs.json")
    assert response.status_code == 301
    assert response["Location"] == "/releases/new-address.ninjs.json"
    assert client.get("/releases/never-was.ninjs.json").status_code == 404


def test_the_ninjs_address_does_not_clash_with_the_permalink(client):
    release = factories.release("Plain", slug="plain")
    assert client.get("/releases/plain/").status_code == 200
    assert client.get("/releases/plain.ninjs.json").status_code == 200
    assert client.get("/releases/plain.ninjs.json/").status_code == 404
    assert release.get_absolute_url() == "/releases/plain/"


# --- JSON-LD -----------------------------------------------------------------------------


def jsonld(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_jsonld_quotes_are_quotations_with_their_creator(client):
    release = demo.load_sample()
    data = jsonld(client, release)
    quotations = data["hasPart"]
    assert len(quotations) == release.quotes.count() == 3
    assert all(q["@type"] == "Quotation" and q["text"] for q in quotations)
    spoken = [q for q in quotations if q.get("creator", {}).get("@type") == "Person"]
    assert spoken, quotations
    first = release.quotes.exclude(speaker=None).first()
    creator = next(q["creator"] for q in spoken if q["text"] == first.text)
    assert creator["name"] == first.speaker.name
    assert creator["url"] == SITE + first.speaker.get_absolute_url()
    if first.speaker_title:
        assert creator["jobTitle"] == first.speaker_title
    if first.speaker_organization_id:
        assert creator["affiliation"]["name"] == first.speaker_organization.name
    assert quotations[0]["url"] == SITE + release.get_absolute_url() + "#quote-1"


def test_jsonld_corrections_are_correction_comments(client, committing):
    release = factories.release()
    assert "correction" not in jsonld(client, release)
    committing(publishing.record_major_edit, release, "The date was wrong.")
    [correction] = jsonld(client, release)["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "The date was wrong."
    assert correction["datePublished"] == release.change_notes.get().created_at.isoformat()
