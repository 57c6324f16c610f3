"""The chosen filters as removable chips ("Topic: Detention ×") above a list of releases."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class Chip:
    kind: str
    label: str
    value: str
    remove_url: str


def of(filters):
    """The active filters, each with the URL that removes it."""
    chips = []
    if filters.year:
        year = str(filters.year)
        chips.append(Chip("year", _("Year: %(year)s") % {"year": year}, year, filters.url_without("year", year)))
    for t in filters.topics:
        label = _("Topic: %(name)s") % {"name": t.name}
        chips.append(Chip("topic", label, t.slug, filters.url_without("topic", t.slug)))
    if filters.issuer:
        slug = filters.issuer.slug
        label = _("Issued by: %(name)s") % {"name": filters.issuer.name}
        chips.append(Chip("issuer", label, slug, filters.url_without("issuer", slug)))
    for o in filters.signatories:
        label = _("Signed by: %(name)s") % {"name": o.name}
        chips.append(Chip("signatory", label, o.slug, filters.url_without("signatory", o.slug)))
    if filters.organization:
        slug = filters.organization.slug
        label = _("Organization: %(name)s") % {"name": filters.organization.name}
        chips.append(Chip("organization", label, slug, filters.url_without("organization", slug)))
    return chips
