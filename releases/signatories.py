"""Paste signatories: a list of organizations, as printed in a letter, becomes the release's signatories.

The splitting and counting rules are the release parser's
(releases.importers.text.signatories.from_paste: "A, the B, C and 57 more", "plus 12
more", "and twelve others", "57 additional organizations", one name a line), so they
exist once. This module adds what the database knows: names with "and" in them are
matched against organizations on file first, and each name is matched to an existing
organization (whatever its capitals, accents or punctuation) or marked new. The release
form shows that review before anything is saved; `attach` then adds the signatories.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.text import slugify

from releases.importers import matching
from releases.importers.text import signatories as rules
from releases.models import Organization, Signatory, match_key

MAX_NAME_LENGTH = Organization._meta.get_field("name").max_length


@dataclass
class Parsed:
    names: list = field(default_factory=list)
    unnamed_count: int | None = None
    split_at_and: tuple = ()  # ("Center for Law", "Social Policy"): cut at "and", for the reviewer to check


def known_in_database(name):
    """Whether an organization on file goes by this name (as the importers match names)."""
    return matching.organizations([name]).get(name.strip(), matching.Match(name)).record is not None


def parse(text, known=frozenset()):
    """Names in order (duplicates and blanks dropped) and the unnamed count, if any.

    `known` says which names are organizations already on file (a set of match keys, or
    a function of a name such as `known_in_database`), so that a known name with "and"
    in it ("Center for Law and Social Policy") is kept whole. Only names with "and" in
    them are asked about."""
    is_known = known if callable(known) else (lambda name: match_key(name) in known)
    signed = rules.from_paste(text, is_known=is_known)
    names, seen = [], set()
    for name in signed.organizations:
        key = match_key(name)
        if key and key not in seen:
            seen.add(key)
            names.append(name)
    return Parsed(names=names, unnamed_count=signed.unnamed or None, split_at_and=signed.split_at_and)


def existing(names):
    """{name: organization or None}: each name matched as the importers match it
    (releases.importers.matching: key, spaces removed, listed abbreviations)."""
    found = {name: match.record for name, match in matching.organizations(names).items()}
    missing = [name for name in names if found.get(name.strip()) is None]
    if missing:
        # Rows written in bulk may carry a stale key; the name itself still matches.
        by_lower = {}
        for org in Organization.objects.annotate(lower=Lower("name")).filter(
            lower__in={n.strip().lower() for n in missing}
        ):
            by_lower.setdefault(org.lower, org)
        found.update({name.strip(): by_lower.get(name.strip().lower()) for name in missing})
    return {name: found.get(name.strip()) for name in names}


@dataclass
class ReviewRow:
    name: str
    organization: Organization | None  # None: a new organization will be created
    already_signed: bool = False


def review(release, parsed):
    """What saving the paste would do, name by name: matched, new, or already a signatory."""
    matches = existing(parsed.names)
    signed = set(release.signatories.values_list("organization_id", flat=True)) if release.pk else set()
    rows = []
    for name in parsed.names:
        org = matches.get(name)
        rows.append(ReviewRow(name, org, already_signed=org is not None and org.pk in signed))
    return rows


def unique_slug(name):
    base = slugify(name)[:180] or "organization"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class Attached:
    matched: list = field(default_factory=list)
    created: list = field(default_factory=list)
    already: list = field(default_factory=list)


@transaction.atomic
def attach(release, names):
    """Add organizations named in `names` as signatories, in order, after the existing ones."""
    outcome = Attached()
    matches = existing(names)
    signed = set(release.signatories.values_list("organization_id", flat=True))
    position = release.signatories.aggregate(top=Max("position"))["top"] or 0
    created = {}
    for name in names:
        org = matches.get(name) or created.get(match_key(name))
        if org is None:
            org = Organization.objects.create(name=name, slug=unique_slug(name))
            created[match_key(name)] = org
            outcome.created.append(org)
        elif org.pk in signed:
            outcome.already.append(org)
            continue
        else:
            outcome.matched.append(org)
        position += 1
        Signatory.objects.create(release=release, organization=org, position=position)
        signed.add(org.pk)
    return outcome
