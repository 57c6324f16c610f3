"""Staff publishing: the release form with its ordered parts, the list with its
actions, and the people, organizations and topics the form picks from.

Writers draft; only users with `releases.publish_release` (the Editor group)
publish, schedule, withdraw, back-date or delete. A Writer sees a release that
has left the draft state read-only, since any edit to it would reach readers.
"""

from releases import history  # noqa: F401  (registers the models with django-reversion first)
from releases.admin import branding
from releases.admin.contacts import ContactAdmin, SiteSettingsAdmin
from releases.admin.directory import OrganizationAdmin, PersonAdmin, TopicAdmin
from releases.admin.import_text import ReleaseFromTextAdmin
from releases.admin.release import ReleaseAdmin

branding.apply()

__all__ = [
    "ContactAdmin",
    "OrganizationAdmin",
    "PersonAdmin",
    "ReleaseAdmin",
    "ReleaseFromTextAdmin",
    "SiteSettingsAdmin",
    "TopicAdmin",
]
