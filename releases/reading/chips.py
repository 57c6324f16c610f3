"""The chosen filters as removable chips ("Topic: Detention ×") above a list of releases."""

from dataclasses import dataclass


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
        chips.append(
            Chip("year", f"Year: {filters.year}", str(filters.year), filters.url_without("year", str(filters.year)))
        )
    for t in filters.topics:
        chips.append(Chip("topic", f"Topic: {t.name}", t.slug, filters.url_without("topic", t.slug)))
    if filters.issuer:
        slug = filters.issuer.slug
        chips.append(Chip("issuer", f"Issued by: {filters.issuer.name}", slug, filters.url_without("issuer", slug)))
    for o in filters.signatories:
        chips.append(Chip("signatory", f"Signed by: {o.name}", o.slug, filters.url_without("signatory", o.slug)))
    if filters.organization:
        slug = filters.organization.slug
        label = f"Organization: {filters.organization.name}"
        chips.append(Chip("organization", label, slug, filters.url_without("organization", slug)))
    return chips
