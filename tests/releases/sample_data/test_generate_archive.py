import pytest
from django.core.management import CommandError, call_command

from releases.models import Organization, Person, Quote, Release, Signatory, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def generate(**options):
    call_command("generate_archive", releases=50, verbosity=0, **options)


def snapshot():
    return list(Release.objects.order_by("slug").values_list("slug", "title", "status", "first_published_at"))


def test_generates_a_searchable_archive_with_every_part(client):
    generate(seed=3)
    releases = Release.objects.all()
    assert releases.count() == 50
    assert not releases.filter(search_document__isnull=True).exists()
    assert Release.objects.public().count() >= 45
    assert Quote.objects.count() > 0 and Signatory.objects.count() > 0
    assert Organization.objects.count() >= 25 and Person.objects.count() >= 40
    assert Topic.objects.filter(name="287(g)").exists()
    years = {d.year for d in releases.exclude(first_published_at=None).values_list("first_published_at", flat=True)}
    assert max(years) - min(years) >= 10  # spread over the years
    # The archive answers searches, including for its section numbers.
    response = client.get("/search/", {"q": "287(g)"})
    assert response.status_code == 200
    assert response.context["results"].total > 0


def test_the_same_seed_gives_the_same_archive():
    generate(seed=7)
    first = snapshot()
    with pytest.raises(CommandError):
        generate(seed=7)  # refuses to add the same archive twice
    Release.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    generate(seed=7)
    assert snapshot() == first
