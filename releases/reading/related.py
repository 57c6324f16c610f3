"""Related releases: those sharing a topic or a signatory with a release.

The candidates are chosen when the release's page parts are rendered and kept
with them (under its render key): the newest releases, published or scheduled,
that share its topics or signatories, those sharing both first. Which of them
a reader sees is decided on every request by the one visibility rule
(releases.reading.release_lookup.neighbours, in the same query as the previous
and next releases), so a candidate withdrawn since, or not yet live, never shows.
"""

from django.db.models import Exists, OuterRef, Q

from releases.models import Release, Signatory

CANDIDATES = 12
SCANNED = 60


def candidates(release):
    """Ids of up to CANDIDATES releases related to this one, best first. One query, bounded."""
    topic_ids = Release.topics.through.objects.filter(release_id=release.pk).values("topic_id")
    signer_ids = Signatory.objects.filter(release_id=release.pk).values("organization_id")
    shares_topic = Exists(Release.topics.through.objects.filter(release_id=OuterRef("pk"), topic_id__in=topic_ids))
    shares_signer = Exists(Signatory.objects.filter(release_id=OuterRef("pk"), organization_id__in=signer_ids))
    rows = (
        Release.objects.in_states([Release.State.PUBLISHED, Release.State.SCHEDULED])
        .exclude(pk=release.pk)
        .annotate(shares_topic=shares_topic, shares_signer=shares_signer)
        .filter(Q(shares_topic=True) | Q(shares_signer=True))
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "shares_topic", "shares_signer")[:SCANNED]
    )
    ranked = sorted(rows, key=lambda row: (not (row[1] and row[2]), not row[1]))  # stable: newest first within
    return [pk for pk, _, _ in ranked[:CANDIDATES]]
