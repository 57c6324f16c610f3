"""Cite this release: APA and Chicago on the page, BibTeX, RIS and CSL-JSON downloads, citation_* meta
tags; the version-pinned address and the access date; only for releases readers can see."""

import json
import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from releases import publishing
from releases.sample_data import demo
from tests import factories
from tests.pages import tags

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def cite_url(release, fmt):
    return reverse(f"releases:release_cite_{fmt}", kwargs={"slug": release.slug})


def pinned(release, number):
    return SITE + reverse("releases:release_version", kwargs={"slug": release.slug, "number": number})


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def box(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    start = html.index('<section class="cite-release')
    return html[start : html.index("</section>", start)]


def today_long():
    return dateformat.format(timezone.localdate(), "F j, Y")


def test_the_sample_release_is_cited_in_apa_and_chicago_with_its_pinned_address(client):
    release = demo.load_sample()
    section = box(client, release)
    apa = plain(re.search(r'<p class="citation release-citation" id="cite-apa">(.*?)</p>', section, re.S)[1])
    assert apa == (
        f"United We Dream. (2015, July 15). {release.title} [Press release]. Pressroom. "
        f"Retrieved {today_long()}, from {pinned(release, 1)}"
    )
    assert f"<i>{release.title}</i>" in section
    chicago = plain(re.search(r'id="cite-chicago">(.*?)</p>', section, re.S)[1])
    assert chicago == (
        f"United We Dream. “{release.title}.” Press release, July 15, 2015. Accessed {today_long()}. "
        f"{pinned(release, 1)}."
    )
    assert f'datetime="{timezone.localdate().isoformat()}"' in section
    for fmt in ("bib", "ris", "json"):
        assert f'href="{cite_url(release, fmt)}"' in section


def test_meta_tags_for_reference_managers(client):
    release = demo.load_sample()
    response = client.get(release.get_absolute_url())

    def meta(key):
        [content] = [attrs["content"] for attrs in tags(response, "meta") if attrs.get("name") == key]
        return content

    assert meta("citation_title") == release.title
    assert meta("citation_author") == "United We Dream"
    assert meta("citation_publication_date") == "2015/07/15"
    assert meta("citation_publisher") == "Pressroom"
    assert meta("citation_public_url") == SITE + release.get_absolute_url()
    assert meta("citation_fulltext_html_url") == pinned(release, 1)


def test_after_a_correction_the_citations_name_the_new_version(client, committing):
    release = committing(factories.release, "Corrected", at=timezone.now() - timedelta(days=3))
    assert pinned(release, 1) in box(client, release)
    release.body = "Corrected words."
    committing(publishing.save_release, release)
    committing(publishing.record_major_edit, release, "Fixed.")
    section = box(client, release)
    assert pinned(release, 2) in section and pinned(release, 1) not in section
    assert pinned(release, 2) in client.get(cite_url(release, "bib")).content.decode()


def test_bibtex_download(client):
    release = factories.release(
        "Fees & charges up 10% for #members_only {today}",
        issuer=factories.organization("Rivers & Co"),
        at=datetime(2020, 2, 3, 15, tzinfo=dt_timezone.utc),
    )
    response = client.get(cite_url(release, "bib"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{release.slug}.bib"'
    assert "private" in response["Cache-Control"]  # the access date: never stored by a shared cache
    text = response.content.decode()
    assert text.startswith("@misc{riversco2020fees,\n")
    assert r"title = {{Fees \& charges up 10\% for \#members\_only \{today\}}}," in text
    assert r"author = {{Rivers \& Co}}," in text
    assert "month = feb," in text and "date = {2020-02-03}," in text and "year = {2020}," in text
    assert f"url = {{{pinned(release, 1)}}}," in text
    assert f"urldate = {{{timezone.localdate().isoformat()}}}," in text


def test_ris_download(client):
    release = factories.release("Plain title", at=datetime(2020, 2, 3, 15, tzinfo=dt_timezone.utc))
    response = client.get(cite_url(release, "ris"))
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - PRESS"
    assert "TI  - Plain title" in lines and "DA  - 2020/02/03/" in lines
    assert f"UR  - {pinned(release, 1)}" in lines
    assert f"Y2  - {timezone.localdate():%Y/%m/%d}/" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_csl_json_download(client):
    release = factories.release("CSL title", at=datetime(2020, 2, 3, 15, tzinfo=dt_timezone.utc))
    response = client.get(cite_url(release, "json"))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    [item] = json.loads(response.content)
    assert item["type"] == "report" and item["genre"] == "Press release"
    assert item["title"] == "CSL title"
    assert item["author"] == [{"literal": release.issuer.name}]
    assert item["issued"] == {"date-parts": [[2020, 2, 3]]}
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert item["URL"] == pinned(release, 1)


def test_the_publication_date_and_access_date_are_the_newsrooms(client, settings):
    settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: the newsroom's day is already tomorrow in UTC terms
    release = factories.release("Late", at=datetime(2020, 2, 3, 20, tzinfo=dt_timezone.utc))
    [item] = json.loads(client.get(cite_url(release, "json")).content)
    assert item["issued"] == {"date-parts": [[2020, 2, 4]]}
    today = timezone.localdate()
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_no_citation_of_a_release_readers_cannot_see(client, state):
    release = factories.release(f"Hidden {state}", state="draft" if state == "review" else state)
    if state == "review":
        publishing.submit_for_review(release)
    for fmt in ("bib", "ris", "json"):
        assert client.get(cite_url(release, fmt)).status_code == 404


def test_no_citation_of_an_embargoed_release_an_editor_tried_to_withdraw(client):
    release = factories.release("Embargoed", state="scheduled")
    with pytest.raises(publishing.NotAllowed):
        publishing.withdraw(release, "Too early.")
    assert client.get(cite_url(release, "bib")).status_code == 404


def test_a_preview_has_no_citation_box(client):
    from releases.models import PreviewLink

    release = factories.release("Previewed", state="draft")
    link = PreviewLink.objects.create(release=release, label="check")
    html = client.get(link.get_absolute_url()).content.decode()
    assert "cite-release" not in html and "citation_title" not in html


def test_a_withdrawn_release_can_still_be_cited(client):
    release = factories.release("Withdrawn one", state="withdrawn")
    assert "Cite this release" in box(client, release)
    assert client.get(cite_url(release, "ris")).status_code == 200


def test_an_old_slug_redirects_to_the_citation_at_the_new_one(client):
    release = factories.release("Moving", slug="old-cite")
    release.slug = "new-cite"
    publishing.save_release(release)
    response = client.get("/releases/old-cite/cite.ris")
    assert response.status_code == 301 and response["Location"] == "/releases/new-cite/cite.ris"
