"""Names printed in a release matched to the archive's people and organizations.

A name matches a record when their keys agree (models.match_key: case, accents,
punctuation, "&"/"and" and a leading "the" ignored), when they agree with their
spaces removed ("A.C.L.U." and "ACLU"), or when the printed name is one of the
abbreviations listed on the organization ("ACLU"). "Asian American Legal
Defense and Education Fund (AALDEF)" is tried whole, without its brackets, and
as "AALDEF". Nothing is created here: unmatched names are reported as new.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.lookups import Unaccent
from django.db.models import Q, Value
from django.db.models.functions import Replace

from releases.models import Organization, Person, match_key

BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]{2,20})\)$")


@dataclass
class Match:
    name: str  # as printed
    record: object = None  # the Organization or Person, or None: new

    @property
    def status(self):
        return "matched" if self.record is not None else "new"


def _compact(key):
    return key.replace(" ", "")


def organization_keys(name):
    """The keys a printed organization name may be found under, best first."""
    keys = [match_key(name)]
    bracketed = BRACKETED.match(name.strip())
    if bracketed:
        keys += [match_key(bracketed.group("name")), match_key(bracketed.group("short"))]
    return [k for k in dict.fromkeys(keys) if k]


def organizations(names):
    """{printed name: Match} for every name, with one query."""
    names = [n for n in dict.fromkeys(n.strip() for n in names if n and n.strip())]
    wanted = {name: organization_keys(name) for name in names}
    keys = {k for ks in wanted.values() for k in ks}
    if not keys:
        return {}
    found = (
        Organization.objects.annotate(compact_key=Replace("name_key", Value(" "), Value("")))
        .filter(
            Q(name_key__in=keys)
            | Q(compact_key__in={_compact(k) for k in keys})
            | Q(abbreviation_keys__overlap=sorted(keys | {_compact(k) for k in keys}))
        )
        .order_by("pk")
    )
    by_key, by_compact, by_abbreviation = {}, {}, {}
    for org in found:
        by_key.setdefault(org.name_key, org)
        by_compact.setdefault(_compact(org.name_key), org)
        for key in org.abbreviation_keys:
            by_abbreviation.setdefault(_compact(key), org)
    result = {}
    for name, name_keys in wanted.items():
        record = next(
            (
                table.get(fn(key))
                for key in name_keys
                for table, fn in ((by_key, str), (by_abbreviation, _compact), (by_compact, _compact))
                if table.get(fn(key))
            ),
            None,
        )
        result[name] = Match(name, record)
    return result


def people(names):
    """{printed name: Match}: a person matches on the key of their name (one query, accents ignored)."""
    names = [n for n in dict.fromkeys(n.strip() for n in names if n and n.strip())]
    if not names:
        return {}
    wanted = {match_key(n) for n in names}
    # Candidates share the name's last word, accents and case aside; the key decides.
    last_words = {match_key(n).split()[-1] for n in names if match_key(n)}
    condition = Q()
    for word in last_words:
        condition |= Q(plain_name__iendswith=word)
    records = {}
    for person in Person.objects.annotate(plain_name=Unaccent("name")).filter(condition).order_by("pk"):
        key = match_key(person.name)
        if key in wanted:
            records.setdefault(key, person)
    return {name: Match(name, records.get(match_key(name))) for name in names}
