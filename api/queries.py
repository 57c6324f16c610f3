"""What the API may show, each list starting from the one visibility rule (Release.objects.listed(),
public(), at_permalink(), and releases.reading.queries for the directory); nothing here spells
the rule out again."""

from datetime import datetime, time
from datetime import timezone as dt_timezone

from django.db.models import Q
from django.utils import timezone

from releases.models import Quote, Release, Signatory
from releases.reading import queries


def releases(
    *,
    organization=None,
    person=None,
    topic=None,
    language=None,
    published_after=None,
    published_before=None,
    updated_since=None,
):
    """Public releases newest first, narrowed by slugs and times (an unknown slug finds nothing)."""
    found = Release.objects.listed().cards()
    if organization:
        signed = Signatory.objects.filter(organization__slug=organization).values("release_id")
        found = found.filter(Q(issuer__slug=organization) | Q(pk__in=signed))
    if person:
        found = found.filter(pk__in=Quote.objects.filter(speaker__slug=person).values("release_id"))
    if topic:
        found = found.filter(pk__in=Release.topics.through.objects.filter(topic__slug=topic).values("release_id"))
    if language:
        found = found.filter(language__iexact=language)
    if published_after:
        found = found.filter(first_published_at__gte=aware(published_after))
    if published_before:
        found = found.filter(first_published_at__lt=aware(published_before))
    if updated_since:
        found = found.filter(modified_at__gte=aware(updated_since))
    return found


def aware(moment):
    """A time in UTC. One a client sent without a zone is in the newsroom's (TIME_ZONE); one
    that falls outside the calendar once moved to UTC (year 1 at -16:00) is its edge."""
    if not isinstance(moment, datetime):  # a date: its first moment
        moment = datetime.combine(moment, time.min)
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(dt_timezone.utc)
    except (OverflowError, ValueError):
        edge = datetime.min if moment.year < 5000 else datetime.max
        return edge.replace(tzinfo=dt_timezone.utc)


def organizations():
    return queries.organizations_in_public_releases().order_by("name", "pk")


def people():
    return queries.people_index()


def topics_with_counts():
    return queries.topics_with_counts()


def topics():
    return queries.topics_with_public_releases().order_by("name", "pk")
